"""Organisations and NGOs: creation and changes by coordinators. Changes only flush."""

from __future__ import annotations

from sqlalchemy import select

from tracker import permissions
from tracker.extensions import db
from tracker.organisations.models import Organisation, OrganisationKind
from tracker.places.models import Place


class OrganisationError(ValueError):
    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


def _check(actor, name: str, city: Place | None, existing: Organisation | None = None) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > 200:
        raise OrganisationError("name_required", "name")
    if city is None:
        raise OrganisationError("city_required", "city")
    if not permissions.coordinates(actor, city):
        raise OrganisationError("region_not_yours", "city", place=city.name)
    clash = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if clash is not None and clash is not existing:
        raise OrganisationError("name_taken", "name", name=name)
    return name


def create_organisation(actor, name: str, kind: OrganisationKind, city: Place,
                        work_areas: list[Place] = ()) -> Organisation:
    organisation = Organisation(name=_check(actor, name, city), kind=kind, city_id=city.id)
    organisation.work_areas = list(work_areas) if kind is OrganisationKind.NGO else []
    db.session.add(organisation)
    db.session.flush()
    return organisation


def update_organisation(actor, organisation: Organisation, name: str, kind: OrganisationKind, city: Place,
                        work_areas: list[Place] = ()) -> Organisation:
    if not permissions.can_manage_organisation(actor, organisation):
        raise OrganisationError("region_not_yours", "city", place=organisation.city.name)
    organisation.name = _check(actor, name, city, organisation)
    organisation.kind, organisation.city_id = kind, city.id
    organisation.work_areas = list(work_areas) if kind is OrganisationKind.NGO else []
    db.session.flush()
    return organisation


def get(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def ngos() -> list[Organisation]:
    return list(db.session.scalars(
        select(Organisation).where(Organisation.kind == OrganisationKind.NGO).order_by(Organisation.name)))


def manageable_by(user) -> list[Organisation]:
    return [o for o in all_organisations() if permissions.can_manage_organisation(user, o)]
