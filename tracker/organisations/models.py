from __future__ import annotations

import enum

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db, str_enum
from tracker.places.models import Place


class OrganisationKind(enum.StrEnum):
    ASSOCIATION = "association"
    NGO = "ngo"
    RELIGIOUS = "religious"
    BUSINESS = "business"
    STUDENT_GROUP = "student_group"
    PUBLIC_BODY = "public_body"


# The provinces where an NGO works (Oddar Meanchey, Preah Vihear, ...).
ngo_work_areas = Table(
    "ngo_work_areas",
    db.metadata,
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", ForeignKey("places.id"), primary_key=True),
)


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind, 32))
    city_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    # The federation this association is a member of: its campaigns may pass their money to the federation's.
    federation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)

    city: Mapped[Place] = relationship(foreign_keys=[city_id])
    federation: Mapped[Organisation | None] = relationship(remote_side=[id])
    work_areas: Mapped[list[Place]] = relationship(secondary=ngo_work_areas, order_by=Place.name)

    @property
    def is_ngo(self) -> bool:
        return self.kind is OrganisationKind.NGO

    def __repr__(self) -> str:
        return f"<Organisation {self.name}>"
