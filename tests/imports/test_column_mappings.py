"""An export of a platform the importer does not know, read through a column mapping the organisation saved."""

from __future__ import annotations

import io
import json
import re

from conftest import csrf_token
from dashboard_helpers import minor_of, page_text, shown_total
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.imports.models import ImportedRecord, ImportMapping

# A fundraising page's export as a French bank's spreadsheet re-saved it: two title lines, `;`, comma
# decimals, day-first dates, Windows-1252, and a status column.
EXPORT = ("Export des dons\r\nPériode : juillet 2025\r\n"
          "Réf.;Date du don;Montant (€);Donateur;Courriel;État\r\n"
          "GF-001;25/07/2025;1 250,50;Sokhâ Chéa;sokha@example.org;Réussi\r\n"
          "GF-002;26/07/2025;45,00;Marie Dupont;;Réussi\r\n"
          "GF-003;27/07/2025;20,00;Anonyme;;Échoué\r\n"
          "GF-004;13/07/2025;100,00;Dara Ouk;dara@example.org;Réussi\r\n").encode("cp1252")
COUNTED = 125050 + 4500 + 10000  # the three rows that succeeded, in cents, added by hand


def test_a_saved_mapping_reads_an_unknown_export(app, world, client, auth, runner, tmp_path):
    auth.login(world.emails["coordinator"])
    form = {"organisation": str(world.federation_id), "name": "Cagnotte en ligne", "id": "Réf.",
            "date": "Date du don", "amount": "Montant (€)", "fixed_currency": "eur", "donor_name": "Donateur",
            "email": "Courriel", "status": "État", "counted_statuses": "Réussi", "day_order": "dmy",
            "decimal_mark": ","}
    missing = client.post("/imports/mappings/new", data={**form, "amount": "",
                                                         "csrf_token": csrf_token(client, "/imports/mappings/new")})
    assert missing.status_code == 400 and "Name the columns of the transaction id" in page_text(missing)
    saved = client.post("/imports/mappings/new", data={**form, "csrf_token": csrf_token(client, "/imports/mappings/new")})
    assert saved.status_code == 303
    with app.app_context():
        mapping_id = db.session.scalar(select(ImportMapping.id))

    preview = client.post("/imports/new", data={
        "csrf_token": csrf_token(client, "/imports/new"), "campaign": str(world.paris_campaign_id),
        "format": f"mapping-{mapping_id}", "file": (io.BytesIO(EXPORT), "cagnotte.csv")},
        content_type="multipart/form-data")
    page = page_text(preview)
    assert preview.status_code == 200, page[:2000]
    assert 'data-count="new">3<' in page and 'data-count="skipped">1<' in page and "Échoué" in page
    token = re.search(r'name="token"[^>]*value="([^"]+)"', page).group(1)
    assert client.post("/imports/commit", data={"csrf_token": csrf_token(client, "/imports/new"),
                                                "token": token}).status_code == 303
    assert minor_of(shown_total(client.get(f"/campaigns/{world.paris_campaign_id}"))) == COUNTED

    # The same rows again, from the command line through the same mapping: nothing new.
    path = tmp_path / "cagnotte.csv"
    path.write_bytes(EXPORT)
    again = runner.invoke(args=["imports", "run", str(path), "--campaign", str(world.paris_campaign_id), "--mapping",
                                str(mapping_id), "--json"])
    summary = json.loads(again.stdout.strip().splitlines()[-1])
    assert again.exit_code == 0 and (summary["new"], summary["duplicates"]) == (0, 3)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportedRecord)) == 3
        sources = set(db.session.scalars(select(ImportedRecord.source)))
    assert sources == {f"csv-{mapping_id}"}
