"""Coordinator dashboards: a region's figures in a chosen currency, filtered by dates and statuses."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from tracker import permissions
from tracker.dashboards import accounts, services
from tracker.dashboards.forms import METHOD_LABELS, STATUS_LABELS, DashboardFilterForm
from tracker.donations import queries as gift_queries
from tracker.donations.forms import GiftSearchForm
from tracker.donations.models import GiftKind
from tracker.campaigns import services as campaigns
from tracker.organisations import services as organisations
from tracker.places import services as places
from tracker.rollups import queries as figure_queries

bp = Blueprint("dashboards", __name__)
INDEX_CURRENCY = "EUR"
LISTED = 50  # campaigns and organisations listed, largest first, unless all are asked for
# The query arguments links carry on, and only those: a request's other arguments (`code`, `_external`…)
# would reach url_for. A dashboard's filters; what a list of gifts adds to them; `counted`, the
# statuses of the dashboard a list was opened from (its own may be one status), for the way back.
DASHBOARD_ARGUMENTS = ("currency", "date_from", "date_to", "status", "campaigns")
LIST_ARGUMENTS = ("q", "kind", "method", "campaign", "organisation", "paid_in", "counted")


def _kept(names) -> dict[str, list[str]]:
    return {name: request.args.getlist(name) for name in names if request.args.getlist(name)}


def _viewable_region(code: str):
    """The region a URL code names, if this user may see its dashboard (404 if none, 403 if not theirs)."""
    place = places.find_region(code)
    if place is None:
        abort(404)
    permissions.require(permissions.can_view_dashboard(current_user, place))
    return place


@bp.route("/dashboards/")
def index():
    permissions.require(permissions.can_view_dashboards(current_user))
    regions = services.viewable_regions(current_user)
    lines = services.region_lines(regions, INDEX_CURRENCY)
    sub_regions = {region.id: places.children(region) for region in regions}
    return render_template("dashboards/index.html", regions=regions, lines=lines, sub_regions=sub_regions,
                           currency=INDEX_CURRENCY)


@bp.route("/dashboards/<path:code>")
def region(code: str):
    place = _viewable_region(code)
    form = DashboardFilterForm(request.args)
    ancestry = places.ancestry(place)
    context = {"region": place, "form": form, "ancestry": ancestry, "args": _kept(DASHBOARD_ARGUMENTS),
               "allowed": {p.id for p in ancestry if permissions.can_view_dashboard(current_user, p)},
               "status_labels": STATUS_LABELS, "method_labels": METHOD_LABELS}
    if not form.validate():
        return render_template("dashboards/region.html", totals=None, **context), 400
    currency = form.currency.data
    filters = services.Filters(date_from=form.date_from.data, date_to=form.date_to.data, statuses=form.statuses)
    totals = services.region_totals(place, currency, filters)
    # A crisis brings thousands of campaigns: list the largest unless all were asked for.
    show_all = request.args.get("campaigns") == "all"
    listed = None if show_all else LISTED
    campaign_lines = services.shown_campaign_lines(totals, listed)
    children = places.children(place)
    return render_template(
        "dashboards/region.html", totals=totals, currency=currency, filters=filters,
        campaign_lines=campaign_lines, listed=listed, children=children,
        child_lines=services.region_lines(children, currency, filters),
        in_kind=services.region_in_kind_items(place, filters.statuses),
        money=accounts.region_money(place, currency, False, filters.date_from, filters.date_to),
        recipients=services.recipients(place), **context)


@bp.route("/dashboards/gifts/<path:code>")
def gifts(code: str):
    """The gifts behind a dashboard's figure: its region, statuses and dates, and what the figure was of."""
    place = _viewable_region(code)
    form = GiftSearchForm(request.args)
    dashboard_args = _kept(DASHBOARD_ARGUMENTS)
    dashboard_args.pop("status", None)
    if request.args.getlist("counted"):
        dashboard_args["status"] = request.args.getlist("counted")
    context = {"region": place, "form": form, "dashboard_args": dashboard_args,
               "list_args": _kept(DASHBOARD_ARGUMENTS + LIST_ARGUMENTS), "status_labels": STATUS_LABELS,
               "method_labels": METHOD_LABELS, "GiftKind": GiftKind}
    if not form.validate():
        return render_template("dashboards/gifts.html", found=None, **context), 400
    search = form.search()
    found = gift_queries.gift_page(gift_queries.in_region(place), search, form.page_number)
    donors = {d.id for d in found.gifts if permissions.can_see_donor(current_user, d)}
    campaign = campaigns.get(search.campaign_id) if search.campaign_id else None
    organisation = organisations.get(search.organisation_id) if search.organisation_id else None
    return render_template(
        "dashboards/gifts.html", found=found, donors=donors, search=search,
        awaiting=figure_queries.awaiting_among(gift_queries.found_ids(gift_queries.in_region(place), search),
                                               form.reporting_currency),
        # Named only when in this region: a filter must not tell a campaign's name to anyone.
        campaign=campaign if campaign and permissions.can_view_dashboard(current_user, campaign.city) else None,
        organisation=organisation if organisation and permissions.can_view_dashboard(current_user, organisation.city)
        else None, **context)
