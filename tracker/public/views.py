"""Public pages: totals anyone may see, and the receipt check. No personal data on any of them:
no donor name or contact, no name of who logged a gift."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_percent
from flask import Blueprint, abort, current_app, render_template, request, session, url_for
from flask_login import current_user

from tracker import database_changes, permissions
from tracker.security import public_site
from tracker.campaigns import services as campaigns
from tracker.dashboards import accounts as money_accounts
from tracker.dashboards import services as dashboards
from tracker.dashboards.forms import STATUS_LABELS
from tracker.donations import queries as donations
from tracker.donations.labels import METHOD_LABELS, RECEIPT_STATUS_WORDING
from tracker.donations.models import GiftKind
from tracker.extensions import limiter
from tracker.i18n import LANGUAGE_NAMES, current_language
from tracker.ledger import labels as ledger_labels
from tracker.places import services as places
from tracker.public import page_cache, services
from tracker.public.forms import CurrencyForm, ReceiptForm
from tracker.rollups import queries as figures

bp = Blueprint("public", __name__)
MONEY_LABELS = {"takings": ledger_labels.TAKINGS_LABELS, "methods": METHOD_LABELS,
                "categories": ledger_labels.CATEGORY_LABELS, "transfer_statuses": ledger_labels.TRANSFER_STATUS_LABELS,
                "claim_statuses": ledger_labels.CLAIM_STATUS_LABELS}
DEFAULT_CURRENCY = "EUR"
CAMPAIGNS_LISTED = 50  # the largest of a region's campaigns


def _cacheable() -> bool:
    """Visitors who are not signed in, with no message waiting, all see the same page."""
    return not current_user.is_authenticated and not session.get("_flashes")


def _cached(*key_parts) -> tuple[str | None, str | None]:
    """(the cache key, the page if cached) for this visitor, or (None, None) when the page is personal."""
    if not _cacheable():
        return None, None
    key = page_cache.key(*key_parts, request.args.get("currency", ""), current_language())
    return key, page_cache.pages().get(key)


def _keep(key: str | None, page):
    """Keep a page made for a visitor (a refusal, with its status, is never kept)."""
    if key is not None and isinstance(page, str):
        page_cache.pages().put(key, page)
    return page


@bp.route("/")
def home():
    found = _region_version(places.WORLD_CODE)  # None on an empty database
    key, html = _cached("home", *(found or (None, 0)))
    if html is not None:
        return html
    return _keep(key, _home(places.world()))


def _home(everywhere):
    form = CurrencyForm(request.args, default=DEFAULT_CURRENCY)
    if not form.validate():
        return render_template("public/home.html", form=form, totals=None), 400
    currency = form.currency.data
    totals = dashboards.region_totals(everywhere, currency, public_only=True)
    countries = places.children(everywhere)
    active = dashboards.shown_campaign_lines(totals, campaign_ids=dashboards.active_public_campaign_ids())
    return render_template("public/home.html", form=form, totals=totals, currency=currency, countries=countries,
                           country_lines=dashboards.region_lines(countries, currency, public_only=True), active=active)


@bp.route("/health")
def health():
    """For load balancers and the benchmark's baseline: answers at once, touches no database."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route("/campaigns/<int:campaign_id>")
