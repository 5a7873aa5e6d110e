"""Recording a change in the audit trail. Operations call `record` in the same transaction as the
change, after it is flushed, so an event exists exactly when its change was committed."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from flask import g, has_request_context, request
from flask_login import current_user
from sqlalchemy import insert

from tracker.audit.models import AuditEvent
from tracker.extensions import db

OUTSIDE_REQUESTS = "command line"


def _json(values: dict | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, default=str, sort_keys=True, ensure_ascii=False)


def _request_id() -> str:
    if "audit_request_id" not in g:
        g.audit_request_id = str(uuid.uuid4())
    return g.audit_request_id


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the values that differ, before and after."""
    keys = sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
    return {key: before.get(key) for key in keys}, {key: after.get(key) for key in keys}


def _context(actor) -> dict:
    """Who (the actor given, else whoever is signed in to the request) and from which request."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    values = {"occurred_at": dt.datetime.now(dt.UTC), "actor_id": getattr(actor, "id", None),
              "actor_name": (getattr(actor, "name", None) or OUTSIDE_REQUESTS)[:120],
              "actor_email": getattr(actor, "email", None), "request_method": None, "request_path": None,
              "remote_addr": None, "request_id": None}
    if has_request_context():
        values.update(request_method=request.method, request_path=request.full_path.rstrip("?")[:500],
                      remote_addr=(request.remote_addr or "")[:64], request_id=_request_id())
    return values


def record(action: str, subject_type: str, subject_id: int | None, *, before: dict | None = None,
           after: dict | None = None, place_id: int | None = None, actor=None) -> AuditEvent:
    """One row for one change."""
    event = AuditEvent(**_context(actor), action=action, subject_type=subject_type, subject_id=subject_id,
                       place_id=place_id, before=_json(before), after=_json(after))
    db.session.add(event)
    db.session.flush()
    return event


def record_many(action: str, subject_type: str, subjects: list[tuple[int, dict, int | None]], actor=None) -> None:
    """One row per change of a batch, (subject id, values after, place id) each, in one statement."""
    if subjects:
        context = _context(actor)
        db.session.execute(insert(AuditEvent), [
            {**context, "action": action, "subject_type": subject_type, "subject_id": subject_id, "place_id": place_id,
             "before": None, "after": _json(after)} for subject_id, after, place_id in subjects])
