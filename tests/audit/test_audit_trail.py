"""The audit trail: the database refuses to change or delete its rows, and every route that changes
state adds exactly the row expected, naming who, what, the request, and the values before and after."""

from __future__ import annotations

import io
import json
import re

import pytest
from conftest import post_form
from statements import camt
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from test_route_permissions import GET_ROUTES, POST_ONLY, targets  # noqa: F401 (a fixture)

from tracker.audit.models import AuditEvent
from tracker.extensions import db

SUBMISSION_KEY = re.compile(r'name="submission_key"[^>]*value="([0-9a-f]+)"')
GIFT = {"kind": "money", "amount": "25", "currency": "EUR", "received_on": "2025-07-26", "method": "cash",
        "status": "received"}


def _campaign_form(world, name: str) -> dict:
    return {"name": name, "organisation": str(world.federation_id), "city": str(world.paris_id),
            "kind": "medicine_drive", "currency": "EUR", "goal": "", "starts_on": "2025-07-26", "ends_on": "",
            "status": "active", "description": "", "is_public": "y", "source_note": ""}


# endpoint: (who does it, URL, form, the action recorded, the kind of object, which object: a target or "new")
CHANGES = {
    "donations.new": ("volunteer", "/donations/new", lambda w, t: {**GIFT, "campaign": str(w.paris_campaign_id)},
                      "gift.logged", "gift", "new"),
    "donations.edit": ("volunteer", "/donations/{donation}/edit",
                       lambda w, t: {**GIFT, "campaign": str(w.paris_campaign_id), "amount": "30", "reason": "typo"},
                       "gift.corrected", "gift", "donation"),
    "donations.void": ("volunteer", "/donations/{donation}/void", lambda w, t: {"reason": "logged twice"},
                       "gift.voided", "gift", "donation"),
    "donors.erase": ("coordinator", "/donations/{donation}/erase", lambda w, t: {}, "gift.donor_erased", "gift",
                     "donation"),
    "donations.verify": ("coordinator", "/donations/{donation}/verify", lambda w, t: {"status": "verified"},
                         "gift.status_changed", "gift", "donation"),
    "campaigns.create": ("coordinator", "/manage/campaigns/new", lambda w, t: _campaign_form(w, "Riz pour Samraong"),
                         "campaign.created", "campaign", "new"),
    "campaigns.edit": ("coordinator", "/manage/campaigns/{campaign}/edit",
                       lambda w, t: _campaign_form(w, "Solidarité frontière, deuxième vague"),
                       "campaign.updated", "campaign", "campaign"),
    "organisations.create": ("coordinator", "/manage/organisations/new",
                             lambda w, t: {"name": "Cercle khmer de Créteil", "kind": "association",
                                           "city": str(w.paris_id)}, "organisation.created", "organisation", "new"),
    "organisations.edit": ("coordinator", "/manage/organisations/{organisation}/edit",
                           lambda w, t: {"name": "Fédération France-Khmer (IDF)", "kind": "association",
                                         "city": str(w.paris_id)}, "organisation.updated", "organisation",
                           "organisation"),
    "organisations.new_city": ("coordinator", "/manage/cities/new",
                               lambda w, t: {"subdivision": "FR-IDF", "name": "Créteil"}, "city.created", "place",
                               "new"),
    "admin.create_user": ("admin", "/admin/users/new",
                          lambda w, t: {"email": "newcomer@example.org", "name": "Newcomer", "role": "volunteer",
                                        "organisations": str(w.federation_id), "active": "y",
                                        "password": "a long enough passphrase"}, "user.created", "user", "new"),
    "admin.edit_user": ("admin", "/admin/users/{user}/edit",
                        lambda w, t: {"email": "volunteer@example.org", "name": "Vanna S.", "role": "volunteer",
                                      "organisations": str(w.federation_id), "active": "y"},
                        "user.updated", "user", "user"),
    "admin.rates": ("admin", "/admin/rates/", lambda w, t: {"currency": "KHR", "day": "2025-07-25",
                                                             "per_eur": "4700", "source": "NBC"},
                    "rate.added", "rate", "new"),
    "accounts.change_password": ("volunteer", "/account/password",
                                 lambda w, t: {"current": "correct horse battery", "new": "a new long passphrase",
                                               "repeated": "a new long passphrase"},
                                 "user.password_changed", "user", "user"),
    # What the platform kept on the new gifts becomes a cost of the campaign: a second row.
    "imports.commit": ("coordinator", "/imports/commit", lambda w, t: {"token": t["upload"]},
                       ("import.committed", "cost.fees_imported"),
                       "import_batch", "new"),
    # A decision changes the gift (verified, or logged) and the imported record: a row for each.
    # ... and what the platform kept on it becomes a cost, now that it is known to be a gift.
    "imports.decide": ("coordinator", "/imports/records/{record}/decide", lambda w, t: {"decision": "merge"},
                       ("gift.status_changed", "import.merged", "cost.fees_imported"), "import_batch", "batch"),
    "imports.new_mapping": ("coordinator", "/imports/mappings/new",
                            lambda w, t: {"organisation": str(w.federation_id), "name": "Banque du quartier",
                                          "id": "Référence", "date": "Date", "amount": "Montant",
                                          "fixed_currency": "EUR", "donor_name": "Donateur", "day_order": "dmy",
                                          "decimal_mark": ","}, "import_mapping.saved", "import_mapping", "new"),
    "statements.new": ("coordinator", "/statements/new",
                       lambda w, t: {"organisation": str(w.federation_id), "file": (io.BytesIO(camt.statement(
                           [camt.entry("12.00", "2025-08-04", name="X", ref="A1")], "0.00", "12.00",
                           iban="FR7610011000201234567890188")), "august.xml")},
                       "statement.imported", "bank_statement", "new"),
    "review.verify": ("coordinator", "/review/gifts/verify", lambda w, t: {"selected": str(t["donation"])},
                      "gift.status_changed", "gift", "donation"),
    "review.decide": ("coordinator", "/review/duplicates/decide",
                      lambda w, t: {"selected": str(t["record"]), "decision": "merge"},
                      ("gift.status_changed", "import.merged", "cost.fees_imported"), "import_batch", "batch"),
    "review.aside": ("coordinator", "/review/lines/aside",
                     lambda w, t: {"selected": str(t["line"]), "reason": "a refund from the venue"},
                     "bank_line.set_aside", "bank_line", "line"),
    "statements.new_mapping": ("coordinator", "/statements/mappings/new",
                               lambda w, t: {"organisation": str(w.federation_id), "name": "Banque du quartier",
                                             "account": "FR7630006000011234567890189", "date": "Date",
                                             "day_order": "dmy", "credit": "Crédit", "debit": "Débit",
                                             "decimal_mark": ",", "fixed_currency": "EUR", "remittance": "Libellé"},
                               "bank_csv_mapping.saved", "bank_csv_mapping", "new"),
    "statements.decide": ("coordinator", "/statements/lines/{line}/decide",
                          lambda w, t: {"action": "aside", "reason": "the treasurer's own test transfer"},
                          "bank_line.set_aside", "bank_line", "line"),
    "ledger.add_cost": ("volunteer", "/campaigns/{campaign}/costs",
                        lambda w, t: {"category": "venue", "amount": "180", "currency": "EUR",
                                      "incurred_on": "2025-07-27", "description": "Salle des fêtes"},
                        "cost.recorded", "cost", "new"),
    "ledger.void_cost": ("volunteer", "/costs/{cost}/void", lambda w, t: {"reason": "entered twice"},
                         "cost.voided", "cost", "cost"),
    "ledger.add_transfer": ("volunteer", "/campaigns/{campaign}/transfers",
                            lambda w, t: {"destination": f"ngo:{w.ngo_id}", "sent_amount": "300",
                                          "sent_currency": "EUR", "sent_on": "2025-07-29", "method": "bank_transfer",
                                          "status": "sent", "reference": "VIR-29"},
                            "transfer.recorded", "transfer", "new"),
    "ledger.send": ("coordinator", "/transfers/{planned_transfer}/sent", lambda w, t: {"sent_on": "2025-07-30"},
                    "transfer.sent", "transfer", "planned_transfer"),
    "ledger.acknowledge": ("coordinator", "/transfers/{transfer}/acknowledge",
                           lambda w, t: {"acknowledged_on": "2025-08-02", "reference": "OSR-0802"},
                           "transfer.acknowledged", "transfer", "transfer"),
    "ledger.void_transfer": ("coordinator", "/transfers/{transfer}/void", lambda w, t: {"reason": "sent back"},
                             "transfer.voided", "transfer", "transfer"),
    "ledger.add_claim": ("coordinator", "/campaigns/{campaign}/claims",
                         lambda w, t: {"figure": "80000", "currency": "EUR", "period_days": "3",
                                       "wording": "nearly €80,000 in under three days", "claimant": "The federation",
                                       "source_title": "Press release", "source_url": "https://example.org/release"},
                         "claim.recorded", "claim", "new"),
}
# Signing in and out change no record anyone reviews (signing out only replaces the session token);
# an import's preview stores nothing.
NOT_CHANGES = {"accounts.login", "accounts.logout", "imports.new"}


