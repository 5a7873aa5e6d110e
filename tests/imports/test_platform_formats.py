"""Each platform's export, with its traps, imported for real: what counts equals the sums written by hand
in files/expected.json (made from the rows, not by this code), gift by gift in the database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker import money
from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db
from tracker.imports.models import ImportBatch, ImportedRecord
from tracker.ledger.models import Cost, CostCategory

FILES = Path(__file__).parent / "files"
EXPECTED = json.loads((FILES / "expected.json").read_text())


def _summary(result) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_export_counts_what_its_rows_say(app, world, runner, name):
    expected = EXPECTED[name]
    path = FILES / name
    result = runner.invoke(args=["imports", "run", str(path), "--campaign", str(world.paris_campaign_id), "--json"])
    summary = _summary(result)
    for key in ("format", "rows", "new", "refunds", "skipped", "errors", "totals", "fees"):
        assert summary[key] == expected[key], (name, key, summary[key], expected[key])
    with app.app_context():
        by_currency = dict(db.session.execute(
            select(Donation.currency, func.sum(Donation.amount_minor)).where(
                Donation.campaign_id == world.paris_campaign_id, Donation.status != DonationStatus.VOID)
            .group_by(Donation.currency)).tuples().all())
        batches = list(db.session.scalars(select(ImportBatch)))
    if expected["errors"]:
        assert result.exit_code == 1
        assert by_currency == {} and batches == [], "a file with an error row stored something"
        return
    assert result.exit_code == 0, result.output
    assert {c: str(money.from_minor(v, c)) for c, v in by_currency.items()} == expected["totals"]
    [batch] = batches
    assert batch.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() and batch.file_name == name
    with app.app_context():
        # Every gift that counts has its evidence: the row it came from, in this file.
        evidence = dict(db.session.execute(select(ImportedRecord.donation_id, ImportedRecord.line).where(
            ImportedRecord.kind == "gift", ImportedRecord.donation_id.is_not(None))).tuples().all())
        gifts = set(db.session.scalars(select(Donation.id)))
    assert set(evidence) == gifts and all(line > 1 for line in evidence.values())
    with app.app_context():
        # What the platform kept is a cost of the campaign: its account's net is what actually arrived.
        fees = dict(db.session.execute(select(Cost.currency, func.sum(Cost.amount_minor)).where(
            Cost.campaign_id == world.paris_campaign_id, Cost.category == CostCategory.PLATFORM_FEE)
            .group_by(Cost.currency)).tuples().all())
    assert {c: str(money.from_minor(v, c)) for c, v in fees.items()} == expected["fees"]
    again = runner.invoke(args=["imports", "run", str(path), "--campaign", str(world.paris_campaign_id), "--json"])
    assert again.exit_code == 0, again.output
    with app.app_context():
        assert db.session.scalar(select(func.sum(Cost.amount_minor))) == (sum(fees.values()) or None)
    check = runner.invoke(args=["rollups", "check"])
    assert check.exit_code == 0, check.output
