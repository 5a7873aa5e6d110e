"""Every route × every role: allowed or refused, asserted route by route; CSRF on every POST.

Roles: anonymous; the volunteer of the organisation running the Paris campaign; a volunteer of
another organisation; the coordinator of Île-de-France (the campaign's region); a coordinator
elsewhere (California); an admin. "login" means an anonymous visitor is sent to sign in.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import csrf_token
from sqlalchemy import event, select

from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.donations import operations
from tracker.donations.models import Donation, GiftKind, Method
from tracker.extensions import db
from tracker.imports import operations as import_operations
from tracker.imports import planning, uploads
from tracker.imports.models import ImportedRecord
from tracker.organisations import services as organisations
from tracker.ledger import documents
from tracker.ledger import operations as ledger
from tracker.ledger.models import CostCategory, TransferStatus
from tracker.statements import operations as statement_operations
from tracker.statements.models import BankLine
from ledger.ledger_helpers import make_member_campaign
from statements import camt

ROLES = ("anonymous", "volunteer", "other_volunteer", "coordinator", "coordinator_elsewhere", "admin")
OK, FORBIDDEN, LOGIN = 200, 403, "login"


def _row(anonymous, volunteer, other_volunteer, coordinator, coordinator_elsewhere, admin):
    return dict(zip(ROLES, (anonymous, volunteer, other_volunteer, coordinator, coordinator_elsewhere, admin)))


EVERYONE = _row(OK, OK, OK, OK, OK, OK)
SIGNED_IN = _row(LOGIN, OK, OK, OK, OK, OK)
GIFT_OWNERS = _row(LOGIN, OK, FORBIDDEN, OK, FORBIDDEN, OK)
REGION_STAFF = _row(LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK)
STAFF = _row(LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK)
ADMINS = _row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)

# (endpoint, GET url, expected by role). {campaign}, {donation}, {organisation}, {user} are filled in.
GET_ROUTES = [
    ("public.home", "/", EVERYONE),
    ("public.health", "/health", EVERYONE),
    ("public.receipt", "/receipt", EVERYONE),
    ("public.campaign", "/campaigns/{campaign}", EVERYONE),
    ("public.regions", "/regions/", EVERYONE),
    ("public.region", "/regions/FR-IDF", EVERYONE),
    ("accounts.login", "/login", EVERYONE),
    ("accounts.change_password", "/account/password", SIGNED_IN),
    ("donations.new", "/donations/new", SIGNED_IN),
    ("donations.mine", "/donations/mine", SIGNED_IN),
    ("donations.detail", "/donations/{donation}", GIFT_OWNERS),
    ("donations.receipt", "/donations/{donation}/receipt", GIFT_OWNERS),
    ("donations.edit", "/donations/{donation}/edit", GIFT_OWNERS),
    ("donations.void", "/donations/{donation}/void", GIFT_OWNERS),
    ("dashboards.index", "/dashboards/", STAFF),
    ("dashboards.region", "/dashboards/FR-IDF", REGION_STAFF),
    ("dashboards.gifts", "/dashboards/gifts/FR-IDF", REGION_STAFF),
    ("campaigns.manage", "/manage/campaigns/", STAFF),
    ("campaigns.create", "/manage/campaigns/new", STAFF),
    ("campaigns.edit", "/manage/campaigns/{campaign}/edit", REGION_STAFF),
    ("organisations.manage", "/manage/organisations/", STAFF),
    ("organisations.create", "/manage/organisations/new", STAFF),
    ("organisations.edit", "/manage/organisations/{organisation}/edit", REGION_STAFF),
    ("organisations.new_city", "/manage/cities/new", STAFF),
    ("admin.users", "/admin/users/", ADMINS),
    ("admin.create_user", "/admin/users/new", ADMINS),
    ("admin.edit_user", "/admin/users/{user}/edit", ADMINS),
    ("admin.rates", "/admin/rates/", ADMINS),
    ("history.index", "/history/", STAFF),
    ("donors.held_data", "/donors/data", STAFF),
    ("donors.erase", "/donations/{donation}/erase", REGION_STAFF),
    ("imports.new", "/imports/new", STAFF),
    ("imports.batch", "/imports/{batch}", REGION_STAFF),
    ("imports.new_mapping", "/imports/mappings/new", STAFF),
    # Only its owner follows an import job; to anyone else it does not exist.
    ("imports.job", "/imports/jobs/" + "0" * 32, _row(LOGIN, 404, 404, 404, 404, 404)),
    ("statements.new", "/statements/new", STAFF),
    ("statements.queue", "/statements/queue", STAFF),
    ("statements.detail", "/statements/{statement}", REGION_STAFF),
    ("statements.new_mapping", "/statements/mappings/new", STAFF),
    ("review.index", "/review/", STAFF),
    # A campaign's money: its organiser's volunteers, its region's coordinators, admins.
    ("ledger.money", "/campaigns/{campaign}/money", GIFT_OWNERS),
    # A proof is for the same people; to anyone else it does not exist.
    ("ledger.document", "/documents/{document}", _row(LOGIN, OK, 404, OK, 404, OK)),
    # The proof of what the Lyon committee passed on to the federation: both ends of the pass-through see it.
    ("ledger.document", "/documents/{pass_through_proof}", _row(LOGIN, OK, OK, OK, 404, OK)),
]

# POST-only routes: refused roles must be refused; allowed roles get past the permission check.
VERIFIERS = _row(LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK)
POST_ONLY = [
    ("donations.verify", "/donations/{donation}/verify", VERIFIERS),
    ("accounts.logout", "/logout", SIGNED_IN),
    ("imports.commit", "/imports/commit", STAFF),
    ("imports.decide", "/imports/records/{record}/decide", REGION_STAFF),
    ("statements.decide", "/statements/lines/{line}/decide", REGION_STAFF),
    # Bulk actions: staff get past the permission check (nothing ticked here); each entry is checked too.
    ("review.verify", "/review/gifts/verify", STAFF),
    ("review.decide", "/review/duplicates/decide", STAFF),
    ("review.aside", "/review/lines/aside", STAFF),
]
# POST-only forms of a campaign's money: refused roles are refused; allowed roles get past the permission
# check to the form's own refusal of what was (not) typed, a 400 with its message.
MONEY_RECORDERS = GIFT_OWNERS
PASS_THROUGH_ENDS = _row(LOGIN, OK, OK, OK, FORBIDDEN, OK)
MONEY_POSTS = [
    ("ledger.add_cost", "/campaigns/{campaign}/costs", MONEY_RECORDERS, "Choose one of the options offered."),
    ("ledger.add_transfer", "/campaigns/{campaign}/transfers", MONEY_RECORDERS, "Choose one of the options offered."),
    ("ledger.send", "/transfers/{planned_transfer}/sent", MONEY_RECORDERS, "Enter the date."),
    ("ledger.acknowledge", "/transfers/{transfer}/acknowledge", MONEY_RECORDERS, "Enter the date."),
    ("ledger.void_transfer", "/transfers/{transfer}/void", MONEY_RECORDERS, "This is needed."),
    ("ledger.void_cost", "/costs/{cost}/void", MONEY_RECORDERS, "This is needed."),
    # A pass-through is answered for by both ends: the member that sent it, the federation it went to.
    ("ledger.acknowledge", "/transfers/{pass_through}/acknowledge", PASS_THROUGH_ENDS, "Enter the date."),
    ("ledger.void_transfer", "/transfers/{pass_through}/void", PASS_THROUGH_ENDS, "This is needed."),
    # Claims are a coordinator's: what was said in public about a campaign of their region.
    ("ledger.add_claim", "/campaigns/{campaign}/claims", REGION_STAFF, "Enter the period as a number of days"),
]
POST_ONLY += [row[:3] for row in MONEY_POSTS]


def refusal_of(endpoint: str) -> str | None:
    """The message with which a money form, posted empty, refuses a role allowed to use it."""
    return {row[0]: row[3] for row in MONEY_POSTS}.get(endpoint)


@pytest.fixture
def targets(app, world):
    with app.app_context():
        volunteer = accounts.find_by_email(world.emails["volunteer"])
        donation, _ = operations.log_donation(volunteer, operations.GiftEntry(
            campaign=campaigns.get(world.paris_campaign_id), kind=GiftKind.MONEY, amount="50", currency="EUR",
            received_on=dt.date(2025, 7, 26), method=Method.CASH))
        # A platform export whose one gift looks like the one typed above: a batch, and a record awaiting a person.
        admin = accounts.find_by_email(world.emails["admin"])
        export = ('"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID"\n'
                  '"7/27/2025","10:00:00","PDT","Sokha","Donation Payment","Completed","EUR","50.00","-1.00",'
                  '"49.00","7PX"\n').encode()
        batch = import_operations.commit_import(admin, planning.plan_import(
            campaigns.get(world.paris_campaign_id), export, "paypal.csv"))
        db.session.commit()
        record = db.session.scalar(select(ImportedRecord.id).where(ImportedRecord.batch_id == batch.id))
        # An upload previewed by the coordinator and not yet committed: another gift, 30 EUR.
        coordinator = accounts.find_by_email(world.emails["coordinator"])
        upload = uploads.keep(export.replace(b"50.00", b"30.00").replace(b"7PX", b"8PX"), coordinator.id,
                              campaign_id=world.paris_campaign_id, file_name="paypal-2.csv", format="paypal")
        # The federation's bank statement, with one credit nothing explains.
        stored, _ = statement_operations.import_statement(admin, organisations.get(world.federation_id), camt.statement(
            [camt.entry("35.00", "2025-08-03", name="INCONNU", ref="T1")], "0.00", "35.00"), "statement.xml")
        db.session.commit()
        line = db.session.scalar(select(BankLine.id).where(BankLine.statement_id == stored.id))
        # A cost, a transfer sent with its proof, and one planned, recorded by the organiser's volunteer.
        campaign = campaigns.get(world.paris_campaign_id)
        cost = ledger.record_cost(volunteer, campaign, ledger.CostEntry(
            category=CostCategory.BANK_FEE, amount="2.50", currency="EUR", incurred_on=dt.date(2025, 7, 27)))
        proof = documents.store(volunteer, campaign.id, "virement.pdf", b"%PDF-1.4\n%%EOF\n")
        transfer = ledger.record_transfer(volunteer, campaign, ledger.TransferEntry(
            sent_amount="20", sent_currency="EUR", sent_on=dt.date(2025, 7, 28), method=Method.BANK_TRANSFER,
            recipient=organisations.get(world.ngo_id), proof=proof))
        planned = ledger.record_transfer(volunteer, campaign, ledger.TransferEntry(
            sent_amount="10", sent_currency="EUR", sent_on=dt.date(2025, 7, 29), method=Method.BANK_TRANSFER,
            recipient=organisations.get(world.ngo_id), status=TransferStatus.PLANNED))
        # The Lyon committee joins the federation and passes 15 EUR of its own campaign on to the Paris one.
        member = make_member_campaign(world)
        lyon_volunteer = accounts.find_by_email(world.emails["other_volunteer"])
        member_proof = documents.store(lyon_volunteer, member.id, "virement-lyon.pdf", b"%PDF-1.4\n%lyon\n%%EOF\n")
        passed = ledger.record_transfer(lyon_volunteer, member, ledger.TransferEntry(
            sent_amount="15", sent_currency="EUR", sent_on=dt.date(2025, 7, 28), method=Method.BANK_TRANSFER,
            to_campaign=campaign, proof=member_proof))
        db.session.commit()
        return {"campaign": world.paris_campaign_id, "statement": stored.id, "cost": cost.id,
                "transfer": transfer.id, "planned_transfer": planned.id, "document": proof.id, "line": line,
                "pass_through": passed.id, "pass_through_proof": member_proof.id,
                "donation": donation.id, "organisation": world.federation_id,
                "user": volunteer.id, "batch": batch.id, "record": record,
                "upload": upload}


def _sign_in(client, auth, world, role):
    if role != "anonymous":
        response = auth.login(world.emails[role])
        assert response.status_code == 302, f"{role} could not sign in"


def _assert_outcome(response, expected, where):
    if expected == LOGIN:
        assert response.status_code == 302 and "/login" in response.headers["Location"], where
    elif expected == FORBIDDEN:
        assert response.status_code == 403, where
        assert "You do not have permission" in response.get_data(as_text=True), where
    else:
        assert response.status_code == expected, where


class WriteRecorder:
    """The statements that change data, sent to the database while it listens."""

    def __init__(self, engine):
        self.engine, self.writes = engine, []

    def _record(self, _conn, _cursor, statement, *_args):
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.writes.append(statement.split("(")[0])

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._record)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint, url, expected", GET_ROUTES, ids=[r[0] for r in GET_ROUTES])
def test_get_route_by_role(app, client, auth, world, targets, endpoint, url, expected, role):
    _sign_in(client, auth, world, role)
    with app.app_context():
        engine = db.engine
    with WriteRecorder(engine) as recorder:
        response = client.get(url.format(**targets))
    _assert_outcome(response, expected[role], f"{endpoint} as {role}")
    assert recorder.writes == [], f"GET {endpoint} as {role} wrote to the database"


@pytest.mark.parametrize("endpoint, url, _expected", GET_ROUTES, ids=[r[0] for r in GET_ROUTES])
def test_no_get_writes_even_on_an_empty_database(app, client, endpoint, url, _expected):
    """A fresh install: no place, no campaign. Reading a page must not create the root place."""
    with app.app_context():
        engine = db.engine
    with WriteRecorder(engine) as recorder:
        response = client.get(url.format(campaign=1, donation=1, organisation=1, user=1, batch=1, statement=1,
                                         document=1, pass_through_proof=1))
    assert response.status_code in (200, 302, 404), endpoint
    assert recorder.writes == [], f"GET {endpoint} wrote to an empty database"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint, url, expected", POST_ONLY, ids=[r[0] for r in POST_ONLY])
def test_post_only_route_by_role(app, client, auth, world, targets, endpoint, url, expected, role):
    _sign_in(client, auth, world, role)
    token = csrf_token(client, "/login")
    before = _state(app)
    response = client.post(url.format(**targets), data={"csrf_token": token, "status": "verified"})
    if expected[role] != OK or refusal_of(endpoint):
        assert _state(app) == before, f"{endpoint} as {role} changed stored data"
    refusal = refusal_of(endpoint)
    if expected[role] == OK and refusal:
        assert response.status_code == 400, f"{endpoint} as {role}"
        assert refusal in response.get_data(as_text=True), f"{endpoint} as {role}"
    elif expected[role] == OK:
        assert response.status_code in (302, 303), f"{endpoint} as {role}"
        assert "/login" not in response.headers["Location"]
    else:
        _assert_outcome(response, expected[role], f"{endpoint} as {role}")
    if endpoint == "donations.verify":
        with app.app_context():
            status = db.session.get(Donation, targets["donation"]).status.value
        assert status == ("verified" if expected[role] == OK else "received"), role


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
@pytest.mark.parametrize("endpoint, url, expected", [r for r in GET_ROUTES if r[2] not in (EVERYONE,)],
                         ids=[r[0] for r in GET_ROUTES if r[2] not in (EVERYONE,)])
def test_refused_roles_cannot_post_either(app, client, auth, world, targets, endpoint, url, expected, role):
    """A refused page is refused for POST too, and changes nothing."""
    if expected[role] != FORBIDDEN or endpoint in ("donations.mine", "donations.detail", "donations.receipt",
                                                    "dashboards.index",
                                                    "dashboards.region", "dashboards.gifts", "campaigns.manage",
                                                    "organisations.manage", "admin.users", "history.index",
                                                    "donors.held_data", "imports.batch", "review.index",
                                                    "statements.queue", "statements.detail", "imports.job",
                                                    "ledger.money", "ledger.document"):
        return  # GET-only pages, or roles that are allowed
    _sign_in(client, auth, world, role)
    token = csrf_token(client, "/login")
    before = _state(app)
    response = client.post(url.format(**targets), data={"csrf_token": token, "name": "Changed", "reason": "x",
                                                         "amount": "1", "currency": "EUR"})
    assert response.status_code == 403, f"{endpoint} as {role}"
    assert _state(app) == before


def _state(app):
    from sqlalchemy import func, select

    from tracker.accounts.models import User
    from tracker.campaigns.models import Campaign
    from tracker.ledger.models import Claim, Cost, Document, Transfer
    from tracker.organisations.models import Organisation
    from tracker.rates.models import ExchangeRate

    with app.app_context():
        donation = db.session.scalars(select(Donation)).all()
        return ([(d.id, d.status.value, d.amount_minor) for d in donation],
                [(c.id, c.name) for c in db.session.scalars(select(Campaign))],
                [(o.id, o.name) for o in db.session.scalars(select(Organisation))],
                db.session.scalar(select(func.count(User.id))), db.session.scalar(select(func.count(ExchangeRate.id))),
                [(t.id, t.status.value, t.sent_minor, t.acknowledged_on, t.acknowledgement_id)
                 for t in db.session.scalars(select(Transfer).order_by(Transfer.id))],
                [(c.id, c.status.value, c.amount_minor) for c in db.session.scalars(select(Cost).order_by(Cost.id))],
                db.session.scalar(select(func.count(Claim.id))), db.session.scalar(select(func.count(Document.id))))


POST_ROUTES = sorted({r[1] for r in GET_ROUTES if r[0] not in (
    "public.home", "public.health", "public.receipt", "public.campaign", "public.regions", "public.region",
    "donations.mine", "donations.detail", "donations.receipt", "dashboards.index", "dashboards.region",
    "dashboards.gifts", "campaigns.manage", "organisations.manage", "admin.users", "history.index", "donors.held_data", "review.index",
    "imports.batch", "statements.queue", "statements.detail", "imports.job", "ledger.money",
    "ledger.document")} | {r[1] for r in POST_ONLY})


@pytest.mark.parametrize("url", POST_ROUTES)
def test_every_form_refuses_a_post_without_csrf_token(app, client, auth, world, targets, url):
    auth.login(world.emails["admin"])
    before = _state(app)
    response = client.post(url.format(**targets), data={"name": "Changed", "reason": "x", "amount": "1"})
    assert response.status_code == 400
    assert "This form has expired or was not sent from this site." in response.get_data(as_text=True)
    assert _state(app) == before


def test_every_route_is_in_this_table(app):
    """A new route cannot be added without deciding who may use it."""
    listed = {r[0] for r in GET_ROUTES} | {r[0] for r in POST_ONLY}
    registered = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert registered == listed
    posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posts <= {r[0] for r in GET_ROUTES if r[1] in POST_ROUTES} | {r[0] for r in POST_ONLY}
