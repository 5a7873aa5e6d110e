"""Errors get a proper page in the user's language, and never a stack trace."""


def test_unknown_address_gets_the_404_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "There is nothing at this address." in response.get_data(as_text=True)


def test_404_page_speaks_the_browser_language(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert "Il n’y a rien à cette adresse." in response.get_data(as_text=True)
    response = client.get("/no-such-page", headers={"Accept-Language": "km"})
    assert "មិនមានអ្វីនៅអាសយដ្ឋាននេះទេ។" in response.get_data(as_text=True)


def test_language_chosen_in_the_menu_is_remembered(client):
    client.get("/login?lang=km")
    response = client.get("/no-such-page")
    assert "មិនមានអ្វីនៅអាសយដ្ឋាននេះទេ។" in response.get_data(as_text=True)


def test_a_crash_shows_the_500_page_without_any_internals(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/crash-for-test")
    def crash():
        raise RuntimeError("database password is hunter2")

    response = app.test_client().get("/crash-for-test")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side." in body
    assert "hunter2" not in body and "Traceback" not in body and "RuntimeError" not in body


def test_wrong_method_gets_the_405_page(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert "This page cannot be used that way." in response.get_data(as_text=True)


def test_when_the_commit_fails_nothing_claims_the_gift_was_recorded(app, client, auth, world, monkeypatch):
    """The database refuses the commit (disk full, connection lost): the volunteer sees that nothing
    was saved, and no receipt code for a gift that does not exist, then or on the next page."""
    from conftest import post_form
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from tracker.donations.models import Donation
    from tracker.extensions import db

    auth.login(world.emails["volunteer"])
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, not the exception

    def refuse(_session):
        raise OSError("disk full")

    monkeypatch.setattr(Session, "commit", refuse)
    response = post_form(client, "/donations/new", {
        "campaign": str(world.paris_campaign_id), "kind": "money", "amount": "100", "currency": "EUR",
        "received_on": "2025-07-26", "method": "cash", "status": "received"})
    monkeypatch.undo()
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Nothing you entered was saved" in page
    assert "Gift recorded" not in page and "Receipt code" not in page
    assert "Gift recorded" not in client.get("/donations/mine").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Donation.id))) == 0
