"""Finding and creating places. Countries and subdivisions come from ISO 3166 (pycountry)."""

from __future__ import annotations

import re
import unicodedata

import pycountry
from sqlalchemy import select

from tracker.extensions import db
from tracker.places.models import Place, PlaceKind

WORLD_CODE = "world"


class PlaceError(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def world() -> Place:
    place = db.session.scalar(select(Place).where(Place.kind == PlaceKind.WORLD))
    if place is None:
        place = Place(kind=PlaceKind.WORLD, code=WORLD_CODE, name="Everywhere")
        db.session.add(place)
        db.session.flush()
    return place


def ensure_country(alpha_2: str) -> Place:
    code = alpha_2.upper()
    place = db.session.scalar(select(Place).where(Place.kind == PlaceKind.COUNTRY, Place.code == code))
    if place is None:
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            raise PlaceError("unknown_country", code=alpha_2)
        place = Place(kind=PlaceKind.COUNTRY, code=code, name=getattr(country, "common_name", country.name),
                      parent=world(), country_code=code)
        db.session.add(place)
        db.session.flush()
    return place


def ensure_subdivision(iso_code: str) -> Place:
    code = iso_code.upper()
    place = db.session.scalar(select(Place).where(Place.kind == PlaceKind.SUBDIVISION, Place.code == code))
    if place is None:
        subdivision = pycountry.subdivisions.get(code=code)
        if subdivision is None:
            raise PlaceError("unknown_subdivision", code=iso_code)
        place = Place(kind=PlaceKind.SUBDIVISION, code=code, name=subdivision.name,
                      parent=ensure_country(subdivision.country_code),
                      country_code=subdivision.country_code, subdivision_code=code)
        db.session.add(place)
        db.session.flush()
    return place


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "city"


def ensure_city(subdivision_code: str, name: str) -> Place:
    name = " ".join(name.split())
    if not name:
        raise PlaceError("city_name_required")
    subdivision = ensure_subdivision(subdivision_code)
    slug = slugify(name)
    place = db.session.scalar(select(Place).where(Place.parent_id == subdivision.id, Place.code == slug))
    if place is None:
        place = Place(kind=PlaceKind.CITY, code=slug, name=name, parent=subdivision,
                      country_code=subdivision.country_code, subdivision_code=subdivision.code)
        db.session.add(place)
        db.session.flush()
    return place


def find_region(slug: str) -> Place | None:
    """The place for a URL code: world, FR, FR-IDF or FR-IDF/paris."""
    if slug == WORLD_CODE:
        return world()
    if "/" in slug:
        parent_code, city_code = slug.split("/", 1)
        return db.session.scalar(
            select(Place).where(Place.kind == PlaceKind.CITY, Place.subdivision_code == parent_code.upper(),
                                Place.code == city_code))
    kind = PlaceKind.SUBDIVISION if "-" in slug else PlaceKind.COUNTRY
    return db.session.scalar(select(Place).where(Place.kind == kind, Place.code == slug.upper()))


def get(place_id: int) -> Place | None:
    return db.session.get(Place, place_id)


def cities() -> list[Place]:
    return list(db.session.scalars(select(Place).where(Place.kind == PlaceKind.CITY).order_by(Place.name)))


def subdivisions_in_use() -> list[Place]:
    return list(db.session.scalars(
        select(Place).where(Place.kind == PlaceKind.SUBDIVISION).order_by(Place.country_code, Place.name)))


def regions_in_use() -> list[Place]:
    """Every place known to the tracker, world first, then by country, subdivision, city."""
    order = {PlaceKind.WORLD: 0, PlaceKind.COUNTRY: 1, PlaceKind.SUBDIVISION: 2, PlaceKind.CITY: 3}
    places = list(db.session.scalars(select(Place)))
    return sorted(places, key=lambda p: (order[p.kind] > 0, p.country_code or "", order[p.kind],
                                         p.subdivision_code or "", p.name))


def ancestry(place: Place) -> list[Place]:
    """From everywhere down to `place`."""
    chain = []
    node: Place | None = place
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def children(place: Place) -> list[Place]:
    return list(db.session.scalars(select(Place).where(Place.parent_id == place.id).order_by(Place.name)))


def in_region_clause(region: Place, city_column):
    """A WHERE clause on a column holding a city's id: the city lies in `region`."""
    if region.kind is PlaceKind.WORLD:
        return True
    if region.kind is PlaceKind.CITY:
        return city_column == region.id
    column = Place.country_code if region.kind is PlaceKind.COUNTRY else Place.subdivision_code
    return city_column.in_(select(Place.id).where(Place.kind == PlaceKind.CITY, column == region.code))
