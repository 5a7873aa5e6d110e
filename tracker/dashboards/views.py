"""Coordinator dashboards: a region's figures in a chosen currency, filtered by dates and statuses."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from tracker import permissions
from tracker.dashboards import services
from tracker.dashboards.forms import METHOD_LABELS, STATUS_LABELS, DashboardFilterForm
from tracker.places import services as places

bp = Blueprint("dashboards", __name__)
INDEX_CURRENCY = "EUR"


@bp.route("/dashboards/")
def index():
    permissions.require(permissions.can_view_dashboards(current_user))
    regions = services.viewable_regions(current_user)
    lines = services.totals_of_regions(regions, INDEX_CURRENCY)
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
    campaigns = services.region_campaigns(place)
    totals = services.compute(campaigns, currency, filters)
    children = places.children(place)
    return render_template(
        "dashboards/region.html", totals=totals, currency=currency, filters=filters,
        children=children, child_lines=services.lines_by_region(totals, children),
        in_kind=services.in_kind_items(campaigns, filters.statuses),
        recipients=services.recipients(campaigns.values()), **context)
