"""An upload too large to store within its request is committed by a background job (tracker.jobs)."""

from __future__ import annotations

from tracker import jobs
from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.extensions import db
from tracker.imports import operations, planning, queries, uploads
from tracker.imports.parsing import ValueRefused
from tracker.imports.parsing.table import chunks

JOB = "imports.commit"
PROGRESS_EVERY = 1000  # rows between two progress reports


def commit_upload(progress, owner_id: int, token: str) -> dict:
    """Read the kept upload again, store it all or nothing, and commit: as the commit page does in-request."""
    owner = accounts.get(owner_id)
    kept = uploads.fetch(token, owner_id) if owner is not None else None
    if kept is None:
        raise jobs.JobRefused("upload_expired")
    path, details = kept
    campaign = campaigns.get(details["campaign_id"])
    mapping = queries.mapping(details["mapping_id"]) if details.get("mapping_id") else None
    total = 0  # the rows, near enough for a progress bar

    def counted(records):
        for done, record in enumerate(records, start=1):
            if done % PROGRESS_EVERY == 0:
                progress(done, total)
            yield record

    try:
        total = sum(chunk.count(b"\n") for chunk in chunks(path))
        plan = planning.plan_import(campaign, path, details["file_name"], details["format"], progress=counted,
                                    mapping=mapping)
        progress(total, total)
        batch = operations.commit_import(owner, plan)
    except ValueRefused as refused:
        raise jobs.JobRefused(refused.code, **refused.params) from None
    except operations.ImportRefused as refused:
        raise jobs.JobRefused(refused.code, **refused.params) from None
    db.session.commit()
    uploads.forget(token)
    return {"batch": batch.id, "new": batch.new, "refunds": batch.refunds}


def init_app() -> None:
    jobs.register(JOB, commit_upload)