def _events(app) -> list[AuditEvent]:
    with app.app_context():
        events = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        db.session.expunge_all()
        return events


def test_every_route_that_changes_state_is_in_this_table(app):
    posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posts == set(CHANGES) | NOT_CHANGES


@pytest.mark.parametrize("endpoint", sorted(CHANGES))
def test_a_change_through_its_route_adds_exactly_its_audit_row(app, client, auth, world, targets, endpoint):  # noqa: F811
    role, url, form, action, subject_type, subject = CHANGES[endpoint]
    auth.login(world.emails[role])
    url = url.format(**targets)
    before = len(_events(app))
    data = form(world, targets)
    if endpoint == "donations.new":
        page = client.get(url).get_data(as_text=True)
        data["submission_key"] = SUBMISSION_KEY.search(page).group(1)
    form_url = "/login" if endpoint in ("donations.verify", "imports.commit", "imports.decide",
                                        "statements.decide", "review.verify", "review.decide",
                                        "review.aside") or endpoint.startswith("ledger.") else url
    response = post_form(client, url, data, form_url=form_url)
    assert response.status_code in (302, 303), (endpoint, response.get_data(as_text=True)[:2000])
    events = _events(app)[before:]
    assert [event.action for event in events] == list(action if isinstance(action, tuple) else (action,)), endpoint
    event = events[-1]
    assert event.subject_type == subject_type
    if subject != "new":
        assert event.subject_id == targets[subject]
    else:
        assert event.subject_id is not None
    assert event.actor_email == world.emails[role] and event.actor_name
    assert event.request_method == "POST" and event.request_path == url and event.request_id
    assert json.loads(event.after), "no values after"
    if subject != "new" and action != "gift.donor_erased":  # what an erasure had before is what it erased
        assert json.loads(event.before), "no values before"