def campaign(campaign_id: int):
    # A page is only ever cached once a visitor was allowed to see it, and making a campaign
    # private moves its revision on.
    version = database_changes.remembered(("campaign", campaign_id), lambda: figures.campaign_page_version(
        campaign_id)) if _cacheable() else None
    key, html = _cached("campaign", campaign_id, *version, public_site()) if version else (None, None)
    if html is not None:
        return html
    shown = campaigns.get(campaign_id)
    # A draft or private campaign does not exist for those who may not see it.
    if shown is None or not permissions.can_view_campaign(current_user, shown):
        abort(404)
    form = CurrencyForm(request.args, default=shown.currency, extra=(shown.currency,))
    if not form.validate():
        return render_template("public/campaign.html", form=form, campaign=shown, totals=None), 400
    currency = form.currency.data
    totals = dashboards.campaign_totals(shown, currency)
    shares = [(recipient.ngo, _percent(recipient.share_basis_points)) for recipient in shown.recipients]
    line, in_kind = totals.by_campaign[shown.id], dashboards.campaign_in_kind_items(shown)
    # The address kept when shared: this language, and the currency if the visitor chose another.
    kept = currency if currency != shown.currency else None
    addresses = {code: public_site() + url_for("public.campaign", campaign_id=shown.id, currency=kept, lang=code)
                 for code in LANGUAGE_NAMES}
    share = services.campaign_share(shown, totals, line, in_kind, currency, addresses[current_language()], addresses)
    return _keep(key, render_template(
        "public/campaign.html", form=form, campaign=shown, totals=totals, currency=currency, line=line,
        shares=shares, in_kind=in_kind, share=share,
        money=money_accounts.campaign_money(shown, currency), money_labels=MONEY_LABELS,
        records_money=permissions.can_record_money(current_user, shown)))


def _percent(basis_points: int | None) -> str | None:
    if basis_points is None:
        return None
    return format_percent(Decimal(basis_points) / 10000, format="#,##0.##%", locale=current_language())


@bp.route("/regions/")
def regions():
    form = CurrencyForm(request.args, default=DEFAULT_CURRENCY)
    if not form.validate():
        return render_template("public/regions.html", form=form, places=None), 400
    currency = form.currency.data
    shown = places.regions_in_use()
    return render_template("public/regions.html", form=form, currency=currency, places=shown,
                           lines=dashboards.region_lines(shown, currency, public_only=True))


@bp.route("/regions/<path:code>")
def region(code: str):
    found = _region_version(code)
    if found is None:
        abort(404)
    key, html = _cached("region", *found)
    if html is not None:
        return html
    return _keep(key, _region(places.get(found[0])))


def _region_version(code: str) -> tuple[int, int] | None:
    """The place's id and its figures' version: one query, or none while nothing was committed since."""
    return database_changes.remembered(("region", code), lambda: figures.region_version(places.region_clause(code)))


def _region(place):
    form = CurrencyForm(request.args, default=DEFAULT_CURRENCY)
    context = {"region": place, "form": form, "ancestry": places.ancestry(place)}
    if not form.validate():
        return render_template("public/region.html", totals=None, **context), 400
    currency = form.currency.data
    totals = dashboards.region_totals(place, currency, public_only=True)
    children = places.children(place)
    return render_template("public/region.html", totals=totals, currency=currency, children=children,
                           money=money_accounts.region_money(place, currency, public_only=True),
                           campaign_lines=dashboards.shown_campaign_lines(totals, CAMPAIGNS_LISTED),
                           child_lines=dashboards.region_lines(children, currency, public_only=True), **context)


@bp.route("/receipt")
@limiter.limit(lambda: current_app.config["RECEIPT_LIMIT_PER_ADDRESS"], exempt_when=lambda: "code" not in request.args,
               scope="receipt")
def receipt():
    form = ReceiptForm(request.args)
    if "code" not in request.args:
        return render_template("public/receipt.html", form=form, asked=False, gift=None)
    if not form.validate():
        return render_template("public/receipt.html", form=form, asked=False, gift=None), 400
    # A code that cannot be one is refused by the form (400, "check the code"); a well-formed code that
    # names no gift is a 404 ("no gift with this code").
    gift = donations.by_receipt_code(form.reading.stored)
    context = {"form": form, "asked": True, "gift": gift, "status_labels": STATUS_LABELS,
               "status_wording": RECEIPT_STATUS_WORDING,
               "in_kind": gift is not None and gift.kind is GiftKind.IN_KIND,
               "campaign_visible": gift is not None and permissions.can_view_campaign(current_user, gift.campaign)}
    return render_template("public/receipt.html", **context), 200 if gift else 404
