"""Organisations and NGOs: creation and changes by coordinators. Changes only flush."""

from __future__ import annotations

from sqlalchemy import select

from tracker import permissions
from tracker.audit import trail
from tracker.extensions import db
from tracker.organisations.models import Organisation, OrganisationKind
from tracker.places import services as places
from tracker.places.models import Place, PlaceKind


class OrganisationError(ValueError):
    def __init__(self, code: str, field: str | None = None, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


def _check(actor, name: str, city: Place | None, existing: Organisation | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise OrganisationError("name_required", "name")
    if len(name) > 200:
        raise OrganisationError("name_too_long", "name", length=200)
    if city is None or city.kind is not PlaceKind.CITY:
        raise OrganisationError("city_required", "city")
    if not permissions.coordinates(actor, city):
        raise OrganisationError("region_not_yours", "city", place=city.name)
    clash = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if clash is not None and clash is not existing:
        raise OrganisationError("name_taken", "name", name=name)
    return name


def work_areas_from_codes(codes: list[str]) -> list[Place]:
    """The provinces for ISO 3166-2 codes (KH-22, KH-13 ...), created on first use.

    Every code is checked before any place is created, so one unknown code stores nothing.
    """
    codes = [code.strip().upper() for code in codes if code and code.strip()]
    for code in codes:
        if not places.is_subdivision_code(code):
            raise OrganisationError("work_area_unknown", "work_area_codes", code=code)
    return [places.ensure_subdivision(code) for code in dict.fromkeys(codes)]


def create_organisation(actor, name: str, kind: OrganisationKind, city: Place,
                        work_areas: list[Place] = ()) -> Organisation:
    organisation = Organisation(name=_check(actor, name, city), kind=kind, city_id=city.id)
    organisation.work_areas = list(work_areas) if kind is OrganisationKind.NGO else []
    db.session.add(organisation)
    db.session.flush()
    trail.record("organisation.created", "organisation", organisation.id, after=_audited(organisation),
                 place_id=organisation.city_id, actor=actor)
    return organisation


def _audited(organisation: Organisation) -> dict:
    return {"name": organisation.name, "kind": organisation.kind.value, "city_id": organisation.city_id,
            "work_areas": sorted(place.code for place in organisation.work_areas)}


def update_organisation(actor, organisation: Organisation, name: str, kind: OrganisationKind, city: Place,
                        work_areas: list[Place] = ()) -> Organisation:
    if not permissions.can_manage_organisation(actor, organisation):
        raise OrganisationError("region_not_yours", "city", place=organisation.city.name)
    before = _audited(organisation)
    organisation.name = _check(actor, name, city, organisation)
    organisation.kind, organisation.city = kind, city
    organisation.work_areas = list(work_areas) if kind is OrganisationKind.NGO else []
    db.session.flush()
    old, new = trail.changed(before, _audited(organisation))
    if new:
        trail.record("organisation.updated", "organisation", organisation.id, before=old, after=new,
                     place_id=organisation.city_id, actor=actor)
    return organisation


def set_federation(actor, organisation: Organisation, federation: Organisation | None) -> Organisation:
    """Make an association a member of a federation (None: of none), by someone who manages both. A
    federation is an association, never an NGO, and never a member of its own members, however far down."""
    if not permissions.can_manage_organisation(actor, organisation):
        raise OrganisationError("region_not_yours", "federation", place=organisation.city.name)
    if federation is not None and federation.id != organisation.federation_id and \
            not permissions.can_manage_organisation(actor, federation):
        # A member's campaigns may pass money into the federation's: the federation's side agrees.
        raise OrganisationError("region_not_yours", "federation", place=federation.city.name)
    if federation is not None:
        if federation.kind is OrganisationKind.NGO or organisation.kind is OrganisationKind.NGO:
            raise OrganisationError("federation_not_an_association", "federation")
        above, node = set(), federation
        while node is not None and node.id not in above:
            if node.id == organisation.id:
                raise OrganisationError("federation_cycle", "federation", name=federation.name)
            above.add(node.id)
            node = node.federation
    before = organisation.federation_id
    organisation.federation_id = federation.id if federation else None
    db.session.flush()
    if before != organisation.federation_id:
        trail.record("organisation.federation_changed", "organisation", organisation.id,
                     before={"federation_id": before}, after={"federation_id": organisation.federation_id},
                     place_id=organisation.city_id, actor=actor)
    return organisation


def get(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def get_by_form_value(value: str | None) -> Organisation | None:
    """The organisation whose id a form posted, or None for an empty or malformed value."""
    text = (value or "").strip()
    return get(int(text)) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def associations() -> list[Organisation]:
    """Those a member association may belong to, as to a federation."""
    return list(db.session.scalars(
        select(Organisation).where(Organisation.kind == OrganisationKind.ASSOCIATION).order_by(Organisation.name)))


def ngos() -> list[Organisation]:
    return list(db.session.scalars(
        select(Organisation).where(Organisation.kind == OrganisationKind.NGO).order_by(Organisation.name)))


def manageable_by(user) -> list[Organisation]:
    """Organisations whose city lies in the user's regions (the permission module's rule, in SQL)."""
    return list(db.session.scalars(
        select(Organisation).join(Place, Place.id == Organisation.city_id)
        .where(permissions.coordinated_clause(user, Place.country_code, Place.subdivision_code, Place.id))
        .order_by(Organisation.name)))
