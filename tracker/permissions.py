"""Who may do what. Every view asks here; nothing else decides access.

Roles: an admin may do everything; a coordinator watches and manages the regions they were given
(the place "world" means everywhere); a volunteer logs and edits gifts for the campaigns of their
own organisations. Anonymous visitors see public totals only.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import false, or_, true

from tracker.extensions import login_manager

# This module sits below every feature and imports none of their models: roles, statuses and
# place kinds are string enums, compared here by their stored values.
ADMIN, COORDINATOR, VOLUNTEER = "admin", "coordinator", "volunteer"


def region_contains(region, place) -> bool:
    if region.kind == "world":
        return True
    if region.kind == "country":
        return place.country_code == region.code
    if region.kind == "subdivision":
        return place.subdivision_code == region.code or place.id == region.id
    return place.id == region.id


def _role(user) -> str | None:
    return user.role if getattr(user, "is_authenticated", False) else None


def coordinated_clause(user, country_code, subdivision_code, place_id):
    """The same rule as `coordinates`, as SQL over a place's columns: filter in the database, not in Python."""
    role = _role(user)
    if role == ADMIN:
        return true()
    if role != COORDINATOR:
        return false()
    parts = []
    for region in user.regions:
        if region.kind == "world":
            return true()
        if region.kind == "country":
            parts.append(country_code == region.code)
        elif region.kind == "subdivision":
            parts.append(or_(subdivision_code == region.code, place_id == region.id))
        else:
            parts.append(place_id == region.id)
    return or_(false(), *parts)


def is_admin(user) -> bool:
    return _role(user) == ADMIN


def coordinates(user, place) -> bool:
    """An admin, or a coordinator one of whose regions contains `place`."""
    role = _role(user)
    if role == ADMIN:
        return True
    return role == COORDINATOR and any(region_contains(r, place) for r in user.regions)


def is_volunteer(user) -> bool:
    return _role(user) == VOLUNTEER


def is_member(user, organisation) -> bool:
    return _role(user) is not None and any(o.id == organisation.id for o in user.organisations)


def can_view_dashboards(user) -> bool:
    """The dashboards section: admins and coordinators."""
    return _role(user) in (ADMIN, COORDINATOR)


def can_view_dashboard(user, region) -> bool:
    return coordinates(user, region)


def can_view_campaign(user, campaign) -> bool:
    if campaign.is_shown_publicly:
        return True
    return can_log_for(user, campaign) or coordinates(user, campaign.city)


def can_log_for(user, campaign) -> bool:
    """Volunteers of the organiser, coordinators of its region, admins; active campaigns only."""
    if campaign.status != "active":
        return False
    role = _role(user)
    if role == ADMIN:
        return True
    if role == VOLUNTEER:  # by the organiser's id: a gift logged need not load the organisation
        return any(o.id == campaign.organisation_id for o in user.organisations)
    return coordinates(user, campaign.city)


def can_edit_donation(user, donation) -> bool:
    """Correct or void: a volunteer only their own entries, in their own organisations."""
    if donation.status == "void":
        return False
    role = _role(user)
    if role == VOLUNTEER:
        return donation.logged_by_id == user.id and is_member(user, donation.campaign.organisation)
    return coordinates(user, donation.campaign.city)


def can_verify(user, donation) -> bool:
    return donation.status != "void" and coordinates(user, donation.campaign.city)


def can_answer_donor_requests(user) -> bool:
    """Erasure and access requests (GDPR articles 17 and 15) are handled by coordinators and admins."""
    return _role(user) in (ADMIN, COORDINATOR)


def can_erase_donor(user, donation) -> bool:
    return coordinates(user, donation.campaign.city)


def can_see_donor(user, donation) -> bool:
    """Donor names and contacts are for those who answer for the entry, never for the public."""
    role = _role(user)
    if role == VOLUNTEER:
        return is_member(user, donation.campaign.organisation)
    return coordinates(user, donation.campaign.city)


def can_see_gift(user, donation) -> bool:
    """A gift's own page and its receipt screen: who answers for its donor, who may correct it, and
    the coordinators of its region."""
    return (can_see_donor(user, donation) or can_edit_donation(user, donation)
            or coordinates(user, donation.campaign.city))


def can_manage_campaign(user, campaign) -> bool:
    return coordinates(user, campaign.city)


def can_record_money(user, campaign) -> bool:
    """Costs and transfers of a campaign, and their proofs: its organiser's volunteers, the coordinators
    of its region, admins."""
    if _role(user) == VOLUNTEER:
        return is_member(user, campaign.organisation)
    return coordinates(user, campaign.city)


def can_answer_for_transfer(user, transfer) -> bool:
    """Acknowledge or void a transfer: who records the sending campaign's money, and for a pass-through,
    the receiving campaign's too (a federation confirms, or refuses, what a member says it sent)."""
    return can_record_money(user, transfer.campaign) or (
        transfer.to_campaign is not None and can_record_money(user, transfer.to_campaign))


def can_see_document(user, campaign, transfer=None) -> bool:
    """Proofs name bank accounts and people: never public, only for those who record the money of the
    campaign it was filed under, or, for a transfer's proof or acknowledgement, who answer for the
    transfer (both ends of a pass-through)."""
    return can_record_money(user, campaign) or (transfer is not None and can_answer_for_transfer(user, transfer))


def can_manage_organisation(user, organisation) -> bool:
    return coordinates(user, organisation.city)


def can_manage_places(user) -> bool:
    return _role(user) in (ADMIN, COORDINATOR)


def can_admin(user) -> bool:
    return is_admin(user)


def can_view_history(user) -> bool:
    """The audit trail: admins see all of it, coordinators the events of their regions."""
    return _role(user) in (ADMIN, COORDINATOR)


def is_staff(user) -> bool:
    return _role(user) is not None


def require(allowed: bool) -> None:
    """Refuse with 403 (or send anonymous visitors to sign in) unless `allowed`."""
    if allowed:
        return
    if not getattr(current_user, "is_authenticated", False):
        abort(login_manager.unauthorized())
    abort(403)


def coordinator_regions(user) -> list:
    return list(user.regions) if _role(user) == COORDINATOR else []


def navigation(user) -> dict[str, bool]:
    """Which sections the menu offers; each page still checks its own permission."""
    role = _role(user)
    return {
        "can_log": role is not None,
        "dashboards": role in (ADMIN, COORDINATOR),
        "manage": role in (ADMIN, COORDINATOR),
        "admin": role == ADMIN,
        "history": role in (ADMIN, COORDINATOR),
        "imports": role in (ADMIN, COORDINATOR),
    }


def can_import_for(user, campaign) -> bool:
    """Platform exports bring many gifts at once: coordinators of the campaign's region and admins."""
    return campaign.status == "active" and coordinates(user, campaign.city)


def can_decide_import(user, campaign) -> bool:
    """Say whether an imported record is a gift typed by hand already: whoever may import for it."""
    return coordinates(user, campaign.city)
