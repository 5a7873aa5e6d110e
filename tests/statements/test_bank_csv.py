"""A bank's own CSV export, read through the mapping saved for its account: a French bank's file (Latin-1,
`;`, comma decimals, day first, a debit and a credit column, lines about the account before the header)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from conftest import csrf_token, post_form
from dashboard_helpers import log_gift, page_text
from sqlalchemy import func, select

from tracker.audit.models import AuditEvent
from tracker.donations.models import Donation, DonationStatus, Method
from tracker.extensions import db
from tracker.statements.models import BankCsvMapping, BankLine, BankStatement, LineState

# As a French bank writes it: the account's details first, then the header, then one line per movement.
FRENCH_EXPORT = (
    "Compte courant ;FR76 3000 6000 0112 3456 7890 189\r\n"
    "Date de téléchargement : 05/08/2025\r\n"
    "\r\n"
    "Date;Libellé;Référence;Débit euros;Crédit euros\r\n"
    "30/07/2025;VIR SEPA CHEA SOKHA don Cambodge;R-001;;500,00\r\n"
    "02/08/2025;VIR SEPA INCONNU virement;R-002;;35,00\r\n"
    "04/08/2025;VIR O'SMACH RELIEF Transfert ONG;R-003;1 500,00;\r\n"
    "04/08/2025;FRAIS TENUE DE COMPTE;;-2,50;\r\n"
).encode("cp1252")
MAPPING = {"name": "Banque du quartier, compte courant", "account": "FR7630006000011234567890189", "date": "Date",
           "day_order": "dmy", "amount": "", "credit": "Crédit euros", "debit": "Débit euros", "decimal_mark": ",",
           "currency": "", "fixed_currency": "EUR", "reference": "Référence", "counterparty": "",
           "remittance": "Libellé"}


def save_mapping(client, world, **changes):
    return post_form(client, "/statements/mappings/new",
                     {"organisation": str(world.federation_id), **MAPPING, **changes})


def upload(client, world, data: bytes, mapping_id, name: str = "releve-aout.csv"):
    return client.post("/statements/new", data={
        "csrf_token": csrf_token(client, "/statements/new"), "organisation": str(world.federation_id),
        "mapping": str(mapping_id or ""), "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _mapping_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(BankCsvMapping.id))


def _lines(app) -> list[tuple]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(
            select(BankLine.booked_on, BankLine.amount_minor, BankLine.state, BankLine.account).order_by(BankLine.id))]


@pytest.fixture
def sokha(app, world):
    return log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "500", "EUR", dt.date(2025, 7, 28),
                    method=Method.BANK_TRANSFER, donor_name="Sokha Chea")


def test_a_french_banks_csv_is_read_through_its_mapping_and_matched(app, world, client, auth, sokha):
    auth.login(world.emails["coordinator"])
    saved = save_mapping(client, world)
    assert saved.status_code == 303, page_text(saved)[:2000]
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == \
            "bank_csv_mapping.saved"
    form = page_text(client.get("/statements/new"))
    assert "Bank CSV: Banque du quartier, compte courant" in form

    answer = upload(client, world, FRENCH_EXPORT, _mapping_id(app))
    assert answer.status_code == 303, page_text(answer)[:3000]
    account = MAPPING["account"]
    assert _lines(app) == [
        (dt.date(2025, 7, 30), 50000, LineState.GIFT, account),  # pays in Sokha's typed transfer
        (dt.date(2025, 8, 2), 3500, LineState.UNMATCHED, account),
        (dt.date(2025, 8, 4), -150000, LineState.MONEY_OUT, account),
        (dt.date(2025, 8, 4), -250, LineState.MONEY_OUT, account),  # a debit printed with its minus sign
    ]
    with app.app_context():
        assert db.session.get(Donation, sokha).status is DonationStatus.VERIFIED
        assert db.session.scalar(select(BankStatement.format)) == "csv"
    assert "VIR SEPA CHEA SOKHA don Cambodge" in page_text(client.get(f"/donations/{sokha}"))
    assert "VIR SEPA INCONNU virement" in page_text(client.get("/review/?kind=lines"))

    # The same file again, and an overlapping later one: nothing doubled (references, or made from the line).
    assert upload(client, world, FRENCH_EXPORT, _mapping_id(app)).status_code == 303
    later = FRENCH_EXPORT + "06/08/2025;VIR SEPA LIM VANNA;R-004;;20,00\r\n".encode("cp1252")
    assert upload(client, world, later, _mapping_id(app), "releve-6-aout.csv").status_code == 303
    assert [line[:3] for line in _lines(app)][4:] == [(dt.date(2025, 8, 6), 2000, LineState.UNMATCHED)]


def test_lines_without_a_bank_reference_are_kept_once_each_even_when_alike(app, world, client, auth):
    auth.login(world.emails["coordinator"])
    assert save_mapping(client, world, reference="", name="Sans référence").status_code == 303
    twice = ("Date;Libellé;Débit euros;Crédit euros\r\n"
             "01/08/2025;QUETE SOIREE;;10,00\r\n"
             "01/08/2025;QUETE SOIREE;;10,00\r\n").encode("utf-8-sig")
    assert upload(client, world, twice, _mapping_id(app)).status_code == 303
    assert upload(client, world, twice, _mapping_id(app)).status_code == 303
    assert [line[1] for line in _lines(app)] == [1000, 1000]  # two collections of 10 €, stored once


@pytest.mark.parametrize("changes, message", [
    ({"date": ""}, "Name the column of the date, and the column of the amount or those of the credits and debits."),
    ({"credit": "", "debit": ""}, "Name the column of the date"),
    ({"debit": ""}, "the column of the amount or those of the credits and debits"),  # credits alone miss debits
    ({"fixed_currency": "EURO"}, "“EURO” is not an ISO 4217 currency code."),
    ({"fixed_currency": ""}, "Name the column of the currency, or give the currency of every line."),
    ({"account": " "}, "Say which account the file is of"),
    ({"name": ""}, "Give the mapping a name"),
    ({"day_order": "ymd"}, "Choose one of the options offered."),
    ({"remittance": "x" * 201}, "This is too long: at most 200 characters."),
])
def test_a_mapping_that_cannot_read_a_file_is_refused_with_its_reason(app, world, client, auth, changes, message):
    auth.login(world.emails["coordinator"])
    answer = save_mapping(client, world, **changes)
    assert answer.status_code == 400
    assert message in page_text(answer)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BankCsvMapping)) == 0


def test_a_mapping_name_is_the_organisations_once(app, world, client, auth):
    auth.login(world.emails["coordinator"])
    assert save_mapping(client, world).status_code == 303
    again = save_mapping(client, world)
    assert again.status_code == 400
    assert "The organisation already has a mapping named “Banque du quartier, compte courant”." in page_text(again)


@pytest.mark.parametrize("data, message", [
    (FRENCH_EXPORT.replace("500,00".encode(), b"cinq cents"), "Line 5 of the file has no readable date or amount"),
    (FRENCH_EXPORT.replace(b"30/07/2025", b"31/02/2025"), "Line 5 of the file has no readable date or amount"),
    (FRENCH_EXPORT.replace("Crédit euros".encode("cp1252"), b"Montant"),
     "The file's header does not have the columns of the chosen mapping"),
    (b"", "The file is empty."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file is not a table"),
])
def test_a_bank_csv_that_cannot_be_read_stores_nothing(app, world, client, auth, data, message):
    auth.login(world.emails["coordinator"])
    assert save_mapping(client, world).status_code == 303
    answer = upload(client, world, data, _mapping_id(app))
    assert answer.status_code == 400
    assert message in page_text(answer)
    assert _lines(app) == []


def test_a_csv_needs_a_mapping_and_only_the_organisations_own(app, world, client, auth):
    auth.login(world.emails["coordinator"])
    answer = upload(client, world, FRENCH_EXPORT, None)
    assert answer.status_code == 400
    assert "This is not a bank statement we can read (CAMT.053 or OFX)." in page_text(answer)
    auth.login(world.emails["admin"])
    other = post_form(client, "/statements/mappings/new", {"organisation": str(world.lyon_committee_id), **MAPPING})
    assert other.status_code == 303
    auth.login(world.emails["admin"])
    refused = upload(client, world, FRENCH_EXPORT, _mapping_id(app))  # Lyon's mapping, the federation's file
    assert refused.status_code == 400
    assert "Choose one of the organisation's mappings." in page_text(refused)
    assert _lines(app) == []


def test_the_mapping_page_in_french(app, world, client, auth):
    auth.login(world.emails["coordinator"])
    page = page_text(client.get("/statements/mappings/new?lang=fr"))
    assert "Colonne de la date" in page and "Ou la colonne des crédits" in page
    refused = save_mapping(client, world, date="")
    assert "Indiquez la colonne de la date" in page_text(refused)


def test_a_line_written_another_way_in_the_next_export_is_the_same_line(app, world, client, auth):
    auth.login(world.emails["coordinator"])
    assert save_mapping(client, world, reference="", name="Sans référence").status_code == 303
    header = "Date;Libellé;Débit euros;Crédit euros\r\n"
    first = (header + "01/08/2025;QUETE  SOIREE;;10,5\r\n02/08/2025;ANNULATION VIREMENT;;-25,00\r\n").encode()
    again = (header + "01/08/2025;Quete Soiree;;10,50\r\n02/08/2025;ANNULATION VIREMENT;;-25,00\r\n").encode()
    assert upload(client, world, first, _mapping_id(app)).status_code == 303
    assert upload(client, world, again, _mapping_id(app)).status_code == 303
    assert [(line[1], line[2]) for line in _lines(app)] == [(1050, LineState.UNMATCHED), (-2500, LineState.MONEY_OUT)]


def test_two_organisations_may_name_their_accounts_alike(app, world, client, auth):
    auth.login(world.emails["admin"])
    assert save_mapping(client, world, reference="", account="Compte courant").status_code == 303
    assert post_form(client, "/statements/mappings/new", {
        "organisation": str(world.lyon_committee_id), **MAPPING, "reference": "", "account": "Compte courant"}
    ).status_code == 303
    with app.app_context():
        federation, lyon = db.session.scalars(select(BankCsvMapping.id).order_by(BankCsvMapping.id)).all()
    data = "Date;Libellé;Débit euros;Crédit euros\r\n01/08/2025;QUETE SOIREE;;10,00\r\n".encode()
    assert upload(client, world, data, federation).status_code == 303
    answer = client.post("/statements/new", data={
        "csrf_token": csrf_token(client, "/statements/new"), "organisation": str(world.lyon_committee_id),
        "mapping": str(lyon), "file": (io.BytesIO(data), "lyon.csv")}, content_type="multipart/form-data")
    assert answer.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BankLine)) == 2  # one line each
