"""Coordinators create and edit campaigns in their regions; everything else is refused, and nothing stored."""

from __future__ import annotations

import datetime as dt

from conftest import post_form
from sqlalchemy import func, select

from tracker import money
from tracker.campaigns.models import Campaign, CampaignStatus
from tracker.extensions import db
from tracker.organisations import services as organisations
from tracker.organisations.models import OrganisationKind
from tracker.places import services as places

NEW = "/manage/campaigns/new"


def campaign_form(world, **changes) -> dict:
    data = {
        "name": "Médicaments pour Oddar Meanchey",
        "organisation": str(world.federation_id),
        "city": str(world.paris_id),
        "kind": "medicine_drive",
        "currency": "EUR",
        "goal": "12 500,50",
        "starts_on": "2025-07-26",
        "ends_on": "2025-08-31",
        "status": "active",
        "description": "Collecte de médicaments.",
        "is_public": "y",
        "source_note": "",
        "recipients-0-ngo": str(world.ngo_id),
        "recipients-0-share": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def campaign_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Campaign.id)))


def second_ngo(app, world) -> int:
    from tracker.accounts import services as accounts

    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        ngo = organisations.create_organisation(admin, "Preah Vihear Aid", OrganisationKind.NGO,
                                                places.ensure_city("KH-13", "Tbeng Meanchey"))
        db.session.commit()
        return ngo.id


def test_coordinator_creates_a_campaign_in_their_region(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    response = post_form(client, NEW, campaign_form(world))
    assert response.status_code == 302
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.name == "Médicaments pour Oddar Meanchey"))
        assert campaign.goal_minor == money.to_minor(money.parse_amount("12 500,50", "EUR"), "EUR") == 1250050
        assert campaign.city_id == world.paris_id and campaign.organisation_id == world.federation_id
        assert campaign.status is CampaignStatus.ACTIVE
        assert (campaign.starts_on, campaign.ends_on) == (dt.date(2025, 7, 26), dt.date(2025, 8, 31))
        assert [(r.ngo_id, r.share_basis_points) for r in campaign.recipients] == [(world.ngo_id, None)]
    listing = client.get("/manage/campaigns/").get_data(as_text=True)
    assert "Médicaments pour Oddar Meanchey" in listing
    assert money.format_minor(1250050, "EUR", "en") in listing


def test_goal_in_riels_is_stored_in_whole_riels(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    response = post_form(client, NEW, campaign_form(world, name="Riels", currency="khr", goal="4 000 000"))
    assert response.status_code == 302
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.name == "Riels"))
        assert (campaign.currency, campaign.goal_minor) == ("KHR", 4_000_000)


def test_campaign_outside_the_coordinators_region_is_refused(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    before = campaign_count(app)
    response = post_form(client, NEW, campaign_form(world, city=str(world.san_jose_id)))
    assert response.status_code == 400
    assert "San Jose is not in your regions." in response.get_data(as_text=True)
    assert campaign_count(app) == before


def test_organiser_outside_the_region_is_refused(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    before = campaign_count(app)
    response = post_form(client, NEW, campaign_form(world, organisation=str(world.lyon_committee_id)))
    assert response.status_code == 400
    assert "Comité Khmer de Lyon is not in your regions" in response.get_data(as_text=True)
    assert campaign_count(app) == before


def test_city_select_offers_only_the_coordinators_cities(client, auth, world):
    auth.login(world.emails["coordinator"])
    page = client.get(NEW).get_data(as_text=True)
    assert f'<option value="{world.paris_id}">Paris (FR-IDF)</option>' in page
    assert "San Jose (US-CA)" not in page


def test_shares_that_do_not_total_100_are_refused(app, client, auth, world):
    other = second_ngo(app, world)
    auth.login(world.emails["coordinator"])
    before = campaign_count(app)
    response = post_form(client, NEW, campaign_form(
        world, **{"recipients-0-share": "60", "recipients-1-ngo": str(other), "recipients-1-share": "30"}))
    assert response.status_code == 400
    assert "make the shares total 100 %" in response.get_data(as_text=True)
    assert campaign_count(app) == before


def test_shares_totalling_100_are_stored_in_basis_points(app, client, auth, world):
    other = second_ngo(app, world)
    auth.login(world.emails["coordinator"])
    response = post_form(client, NEW, campaign_form(
        world, **{"recipients-0-share": "62,5", "recipients-1-ngo": str(other), "recipients-1-share": "37.5 %"}))
    assert response.status_code == 302
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.name == "Médicaments pour Oddar Meanchey"))
        assert sorted((r.ngo_id, r.share_basis_points) for r in campaign.recipients) == sorted(
            [(world.ngo_id, 6250), (other, 3750)])


