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

bp = Blueprint("dashboards", __name__)
INDEX_CURRENCY = "EUR"
LISTED = 50  # campaigns and organisations listed, largest first, unless all are asked for
# What a list of gifts adds to a dashboard's query; the rest (currency, dates, statuses) is the dashboard's.
LIST_ARGUMENTS = ("q", "page", "kind", "method", "campaign", "organisation", "paid_in")


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
    place = places.find_region(code)
    if place is None:
        abort(404)
    permissions.require(permissions.can_view_dashboard(current_user, place))
    form = DashboardFilterForm(request.args)
    ancestry = places.ancestry(place)
    context = {"region": place, "form": form, "ancestry": ancestry,
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
    place = places.find_region(code)
    if place is None:
        abort(404)
    permissions.require(permissions.can_view_dashboard(current_user, place))
    form = GiftSearchForm(request.args)
    dashboard_args = {k: v for k, v in request.args.to_dict(flat=False).items() if k not in LIST_ARGUMENTS}
    context = {"region": place, "form": form, "dashboard_args": dashboard_args, "status_labels": STATUS_LABELS,
               "method_labels": METHOD_LABELS, "GiftKind": GiftKind}
    if not form.validate():
        return render_template("dashboards/gifts.html", found=None, **context), 400
    search = form.search()
    found = gift_queries.gift_page(gift_queries.in_region(place), search, form.page_number)
    donors = {d.id for d in found.gifts if permissions.can_see_donor(current_user, d)}
    return render_template(
        "dashboards/gifts.html", found=found, donors=donors, search=search,
        campaign=campaigns.get(search.campaign_id) if search.campaign_id else None,
        organisation=organisations.get(search.organisation_id) if search.organisation_id else None, **context)
