"""Input no view can be asked to handle gets a 400 or 404 with the usual page, never a 500, and
changes nothing: undecodable remember cookies, numbers no database can hold, NUL characters,
malformed multipart bodies."""

from __future__ import annotations

import pytest
from test_route_permissions import GET_ROUTES, _state, targets  # noqa: F401 (a fixture)

from tracker.security import MAX_DATABASE_INTEGER


def test_a_remember_cookie_with_non_ascii_bytes_is_ignored_on_every_route(app, client, world, targets):  # noqa: F811
    for endpoint, url, _expected in GET_ROUTES + [("static", "/static/css/tracker.css", None)]:
        client.set_cookie("remember_token", "1:abc|d\xffe")
        response = client.get(url.format(**targets))
        assert response.status_code in (200, 302), endpoint
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login"), endpoint
        assert "remember_token=;" in " ".join(response.headers.getlist("Set-Cookie")), endpoint  # cleared


@pytest.mark.parametrize("number", [MAX_DATABASE_INTEGER + 1, 10**30])
@pytest.mark.parametrize("url", ["/campaigns/{n}", "/donations/{n}", "/donations/{n}/edit",
                                 "/manage/campaigns/{n}/edit", "/admin/users/{n}/edit"])
def test_an_id_too_large_for_any_database_names_nothing(app, client, auth, world, url, number):
    auth.login(world.emails["admin"])
    response = client.get(url.format(n=number))
    assert response.status_code == 404
    assert "There is nothing at this address." in response.get_data(as_text=True)


@pytest.mark.parametrize("where", ["login email", "region code", "query", "path"])
def test_a_nul_character_is_refused_with_a_400(app, client, auth, world, where):
    before = _state(app)
    if where == "login email":
        response = client.post("/login", data={"email": "admin@example.org\x00", "password": "x"})
    elif where == "region code":
        auth.login(world.emails["admin"])
        response = client.post("/manage/cities/new", data={"subdivision": "FR-IDF\x00", "name": "Cr\x00teil"})
    elif where == "query":
        response = client.get("/receipt?code=AAAA\x00")
    else:
        response = client.get("/regions/FR\x00")
    assert response.status_code == 400
    assert "The request could not be understood." in response.get_data(as_text=True)
    assert _state(app) == before


@pytest.mark.parametrize("part", [b'Content-Disposition: form-data\r\n\r\nvalue',
                                  b'Content-Disposition: form-data; filename="a.txt"\r\n\r\nvalue'])
def test_a_multipart_part_with_no_name_is_refused_with_a_400(app, client, part):
    body = b"--XX\r\n" + part + b"\r\n--XX--\r\n"
    for url in ("/login", "/donations/new"):
        response = client.post(url, data=body, content_type="multipart/form-data; boundary=XX")
        assert response.status_code == 400, url