def test_refusals_name_the_field_in_french(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    client.get("/?lang=fr")
    response = post_form(client, NEW, campaign_form(world, goal="12,345", ends_on="2025-07-01"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<p class="error" id="goal-error" role="alert">« 12,345 » est ambigu' in page
    assert campaign_count(app) == 2


def test_end_before_start_and_bad_currency_are_refused(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    response = post_form(client, NEW, campaign_form(world, ends_on="2025-07-01"))
    assert response.status_code == 400
    assert "The campaign cannot end before it starts." in response.get_data(as_text=True)
    response = post_form(client, NEW, campaign_form(world, currency="EUX"))
    assert response.status_code == 400
    assert "“EUX” is not an ISO 4217 currency code." in response.get_data(as_text=True)
    response = post_form(client, NEW, campaign_form(world, starts_on="25/07/2025"))
    assert response.status_code == 400
    assert "Not a valid date value." in response.get_data(as_text=True)
    assert campaign_count(app) == 2


def test_coordinator_edits_a_campaign_of_their_region(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    url = f"/manage/campaigns/{world.paris_campaign_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="Solidarité frontière"' in page and 'value="80000.00"' in page
    response = post_form(client, url, campaign_form(world, name="Solidarité frontière", goal="90 000",
                                                    status="closed", kind="online_fundraiser"))
    assert response.status_code == 302
    with app.app_context():
        campaign = db.session.get(Campaign, world.paris_campaign_id)
        assert (campaign.goal_minor, campaign.status) == (9_000_000, CampaignStatus.CLOSED)


def test_campaign_outside_the_region_cannot_be_opened_or_changed(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    url = f"/manage/campaigns/{world.san_jose_campaign_id}/edit"
    assert client.get(url).status_code == 403
    response = post_form(client, url, campaign_form(world, city=str(world.paris_id)),
                         form_url=f"/manage/campaigns/{world.paris_campaign_id}/edit")
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Campaign, world.san_jose_campaign_id).city_id == world.san_jose_id


def test_list_shows_each_user_the_campaigns_they_manage(client, auth, world):
    auth.login(world.emails["coordinator"])
    page = client.get("/manage/campaigns/").get_data(as_text=True)
    assert "Solidarité frontière" in page and "San Jose for O&#39;Smach" not in page
    auth.logout()
    auth.login(world.emails["admin"])
    page = client.get("/manage/campaigns/").get_data(as_text=True)
    assert "Solidarité frontière" in page and "San Jose for O&#39;Smach" in page


def test_volunteers_and_visitors_are_kept_out(client, auth, world):
    response = client.get("/manage/campaigns/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    auth.login(world.emails["volunteer"])
    assert client.get("/manage/campaigns/").status_code == 403
    assert client.get(NEW).status_code == 403
    assert client.get(f"/manage/campaigns/{world.paris_campaign_id}/edit").status_code == 403


def test_unknown_campaign_is_not_found(client, auth, world):
    auth.login(world.emails["admin"])
    assert client.get("/manage/campaigns/999999/edit").status_code == 404


def test_new_city_appears_in_the_campaign_form(app, client, auth, world):
    with app.app_context():
        places.ensure_city("FR-IDF", "Créteil")
        db.session.commit()
    auth.login(world.emails["coordinator"])
    assert "Créteil (FR-IDF)" in client.get(NEW).get_data(as_text=True)
