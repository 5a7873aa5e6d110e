"""The demo world: diaspora fundraising for the July 2025 border crisis, built through the services.

Everything here is illustrative except one figure: the France-Khmer Federation of Île-de-France
raised "nearly €80,000 in under three days", as both seed articles report. The gifts that add up to
it are invented, and so is every organisation marked "(illustrative)", every donor and every
amount. A fixed seed makes every load identical (receipt codes aside, which are always random).

Nothing here writes to the database directly: places, organisations, campaigns, users, rates and
gifts go through the same services the web pages use, so the demo obeys the rules real data does.
`load` only flushes; the command that calls it commits once.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from tracker import money
from tracker.accounts import passwords
from tracker.accounts import services as accounts
from tracker.accounts.models import Role, User
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import Campaign, CampaignKind, CampaignStatus
from tracker.donations import operations
from tracker.demo import ledger as demo_ledger
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method, Takings
from tracker.organisations import services as organisations
from tracker.organisations.models import Organisation, OrganisationKind
from tracker.places import services as places
from tracker.rates import services as rates

SEED = 20250724  # the day the fighting started
DEMO_PASSWORD = passwords.DEMO_PASSWORD
ADMIN_EMAIL = "admin@samaki.example"
KHR_RATE_SOURCE = "illustrative demo rate"
ILLUSTRATIVE = "Illustrative demo data: the organisers' figures, donors and gifts are invented."

FEDERATION = "France-Khmer Federation of Île-de-France"
LYON_COMMITTEE = "Khmer Committee of Lyon (illustrative)"
SAN_JOSE_COMMUNITY = "Khmer Community of San Jose (illustrative)"
LYON_CAMPAIGN, EVENING_CAMPAIGN = "Lyon for the border villages", "Khmer charity evening at Le Mékong"
SAN_JOSE_CAMPAIGN = "San Jose livestream for O'Smach"
COORDINATOR_IDF_EMAIL = "coordinator.idf@samaki.example"
COORDINATOR_WORLD_EMAIL = "coordinator@samaki.example"
FEDERATION_CAMPAIGN = "Border emergency appeal: O'Smach and Preah Vihear"
FEDERATION_START = dt.date(2025, 7, 25)
FIRST_DAYS = (FEDERATION_START, dt.date(2025, 7, 26), dt.date(2025, 7, 27))
# The articles' "nearly €80,000": the first three days end a little under it, in cents.
FEDERATION_TARGET_CENTS = (7_880_000, 7_960_000)
SOURCE_NOTE = (
    'The France-Khmer Federation of Île-de-France "raised nearly €80,000 in less than three days", '
    "with the funds going to partner NGOs working around O'Smach and Preah Vihear, as reported by "
    '"Solidarity: The generous and effective mobilisation of Cambodians and their diaspora in response '
    'to the border crisis" and "Bonds Amid Borders: Thalias Joins Solidarity for Cambodian Refugees of the '
    'Border Conflict" (July 2025). Only that figure comes from the articles; the individual gifts are '
    "illustrative.")

LAST_DAY = dt.date(2025, 8, 31)  # every demo gift falls within July–August 2025
RIELS_PER_DOLLAR = Decimal(4010)  # illustrative: the riel is held close to 4,000 per US dollar


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: Role
    scope: str  # what they may see or do, as the command prints it
    regions: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


DEMO_USERS = (
    DemoUser(ADMIN_EMAIL, "Demo admin", Role.ADMIN, "everything"),
    DemoUser(COORDINATOR_IDF_EMAIL, "Sophal (demo coordinator, Île-de-France)", Role.COORDINATOR,
             "dashboards and management of Île-de-France (FR-IDF)", regions=("FR-IDF",)),
    DemoUser(COORDINATOR_WORLD_EMAIL, "Chenda (demo coordinator, everywhere)", Role.COORDINATOR,
             "dashboards and management everywhere", regions=("world",)),
    DemoUser("volunteer.paris@samaki.example", "Vanna (demo volunteer, Paris)", Role.VOLUNTEER,
             f"logs gifts for the {FEDERATION}", organisations=(FEDERATION,)),
    DemoUser("volunteer.sanjose@samaki.example", "Dara (demo volunteer, San Jose)", Role.VOLUNTEER,
             f"logs gifts for the {SAN_JOSE_COMMUNITY}", organisations=(SAN_JOSE_COMMUNITY,)),
)


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: OrganisationKind
    subdivision: str
    city: str
    work_areas: tuple[str, ...] = ()


NGOS = (
    OrganisationSpec("O'Smach Border Relief (illustrative)", OrganisationKind.NGO, "KH-22", "O'Smach", ("KH-22",)),
    OrganisationSpec("Preah Vihear Emergency Aid (illustrative)", OrganisationKind.NGO, "KH-13", "Preah Vihear",
                     ("KH-13",)),
    OrganisationSpec("Border Families Health Network (illustrative)", OrganisationKind.NGO, "KH-22", "Samraong",
                     ("KH-22", "KH-13")),
)
OSMACH, PREAH_VIHEAR, HEALTH_NETWORK = (spec.name for spec in NGOS)

ORGANISERS = (
    OrganisationSpec(FEDERATION, OrganisationKind.ASSOCIATION, "FR-IDF", "Paris"),
    OrganisationSpec("Restaurant Le Mékong (illustrative)", OrganisationKind.BUSINESS, "FR-IDF", "Paris"),
    OrganisationSpec(LYON_COMMITTEE, OrganisationKind.ASSOCIATION, "FR-ARA", "Lyon"),
    OrganisationSpec("Khmer Committee of Montréal (illustrative)", OrganisationKind.ASSOCIATION, "CA-QC",
                     "Montréal"),
    OrganisationSpec(SAN_JOSE_COMMUNITY, OrganisationKind.ASSOCIATION, "US-CA", "San Jose"),
    OrganisationSpec("Khmer Community of Victoria (illustrative)", OrganisationKind.ASSOCIATION, "AU-VIC",
                     "Melbourne"),
    OrganisationSpec("Cambodian Association in Japan (illustrative)", OrganisationKind.ASSOCIATION, "JP-13",
                     "Tokyo"),
    OrganisationSpec("La France en Isan", OrganisationKind.ASSOCIATION, "TH-40", "Khon Kaen"),
)


@dataclass(frozen=True)
class CommitteeCampaign:
    """A diaspora campaign whose gifts are drawn at random: sizes in whole units, methods by weight."""

    name: str
    organiser: str
    kind: CampaignKind
    currency: str
    goal: str
    starts_on: dt.date
    gifts: int
    amounts: tuple[int, ...]  # whole units of the currency, as people give them
    methods: tuple[tuple[Method, int], ...]
    recipients: tuple[str, ...]
    description: str
    pledged_share: float = 0.0  # share of gifts promised but not yet received
    one_day: bool = False  # an evening event: every gift on its first day


COMMITTEE_CAMPAIGNS = (
    CommitteeCampaign(
        LYON_CAMPAIGN, LYON_COMMITTEE, CampaignKind.ONLINE_FUNDRAISER,
        "EUR", "15000", dt.date(2025, 7, 26), 28, (20, 30, 50, 50, 100, 100, 150, 200, 300, 500),
        ((Method.ONLINE_PLATFORM, 6), (Method.BANK_TRANSFER, 3), (Method.CHEQUE, 1)), (OSMACH, PREAH_VIHEAR),
        "Online appeal of the Khmer community of Lyon."),
    CommitteeCampaign(
        "Montréal solidarity with Cambodia", "Khmer Committee of Montréal (illustrative)",
        CampaignKind.ONLINE_FUNDRAISER, "CAD", "20000", dt.date(2025, 7, 26), 28,
        (25, 40, 50, 100, 100, 200, 250, 500, 1000), ((Method.ONLINE_PLATFORM, 5), (Method.CHEQUE, 3),
                                                      (Method.BANK_TRANSFER, 2)), (HEALTH_NETWORK,),
        "Donations collected by the Khmer committee of Montréal, by e-transfer, cheque and online.",
        pledged_share=0.12),
    CommitteeCampaign(
        SAN_JOSE_CAMPAIGN, SAN_JOSE_COMMUNITY, CampaignKind.LIVESTREAM,
        "USD", "25000", dt.date(2025, 7, 26), 32, (20, 25, 50, 50, 100, 100, 200, 250, 500, 1000),
        ((Method.ONLINE_PLATFORM, 6), (Method.CARD, 3), (Method.CASH, 1)), (OSMACH,),
        "A solidarity livestream and collection of the Khmer community of San Jose."),
    CommitteeCampaign(
        "Melbourne appeal for displaced families", "Khmer Community of Victoria (illustrative)",
        CampaignKind.ONLINE_FUNDRAISER, "AUD", "15000", dt.date(2025, 7, 27), 24,
        (20, 50, 50, 100, 100, 150, 200, 500), ((Method.ONLINE_PLATFORM, 6), (Method.BANK_TRANSFER, 4)),
        (PREAH_VIHEAR,), "Online appeal of the Khmer community of Victoria.", pledged_share=0.1),
    CommitteeCampaign(
        "Tokyo relief collection", "Cambodian Association in Japan (illustrative)", CampaignKind.OTHER, "JPY",
        "1500000", dt.date(2025, 7, 28), 20, (3000, 5000, 5000, 10000, 10000, 20000, 30000, 50000),
        ((Method.BANK_TRANSFER, 7), (Method.CASH, 3)), (HEALTH_NETWORK,),
        "Bank transfers and a collection box at community gatherings in Tokyo."),
    CommitteeCampaign(
        "Isan aid for repatriated Cambodians", "La France en Isan", CampaignKind.OTHER, "THB", "150000",
        dt.date(2025, 7, 28), 20, (500, 1000, 1000, 2000, 3000, 5000, 10000),
        ((Method.CASH, 5), (Method.BANK_TRANSFER, 5)), (HEALTH_NETWORK,),
        "French expatriates in Isan help Cambodian civilians repatriated in an emergency. The association is "
        "named in the articles; this campaign's gifts are invented."),
    CommitteeCampaign(
        EVENING_CAMPAIGN, "Restaurant Le Mékong (illustrative)", CampaignKind.CHARITY_EVENT,
        "EUR", "", dt.date(2025, 7, 26), 36, (10, 15, 20, 20, 30, 40, 50, 50, 100, 150),
        ((Method.CASH, 5), (Method.CARD, 5)), (OSMACH,),
        "A Khmer restaurant in Paris gives the whole evening's takings and the guests' gifts.", one_day=True),
)

# (item, unit, quantity range, estimated value of one unit in euro cents or None when not estimated)
MEDICINES = (
    ("Paracetamol 500 mg", "boxes", (5, 60), 210),
    ("Bandages", "rolls", (10, 100), 150),
    ("Oral rehydration salts", "sachets", (20, 200), 40),
    ("Antiseptic solution", "bottles", (2, 24), 450),
    ("Sterile gauze compresses", "packs", (5, 50), None),
    ("Mosquito nets", "nets", (1, 10), None),
)
MEDICINE_CAMPAIGN = "Lyon medicine drive for the border"
# What the evening's money paid for, by weight: most of it the set meal, then gifts on the night.
TAKINGS_WEIGHTS = ((Takings.MEALS, 5), (Takings.DONATIONS, 3), (Takings.TICKETS, 2), (Takings.AUCTION, 1))

DONOR_FIRST_NAMES = ("Sokha", "Dara", "Sophea", "Rithy", "Bopha", "Chantha", "Kosal", "Malis", "Piseth", "Virak",
                     "Sreyneang", "Sambath", "Marie", "Julien", "Claire", "Thomas", "Nathalie", "Hélène", "Kim",
                     "Linh")


@dataclass
class Summary:
    organisations: int = 0
    campaigns: int = 0
    gifts: int = 0
    federation_first_days_cents: int = 0
    money_entries: int = 0  # costs, transfers, the pass-through and the claim


def is_loaded() -> bool:
    """The demo admin exists: the demo (or a database that already uses its name) is there."""
    return accounts.find_by_email(ADMIN_EMAIL) is not None


def load(seed: int = SEED) -> Summary:
    """Build the whole demo world and flush it; the caller commits."""
    rng = random.Random(seed)
    summary = Summary()
    admin = accounts.create_user(ADMIN_EMAIL, DEMO_PASSWORD, DEMO_USERS[0].name, Role.ADMIN, demo=True)
    _add_khr_rates(admin)

    ngos = {spec.name: _organisation(admin, spec) for spec in NGOS}
    organisers = {spec.name: _organisation(admin, spec) for spec in ORGANISERS}
    summary.organisations = len(ngos) + len(organisers)
    users = _users(admin, organisers)
    # Volunteers log their own association's gifts (so "my entries" has some); the admin logs the rest.
    volunteer_of = {name: users[spec.email] for spec in DEMO_USERS for name in spec.organisations}
    coordinator_idf = users[COORDINATOR_IDF_EMAIL]  # verifies the federation's bank transfers
    coordinator_world = users[COORDINATOR_WORLD_EMAIL]  # verifies the other committees' gifts

    federation = campaigns.create_campaign(admin, campaigns.CampaignEntry(
        name=FEDERATION_CAMPAIGN, organisation=organisers[FEDERATION], city=organisers[FEDERATION].city,
        kind=CampaignKind.ONLINE_FUNDRAISER, currency="EUR", goal="80000", starts_on=FEDERATION_START,
        ends_on=None, status=CampaignStatus.ACTIVE,
        description=("Online appeal and bank transfers of the France-Khmer Federation of Île-de-France for "
                     "partner NGOs working around O'Smach and Preah Vihear. Illustrative demo data: only the "
                     "total of the first three days follows the articles (see the source note); the gifts "
                     "are invented."),
        source_note=SOURCE_NOTE, recipients=[(ngos[OSMACH], "50"), (ngos[PREAH_VIHEAR], "50")]))
    summary.federation_first_days_cents, count = _federation_gifts(
        rng, volunteer_of[FEDERATION], coordinator_idf, federation)
    summary.gifts += count

    organisations.set_federation(admin, organisers[LYON_COMMITTEE], organisers[FEDERATION])
    made = {}
    for spec in COMMITTEE_CAMPAIGNS:
        organiser = organisers[spec.organiser]
        campaign = made[spec.name] = campaigns.create_campaign(
            admin, _committee_entry(spec, organiser, ngos, CampaignStatus.ACTIVE))
        actor = volunteer_of.get(spec.organiser, admin)
        summary.gifts += _committee_gifts(rng, actor, coordinator_world, campaign, spec)
        if spec.one_day:  # the evening is over: no more gifts can be logged for it
            campaigns.update_campaign(admin, campaign,
                                      _committee_entry(spec, organiser, ngos, CampaignStatus.CLOSED))
    summary.gifts += _medicine_drive(rng, admin, organisers[LYON_COMMITTEE], ngos[PREAH_VIHEAR])
    summary.campaigns = 2 + len(COMMITTEE_CAMPAIGNS)
    summary.money_entries = demo_ledger.load_money(
        admin, coordinator_idf, federation, made[LYON_CAMPAIGN], made[EVENING_CAMPAIGN], made[SAN_JOSE_CAMPAIGN],
        ngos[OSMACH], ngos[PREAH_VIHEAR])
    return summary


def _add_khr_rates(admin: User) -> None:
    """The ECB publishes no riel rate: enter one per day, from the ECB dollar rate, so KHR dashboards work."""
    book = money.RateBook()
    day = FEDERATION_START - dt.timedelta(days=1)
    while day <= LAST_DAY:
        per_eur = (book.per_eur("USD", day) * RIELS_PER_DOLLAR).quantize(Decimal(1))
        rates.add_rate(admin, "KHR", day, str(per_eur), KHR_RATE_SOURCE)
        day += dt.timedelta(days=1)


def _organisation(admin: User, spec: OrganisationSpec) -> Organisation:
    city = places.ensure_city(spec.subdivision, spec.city)
    work_areas = [places.ensure_subdivision(code) for code in spec.work_areas]
    return organisations.create_organisation(admin, spec.name, spec.kind, city, work_areas)


def _users(admin: User, organisers: dict[str, Organisation]) -> dict[str, User]:
    """The other demo users by email, the admin (created first: every change needs an actor) included."""
    users = {admin.email: admin}
    for spec in DEMO_USERS[1:]:
        regions = [places.world() if code == places.WORLD_CODE else places.ensure_subdivision(code)
                   for code in spec.regions]
        users[spec.email] = accounts.create_user(spec.email, DEMO_PASSWORD, spec.name, spec.role,
                                                 organisations=[organisers[name] for name in spec.organisations],
                                                 regions=regions, demo=True)
    return users


def _committee_entry(spec: CommitteeCampaign, organiser: Organisation, ngos: dict[str, Organisation],
                     status: CampaignStatus) -> campaigns.CampaignEntry:
    return campaigns.CampaignEntry(
        name=spec.name, organisation=organiser, city=organiser.city, kind=spec.kind, currency=spec.currency,
        goal=spec.goal, starts_on=spec.starts_on, ends_on=spec.starts_on if spec.one_day else None, status=status,
        description=f"{spec.description} {ILLUSTRATIVE}", recipients=[(ngos[name], "") for name in spec.recipients])


def _donor(rng: random.Random) -> tuple[str, bool]:
    """An invented first name and initial, or an anonymous gift (about a third)."""
    if rng.random() < 0.35:
        return "", True
    return f"{rng.choice(DONOR_FIRST_NAMES)} {rng.choice('ABCDEHKLMNPRSTV')}.", False


def _log(actor: User, campaign: Campaign, amount_minor: int, day: dt.date, method: Method, rng: random.Random,
         status: DonationStatus = DonationStatus.RECEIVED, key: str = "") -> Donation:
    donor_name, anonymous = _donor(rng)
    takings = None
    if campaign.kind is CampaignKind.CHARITY_EVENT:
        takings = rng.choices(*zip(*TAKINGS_WEIGHTS))[0]
    donation, _ = operations.log_donation(actor, operations.GiftEntry(
        campaign=campaign, kind=GiftKind.MONEY, amount=str(money.from_minor(amount_minor, campaign.currency)),
        currency=campaign.currency, received_on=day, method=method, status=status, donor_name=donor_name,
        anonymous=anonymous, submission_key=f"demo:{key}", takings=takings))
    return donation


def _federation_amount(rng: random.Random) -> tuple[int, Method]:
    """Many small online gifts, bank transfers from families, large ones from member associations."""
    draw = rng.random()
    if draw < 0.45:
        return rng.choice((10, 15, 20, 25, 30, 40, 50, 50, 75, 100, 100, 150, 200)) * 100 + \
            rng.choice((0, 0, 0, 0, 50)), Method.ONLINE_PLATFORM
    if draw < 0.85:
        return rng.choice((150, 200, 250, 300, 500, 500, 750, 1000, 1200, 1500)) * 100, Method.BANK_TRANSFER
    if draw < 0.93:
        return rng.choice((1500, 2000, 2500, 3000, 5000)) * 100, Method.BANK_TRANSFER
    if draw < 0.97:
        return rng.choice((20, 30, 50, 80, 100)) * 100, Method.CARD
    return rng.choice((50, 100, 150, 200, 300)) * 100, Method.CHEQUE


def _federation_gifts(rng: random.Random, volunteer: User, coordinator: User, campaign: Campaign) -> tuple[int, int]:
    """Gifts adding up to just under €80,000 over the first three days, then a trickle into August."""
    target = rng.randrange(*FEDERATION_TARGET_CENTS)
    total, count = 0, 0
    while total < target:
        amount, method = _federation_amount(rng)
        if total + amount > target - 1000:  # the last gift lands exactly on the target
            amount = target - total
        day = rng.choices(FIRST_DAYS, weights=(35, 40, 25))[0]
        donation = _log(volunteer, campaign, amount, day, method, rng, key=f"federation:{count}")
        if method is Method.BANK_TRANSFER and rng.random() < 0.6:  # checked against the bank statement
            operations.set_status(coordinator, donation, DonationStatus.VERIFIED)
        total += amount
        count += 1
    # The same online gift typed twice on the first night: the copy is voided, and not counted.
    duplicate = _log(volunteer, campaign, 5000, FEDERATION_START, Method.ONLINE_PLATFORM, rng,
                     key="federation:duplicate")
    operations.void_donation(volunteer, duplicate, "Entered twice (demo)")
    for index in range(12):
        day = FEDERATION_START + dt.timedelta(days=rng.randint(3, 21))
        amount, method = _federation_amount(rng)
        _log(volunteer, campaign, amount, day, method, rng, key=f"federation:later:{index}")
    return total, count + 13


def _gift_day(rng: random.Random, spec: CommitteeCampaign) -> dt.date:
    if spec.one_day:
        return spec.starts_on
    # Most gifts come in the first days; a few weeks later, some still arrive.
    offset = min(int(rng.expovariate(1 / 3)), (LAST_DAY - spec.starts_on).days)
    return spec.starts_on + dt.timedelta(days=offset)


def _committee_gifts(rng: random.Random, actor: User, coordinator: User, campaign: Campaign,
                     spec: CommitteeCampaign) -> int:
    methods, weights = zip(*spec.methods)
    scale = 10 ** money.minor_units(spec.currency)
    for index in range(spec.gifts):
        method = rng.choices(methods, weights=weights)[0]
        status = DonationStatus.PLEDGED if rng.random() < spec.pledged_share else DonationStatus.RECEIVED
        donation = _log(actor, campaign, rng.choice(spec.amounts) * scale, _gift_day(rng, spec), method, rng,
                        status=status, key=f"{campaign.id}:{index}")
        if status is DonationStatus.RECEIVED and rng.random() < 0.3:
            operations.set_status(coordinator, donation, DonationStatus.VERIFIED)
    if spec.currency == "USD":  # a volunteer typed 25 for 250, then corrected it
        mistake = _log(actor, campaign, 25 * scale, spec.starts_on, Method.CARD, rng, key=f"{campaign.id}:typo")
        entry = operations.entry_from(mistake)
        entry.amount = "250"
        operations.correct_donation(actor, mistake, entry, "Typed 25 instead of 250 (demo)")
        return spec.gifts + 1
    return spec.gifts


def _medicine_drive(rng: random.Random, admin: User, organiser: Organisation, ngo: Organisation) -> int:
    """In-kind gifts to the Lyon committee, counted by quantity; some also carry an estimated value."""
    campaign = campaigns.create_campaign(admin, campaigns.CampaignEntry(
        name=MEDICINE_CAMPAIGN, organisation=organiser, city=organiser.city, kind=CampaignKind.MEDICINE_DRIVE,
        currency="EUR", goal="", starts_on=dt.date(2025, 7, 27), ends_on=None, status=CampaignStatus.ACTIVE,
        description=("Medicines and first-aid supplies collected in Lyon for health posts near the border. "
                     + ILLUSTRATIVE),
        recipients=[(ngo, "")]))
    count = 24
    for index in range(count):
        item, unit, (low, high), unit_cents = rng.choice(MEDICINES)
        quantity = rng.randint(low, high)
        estimated = "" if unit_cents is None or rng.random() < 0.3 else str(money.from_minor(quantity * unit_cents,
                                                                                              "EUR"))
        donor_name, anonymous = _donor(rng)
        operations.log_donation(admin, operations.GiftEntry(
            campaign=campaign, kind=GiftKind.IN_KIND, amount=estimated, currency="EUR",
            received_on=campaign.starts_on + dt.timedelta(days=min(int(rng.expovariate(1 / 4)), 30)),
            method=Method.OTHER, item=item, quantity=quantity, unit=unit, donor_name=donor_name,
            anonymous=anonymous, submission_key=f"demo:medicines:{index}"))
    return count
