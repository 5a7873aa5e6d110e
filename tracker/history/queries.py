"""Reading the audit trail, filtered in SQL by what the viewer may see and what they ask for."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tracker import permissions
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.places.models import Place

PAGE_SIZE = 200


def events(viewer, *, subject_type: str | None = None, actor: str | None = None, since: dt.date | None = None,
           until: dt.date | None = None) -> list[tuple[AuditEvent, str | None]]:
    """(event, the name of its place) newest first: admins see all; coordinators, events in their regions."""
    query = (select(AuditEvent, Place.name).outerjoin(Place, Place.id == AuditEvent.place_id)
             .order_by(AuditEvent.id.desc()).limit(PAGE_SIZE))
    if not permissions.is_admin(viewer):
        query = query.where(AuditEvent.place_id.is_not(None),
                            permissions.coordinated_clause(viewer, Place.country_code, Place.subdivision_code, Place.id))
    if subject_type:
        query = query.where(AuditEvent.subject_type == subject_type)
    if actor:
        query = query.where(AuditEvent.actor_email == actor.strip().lower())
    if since:
        query = query.where(AuditEvent.occurred_at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    if until:
        query = query.where(AuditEvent.occurred_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC))
    return [tuple(row) for row in db.session.execute(query)]
