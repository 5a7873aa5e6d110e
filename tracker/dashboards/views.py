"""Coordinator dashboards: a region's figures in a chosen currency, filtered by dates and statuses."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from tracker import permissions
from tracker.dashboards import accounts, services
from tracker.dashboards.forms import METHOD_LABELS, STATUS_LABELS, DashboardFilterForm
from tracker.places import services as places

bp = Blueprint("dashboards", __name__)
INDEX_CURRENCY = "EUR"
LISTED = 50  # campaigns and organisations listed, largest first, unless all are asked for


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
    context = {"region": place, "form": form, "ancestry": places.ancestry(place),
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
