"""What the import pages read."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import permissions
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import Campaign
from tracker.extensions import db
from tracker.imports.models import ImportBatch, ImportedRecord, ImportMapping
from tracker.organisations import services as organisations
from tracker.organisations.models import Organisation



def importable_for(user) -> list[Campaign]:
    return [c for c in campaigns.loggable_for(user) if permissions.can_import_for(user, c)]


def organisations_for(user) -> list[Organisation]:
    """The organisations in the user's regions: whose column mappings they may save."""
    return organisations.manageable_by(user)


def mappings_for(organisation_ids: set[int]) -> list[ImportMapping]:
    return list(db.session.scalars(select(ImportMapping).where(ImportMapping.organisation_id.in_(organisation_ids))
                                   .order_by(ImportMapping.name)))


def mapping(mapping_id: int) -> ImportMapping | None:
    return db.session.get(ImportMapping, mapping_id)


def batch(batch_id: int) -> ImportBatch | None:
    return db.session.get(ImportBatch, batch_id)


def records_of(batch_id: int) -> list[ImportedRecord]:
    return list(db.session.scalars(select(ImportedRecord).where(ImportedRecord.batch_id == batch_id)
                                   .order_by(ImportedRecord.line)))


def record(record_id: int) -> ImportedRecord | None:
    return db.session.get(ImportedRecord, record_id)


def evidence_for(donation_id: int) -> list[ImportedRecord]:
    """The imported records a gift counts, with their batches."""
    return list(db.session.scalars(select(ImportedRecord).where(ImportedRecord.donation_id == donation_id)
                                   .options(joinedload(ImportedRecord.batch)).order_by(ImportedRecord.id)))


def raw_cells(record: ImportedRecord) -> dict[str, str]:
    return json.loads(record.raw)
