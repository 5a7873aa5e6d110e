"""Who may do what. Every view asks here; nothing else decides access.

Roles: an admin may do everything; a coordinator watches and manages the regions they were given
(the place "world" means everywhere); a volunteer logs and edits gifts for the campaigns of their
own organisations. Anonymous visitors see public totals only.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from tracker.accounts.models import Role, User
from tracker.campaigns.models import Campaign, CampaignStatus
from tracker.donations.models import Donation, DonationStatus
from tracker.organisations.models import Organisation
from tracker.places.models import Place, PlaceKind


def region_contains(region: Place, place: Place) -> bool:
    if region.kind is PlaceKind.WORLD:
        return True
    if region.kind is PlaceKind.COUNTRY:
        return place.country_code == region.code
    if region.kind is PlaceKind.SUBDIVISION:
        return place.subdivision_code == region.code or place.id == region.id
    return place.id == region.id


def _role(user) -> Role | None:
    return user.role if getattr(user, "is_authenticated", False) else None


def is_admin(user) -> bool:
    return _role(user) is Role.ADMIN


def coordinates(user, place: Place) -> bool:
    """An admin, or a coordinator one of whose regions contains `place`."""
    role = _role(user)
    if role is Role.ADMIN:
        return True
    return role is Role.COORDINATOR and any(region_contains(r, place) for r in user.regions)


def is_volunteer(user) -> bool:
    return _role(user) is Role.VOLUNTEER


def is_member(user, organisation: Organisation) -> bool:
    return _role(user) is not None and any(o.id == organisation.id for o in user.organisations)


def can_view_dashboards(user) -> bool:
    """The dashboards section: admins and coordinators."""
    return _role(user) in (Role.ADMIN, Role.COORDINATOR)


def can_view_dashboard(user, region: Place) -> bool:
    return coordinates(user, region)


def can_view_campaign(user, campaign: Campaign) -> bool:
    if campaign.is_public and campaign.status is not CampaignStatus.DRAFT:
        return True
    return can_log_for(user, campaign) or coordinates(user, campaign.city)


def can_log_for(user, campaign: Campaign) -> bool:
    """Volunteers of the organiser, coordinators of its region, admins; active campaigns only."""
    if campaign.status is not CampaignStatus.ACTIVE:
        return False
    role = _role(user)
    if role is Role.VOLUNTEER:
        return is_member(user, campaign.organisation)
    return coordinates(user, campaign.city)


def can_edit_donation(user, donation: Donation) -> bool:
    """Correct or void: a volunteer only their own entries, in their own organisations."""
    if donation.status is DonationStatus.VOID:
        return False
    role = _role(user)
    if role is Role.VOLUNTEER:
        return donation.logged_by_id == user.id and is_member(user, donation.campaign.organisation)
    return coordinates(user, donation.campaign.city)


def can_verify(user, donation: Donation) -> bool:
    return donation.status is not DonationStatus.VOID and coordinates(user, donation.campaign.city)


def can_see_donor(user, donation: Donation) -> bool:
    """Donor names and contacts are for those who answer for the entry, never for the public."""
    role = _role(user)
    if role is Role.VOLUNTEER:
        return is_member(user, donation.campaign.organisation)
    return coordinates(user, donation.campaign.city)


def can_manage_campaign(user, campaign: Campaign) -> bool:
    return coordinates(user, campaign.city)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    return coordinates(user, organisation.city)


def can_manage_places(user) -> bool:
    return _role(user) in (Role.ADMIN, Role.COORDINATOR)


def can_admin(user) -> bool:
    return is_admin(user)


def is_staff(user) -> bool:
    return _role(user) is not None


def require(allowed: bool) -> None:
    """Refuse with 403 (or send anonymous visitors to sign in) unless `allowed`."""
    if allowed:
        return
    if not getattr(current_user, "is_authenticated", False):
        from tracker.extensions import login_manager

        abort(login_manager.unauthorized())
    abort(403)


def coordinator_regions(user: User) -> list[Place]:
    return list(user.regions) if _role(user) is Role.COORDINATOR else []


def navigation(user) -> dict[str, bool]:
    """Which sections the menu offers; each page still checks its own permission."""
    role = _role(user)
    return {
        "can_log": role is not None,
        "dashboards": role in (Role.ADMIN, Role.COORDINATOR),
        "manage": role in (Role.ADMIN, Role.COORDINATOR),
        "admin": role is Role.ADMIN,
    }
