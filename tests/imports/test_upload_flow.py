"""The web import: upload, a preview of every row that stores nothing, commit, the batch and the gift's
evidence; and bad files, each refused with its message and nothing stored."""

from __future__ import annotations

import io
import re

import pytest
from conftest import csrf_token
from dashboard_helpers import minor_of, page_text, shown_total
from openpyxl import Workbook
from sqlalchemy import func, select, text

from tracker.donations.models import Donation
from tracker.extensions import db
from tracker.imports.models import ImportBatch, ImportedRecord

from test_platform_formats import EXPECTED, FILES

TOKEN = re.compile(r'name="token"[^>]*value="([^"]+)"')


def _stored(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(model))
                     for model in (Donation, ImportedRecord, ImportBatch))


def upload(client, campaign_id, data: bytes, name: str, lang: str | None = None):
    url = "/imports/new" + (f"?lang={lang}" if lang else "")
    token = csrf_token(client, url)
    return client.post(url, data={"csrf_token": token, "campaign": str(campaign_id), "format": "auto",
                                  "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.fixture
def coordinator(client, auth, world):
    auth.login(world.emails["coordinator"])
    return client


def test_preview_then_commit_a_helloasso_export(app, world, coordinator, client):
    data = (FILES / "helloasso_payments.csv").read_bytes()
    expected = EXPECTED["helloasso_payments.csv"]
    preview = upload(coordinator, world.paris_campaign_id, data, "helloasso_payments.csv")
    assert preview.status_code == 200
    page = page_text(preview)
    for key in ("rows", "new", "refunds", "skipped", "errors"):
        assert re.search(rf'data-count="{key}">{expected[key]}<', page), key
    assert "En attente" in page  # the pending row says why it is skipped
    assert _stored(app) == (0, 0, 0), "the preview stored something"

    committed = coordinator.post("/imports/commit", data={"csrf_token": csrf_token(coordinator, "/imports/new"),
                                                           "token": TOKEN.search(page).group(1)})
    assert committed.status_code == 303
    batch_page = page_text(coordinator.get(committed.headers["Location"]))
    assert "helloasso_payments.csv" in batch_page
    expected_minor = int(expected["totals"]["EUR"].replace(".", ""))
    assert minor_of(shown_total(client.get(f"/campaigns/{world.paris_campaign_id}"))) == expected_minor
    with app.app_context():
        donation_id, line = db.session.execute(select(ImportedRecord.donation_id, ImportedRecord.line).where(
            ImportedRecord.donation_id.is_not(None)).order_by(ImportedRecord.line)).first()
    evidence = page_text(coordinator.get(f"/donations/{donation_id}"))
    assert "HelloAsso" in evidence and "helloasso_payments.csv" in evidence and f"line {line}" in evidence
    # The same token twice: the upload is gone once committed.
    again = coordinator.post("/imports/commit", data={"csrf_token": csrf_token(coordinator, "/imports/new"),
                                                       "token": TOKEN.search(page).group(1)})
    assert again.status_code == 303 and "/imports/new" in again.headers["Location"]
    assert _stored(app)[2] == 1


def test_a_workbook_is_read_like_its_csv(app, world, coordinator):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Export HelloAsso"])  # a title line above the header, as spreadsheets often have
    sheet.append(["Référence commande", "Référence paiement", "Montant total", "Date du paiement",
                  "Statut du paiement", "Nom payeur", "Prénom payeur", "Email payeur"])
    sheet.append(["1", "501", "45,00", "28/07/2025 10:00:00", "Payé", "Chea", "Sokha", "s@example.org"])
    sheet.append(["2", "502", "=1+1", "29/07/2025 10:00:00", "Payé", "=HYPERLINK(\"http://x\",\"y\")", "", ""])
    sheet.append(["3", "503", "1 250,50", "30/07/2025", "Hors Ligne", "Sok", "Dara", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = page_text(upload(coordinator, world.paris_campaign_id, buffer.getvalue(), "export.xlsx"))
    assert re.search(r'data-count="new">2<', page) and re.search(r'data-count="errors">1<', page)
    assert "“=1+1” is not a number" in page  # a formula is read as the text it is, never evaluated
    assert _stored(app) == (0, 0, 0)


def test_a_workbook_is_committed_from_the_kept_upload(app, world, coordinator, client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Référence commande", "Référence paiement", "Montant total", "Date du paiement",
                  "Statut du paiement", "Nom payeur", "Prénom payeur", "Email payeur"])
    sheet.append(["1", "601", "45,00", "28/07/2025 10:00:00", "Payé", "Chea", "Sokha", "s@example.org"])
    sheet.append(["2", "602", "1 250,50", "29/07/2025", "Payé", "Ouk", "Dara", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = page_text(upload(coordinator, world.paris_campaign_id, buffer.getvalue(), "export.xlsx"))
    assert re.search(r'data-count="new">2<', page)
    committed = coordinator.post("/imports/commit", data={"csrf_token": csrf_token(coordinator, "/imports/new"),
                                                           "token": TOKEN.search(page).group(1)})
    assert committed.status_code == 303 and "/imports/" in committed.headers["Location"]
    assert _stored(app) == (2, 2, 1)
    assert minor_of(shown_total(client.get(f"/campaigns/{world.paris_campaign_id}"))) == 4500 + 125050
    with app.app_context():
        raw = db.session.scalars(select(ImportedRecord.raw).order_by(ImportedRecord.line)).all()
    assert '"Référence paiement": "601"' in raw[0] and '"Nom payeur": "Ouk"' in raw[1]


def test_a_formula_in_a_name_is_kept_as_text(app, world, runner, tmp_path):
    path = tmp_path / "formula.csv"
    path.write_text('"Date","Name","Type","Status","Currency","Gross","Fee","Transaction ID"\n'
                    '"7/28/2025","=HYPERLINK(""http://evil.example"",""click"")","Donation Payment","Completed",'
                    '"EUR","10.00","-0.50","F1"\n', encoding="utf-8")
    result = runner.invoke(args=["imports", "run", str(path), "--campaign", str(world.paris_campaign_id)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(Donation.donor_name)) == '=HYPERLINK("http://evil.example","click")'


BAD_FILES = {
    "empty": (b"", "The file is empty."),
    "picture": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "This is not a CSV or XLSX file."),
    "unknown columns": (b"when,who,how much\n2025-07-28,Sokha,10\n", "not those of a known export"),
    "header only": ((FILES / "paypal_activity_en.csv").read_bytes().splitlines(keepends=True)[0],
                    "The file has a header but no rows."),
    "damaged workbook": (b"PK\x03\x04" + bytes(100), "The file is damaged or cut short"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_its_message(app, world, coordinator, case):
    data, message = BAD_FILES[case]
    response = upload(coordinator, world.paris_campaign_id, data, f"{case}.csv")
    assert response.status_code == 400 and message in page_text(response)
    assert _stored(app) == (0, 0, 0)


def test_a_truncated_file_shows_the_cut_row_and_cannot_be_committed(app, world, coordinator):
    data = (FILES / "paypal_activity_en.csv").read_bytes()
    cut = data[:len(data) * 2 // 3].rsplit(b",", 1)[0]  # stops mid-row, as an interrupted download does
    page = page_text(upload(coordinator, world.paris_campaign_id, cut, "cut.csv"))
    assert "cells where the header has 41" in page and 'data-count="errors">1<' in page
    assert "Import these rows" not in page
    token = TOKEN.search(page)
    assert token is None
    assert _stored(app) == (0, 0, 0)


def test_a_file_over_the_limit_is_refused_before_it_is_read(app, world, coordinator):
    app.config["IMPORT_MAX_BYTES"] = 2 * 1024 * 1024
    data = (FILES / "paypal_activity_en.csv").read_bytes() * (3 * 1024 * 1024 // 3000)
    response = upload(coordinator, world.paris_campaign_id, data, "huge.csv")
    assert response.status_code == 413 and "larger than 2 MB" in page_text(response)
    assert _stored(app) == (0, 0, 0)


def test_refusals_speak_the_users_language(app, world, coordinator):
    response = upload(coordinator, world.paris_campaign_id, b"", "vide.csv", lang="fr")
    assert response.status_code == 400 and "Le fichier est vide." in page_text(response)


def test_the_donors_erasure_reaches_the_imported_row(app, world, runner, client, auth):
    path = FILES / "paypal_activity_en_overlap_a.csv"
    assert runner.invoke(args=["imports", "run", str(path), "--campaign", str(world.paris_campaign_id)]).exit_code == 0
    with app.app_context():
        donation_id, raw = db.session.execute(select(ImportedRecord.donation_id, ImportedRecord.raw).where(
            ImportedRecord.donation_id.is_not(None))).first()
        name = db.session.get(Donation, donation_id).donor_name
    assert name and name in raw
    auth.login(world.emails["coordinator"])
    erased = client.post(f"/donations/{donation_id}/erase",
                         data={"csrf_token": csrf_token(client, f"/donations/{donation_id}/erase")})
    assert erased.status_code in (302, 303)
    with app.app_context():
        raw_after = db.session.execute(text("SELECT raw FROM imported_records WHERE donation_id = :id"),
                                       {"id": donation_id}).scalar()
    assert name not in raw_after
