"""Finding and creating places. Countries and subdivisions come from ISO 3166 (pycountry)."""

from __future__ import annotations

import re

import pycountry
from slugify import slugify as _slugify
from sqlalchemy import and_, select, true

from tracker import permissions
from tracker.audit import trail
from tracker.extensions import db
from tracker.i18n import current_language
from tracker.places import names as place_names
from tracker.places.models import Place, PlaceKind

WORLD_CODE = "world"


class PlaceError(ValueError):
    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def world() -> Place:
    """The root of the tree. On a database with no place yet it is not stored (a GET never writes):
    an unsaved root with no id, under which nothing counts."""
    place = db.session.scalar(select(Place).where(Place.kind == PlaceKind.WORLD))
    return place if place is not None else Place(kind=PlaceKind.WORLD, code=WORLD_CODE, name="Everywhere")


def ensure_world() -> Place:
    place = world()
    if place.id is None:
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
                      parent=ensure_world(), country_code=code)
        db.session.add(place)
        db.session.flush()
    return place


def is_subdivision_code(iso_code: str) -> bool:
    return pycountry.subdivisions.get(code=(iso_code or "").strip().upper()) is not None


def ensure_subdivision(iso_code: str) -> Place:
    code = (iso_code or "").strip().upper()
    if not code:
        raise PlaceError("subdivision_required")
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
    """A readable URL code in ASCII, transliterating any script (ភ្នំពេញ → bhnmbeny)."""
    return _slugify(name, max_length=60, word_boundary=True) or "city"


MAX_NAME_LENGTH = 200


_NAME_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015'\u2019.]+")


def _same_name(a: str, b: str) -> bool:
    """Saint-Denis is Saint Denis; letters and marks of any script still tell names apart."""
    def key(name: str) -> str:
        return _NAME_SEPARATORS.sub(" ", name.casefold()).strip()
    return key(a) == key(b)


def ensure_city(subdivision_code: str, name: str) -> Place:
    """The city of that name in the subdivision, created if new. Two different names never share a
    city: when a new name's code is taken (two Khmer names can transliterate alike), it gets -2, -3…"""
    name = " ".join((name or "").split())
    if not name:
        raise PlaceError("city_name_required")
    if len(name) > MAX_NAME_LENGTH:
        raise PlaceError("city_name_too_long", length=MAX_NAME_LENGTH)
    subdivision = ensure_subdivision(subdivision_code)
    base = slugify(name)
    siblings = {place.code: place for place in db.session.scalars(
        select(Place).where(Place.parent_id == subdivision.id, Place.code.like(f"{base}%")))}
    for place in siblings.values():
        if _same_name(place.name, name):
            return place
    code, number = base, 1
    while code in siblings:
        number += 1
        code = f"{base}-{number}"
    place = Place(kind=PlaceKind.CITY, code=code, name=name, parent=subdivision,
                  country_code=subdivision.country_code, subdivision_code=subdivision.code)
    db.session.add(place)
    db.session.flush()
    trail.record("city.created", "place", place.id, after={"name": name, "code": f"{subdivision.code}/{code}"},
                 place_id=place.id)
    return place


def region_clause(slug: str):
    """WHERE clause of the place a URL code names: world, FR, FR-IDF or FR-IDF/paris."""
    if slug == WORLD_CODE:
        return Place.kind == PlaceKind.WORLD
    if "/" in slug:
        parent_code, city_code = slug.split("/", 1)
        return and_(Place.kind == PlaceKind.CITY, Place.subdivision_code == parent_code.upper(),
                    Place.code == city_code)
    kind = PlaceKind.SUBDIVISION if "-" in slug else PlaceKind.COUNTRY
    return and_(Place.kind == kind, Place.code == slug.upper())


def find_region(slug: str) -> Place | None:
    """The place for a URL code: world, FR, FR-IDF or FR-IDF/paris."""
    return db.session.scalar(select(Place).where(region_clause(slug)))


def resolve_region(code: str) -> Place:
    """A coordinator's region from its code: world, FR, FR-IDF or an existing city FR-IDF/paris."""
    code = (code or "").strip()
    if code.lower() == WORLD_CODE:
        return ensure_world()
    if "/" in code:
        subdivision, _, city = code.partition("/")
        place = find_region(f"{subdivision.upper()}/{city.lower()}")
        if place is None:
            raise PlaceError("unknown_region", code=code)
        return place
    if "-" in code:
        return ensure_subdivision(code)
    if len(code) == 2:
        return ensure_country(code)
    raise PlaceError("unknown_region", code=code)


def split_codes(text: str) -> list[str]:
    """Codes typed in one box, separated by commas, semicolons or spaces; each once, in order."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,;]+", text or "") if part))


def get(place_id: int) -> Place | None:
    return db.session.get(Place, place_id)


def get_by_form_value(value: str | None) -> Place | None:
    """The place whose id a form posted, or None for an empty or malformed value."""
    text = (value or "").strip()
    return get(int(text)) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def cities() -> list[Place]:
    return list(db.session.scalars(select(Place).where(Place.kind == PlaceKind.CITY).order_by(Place.name)))


def coordinated_place_ids(user):
    """The ids of the places in `user`'s regions, as a subquery: to filter by them in SQL."""
    return select(Place.id).where(
        permissions.coordinated_clause(user, Place.country_code, Place.subdivision_code, Place.id))


def coordinated_cities(user) -> list[Place]:
    """Cities in `user`'s regions: where they may place campaigns and organisations."""
    return list(db.session.scalars(select(Place).where(
        Place.kind == PlaceKind.CITY,
        permissions.coordinated_clause(user, Place.country_code, Place.subdivision_code, Place.id))
        .order_by(Place.name)))


def subdivision_choices(countries: tuple[str, ...] = ("KH",)) -> list[tuple[str, str]]:
    """(ISO 3166-2 code, name) of every subdivision of `countries` and of every subdivision in use.

    Cambodia's provinces are always offered, so that an NGO's work areas can be picked before any
    campaign mentions them; nothing is stored until one is chosen.
    """
    names = {place.code: place.name for place in subdivisions_in_use()}
    for country in countries:
        for subdivision in pycountry.subdivisions.get(country_code=country) or ():
            names.setdefault(subdivision.code, subdivision.name)

    def order(code: str) -> tuple:
        country, _, local = code.partition("-")
        return (country, int(local) if local.isdigit() else 0, local)

    return [(code, f"{code} · {place_names.subdivision_name(code, names[code], current_language())}")
            for code in sorted(names, key=order)]


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
        return true()  # a clause, not Python's True, so that callers may combine it with and_()
    if region.kind is PlaceKind.CITY:
        return city_column == region.id
    column = Place.country_code if region.kind is PlaceKind.COUNTRY else Place.subdivision_code
    return city_column.in_(select(Place.id).where(Place.kind == PlaceKind.CITY, column == region.code))
