from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db, str_enum


class PlaceKind(enum.StrEnum):
    WORLD = "world"
    COUNTRY = "country"
    SUBDIVISION = "subdivision"
    CITY = "city"


class Place(db.Model):
    """One node of the region tree: everywhere → country → subdivision → city.

    Every place keeps its country and subdivision codes, so that a region's campaigns are one
    indexed filter on the city they happen in, whatever the level.
    """

    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("parent_id", "code", name="uq_places_parent_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PlaceKind] = mapped_column(str_enum(PlaceKind, 16))
    # ISO 3166-1 alpha-2 for countries, ISO 3166-2 for subdivisions, a slug for cities.
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    subdivision_code: Mapped[str | None] = mapped_column(String(16), index=True)

    parent: Mapped[Place | None] = relationship(remote_side=[id])

    @property
    def slug(self) -> str:
        """The code in URLs: world, FR, FR-IDF, or FR-IDF/paris for a city."""
        if self.kind is PlaceKind.CITY:
            return f"{self.subdivision_code or self.country_code}/{self.code}"
        return self.code

    def __repr__(self) -> str:
        return f"<Place {self.kind.value} {self.slug}>"
