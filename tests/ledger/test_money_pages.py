"""Transfers, costs, pass-throughs and claims through the real pages: what each campaign's page and every
region's total show, who may see a proof, what the audit trail keeps, and refusals that store nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import csrf_token, post_form, shown_day
from dashboard_helpers import log_gift, page_text
from ledger_helpers import DAY, PDF, PNG, assert_refused, member, post_transfer, record_counts  # noqa: F401 (member: a fixture)
from sqlalchemy import select

from tracker import money
from tracker.accounts import services as accounts
from tracker.audit.models import AuditEvent
from tracker.campaigns import services as campaigns
from tracker.dashboards import services as dashboards
from tracker.extensions import db
from tracker.ledger.models import Transfer
from tracker.organisations import services as organisations
from tracker.places import services as places
from tracker.rollups import accounts as account_figures
from tracker.rollups import integrity


def test_a_members_gift_passed_to_the_federation_counts_once_everywhere(app, world, member, client, auth):
    log_gift(app, world.emails["admin"], member, "5000", "EUR", DAY)
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "2000", "EUR", DAY)
    auth.login(world.emails["other_volunteer"])  # a volunteer of the Lyon committee
    response = post_transfer(client, member, destination=f"campaign:{world.paris_campaign_id}", sent_amount="5000")
    assert response.status_code == 303, page_text(response)

    with app.app_context():
        assert integrity.check() == []
        for code in ("world", "FR", "FR-ARA", "FR-IDF"):
            region = places.world() if code == "world" else places.find_region(code)
            expected = {"world": 700000, "FR": 700000, "FR-ARA": 500000, "FR-IDF": 200000}[code]
            assert dashboards.region_totals(region, "EUR").amount_minor == expected, code
            assert account_figures.region_account(region.id, "EUR", public_only=False).raised_minor == expected
        lyon_city = account_figures.region_account(world.lyon_id, "EUR", public_only=False)
        assert (lyon_city.raised_minor, lyon_city.passed_out_minor, lyon_city.held_minor) == (500000, 500000, 0)
        world_account = account_figures.region_account(places.world().id, "EUR", public_only=False)
        assert world_account.held_minor == 700000  # still held, by the federation now: nothing new, nothing lost
        france = account_figures.region_account(places.find_region("FR").id, "EUR", public_only=False)
        # Both ends of the pass-through are in France: its net is what was raised, counted once.
        assert (france.net_minor, france.passed_in_minor, france.passed_out_minor, france.held_minor) == \
            (700000, 500000, 500000, 700000)

    auth.logout()
    member_page = page_text(client.get(f"/campaigns/{member}"))
    assert "passed on to “Solidarité frontière”" in member_page
    federation_page = page_text(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert "€5,000.00 passed on by Comité Khmer de Lyon" in federation_page
    assert 'id="account-raised">€2,000.00<' in federation_page
    assert 'id="account-passed-in">+ €5,000.00<' in federation_page
    assert 'id="account-held">€7,000.00<' in federation_page


def test_a_transfer_its_proof_and_acknowledgement(app, world, client, auth):
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "3000", "EUR", DAY)
    auth.login(world.emails["volunteer"])  # a volunteer of the federation, the organiser
    response = post_transfer(client, world.paris_campaign_id, destination=f"ngo:{world.ngo_id}", sent_amount="1200",
                         received_amount="1380", received_currency="USD", proof=("virement.pdf", PDF))
    assert response.status_code == 303
    with app.app_context():
        transfer = db.session.scalar(select(Transfer))
        transfer_id, proof_id = transfer.id, transfer.proof_id
        assert (transfer.sent_minor, transfer.received_minor, transfer.received_currency) == (120000, 138000, "USD")
    proof = client.get(f"/documents/{proof_id}")
    assert proof.status_code == 200 and proof.data == PDF and proof.mimetype == "application/pdf"
    assert "no-store" in proof.headers["Cache-Control"]

    token = csrf_token(client, f"/campaigns/{world.paris_campaign_id}/money")
    response = client.post(f"/transfers/{transfer_id}/acknowledge", data={
        "csrf_token": token, "acknowledged_on": "2025-07-30", "reference": "OSR-ACK-114",
        "document": (io.BytesIO(PNG), "lettre.png")}, content_type="multipart/form-data")
    assert response.status_code == 303
    auth.logout()

    page = page_text(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert 'id="account-transferred">− €1,200.00<' in page
    assert 'id="account-held">€1,800.00<' in page
    assert f"acknowledged on {shown_day(dt.date(2025, 7, 30))}" in page and "OSR-ACK-114" in page
    # The pipeline, stage by stage: received, verified (nothing yet), transferred, acknowledged.
    stages = re.findall(r"<li><span>([^<]+)</span> <strong>([^<]+)</strong></li>", page)
    assert stages == [("Pledged", "€0.00"), ("Received", "€3,000.00"), ("Verified", "€0.00"),
                      ("Transferred to NGOs", "€1,200.00"), ("Acknowledged by NGOs", "€1,200.00")]
    assert f"/documents/{proof_id}" not in page  # proofs are never linked from a public page
    # Where it went, on the public pages of every region above the campaign: to Oddar Meanchey (KH-22).
    for code in ("world", "FR", "FR-IDF"):
        region_page = page_text(client.get(f"/regions/{code}"))
        assert 'id="account-transferred">− €1,200.00<' in region_page, code
        assert "(KH-22): €1,200.00 · 1 transfer" in region_page, code
    # And from the other side: the province the NGO works in shows where its money came from.
    province_page = page_text(client.get("/regions/KH-22"))
    assert "Sent to NGOs working here, by where it came from" in province_page
    assert "France: €1,200.00 · 1 transfer" in province_page

    # Proofs are for those who record the campaign's money: not the public, not another association.
    assert client.get(f"/documents/{proof_id}").status_code == 302  # to sign in
    auth.login(world.emails["other_volunteer"])
    assert client.get(f"/documents/{proof_id}").status_code == 404
    auth.logout()
    auth.login(world.emails["coordinator_elsewhere"])
    assert client.get(f"/documents/{proof_id}").status_code == 404
    auth.logout()
    auth.login(world.emails["coordinator"])
    assert client.get(f"/documents/{proof_id}").status_code == 200

    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "transfer"))]
        assert actions == ["transfer.recorded", "transfer.acknowledged"]


def test_costs_and_a_charity_evening_account(app, world, client, auth):
    from tracker.donations.models import Method, Takings

    for amount, takings, method in (("1200", Takings.TICKETS, Method.CARD), ("850", Takings.MEALS, Method.CASH),
                                    ("640", Takings.AUCTION, Method.CASH), ("310", Takings.DONATIONS, Method.CASH)):
        log_gift(app, world.emails["admin"], world.san_jose_campaign_id, amount, "USD", DAY, method=method,
                 takings=takings)
    auth.login(world.emails["coordinator_elsewhere"])
    for category, amount in (("venue", "400"), ("food", "520.50")):
        response = post_form(client, f"/campaigns/{world.san_jose_campaign_id}/costs",
                             {"category": category, "amount": amount, "currency": "USD",
                              "incurred_on": DAY.isoformat(), "description": "Charity dinner"},
                             form_url=f"/campaigns/{world.san_jose_campaign_id}/money")
        assert response.status_code == 303
    auth.logout()
    page = page_text(client.get(f"/campaigns/{world.san_jose_campaign_id}"))
    assert 'id="net-donated">$2,079.50<' in page
    assert "$3,000.00 taken, less $920.50 of costs" in page
    assert 'id="account-costs">− $920.50<' in page
    for label in ("Tickets", "Meals", "Auction", "Donations on the night"):
        assert label in page
    with app.app_context():
        assert integrity.check() == []
        events = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_type == "cost")).all()
        assert events == ["cost.recorded", "cost.recorded"]


def test_the_claim_beside_the_ledger(app, world, client, auth):
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "45000", "EUR", dt.date(2025, 7, 25))
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "31000", "EUR", dt.date(2025, 7, 27))
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "9000", "EUR", dt.date(2025, 7, 28))  # day 4
    auth.login(world.emails["coordinator"])
    response = post_form(client, f"/campaigns/{world.paris_campaign_id}/claims", {
        "figure": "80000", "currency": "EUR", "wording": "nearly €80,000 in under three days", "period_days": "3",
        "claimant": "Fédération France-Khmer IDF", "source_title": "Cambodge : la diaspora se mobilise",
        "source_url": "https://example.org/diaspora", "published_on": "2025-07-29",
        "quote": "Près de 80 000 euros récoltés en moins de trois jours."},
        form_url=f"/campaigns/{world.paris_campaign_id}/money")
    assert response.status_code == 303
    auth.logout()
    page = page_text(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert (f"Reported: nearly €80,000 in under three days. Recorded in the first 3 days (to {shown_day(dt.date(2025, 7, 27))}): "
            "€76,000.00 from 2 gifts.") in page
    assert "Consistent with the ledger" in page
    assert "Près de 80 000 euros récoltés en moins de trois jours." in page

    # The pipeline starts from what was announced, on the campaign's page and every region's above it,
    # in any currency: the claim converted at the rate of its period's last day.
    stages = re.compile(r"<li><span>([^<]+)</span> <strong>([^<]+)</strong></li>")
    announced = ("Announced in public claims", "€80,000.00")
    assert stages.findall(page)[:3] == [announced, ("Pledged", "€0.00"), ("Received", "€85,000.00")]
    for code in ("world", "FR", "FR-IDF"):
        assert stages.findall(page_text(client.get(f"/regions/{code}")))[0] == announced, code
    with app.app_context():
        usd = Decimal(80000) * money.RateBook().per_eur("USD", dt.date(2025, 7, 27))
    in_dollars = page_text(client.get(f"/campaigns/{world.paris_campaign_id}?currency=USD"))
    expected = money.format_money(usd.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "USD")
    assert stages.findall(in_dollars)[0] == ("Announced in public claims", expected)

    # A claim whose period has not ended yet cannot be checked against the ledger.
    auth.login(world.emails["coordinator"])
    assert post_form(client, f"/campaigns/{world.paris_campaign_id}/claims", {
        "figure": "200000", "currency": "EUR", "wording": "€200,000 by the end of the crisis", "period_days": "3650",
        "claimant": "Fédération France-Khmer IDF", "source_title": "Lettre aux adhérents", "source_url": "",
        "published_on": "", "quote": ""}, form_url=f"/campaigns/{world.paris_campaign_id}/money").status_code == 303
    auth.logout()
    page = page_text(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert page.count("Not yet checked") == 1 and page.count("Consistent with the ledger") == 1
    assert stages.findall(page)[0] == ("Announced in public claims", "€280,000.00")


def test_bad_transfers_and_proofs_are_refused_and_store_nothing(app, world, member, client, auth):
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "100", "EUR", DAY)
    auth.login(world.emails["admin"])
    before = record_counts(app)
    ngo = f"ngo:{world.ngo_id}"
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=ngo, sent_amount="-50"),
             "The amount must be more than zero.", before)
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=ngo, sent_amount="0"),
             "The amount must be more than zero.", before)
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=ngo, sent_amount="abc"),
             "“abc” is not an amount", before)
    # A good proof with a refused transfer: no row, and no file left behind either.
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=ngo, sent_amount="-5",
                                    proof=("virement.pdf", PDF)), "The amount must be more than zero.", before)
    folder = Path(app.config["DOCUMENT_FOLDER"])
    assert not folder.exists() or list(folder.iterdir()) == []
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=ngo,
                                    proof=("virement.pdf", b"MZ\x90\x00 not a pdf at all")),
             "A proof must be a PDF or an image (PNG, JPEG or WebP).", before)
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=ngo,
                                    proof=("scan.pdf", PDF + b"\x00" * (50 * 1024 * 1024))),
             "The file is too large: at most 10 MB.", before)
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=""),
             "Choose who receives the money", before)
    assert_refused(app, post_transfer(client, world.paris_campaign_id, destination=ngo, sent_on="2099-01-01"),
             "2099-01-01 is in the future.", before)
    # A campaign that is not of the association's federation, and a pass-through back: a circle.
    assert_refused(app, post_transfer(client, member, destination=f"campaign:{world.san_jose_campaign_id}"),
             "is not a campaign of the federation this association belongs to", before)
    assert post_transfer(client, member, destination=f"campaign:{world.paris_campaign_id}").status_code == 303
    with app.app_context():
        federation, lyon = organisations.get(world.federation_id), organisations.get(world.lyon_committee_id)
        admin = accounts.find_by_email(world.emails["admin"])
        with pytest.raises(organisations.OrganisationError) as refused:
            organisations.set_federation(admin, federation, lyon)
        assert refused.value.code == "federation_cycle"
        db.session.rollback()
        # Even with the federation rule bypassed by an edit, the pass-through walk refuses the circle.
        from tracker.ledger import operations as ledger
        federation.federation_id = lyon.id
        with pytest.raises(ledger.LedgerError) as circle:
            ledger.record_transfer(admin, campaigns.get(world.paris_campaign_id), ledger.TransferEntry(
                sent_amount="10", sent_currency="EUR", sent_on=DAY, method=Transfer.method.type.enum_class("cash"),
                to_campaign=campaigns.get(member)))
        assert circle.value.code == "pass_through_cycle"
        db.session.rollback()


def test_a_transfer_larger_than_what_is_held_is_recorded_with_a_warning(app, world, client, auth):
    """Allowed: associations advance money to an NGO before a platform's payout arrives. The account says so."""
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "100", "EUR", DAY)
    auth.login(world.emails["coordinator"])
    assert post_transfer(client, world.paris_campaign_id, destination=f"ngo:{world.ngo_id}",
                     sent_amount="250").status_code == 303
    auth.logout()
    page = page_text(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert 'id="account-held">-€150.00<' in page or 'id="account-held">−€150.00<' in page
    assert "More was passed on than is recorded as received" in page


def test_a_volunteer_of_another_association_may_not_record_money(app, world, client, auth):
    auth.login(world.emails["sj-volunteer"] if "sj-volunteer" in world.emails else "sj-volunteer@example.org")
    assert client.get(f"/campaigns/{world.paris_campaign_id}/money").status_code == 403
    before = record_counts(app)
    response = client.post(f"/campaigns/{world.paris_campaign_id}/costs", data={
        "csrf_token": csrf_token(client, f"/campaigns/{world.san_jose_campaign_id}/money"), "category": "venue",
        "amount": "10", "currency": "EUR", "incurred_on": DAY.isoformat()})
    assert response.status_code == 403
    assert record_counts(app) == before


def test_an_association_joins_a_federation_through_its_form_and_a_circle_is_refused(app, world, client, auth):
    auth.login(world.emails["admin"])
    form = {"name": "Comité Khmer de Lyon", "kind": "association", "city": str(world.lyon_id)}
    url = f"/manage/organisations/{world.lyon_committee_id}/edit"
    response = post_form(client, url, {**form, "federation": str(world.federation_id)})
    assert response.status_code == 302
    with app.app_context():
        assert organisations.get(world.lyon_committee_id).federation_id == world.federation_id
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event.action == "organisation.federation_changed"
    before = record_counts(app)
    response = post_form(client, f"/manage/organisations/{world.federation_id}/edit", {
        "name": "Fédération France-Khmer IDF", "kind": "association", "city": str(world.paris_id),
        "federation": str(world.lyon_committee_id)})
    assert response.status_code == 400
    assert "Comité Khmer de Lyon is itself a member of this association" in page_text(response)
    assert record_counts(app) == before
    with app.app_context():
        assert organisations.get(world.federation_id).federation_id is None


def test_goal_progress_counts_gifts_in_kind_at_their_estimated_value(app, world, client):
    from tracker.donations.models import GiftKind

    log_gift(app, world.emails["admin"], world.paris_campaign_id, "20000", "EUR", DAY)
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "4000", "EUR", DAY, kind=GiftKind.IN_KIND,
             item="Rice", quantity=400, unit="kg")
    page = page_text(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert "30% of the goal of €80,000.00" in page  # (20,000 + 4,000) of 80,000
    assert "including €4,000.00 given in kind (estimated)" in page
    # The same progress wherever the campaign is listed: the home page and its regions' pages.
    for url in ("/", "/regions/world", "/regions/FR-IDF"):
        listed = page_text(client.get(url))
        assert "30% of the goal of €80,000.00" in listed, url
        assert "including €4,000.00 given in kind (estimated)" in listed, url


def test_the_federation_answers_for_what_a_member_says_it_passed_on(app, world, member, client, auth):
    """The receiving side acknowledges or voids a pass-through; joining a federation takes someone who
    manages both sides."""
    log_gift(app, world.emails["admin"], member, "900", "EUR", DAY)
    auth.login(world.emails["other_volunteer"])
    assert post_transfer(client, member, destination=f"campaign:{world.paris_campaign_id}", sent_amount="900",
                     reference="CKL-1").status_code == 303
    auth.logout()
    with app.app_context():
        transfer_id = db.session.scalar(select(Transfer.id))
    auth.login(world.emails["coordinator"])  # Île-de-France: the federation's side, not Lyon's
    assert client.get(f"/campaigns/{member}/money").status_code == 403
    money_page = client.get(f"/campaigns/{world.paris_campaign_id}/money")
    assert f"/transfers/{transfer_id}/void" in page_text(money_page)
    response = post_form(client, f"/transfers/{transfer_id}/void", {"reason": "never arrived"},
                         form_url=f"/campaigns/{world.paris_campaign_id}/money")
    assert response.status_code == 303
    assert f"/campaigns/{world.paris_campaign_id}/money" in response.headers["Location"]
    with app.app_context():
        assert account_figures.campaign_account(world.paris_campaign_id, "EUR").passed_in_minor == 0
        assert account_figures.campaign_account(member, "EUR").held_minor == 90000
        # A coordinator of one side only cannot join an association to a federation of another region.
        elsewhere = accounts.find_by_email(world.emails["coordinator_elsewhere"])
        with pytest.raises(organisations.OrganisationError) as refused:
            organisations.set_federation(elsewhere, organisations.get(world.san_jose_association_id),
                                         organisations.get(world.federation_id))
        assert refused.value.code == "region_not_yours"
        db.session.rollback()


def test_both_ends_of_a_pass_through_see_its_acknowledgement_and_nobody_else(app, world, member, client, auth):
    """The federation acknowledges what a member passed on, with its letter: the federation's side and
    the member's side may open it; an association outside the pass-through may not."""
    log_gift(app, world.emails["admin"], member, "900", "EUR", DAY)
    auth.login(world.emails["other_volunteer"])  # the Lyon committee's volunteer
    assert post_transfer(client, member, destination=f"campaign:{world.paris_campaign_id}", sent_amount="900",
                     reference="CKL-2", proof=("virement.pdf", PDF)).status_code == 303
    auth.logout()
    with app.app_context():
        transfer_id, proof_id = db.session.execute(select(Transfer.id, Transfer.proof_id)).one()

    auth.login(world.emails["coordinator"])  # Île-de-France: the federation's side only
    url = f"/campaigns/{world.paris_campaign_id}/money"
    response = client.post(f"/transfers/{transfer_id}/acknowledge", data={
        "csrf_token": csrf_token(client, url), "acknowledged_on": "2025-07-30", "reference": "FED-ACK-7",
        "document": (io.BytesIO(PNG), "reçu.png")}, content_type="multipart/form-data")
    assert response.status_code == 303
    with app.app_context():
        acknowledgement_id = db.session.scalar(select(Transfer.acknowledgement_id))
        assert acknowledgement_id is not None
    letter = client.get(f"/documents/{acknowledgement_id}")
    assert letter.status_code == 200 and letter.data == PNG  # the federation opens its own upload
    assert client.get(f"/documents/{proof_id}").status_code == 200  # and the member's proof of sending
    auth.logout()

    auth.login(world.emails["other_volunteer"])
    assert client.get(f"/documents/{acknowledgement_id}").status_code == 200  # the member sees it was acknowledged
    auth.logout()
    auth.login("sj-volunteer@example.org")  # an association outside the pass-through
    assert client.get(f"/documents/{acknowledgement_id}").status_code == 404
    assert client.get(f"/documents/{proof_id}").status_code == 404
    auth.logout()
    auth.login(world.emails["coordinator_elsewhere"])
    assert client.get(f"/documents/{acknowledgement_id}").status_code == 404
