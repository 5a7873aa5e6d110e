"""Users: creation, passwords (Argon2id, memory-hard) and roles. Changes flush; callers commit."""

from __future__ import annotations

import hmac
import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from tracker.accounts import passwords
from tracker.accounts.models import Role, User
from tracker.audit import trail
from tracker.extensions import db
from tracker.organisations.models import Organisation
from tracker.places.models import Place

MIN_PASSWORD_LENGTH = passwords.MIN_LENGTH
# Argon2id with RFC 9106's low-memory profile (64 MiB); the test suite may ask for the cheapest.
_HASHERS = {
    "rfc9106-low-memory": PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY),
    "cheapest": PasswordHasher.from_parameters(profiles.CHEAPEST),
}
_dummy_hashes: dict[str, str] = {}


def _hasher() -> PasswordHasher:
    from flask import current_app

    return _HASHERS[current_app.config.get("PASSWORD_HASH_PROFILE", "rfc9106-low-memory")]


def _dummy_hash() -> str:
    """Checked against when the email is unknown, so a wrong email costs what a wrong password does."""
    hasher = _hasher()
    key = str(hasher.memory_cost)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = hasher.hash("not-a-real-password")
    return _dummy_hashes[key]


class AccountError(ValueError):
    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


MAX_USER_ID = 2**63 - 1  # ids are BIGINT-sized on every database: anything larger names no one


def load_user(cookie_id: str) -> User | None:
    """The user a session or remember cookie names, if its session token is still theirs."""
    user_id, _, token = (cookie_id or "").partition(":")
    if not user_id.isascii() or not user_id.isdigit() or int(user_id) > MAX_USER_ID or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token.encode(), token.encode("utf-8", "replace")):
        return None
    return user


def end_sessions(user: User) -> None:
    """Every session and remember cookie of this user stops working, on every worker and host."""
    user.session_token = secrets.token_urlsafe(32)
    db.session.flush()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    user = find_by_email(email)
    try:
        _hasher().verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = _hasher().hash(password)
        db.session.flush()
    return user


def set_password(user: User, password: str, demo: bool = False) -> None:
    """`demo`: the demo data may use the public demo password; nothing else may."""
    refused = passwords.refusal(password, user.email or "", demo)
    if refused is not None:
        code, params = refused
        raise AccountError(code, **params)
    user.password_hash = _hasher().hash(password)
    if user.id is not None:
        end_sessions(user)


MAX_NAME_LENGTH = 120


def _checked_email(email: str, user: User | None = None) -> str:
    email = normalise_email(email)
    local, _, domain = email.partition("@")
    if not local or not domain or len(email) > 254 or any(c.isspace() for c in email):
        raise AccountError("email_invalid")
    holder = find_by_email(email)
    if holder is not None and holder is not user:
        raise AccountError("email_taken", email=email)
    return email


def _checked_name(name: str, email: str) -> str:
    name = " ".join((name or "").split())
    if len(name) > MAX_NAME_LENGTH:
        raise AccountError("name_too_long", length=MAX_NAME_LENGTH)
    return name or email


def create_user(email: str, password: str, name: str, role: Role,
                organisations: list[Organisation] = (), regions: list[Place] = (), active: bool = True,
                demo: bool = False, chosen_by_admin: bool = False) -> User:
    """Organisations matter for volunteers and regions for coordinators; the others are dropped."""
    email = _checked_email(email)
    user = User(email=email, name=_checked_name(name, email), role=role, active=active, password_hash="")
    set_password(user, password, demo)
    user.must_change_password = chosen_by_admin
    user.organisations = list(organisations) if role is Role.VOLUNTEER else []
    user.regions = list(regions) if role is Role.COORDINATOR else []
    db.session.add(user)
    db.session.flush()
    trail.record("user.created", "user", user.id, after=_audited(user))
    return user


def _audited(user: User) -> dict:
    """What the audit trail keeps of an account (never the password or its hash)."""
    return {"email": user.email, "name": user.name, "role": user.role.value, "active": user.active,
            "organisations": sorted(o.id for o in user.organisations), "regions": sorted(p.code for p in user.regions)}


def update_user(user: User, *, name: str, role: Role, active: bool,
                organisations: list[Organisation], regions: list[Place], password: str | None = None,
                email: str | None = None, actor: User | None = None) -> User:
    """`actor` (the admin making the change) may not take away their own admin role or account."""
    if actor is not None and actor.id == user.id and (role is not Role.ADMIN or not active):
        raise AccountError("cannot_demote_self")
    before = _audited(user)
    if email is not None:
        user.email = _checked_email(email, user)
    user.name = _checked_name(name, user.email)
    if role is not user.role or (user.active and not active):
        end_sessions(user)  # what they could do in an open session is no longer theirs to do
    user.role = role
    user.active = active
    user.organisations = list(organisations) if role is Role.VOLUNTEER else []
    user.regions = list(regions) if role is Role.COORDINATOR else []
    if password:
        set_password(user, password)
        # An admin's reset: the owner chooses their own at the next sign-in (not when admins set their own).
        user.must_change_password = actor is not None and actor.id != user.id
    db.session.flush()
    old, new = trail.changed(before, _audited(user))
    if password:
        old["password"], new["password"] = "(kept)", "(replaced)"
    if new:
        trail.record("user.updated", "user", user.id, before=old, after=new, actor=actor)
    return user


def change_own_password(user: User, current: str, new: str) -> None:
    """A user replaces their password, proving they know the current one; every other session ends."""
    try:
        _hasher().verify(user.password_hash, current or "")
    except (VerificationError, InvalidHashError):
        raise AccountError("current_password_wrong")
    if new == current:
        raise AccountError("password_unchanged")
    set_password(user, new)
    user.must_change_password = False
    trail.record("user.password_changed", "user", user.id, before={"password": "(kept)"},
                 after={"password": "(replaced)"}, actor=user)


def first_admin() -> User | None:
    """Whose name a command run from the shell acts in when none is given: the oldest active admin."""
    return db.session.scalars(select(User).where(User.role == Role.ADMIN, User.active.is_(True))
                              .order_by(User.id)).first()


def get(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def all_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role, User.name)))

