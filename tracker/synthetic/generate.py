"""A deterministic crisis-sized data set, written in bulk, for benchmarks.

The same seed and sizes always give the same places, organisations, campaigns and donations. A few
campaigns take most gifts (Zipf-like weights), as when one federation's appeal goes viral. Rows go
in by multi-row INSERTs in chunks, then the rollup cells are rebuilt once from the donations.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass
from decimal import Decimal

import pycountry
from sqlalchemy import func, insert, select

from tracker import money
from tracker.accounts.models import Role, User
from tracker.campaigns.models import Campaign, CampaignKind, CampaignStatus
from tracker.donations import receipt_codes
from tracker.rollups import integrity as rollups
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.organisations.models import Organisation, OrganisationKind
from tracker.places.models import Place, PlaceKind
from tracker.places.services import world
from tracker.rates.models import ExchangeRate

# Country and the currency its campaigns collect in; 8 countries, 7 currencies.
COUNTRIES = [("FR", "EUR"), ("US", "USD"), ("CA", "CAD"), ("AU", "AUD"), ("JP", "JPY"), ("TH", "THB"),
             ("KH", "KHR"), ("BE", "EUR")]
FIRST_DAY = dt.date(2025, 7, 24)
CHUNK = 10_000
SYNTHETIC_EMAIL = "synthetic@samaki.invalid"
# Rough value of one euro in each currency, to draw gift sizes people would give.
EURO_IN = {"EUR": 1, "USD": 1.15, "CAD": 1.6, "AUD": 1.78, "JPY": 170, "THB": 38, "KHR": 4700}


@dataclass(frozen=True)
class Sizes:
    countries: int = 8
    subdivisions: int = 40
    cities: int = 120
    organisations: int = 500
    campaigns: int = 2000
    donations: int = 1_000_000
    days: int = 60


def generate(sizes: Sizes = Sizes(), seed: int = 2025) -> dict[str, int]:
    """Add the data set to an empty tracker; flushes, the caller commits. Returns row counts."""
    if db.session.scalar(select(func.count(Donation.id))):
        raise ValueError("the database already holds donations: generate into an empty one")
    rng = random.Random(seed)
    actor = _actor()
    countries = COUNTRIES[:sizes.countries]
    cities = _places(countries, sizes)
    currency_of = {city.id: dict(countries)[city.country_code] for city in cities}
    organisations = _organisations(rng, cities, sizes.organisations)
    campaigns = _campaigns(rng, organisations, currency_of, sizes)
    _riel_rates(actor, sizes.days)
    _donations(rng, campaigns, actor, sizes)
    rollups.rebuild()
    return {"cities": len(cities), "organisations": len(organisations), "campaigns": len(campaigns),
            "donations": sizes.donations}


def _actor() -> User:
    user = User(email=SYNTHETIC_EMAIL, name="Synthetic data", role=Role.ADMIN, active=False, password_hash="!")
    db.session.add(user)
    db.session.flush()
    return user


def _places(countries, sizes: Sizes) -> list[Place]:
    root = world()
    per_country = max(1, sizes.subdivisions // len(countries))
    per_subdivision = max(1, sizes.cities // (per_country * len(countries)))
    cities = []
    for alpha_2, _currency in countries:
        country = Place(kind=PlaceKind.COUNTRY, code=alpha_2, name=pycountry.countries.get(alpha_2=alpha_2).name,
                        parent=root, country_code=alpha_2)
        db.session.add(country)
        subdivisions = sorted(pycountry.subdivisions.get(country_code=alpha_2), key=lambda s: s.code)
        for subdivision in subdivisions[:per_country]:
            region = Place(kind=PlaceKind.SUBDIVISION, code=subdivision.code, name=subdivision.name, parent=country,
                           country_code=alpha_2, subdivision_code=subdivision.code)
            db.session.add(region)
            for number in range(1, per_subdivision + 1):
                cities.append(Place(kind=PlaceKind.CITY, code=f"city-{number}", name=f"{subdivision.name} {number}",
                                    parent=region, country_code=alpha_2, subdivision_code=subdivision.code))
    db.session.add_all(cities)
    db.session.flush()
    return cities


def _organisations(rng: random.Random, cities: list[Place], count: int) -> list[Organisation]:
    organisations = [Organisation(name=f"Synthetic association {n:04d}",
                                  kind=OrganisationKind.NGO if n % 25 == 0 else OrganisationKind.ASSOCIATION,
                                  city_id=cities[n % len(cities)].id if n < len(cities) else rng.choice(cities).id)
                     for n in range(count)]
    db.session.add_all(organisations)
    db.session.flush()
    return organisations


def _campaigns(rng: random.Random, organisations, currency_of: dict[int, str], sizes: Sizes) -> list[Campaign]:
    kinds = list(CampaignKind)
    campaigns = []
    for n in range(sizes.campaigns):
        organiser = organisations[n % len(organisations)]
        currency = currency_of[organiser.city_id]
        starts = FIRST_DAY + dt.timedelta(days=rng.randrange(0, max(1, sizes.days // 4)))
        goal_eur = rng.choice([None, 5_000, 20_000, 80_000])
        campaigns.append(Campaign(
            name=f"Synthetic campaign {n:05d}", organisation_id=organiser.id, city_id=organiser.city_id,
            kind=kinds[n % len(kinds)], currency=currency,
            goal_minor=None if goal_eur is None else money.to_minor(
                money.parse_amount(str(int(goal_eur * EURO_IN[currency])), currency), currency),
            starts_on=starts, ends_on=None, status=CampaignStatus.ACTIVE, description="Synthetic benchmark data.",
            is_public=n % 10 != 0, source_note=""))
    db.session.add_all(campaigns)
    db.session.flush()
    return campaigns


def _riel_rates(actor: User, days: int) -> None:
    """The ECB has no riel: the benchmark enters one rate a day, as an admin would."""
    now = dt.datetime.now(dt.UTC)
    db.session.execute(insert(ExchangeRate), [
        {"currency": "KHR", "day": FIRST_DAY + dt.timedelta(days=d), "per_eur": Decimal(4650 + d),
         "source": "synthetic benchmark rate", "entered_by_id": actor.id, "entered_at": now}
        for d in range(-7, days + 1)])


# Coprime with 30, so serial numbers stepped by it never meet again modulo 30^9.
CODE_STRIDE = 7 ** 11


def _receipt_code(number: int) -> str:
    digits = []
    for _ in range(receipt_codes.RANDOM_LENGTH):
        number, digit = divmod(number, len(receipt_codes.ALPHABET))
        digits.append(receipt_codes.ALPHABET[digit])
    return receipt_codes.with_check("".join(digits))


def _donations(rng: random.Random, campaigns: list[Campaign], actor: User, sizes: Sizes) -> None:
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(campaigns))))
    shuffled = campaigns[:]
    rng.shuffle(shuffled)
    methods = list(Method)
    statuses = [DonationStatus.RECEIVED] * 90 + [DonationStatus.VERIFIED] * 5 + [DonationStatus.PLEDGED] * 3 + \
               [DonationStatus.VOID] * 2
    now = dt.datetime.now(dt.UTC)
    # Receipt codes as the app makes them, from distinct numbers: a million random ones could repeat.
    code_space = len(receipt_codes.ALPHABET) ** receipt_codes.RANDOM_LENGTH
    first_code = rng.randrange(code_space)
    remaining = sizes.donations
    last_day = FIRST_DAY + dt.timedelta(days=sizes.days - 1)
    serial = 0
    while remaining > 0:
        batch = []
        for campaign in rng.choices(shuffled, cum_weights=weights, k=min(CHUNK, remaining)):
            serial += 1
            currency = campaign.currency
            in_kind = serial % 33 == 0
            whole = max(1, round(rng.lognormvariate(3.5, 1.1) * EURO_IN[currency]))
            amount_minor = money.to_minor(Decimal(whole), currency)
            status = statuses[rng.randrange(100)]
            code = _receipt_code((first_code + serial * CODE_STRIDE) % code_space)
            batch.append({
                "campaign_id": campaign.id, "kind": GiftKind.IN_KIND if in_kind else GiftKind.MONEY,
                "amount_minor": amount_minor, "currency": currency,
                "item": "rice" if in_kind else None, "quantity": rng.randint(1, 20) if in_kind else None,
                "unit": "bags" if in_kind else None,
                "received_on": min(last_day, campaign.starts_on + dt.timedelta(days=int(rng.expovariate(1 / 6)))),
                "method": methods[serial % len(methods)], "donor_name": None, "anonymous": True,
                "donor_contact": None, "status": status,
                "void_reason": "synthetic duplicate" if status is DonationStatus.VOID else None,
                "receipt_code": code, "submission_key": None,
                "logged_by_id": actor.id, "logged_at": now, "verified_by_id": None, "verified_at": None,
            })
        db.session.execute(insert(Donation), batch)
        remaining -= len(batch)
