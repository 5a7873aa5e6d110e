"""The baseline: a page's total computed the naive way, straight from the donations.

One GROUP BY over the donations table per figure: the counted gifts (received and verified)
summed per (campaign, day received, currency, kind, status), then each group converted by the
rate book and the money rules (`RateBook.convert_minor`: that day's rate, rounded once) and the
groups summed. This is what a dashboard would cost without rollups; the dashboards must beat it.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import func, select

from tracker import money
from benchmarks.datasets import Subjects
from benchmarks.stats import Timing
from tracker.campaigns.models import Campaign
from tracker.donations.models import COUNTED_STATUSES, Donation, GiftKind
from tracker.extensions import db
from tracker.places.models import Place
from tracker.rates.services import rate_book

DASHBOARD_CURRENCY = "EUR"  # what the dashboards show when no currency is asked for
WARM_UP_RUNS = 1


@dataclass(frozen=True)
class NaiveTotal:
    currency: str
    money_minor: int  # money gifts, converted and summed
    in_kind_minor: int  # estimated value of in-kind gifts, likewise
    groups: int
    missing_rates: int  # groups left out because their day had no rate


def naive_total(currency: str, campaign_id: int | None = None, country_code: str | None = None) -> NaiveTotal:
    """The counted gifts (of one campaign, or one country, or all), in `currency`, by one GROUP BY
    and per-group conversion."""
    book = rate_book()  # built afresh, as a request builds its own
    grouped = (Donation.campaign_id, Donation.received_on, Donation.currency, Donation.kind, Donation.status)
    query = (select(Donation.received_on, Donation.currency, Donation.kind, func.sum(Donation.amount_minor))
             .where(Donation.status.in_(COUNTED_STATUSES)).group_by(*grouped))
    if campaign_id is not None:
        query = query.where(Donation.campaign_id == campaign_id)
    if country_code is not None:
        query = (query.join(Campaign, Campaign.id == Donation.campaign_id).join(Place, Place.id == Campaign.city_id)
                 .where(Place.country_code == country_code))
    totals = {GiftKind.MONEY: 0, GiftKind.IN_KIND: 0}
    groups = missing = 0
    for day, from_currency, kind, amount_minor in db.session.execute(query):
        groups += 1
        try:
            totals[kind] += book.convert_minor(int(amount_minor), from_currency, currency, day)
        except money.MissingRate:
            missing += 1
    return NaiveTotal(currency, totals[GiftKind.MONEY], totals[GiftKind.IN_KIND], groups, missing)


def figures(subjects: Subjects) -> dict[str, tuple[str, dict]]:
    """For each page, the currency it shows by default and which donations it covers."""
    return {
        "everywhere": (DASHBOARD_CURRENCY, {}),
        "country": (DASHBOARD_CURRENCY, {"country_code": subjects.country_code}),
        "campaign": (subjects.campaign_currency, {"campaign_id": subjects.campaign_id}),
    }


def time_naive(app: Flask, subjects: Subjects, runs: int) -> tuple[dict[str, Timing], dict[str, NaiveTotal]]:
    timings, totals = {}, {}
    with app.app_context():
        for name, (currency, scope) in figures(subjects).items():
            print(f"  naive GROUP BY for the {name} figure: {runs} runs", file=sys.stderr, flush=True)
            for _ in range(WARM_UP_RUNS):
                naive_total(currency, **scope)
            durations = []
            for _ in range(runs):
                started = time.perf_counter()
                totals[name] = naive_total(currency, **scope)
                durations.append(time.perf_counter() - started)
                db.session.rollback()  # end the read transaction, as a request's teardown does
            timings[name] = Timing(tuple(durations))
    return timings, totals
