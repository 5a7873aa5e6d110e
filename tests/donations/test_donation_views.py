"""The donation pages through the test client: what a volunteer or coordinator sees, and what is stored."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

import pytest
from conftest import csrf_token, post_form
from markupsafe import escape
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker import money
from tracker.dashboards import services as dashboards
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.rollups.models import DonationCell, InKindCell
from tracker.extensions import db

DAY = dt.date(2025, 7, 26)
SUBMISSION_KEY = re.compile(r'<input[^>]*name="submission_key"[^>]*value="([0-9a-f]+)"')
SELECTED_CAMPAIGN = re.compile(r'<select[^>]*name="campaign"[^>]*>.*?<option selected value="(\d+)"', re.S)


def gift(world, **overrides) -> dict:
    data = {"campaign": str(world.paris_campaign_id), "kind": "money", "amount": "80 000,00", "currency": "EUR",
            "received_on": DAY.isoformat(), "method": "cash", "status": "received"}
    data.update(overrides)
    return data


def draw_form(client, url: str = "/donations/new") -> tuple[str, dict]:
    """The form page, and the hidden values a browser would send back with it."""
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    key = SUBMISSION_KEY.search(html)
    assert key, "the form has no submission key"
    return html, {"csrf_token": csrf_token(client, url), "submission_key": key.group(1)}


def log_gift(client, data: dict, url: str = "/donations/new"):
    _html, hidden = draw_form(client, url)
    return client.post(url, data={**hidden, **data})


def donation_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Donation))


def only_donation(app) -> Donation:
    with app.app_context():
        donations = list(db.session.scalars(select(Donation).options(selectinload(Donation.revisions))))
        assert len(donations) == 1
        db.session.expunge_all()
        return donations[0]


def cell(app, campaign_id, day, currency="EUR", kind=GiftKind.MONEY, status=DonationStatus.RECEIVED,
         method=Method.CASH) -> tuple[int, int]:
    """(gift_count, amount_minor) of one rollup cell, zeros if it does not exist."""
    with app.app_context():
        row = db.session.get(DonationCell, (campaign_id, day, currency, kind, status, method))
        return (row.gift_count, row.amount_minor) if row else (0, 0)


def counted_total(app, campaign_id) -> int:
    with app.app_context():
        from tracker.campaigns import services as campaigns

        return dashboards.campaign_totals(campaigns.get(campaign_id)).amount_minor


def field_error(html: str, field: str, message: str) -> bool:
    """The message is shown next to the field it is about."""
    return f'id="{field}-error" role="alert">{escape(message)}</p>' in html


# --- Logging -------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get("/donations/new")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_volunteer_logs_a_money_gift(app, client, auth, world):
    auth.login(world.emails["volunteer"])

    response = log_gift(client, gift(world, amount="80 000,00"))

    assert response.status_code == 303
    donation = only_donation(app)
    assert (donation.amount_minor, donation.currency) == (8_000_000, "EUR")
    assert donation.status is DonationStatus.RECEIVED and donation.received_on == DAY
    assert response.headers["Location"].endswith(f"/donations/{donation.id}/receipt")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Gift recorded." in page
    assert f"<code>{donation.receipt_code}</code>" in page
    assert money.format_minor(8_000_000, "EUR", "en") in page
    assert f'href="/donations/new?campaign={world.paris_campaign_id}">Log another gift' in page
    assert cell(app, world.paris_campaign_id, DAY) == (1, 8_000_000)


def test_the_last_campaign_used_is_preselected(app, client, auth, world):
    auth.login(world.emails["admin"])  # the admin may log for both campaigns
    html, _hidden = draw_form(client)
    assert SELECTED_CAMPAIGN.search(html) is None

    response = log_gift(client, gift(world, campaign=str(world.san_jose_campaign_id), amount="1,058.09",
                                     currency="USD"))

    assert response.status_code == 303
    donation = only_donation(app)
    assert (donation.amount_minor, donation.currency) == (105_809, "USD")
    assert cell(app, world.san_jose_campaign_id, DAY, "USD") == (1, 105_809)
    html, _hidden = draw_form(client)
    assert SELECTED_CAMPAIGN.search(html).group(1) == str(world.san_jose_campaign_id)
    html, _hidden = draw_form(client, f"/donations/new?campaign={world.paris_campaign_id}")
    assert SELECTED_CAMPAIGN.search(html).group(1) == str(world.paris_campaign_id)


def test_blank_currency_means_the_campaigns_and_any_iso_code_is_accepted(app, client, auth, world):
    auth.login(world.emails["admin"])
    assert log_gift(client, gift(world, campaign=str(world.san_jose_campaign_id), amount="250",
                                 currency="")).status_code == 303
    assert log_gift(client, gift(world, amount="1 500", currency="sek")).status_code == 303
    with app.app_context():
        stored = sorted(db.session.execute(select(Donation.currency, Donation.amount_minor)).all())
    assert stored == [("SEK", 150_000), ("USD", 25_000)]


def test_in_kind_gift_is_stored_and_counted_by_item(app, client, auth, world):
    auth.login(world.emails["volunteer"])

    first = log_gift(client, gift(world, kind="in_kind", amount="", item="Rice", quantity="50", unit="bags"))
    second = log_gift(client, gift(world, kind="in_kind", amount="120,50", item=" rice ", quantity="10",
                                   unit="Bags", status="pledged"))

    assert (first.status_code, second.status_code) == (303, 303)
    with app.app_context():
        rows = db.session.execute(select(Donation.kind, Donation.item, Donation.quantity, Donation.unit,
                                         Donation.amount_minor, Donation.status).order_by(Donation.id)).all()
        in_kind = {(c.item, c.unit, c.status): (c.gift_count, c.quantity) for c in db.session.scalars(
            select(InKindCell))}
    assert rows == [(GiftKind.IN_KIND, "Rice", 50, "bags", 0, DonationStatus.RECEIVED),
                    (GiftKind.IN_KIND, "rice", 10, "Bags", 12_050, DonationStatus.PLEDGED)]
    assert in_kind == {("rice", "bags", DonationStatus.RECEIVED): (1, 50),
                       ("rice", "bags", DonationStatus.PLEDGED): (1, 10)}
    assert cell(app, world.paris_campaign_id, DAY, kind=GiftKind.IN_KIND, status=DonationStatus.PLEDGED) == (1, 12_050)


def test_in_kind_gift_needs_an_item_and_a_quantity(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    response = log_gift(client, gift(world, kind="in_kind", amount="", item="", quantity="lots"))
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "item", "Say what was given, for example rice or blankets.")
    response = log_gift(client, gift(world, kind="in_kind", amount="", item="Blankets", quantity="lots"))
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "quantity", "Enter a whole quantity from 1 to 1,000,000.")
    assert donation_count(app) == 0


FUTURE_DAY = dt.date(2027, 1, 15)
REFUSALS = [
    ({"amount": "-5"}, "amount", "The amount must be more than zero."),
    ({"amount": "0"}, "amount", "The amount must be more than zero."),
    ({"amount": "0,00"}, "amount", "The amount must be more than zero."),
    ({"amount": "abc"}, "amount", "“abc” is not an amount: use digits, with a comma or a point before the cents."),
    ({"amount": ""}, "amount", "Enter an amount."),
    ({"amount": "10.0015"}, "amount", "EUR amounts have at most 2 decimal places."),
    ({"amount": "1,234.567"}, "amount", "EUR amounts have at most 2 decimal places."),
    # Three digits after a single separator could be thousands: the volunteer is asked, not guessed for.
    ({"amount": "10.001"}, "amount", "“10.001” is ambiguous: write 10001 for thousands, or 10.00 with two decimals."),
    ({"amount": "12,5", "currency": "JPY"}, "amount", "JPY amounts have at most 0 decimal places."),
    ({"amount": "999 999 999 999 999"}, "amount",
     "“999 999 999 999 999” is far larger than any single gift: check the amount."),
    ({"amount": "20 000 000"}, "amount", "“20 000 000” is far larger than any single gift: check the amount."),
    ({"amount": "1,234"}, "amount", "“1,234” is ambiguous: write 1234 for thousands, or 1.23 with two decimals."),
    ({"amount": "1,23,456"}, "amount",
     "“1,23,456” has misplaced thousands separators: groups of three digits are expected."),
    ({"currency": "XYZ"}, "currency", "“XYZ” is not an ISO 4217 currency code."),
    ({"received_on": FUTURE_DAY.isoformat()}, "received_on",
     f"{FUTURE_DAY.isoformat()} is in the future: enter the day the gift was received or promised."),
    ({"received_on": "1998-12-31"}, "received_on",
     "1998-12-31 is too early: gifts can be recorded from 4 January 1999."),
    ({"received_on": ""}, "received_on", "Enter the day the gift was received or promised."),
    ({"received_on": "26/07/2025"}, "received_on", "Enter the date as a calendar date (year-month-day)."),
    ({"campaign": ""}, "campaign", "Choose a campaign."),
    ({"status": "verified"}, "status", "A new gift is either received or pledged."),
    ({"method": "barter"}, "method", "Choose one of the options offered."),
    ({"donor_name": "x" * 201}, "donor_name", "The donor's name or contact is too long."),
]


@pytest.mark.parametrize(("overrides", "field", "message"), REFUSALS, ids=[r[2][:40] for r in REFUSALS])
def test_bad_input_is_refused_next_to_its_field(app, client, auth, world, overrides, field, message):
    auth.login(world.emails["volunteer"])

    response = log_gift(client, gift(world, **overrides))

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert field_error(html, field, message), html
    assert donation_count(app) == 0
    # What was typed is kept, so that only the mistake needs fixing.
    for name, value in overrides.items():
        if name not in ("campaign", "status", "method", "currency") and value:
            assert f'value="{escape(value)}"' in html


def test_refusal_in_french(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    response = log_gift(client, gift(world, amount="abc"), url="/donations/new?lang=fr")
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "amount",
                       "« abc » n’est pas un montant : utilisez des chiffres, avec une virgule ou un point avant les "
                       "centimes.")
    # The choice is remembered in a cookie, and the field labels are French too.
    response = log_gift(client, gift(world, received_on=FUTURE_DAY.isoformat()))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_error(html, "received_on", f"{FUTURE_DAY.isoformat()} est dans le futur : saisissez le jour où le "
                                            "don a été reçu ou promis.")
    assert ">Montant</label>" in html
    assert donation_count(app) == 0


def test_another_organisations_campaign_is_refused(app, client, auth, world):
    auth.login(world.emails["other_volunteer"])  # the Lyon committee has no campaign: no form is offered
    page = client.get("/donations/new").get_data(as_text=True)
    assert "There is no active campaign you can log gifts for." in page
    assert 'name="amount"' not in page
    # A request made by hand, with a valid token, is still refused.
    token = csrf_token(client, "/donations/mine")

    response = client.post("/donations/new", data={**gift(world, campaign=str(world.paris_campaign_id)),
                                                   "csrf_token": token, "submission_key": uuid.uuid4().hex})

    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "campaign",
                       "You cannot log gifts for the campaign “Solidarité frontière”.")
    assert donation_count(app) == 0


def test_an_unknown_campaign_id_is_refused(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    response = log_gift(client, gift(world, campaign="987654"))
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "campaign", "Choose a campaign.")
    assert donation_count(app) == 0


@pytest.mark.parametrize(("url", "message"), [
    ("/donations/new", "This form has expired or was not sent from this site. Reload the page and try again."),
    ("/donations/new?lang=fr",
     "Ce formulaire a expiré ou n’a pas été envoyé depuis ce site. Rechargez la page et réessayez."),
])
def test_a_form_without_its_csrf_token_is_refused(app, client, auth, world, url, message):
    auth.login(world.emails["volunteer"])
    _html, hidden = draw_form(client, url)

    response = client.post(url, data={**gift(world), "submission_key": hidden["submission_key"]})

    assert response.status_code == 400
    assert str(escape(message)) in response.get_data(as_text=True)
    assert donation_count(app) == 0


def test_a_ten_megabyte_field_is_refused(app, client, auth, world):
    auth.login(world.emails["volunteer"])

    response = log_gift(client, gift(world, donor_name="x" * (10 * 1024 * 1024)))

    assert response.status_code == 413
    assert "What was sent is too large." in response.get_data(as_text=True)
    assert donation_count(app) == 0


def test_the_same_form_sent_twice_stores_one_gift(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    _html, hidden = draw_form(client)
    data = {**hidden, **gift(world, amount="45,50")}

    first = client.post("/donations/new", data=data)
    second = client.post("/donations/new", data=data)

    assert (first.status_code, second.status_code) == (303, 303)
    assert first.headers["Location"] == second.headers["Location"]
    assert "This gift was already recorded." in client.get(second.headers["Location"]).get_data(as_text=True)
    assert donation_count(app) == 1
    assert cell(app, world.paris_campaign_id, DAY) == (1, 4_550)


def test_the_same_gift_typed_from_two_forms_is_held_until_the_volunteer_says_it_is_another(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    first = log_gift(client, gift(world, amount="500", method="bank_transfer", donor_name="Sokha Chan"))
    assert first.status_code == 303
    first_id = only_donation(app).id

    # A second phone at the same event: the same gift, typed again from a form of its own.
    again = log_gift(client, gift(world, amount="500,00", method="bank_transfer", donor_name="  sokha  CHAN "))
    html = again.get_data(as_text=True)
    assert again.status_code == 400
    assert f"Gift #{first_id}, logged by Vanna, has the same amount, day, method and donor" in html
    assert 'name="another_gift"' in html
    assert donation_count(app) == 1
    assert cell(app, world.paris_campaign_id, DAY, method=Method.BANK_TRANSFER) == (1, 50_000)

    # Another donor, another day or another amount is no repeat.
    assert log_gift(client, gift(world, amount="500", method="bank_transfer", donor_name="Dara")).status_code == 303
    assert log_gift(client, gift(world, amount="500", method="bank_transfer", donor_name="Sokha Chan",
                                 received_on=(DAY + dt.timedelta(days=1)).isoformat())).status_code == 303
    assert donation_count(app) == 3

    # Said to be another gift: stored, and counted.
    confirmed = log_gift(client, gift(world, amount="500", method="bank_transfer", donor_name="Sokha Chan",
                                      another_gift="y"))
    assert confirmed.status_code == 303
    assert donation_count(app) == 4
    assert cell(app, world.paris_campaign_id, DAY, method=Method.BANK_TRANSFER) == (3, 150_000)


def test_gifts_without_a_donor_are_never_held_as_repeats(app, client, auth, world):
    """At an event, many people give the same €5 in cash and leave no name: each is another gift."""
    auth.login(world.emails["volunteer"])
    for _ in range(3):
        assert log_gift(client, gift(world, amount="5")).status_code == 303
    assert donation_count(app) == 3


def test_a_gift_typed_twice_is_pointed_out_in_french(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    assert log_gift(client, gift(world, amount="20", donor_name="Lina")).status_code == 303
    again = log_gift(client, gift(world, amount="20", donor_name="Lina"), url="/donations/new?lang=fr")
    html = again.get_data(as_text=True)
    assert again.status_code == 400
    assert "c’est peut-être le même don saisi deux fois" in html
    assert "C’est un autre don : l’enregistrer aussi" in html
    assert donation_count(app) == 1


def test_a_refused_form_keeps_its_key_and_stores_once_corrected(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    _html, hidden = draw_form(client)
    refused = client.post("/donations/new", data={**hidden, **gift(world, amount="1,234")})
    assert refused.status_code == 400
    assert f'value="{hidden["submission_key"]}"' in refused.get_data(as_text=True)

    stored = client.post("/donations/new", data={**hidden, **gift(world, amount="1234")})

    assert stored.status_code == 303
    assert only_donation(app).amount_minor == 123_400


# --- Listing and detail ------------------------------------------------------------------------


def test_my_entries_lists_my_gifts_with_their_actions(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="12,00"))
    log_gift(client, gift(world, amount="30,00", status="pledged"))
    with app.app_context():
        ids = list(db.session.scalars(select(Donation.id).order_by(Donation.id)))

    page = client.get("/donations/mine")

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert money.format_minor(1_200, "EUR", "en") in html and money.format_minor(3_000, "EUR", "en") in html
    assert "Pledged" in html and "Solidarité frontière" in html
    for donation_id in ids:
        assert f'href="/donations/{donation_id}/edit"' in html
        assert f'href="/donations/{donation_id}/void"' in html
    # Someone else's list does not show them.
    auth.logout()
    auth.login(world.emails["other_volunteer"])
    assert money.format_minor(1_200, "EUR", "en") not in client.get("/donations/mine").get_data(as_text=True)


def test_detail_is_for_the_organisation_and_its_coordinators_only(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, donor_name="Sok Chea", donor_contact="+33 6 12 34 56 78"))
    donation_id = only_donation(app).id
    url = f"/donations/{donation_id}"
    assert "Sok Chea" in client.get(url).get_data(as_text=True)
    auth.logout()

    auth.login(world.emails["coordinator"])
    page = client.get(url).get_data(as_text=True)
    assert "Sok Chea" in page and "+33 6 12 34 56 78" in page
    auth.logout()

    for who in ("other_volunteer", "coordinator_elsewhere"):
        auth.login(world.emails[who])
        response = client.get(url)
        assert response.status_code == 403
        assert "Sok Chea" not in response.get_data(as_text=True)
        auth.logout()
    auth.login(world.emails["admin"])
    assert client.get("/donations/999999").status_code == 404


# --- Correcting, voiding, verifying ------------------------------------------------------------


def test_correction_keeps_the_original_and_moves_the_cells(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="100,00"))
    log_gift(client, gift(world, amount="30,00"))
    with app.app_context():
        first_id = db.session.scalar(select(func.min(Donation.id)))
    new_day = DAY + dt.timedelta(days=1)
    assert cell(app, world.paris_campaign_id, DAY) == (2, 13_000)

    response = post_form(client, f"/donations/{first_id}/edit",
                         gift(world, amount="150,00", received_on=new_day.isoformat(), method="bank_transfer",
                              reason="The envelope held 150 euros"))

    assert response.status_code == 303
    with app.app_context():
        donation = db.session.get(Donation, first_id)
        assert (donation.amount_minor, donation.received_on, donation.method) == (15_000, new_day,
                                                                                  Method.BANK_TRANSFER)
        [revision] = donation.revisions
        before = json.loads(revision.snapshot)
        assert (before["amount_minor"], before["received_on"], before["method"]) == (10_000, DAY.isoformat(), "cash")
        assert revision.reason == "The envelope held 150 euros"
    assert cell(app, world.paris_campaign_id, DAY) == (1, 3_000)
    assert cell(app, world.paris_campaign_id, new_day, method=Method.BANK_TRANSFER) == (1, 15_000)
    page = client.get(f"/donations/{first_id}").get_data(as_text=True)
    assert "The envelope held 150 euros" in page
    assert money.format_minor(10_000, "EUR", "en") in page and money.format_minor(15_000, "EUR", "en") in page


def test_correction_form_starts_from_the_stored_values(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="1 058,09", donor_name="Sok Chea"))
    donation_id = only_donation(app).id
    html = client.get(f"/donations/{donation_id}/edit").get_data(as_text=True)
    assert 'value="1058.09"' in html and 'value="Sok Chea"' in html
    # Sent back unchanged but for the reason, it stores the same amount.
    response = post_form(client, f"/donations/{donation_id}/edit",
                         gift(world, amount="1058.09", donor_name="Sok Chea", reason="Checked"))
    assert response.status_code == 303
    assert only_donation(app).amount_minor == 105_809


def test_correction_without_a_reason_is_refused(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="100,00"))
    donation_id = only_donation(app).id

    response = post_form(client, f"/donations/{donation_id}/edit", gift(world, amount="150,00", reason="  "))

    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "reason", "Give the reason for this change.")
    donation = only_donation(app)
    assert donation.amount_minor == 10_000 and not donation.revisions
    assert cell(app, world.paris_campaign_id, DAY) == (1, 10_000)


def test_correction_with_a_bad_amount_changes_nothing(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="100,00"))
    donation_id = only_donation(app).id

    response = post_form(client, f"/donations/{donation_id}/edit", gift(world, amount="10,0015", reason="typo"))

    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "amount", "EUR amounts have at most 2 decimal places.")
    assert only_donation(app).amount_minor == 10_000


def test_void_with_a_reason_drops_the_gift_from_the_totals(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="100,00"))
    log_gift(client, gift(world, amount="30,00"))
    with app.app_context():
        first_id = db.session.scalar(select(func.min(Donation.id)))
    assert counted_total(app, world.paris_campaign_id) == 13_000
    assert client.get(f"/donations/{first_id}/void").status_code == 200

    response = post_form(client, f"/donations/{first_id}/void", {"reason": "Logged twice"},
                         form_url=f"/donations/{first_id}/void")

    assert response.status_code == 303
    with app.app_context():
        donation = db.session.get(Donation, first_id)
        assert (donation.status, donation.void_reason) == (DonationStatus.VOID, "Logged twice")
        assert json.loads(donation.revisions[0].snapshot)["status"] == "received"
    assert counted_total(app, world.paris_campaign_id) == 3_000
    assert cell(app, world.paris_campaign_id, DAY) == (1, 3_000)
    assert cell(app, world.paris_campaign_id, DAY, status=DonationStatus.VOID) == (1, 10_000)
    page = client.get(f"/donations/{first_id}").get_data(as_text=True)
    assert "Logged twice" in page and "Void" in page
    # A void entry cannot be changed again.
    assert client.get(f"/donations/{first_id}/edit").status_code == 403


def test_void_without_a_reason_is_refused(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="100,00"))
    donation_id = only_donation(app).id

    response = post_form(client, f"/donations/{donation_id}/void", {"reason": ""})
    too_long = post_form(client, f"/donations/{donation_id}/void", {"reason": "x" * 501})

    assert (response.status_code, too_long.status_code) == (400, 400)
    assert field_error(response.get_data(as_text=True), "reason", "Give the reason for this change.")
    assert field_error(too_long.get_data(as_text=True), "reason", "The reason is too long: 500 characters at most.")
    assert only_donation(app).status is DonationStatus.RECEIVED
    assert counted_total(app, world.paris_campaign_id) == 10_000


def test_volunteer_cannot_change_someone_elses_entry(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    log_gift(client, gift(world, amount="100,00"))
    donation_id = only_donation(app).id
    auth.logout()
    auth.login(world.emails["volunteer"])  # same organisation, but not their entry
    token = csrf_token(client, "/donations/new")

    assert client.get(f"/donations/{donation_id}/edit").status_code == 403
    edit = client.post(f"/donations/{donation_id}/edit",
                       data={**gift(world, amount="1,00", reason="mine now"), "csrf_token": token})
    void = client.post(f"/donations/{donation_id}/void", data={"reason": "gone", "csrf_token": token})
    verify = client.post(f"/donations/{donation_id}/verify", data={"status": "verified", "csrf_token": token})

    assert (edit.status_code, void.status_code, verify.status_code) == (403, 403, 403)
    assert "You do not have permission to see or do this." in edit.get_data(as_text=True)
    donation = only_donation(app)
    assert (donation.amount_minor, donation.status, donation.revisions) == (10_000, DonationStatus.RECEIVED, [])


def test_coordinator_verifies_and_marks_pledges_received(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="100,00"))
    log_gift(client, gift(world, amount="40,00", status="pledged"))
    with app.app_context():
        received_id, pledged_id = db.session.scalars(select(Donation.id).order_by(Donation.id)).all()
    auth.logout()
    auth.login(world.emails["coordinator"])

    detail = client.get(f"/donations/{received_id}").get_data(as_text=True)
    assert f'action="/donations/{received_id}/verify"' in detail
    verified = post_form(client, f"/donations/{received_id}/verify", {"status": "verified"},
                         form_url=f"/donations/{received_id}")
    assert verified.status_code == 303
    assert "The entry is verified." in client.get(verified.headers["Location"]).get_data(as_text=True)
    received = post_form(client, f"/donations/{pledged_id}/verify", {"status": "received"},
                         form_url=f"/donations/{pledged_id}")
    assert received.status_code == 303
    assert "The entry is marked as received." in client.get(received.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        first, second = db.session.get(Donation, received_id), db.session.get(Donation, pledged_id)
        assert first.status is DonationStatus.VERIFIED and first.verified_by.email == world.emails["coordinator"]
        assert second.status is DonationStatus.RECEIVED
    assert cell(app, world.paris_campaign_id, DAY, status=DonationStatus.VERIFIED) == (1, 10_000)
    assert cell(app, world.paris_campaign_id, DAY) == (1, 4_000)
    assert cell(app, world.paris_campaign_id, DAY, status=DonationStatus.PLEDGED) == (0, 0)
    assert counted_total(app, world.paris_campaign_id) == 14_000

    refused = post_form(client, f"/donations/{pledged_id}/verify", {"status": "void"},
                        form_url=f"/donations/{pledged_id}")
    assert refused.status_code == 400
    assert "Choose one of the options offered." in refused.get_data(as_text=True)
    assert only_status(app, pledged_id) is DonationStatus.RECEIVED


def only_status(app, donation_id) -> DonationStatus:
    with app.app_context():
        return db.session.get(Donation, donation_id).status


def test_coordinator_of_another_region_cannot_verify(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    log_gift(client, gift(world, amount="100,00"))
    donation_id = only_donation(app).id
    auth.logout()
    auth.login(world.emails["coordinator_elsewhere"])
    token = csrf_token(client, "/donations/new")

    response = client.post(f"/donations/{donation_id}/verify", data={"status": "verified", "csrf_token": token})

    assert response.status_code == 403
    assert only_status(app, donation_id) is DonationStatus.RECEIVED


def test_in_kind_gift_without_a_value_needs_no_exchange_rate(app, client, auth, world):
    # The ECB publishes no riel rate; a gift of rice with no estimated value has nothing to convert.
    auth.login(world.emails["volunteer"])

    response = log_gift(client, gift(world, kind="in_kind", amount="", currency="KHR", item="Rice", quantity="20",
                                     unit="bags"))

    assert response.status_code == 303
    donation = only_donation(app)
    assert (donation.kind, donation.amount_minor, donation.currency, donation.quantity) == (
        GiftKind.IN_KIND, 0, "KHR", 20)
    # With a value and no riel rate, it is stored all the same: its value waits for a rate.
    response = log_gift(client, gift(world, kind="in_kind", amount="40 000", currency="KHR", item="Rice",
                                     quantity="20", unit="bags"))
    assert response.status_code == 303
    assert donation_count(app) == 2
