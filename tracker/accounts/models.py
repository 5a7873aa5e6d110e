from __future__ import annotations

import enum
import secrets

from flask_login import UserMixin
from sqlalchemy import Boolean, Column, ForeignKey, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db, str_enum
from tracker.organisations.models import Organisation
from tracker.places.models import Place


class Role(enum.StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    VOLUNTEER = "volunteer"


memberships = Table(
    "memberships",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
)

# The regions a coordinator watches; the place "world" means everywhere.
coordinated_regions = Table(
    "coordinated_regions",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", ForeignKey("places.id"), primary_key=True),
)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role, 16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    # Carried by every session and remember cookie; replacing it ends them all (see accounts.services).
    # Set when an admin chose the password: its owner must choose their own before anything else.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    session_token: Mapped[str] = mapped_column(String(43), default=lambda: secrets.token_urlsafe(32))

    organisations: Mapped[list[Organisation]] = relationship(secondary=memberships, order_by=Organisation.name)
    regions: Mapped[list[Place]] = relationship(secondary=coordinated_regions, order_by=Place.name)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember cookie: the id and the session token."""
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"