def test_names_are_kept_as_they_were_and_no_donor_detail_is_in_the_trail(app, client, auth, world, targets):  # noqa: F811
    """The volunteer's gift (logged by `targets`, with a donor's name) was recorded under her name
    then; renamed since, the old row still says who she was. A gift's donor is never in the trail."""
    volunteer = app.test_client()
    auth.__class__(volunteer).login(world.emails["volunteer"])
    page = volunteer.get("/donations/new").get_data(as_text=True)
    gift = {**GIFT, "campaign": str(world.paris_campaign_id), "donor_name": "Sok Chea",
            "donor_contact": "chea@example.org", "submission_key": SUBMISSION_KEY.search(page).group(1)}
    assert post_form(volunteer, "/donations/new", gift).status_code in (302, 303)
    auth.login(world.emails["admin"])
    rename = {"email": "volunteer@example.org", "name": "Vanna Sok", "role": "volunteer",
              "organisations": str(world.federation_id), "active": "y"}
    assert post_form(client, f"/admin/users/{targets['user']}/edit", rename).status_code == 302
    events = _events(app)
    logged = next(e for e in events if e.action == "gift.logged" and e.subject_id == targets["donation"])
    assert logged.actor_name == "Vanna" and logged.actor_email == "volunteer@example.org"
    assert json.loads(events[-1].before)["name"] == "Vanna" and json.loads(events[-1].after)["name"] == "Vanna Sok"
    everything = " ".join(f"{e.before} {e.after}" for e in events)
    assert sum(e.action == "gift.logged" for e in events) == 2
    assert "Sok Chea" not in everything and "chea@example.org" not in everything


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET actor_name = 'someone else'",
                                       "DELETE FROM audit_events"])
def test_the_database_refuses_to_change_or_delete_audit_rows(app, world, statement):
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(AuditEvent))
        assert count > 0  # the world's users were created, and recorded
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == count
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.actor_name == "someone else")) == 0


def test_emptying_the_table_at_once_is_refused_too(app, world):
    """PostgreSQL's TRUNCATE skips row triggers, so it has a trigger of its own; SQLite has no
    TRUNCATE, and its emptying shortcut (DELETE with no WHERE) is turned off by the delete trigger."""
    with app.app_context():
        statement = "TRUNCATE audit_events" if db.engine.dialect.name == "postgresql" else "DELETE FROM audit_events"
        count = db.session.scalar(select(func.count()).select_from(AuditEvent))
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == count
