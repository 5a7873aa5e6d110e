"""Coordinators add organisations, NGOs with the provinces they work in, and cities in their regions."""

from __future__ import annotations

from conftest import post_form
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.organisations.models import Organisation, OrganisationKind
from tracker.places.models import Place, PlaceKind

NEW = "/manage/organisations/new"
NEW_CITY = "/manage/cities/new"


def organisation_named(app, name: str) -> Organisation | None:
    with app.app_context():
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
        if organisation is not None:
            organisation.work_area_codes = sorted(place.code for place in organisation.work_areas)
            db.session.expunge(organisation)
        return organisation


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)))


def place_codes(app) -> set[str]:
    with app.app_context():
        return {place.slug for place in db.session.scalars(select(Place))}


def test_coordinator_creates_an_ngo_with_its_work_areas(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    page = client.get(NEW).get_data(as_text=True)
    assert 'value="KH-13"' in page and "KH-22 · Oddar Meanchey" in page  # Cambodia's provinces are offered
    response = post_form(client, NEW, {"name": "Aide Preah Vihear", "kind": "ngo", "city": str(world.paris_id),
                                       "work_areas": ["KH-22"], "work_area_codes": "kh-13, KH-1"})
    assert response.status_code == 302
    ngo = organisation_named(app, "Aide Preah Vihear")
    assert ngo.kind is OrganisationKind.NGO and ngo.city_id == world.paris_id
    assert ngo.work_area_codes == ["KH-1", "KH-13", "KH-22"]
    listing = client.get("/manage/organisations/").get_data(as_text=True)
    assert "Aide Preah Vihear" in listing and "Preah Vihear" in listing


def test_association_keeps_no_work_areas(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    response = post_form(client, NEW, {"name": "Association des étudiants khmers", "kind": "student_group",
                                       "city": str(world.paris_id), "work_areas": ["KH-22"]})
    assert response.status_code == 302
    organisation = organisation_named(app, "Association des étudiants khmers")
    assert organisation.kind is OrganisationKind.STUDENT_GROUP and organisation.work_area_codes == []


def test_unknown_province_code_is_refused_and_nothing_stored(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    before_places, before = place_codes(app), count(app, Organisation)
    response = post_form(client, NEW, {"name": "Aide Preah Vihear", "kind": "ngo", "city": str(world.paris_id),
                                       "work_area_codes": "KH-13, KH-99"})
    assert response.status_code == 400
    assert "“KH-99” is not an ISO 3166-2 subdivision code" in response.get_data(as_text=True)
    assert count(app, Organisation) == before and place_codes(app) == before_places


def test_duplicate_name_and_foreign_city_are_refused(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    before = count(app, Organisation)
    response = post_form(client, NEW, {"name": "Comité  Khmer de Lyon", "kind": "association",
                                       "city": str(world.paris_id)})
    assert response.status_code == 400
    assert "An organisation called “Comité Khmer de Lyon” already exists." in response.get_data(as_text=True)
    response = post_form(client, NEW, {"name": "Oakland Khmer", "kind": "association",
                                       "city": str(world.san_jose_id)})
    assert response.status_code == 400
    assert "San Jose is not in your regions." in response.get_data(as_text=True)
    assert count(app, Organisation) == before


def test_coordinator_edits_an_organisation_of_their_region(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    url = f"/manage/organisations/{world.federation_id}/edit"
    assert 'value="Fédération France-Khmer IDF"' in client.get(url).get_data(as_text=True)
    response = post_form(client, url, {"name": "Fédération France-Khmer Île-de-France", "kind": "association",
                                       "city": str(world.paris_id)})
    assert response.status_code == 302
    assert organisation_named(app, "Fédération France-Khmer Île-de-France").id == world.federation_id


def test_organisation_outside_the_region_is_forbidden(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    url = f"/manage/organisations/{world.san_jose_association_id}/edit"
    assert client.get(url).status_code == 403
    response = post_form(client, url, {"name": "Renamed", "kind": "association", "city": str(world.paris_id)},
                         form_url=NEW)
    assert response.status_code == 403
    assert organisation_named(app, "Renamed") is None


def test_admin_adds_an_ngo_based_in_cambodia(app, client, auth, world):
    auth.login(world.emails["admin"])
    samraong = next(line for line in client.get(NEW).get_data(as_text=True).splitlines() if "Samraong" in line)
    assert "Samraong (KH-22)" in samraong
    with app.app_context():
        city_id = db.session.scalar(select(Place.id).where(Place.code == "samraong"))
    response = post_form(client, NEW, {"name": "Banteay Relief", "kind": "ngo", "city": str(city_id),
                                       "work_areas": ["KH-22", "KH-1"]})
    assert response.status_code == 302
    assert organisation_named(app, "Banteay Relief").work_area_codes == ["KH-1", "KH-22"]


def test_coordinator_adds_a_city_in_their_subdivision(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    response = post_form(client, NEW_CITY, {"subdivision": "fr-idf", "name": "  Créteil "})
    assert response.status_code == 302
    with app.app_context():
        city = db.session.scalar(select(Place).where(Place.code == "creteil"))
        assert (city.kind, city.name, city.subdivision_code, city.country_code) == (
            PlaceKind.CITY, "Créteil", "FR-IDF", "FR")
        assert city.parent.code == "FR-IDF"
        city_id = city.id
    assert f'<option value="{city_id}">Créteil (FR-IDF)</option>' in client.get(NEW).get_data(as_text=True)


def test_coordinator_cannot_add_a_city_outside_their_regions(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    before = place_codes(app)
    response = post_form(client, NEW_CITY, {"subdivision": "US-CA", "name": "Oakland"})
    assert response.status_code == 403
    assert "You do not coordinate California (US-CA)" in response.get_data(as_text=True)
    response = post_form(client, NEW_CITY, {"subdivision": "US-NY", "name": "New York"})
    assert response.status_code == 403
    assert place_codes(app) == before  # not even the subdivision US-NY


def test_city_refusals_say_what_is_wrong(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    before = place_codes(app)
    response = post_form(client, NEW_CITY, {"subdivision": "FR-XYZ", "name": "Nowhere"})
    assert response.status_code == 400
    assert "“FR-XYZ” is not an ISO 3166-2 subdivision code" in response.get_data(as_text=True)
    response = post_form(client, NEW_CITY, {"subdivision": "FR-IDF", "name": "   "})
    assert response.status_code == 400
    assert "Enter the city&#39;s name." in response.get_data(as_text=True)
    assert place_codes(app) == before


def test_volunteers_and_visitors_cannot_manage_organisations(client, auth, world):
    for url in ("/manage/organisations/", NEW, NEW_CITY):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    auth.login(world.emails["volunteer"])
    for url in ("/manage/organisations/", NEW, NEW_CITY, f"/manage/organisations/{world.federation_id}/edit"):
        assert client.get(url).status_code == 403
