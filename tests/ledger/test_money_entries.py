"""Entries of the money page that cross currencies or carry evidence: a dollar transfer from a euro
campaign read in either currency, a cost's invoice and who may open it, and costs and claims of nothing
or less refused in French and English with nothing stored."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

from conftest import csrf_token, post_form
from dashboard_helpers import log_gift, page_text
from ledger_helpers import DAY, PDF, assert_refused, post_transfer, record_counts
from sqlalchemy import select

from tracker import money
from tracker.extensions import db
from tracker.ledger.models import Cost, Transfer
from tracker.rollups import accounts as account_figures
from tracker.rollups import integrity


def _in_euros(app, amount_minor: int, currency: str, day: dt.date) -> int:
    """An amount of another currency in euro cents, from the ECB's rate of its day, rounded half up once."""
    with app.app_context(), localcontext() as exact:
        exact.prec = 50
        rate = money.RateBook().per_eur(currency, day)
        return int((Decimal(amount_minor) / rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _shown(amount_minor: int, currency: str) -> str:
    return money.format_money(Decimal(amount_minor) / 100, currency)


def test_a_dollar_transfer_from_a_euro_campaign_reads_right_in_either_currency(app, world, client, auth):
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "3000", "EUR", DAY)
    auth.login(world.emails["coordinator"])
    assert post_transfer(client, world.paris_campaign_id, destination=f"ngo:{world.ngo_id}", sent_amount="1380",
                         sent_currency="USD").status_code == 303
    with app.app_context():
        transfer_id = db.session.scalar(select(Transfer.id))
    response = post_form(client, f"/transfers/{transfer_id}/acknowledge",
                         {"acknowledged_on": "2025-07-30", "reference": "OSR-ACK-9"},
                         form_url=f"/campaigns/{world.paris_campaign_id}/money")
    assert response.status_code == 303
    auth.logout()

    euros = _in_euros(app, 138000, "USD", DAY)
    page = page_text(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert f'id="account-transferred">− {_shown(euros, "EUR")}<' in page
    assert f'id="account-held">{_shown(300000 - euros, "EUR")}<' in page
    recipients = re.search(r'<ul id="recipients">(.*?)</ul>', page, re.S).group(1)
    assert f"transferred: {_shown(euros, 'EUR')}, acknowledged: {_shown(euros, 'EUR')}" in recipients

    # In dollars the transfer is what was sent, to the cent; the euro gift is the one converted.
    dollars = page_text(client.get(f"/campaigns/{world.paris_campaign_id}?currency=USD"))
    recipients = re.search(r'<ul id="recipients">(.*?)</ul>', dollars, re.S).group(1)
    assert "transferred: $1,380.00, acknowledged: $1,380.00" in recipients
    assert 'id="account-transferred">− $1,380.00<' in dollars
    assert "(KH-22): $1,380.00 · 1 transfer" in page_text(client.get("/regions/FR-IDF?currency=USD"))
    assert f"(KH-22): {_shown(euros, 'EUR')} · 1 transfer" in page_text(client.get("/regions/world"))
    assert f"France: {_shown(euros, 'EUR')} · 1 transfer" in page_text(client.get("/regions/KH-22"))
    with app.app_context():
        assert account_figures.campaign_account(world.paris_campaign_id, "USD").transferred_minor == 138000
        assert integrity.check() == []


def _post_cost(client, campaign_id: int, evidence: tuple[str, bytes] | None = None, **fields):
    data = {"category": "venue", "amount": "400", "currency": "USD", "incurred_on": DAY.isoformat(),
            "description": "Salle des fêtes", **fields,
            "csrf_token": csrf_token(client, f"/campaigns/{campaign_id}/money")}
    if evidence is not None:
        data["evidence"] = (io.BytesIO(evidence[1]), evidence[0])
    return client.post(f"/campaigns/{campaign_id}/costs", data=data, content_type="multipart/form-data")


def test_a_costs_invoice_is_kept_and_opened_only_by_those_who_record_the_money(app, world, client, auth):
    campaign_id = world.san_jose_campaign_id
    auth.login(world.emails["coordinator_elsewhere"])  # San José's region
    assert _post_cost(client, campaign_id, evidence=("facture.pdf", PDF)).status_code == 303
    with app.app_context():
        evidence_id = db.session.scalar(select(Cost.evidence_id))
    assert evidence_id is not None
    invoice = client.get(f"/documents/{evidence_id}")
    assert invoice.status_code == 200 and invoice.data == PDF
    assert "no-store" in invoice.headers["Cache-Control"]
    auth.logout()

    assert client.get(f"/documents/{evidence_id}").status_code == 302  # to sign in
    for stranger in (world.emails["volunteer"], world.emails["coordinator"]):  # Île-de-France's
        auth.login(stranger)
        assert client.get(f"/documents/{evidence_id}").status_code == 404, stranger
        auth.logout()
    auth.login(world.emails["admin"])
    assert client.get(f"/documents/{evidence_id}").status_code == 200
    page = page_text(client.get(f"/campaigns/{campaign_id}"))
    assert f"/documents/{evidence_id}" not in page  # never linked from the public page
    assert 'id="account-costs">− $400.00<' in page


def test_costs_and_claims_of_nothing_or_less_are_refused_and_store_nothing(app, world, client, auth):
    campaign_id = world.paris_campaign_id
    log_gift(app, world.emails["admin"], campaign_id, "100", "EUR", DAY)
    auth.login(world.emails["coordinator"])
    before = record_counts(app)
    with app.app_context():
        account_before = account_figures.campaign_account(campaign_id, "EUR")
    for amount in ("0", "-20", "0,00"):
        assert_refused(app, _post_cost(client, campaign_id, amount=amount, currency="EUR"),
                "The amount must be more than zero.", before)
    # A good invoice with a refused cost: no row, and no file left behind.
    assert_refused(app, _post_cost(client, campaign_id, amount="-5", currency="EUR", evidence=("facture.pdf", PDF)),
            "The amount must be more than zero.", before)
    folder = Path(app.config["DOCUMENT_FOLDER"])
    assert not folder.exists() or list(folder.iterdir()) == []
    assert_refused(app, _post_cost(client, campaign_id, currency="EUR", evidence=("facture.exe", b"MZ\x90\x00 program")),
            "A proof must be a PDF or an image (PNG, JPEG or WebP).", before)

    claim = {"figure": "80000", "currency": "EUR", "wording": "nearly €80,000", "period_days": "3",
             "claimant": "Fédération France-Khmer IDF", "source_title": "Cambodge : la diaspora se mobilise",
             "source_url": "", "published_on": "", "quote": ""}
    url, form_url = f"/campaigns/{campaign_id}/claims", f"/campaigns/{campaign_id}/money"
    for figure in ("0", "-80000"):
        assert_refused(app, post_form(client, url, {**claim, "figure": figure}, form_url=form_url),
                "The amount must be more than zero.", before)
    for period in ("0", "-3", "trois"):
        assert_refused(app, post_form(client, url, {**claim, "period_days": period}, form_url=form_url),
                "Enter the period as a number of days from the campaign's start (1 to 3660).", before)
    # The same refusal in French, for a volunteer whose browser asks for it.
    french = post_form(client, f"{url}?lang=fr", {**claim, "figure": "-1"}, form_url=f"{form_url}?lang=fr")
    assert_refused(app, french, "Le montant doit être supérieur à zéro.", before)
    with app.app_context():
        assert account_figures.campaign_account(campaign_id, "EUR") == account_before
        assert integrity.check() == []
