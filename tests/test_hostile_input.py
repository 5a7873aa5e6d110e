"""A hostile corpus through every text field of every form, the fields read from the forms as the
pages draw them (a new field is covered without asking): each value is stored intact or refused
with a message, always shown escaped, never a 500, and a refusal changes nothing."""

from __future__ import annotations

import json
import re

import pytest
from conftest import csrf_token
from sqlalchemy import select, text
from test_route_permissions import targets  # noqa: F401 (a fixture)

from audit.test_audit_trail import CHANGES, SUBMISSION_KEY
from tracker.audit.models import AuditEvent
from tracker.extensions import db

CORPUS = {
    "markup": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "template": "{{ 7*7 }}{% if 1 %}x{% endif %}${7*7}",
    "sql": "'; DROP TABLE donations; --",
    "formula": '=HYPERLINK("http://evil.example","click")',
    "rtl override": "\u202eevil\u202c.txt",
    "zero width": "ze\u200bro\u200dwidth",
    "combining": "e\u0301\u0301\u0301\u0301",
    "emoji": "🙏🇰🇭🍚",
    "khmer": "សាមគ្គី ភ្នំពេញ",
    "nul": "nul\x00byte",
    "long": "x" * 10_000,
}
TEXT_INPUT = re.compile(r'<(input|textarea)\b[^>]*\bname="([^"]+)"[^>]*>', re.S)
SKIPPED_TYPES = ("hidden", "checkbox", "radio", "password", "submit", "date", "number", "file")
# Fields read as codes, numbers or addresses rather than kept as typed: accepted only once understood
# (or ignored where they do not apply, such as a volunteer's regions), so never "stored intact".
PARSED = {"regions", "work_area_codes", "amount", "goal", "currency", "per_eur", "subdivision", "quantity", "email",
          "fixed_currency", "sent_amount", "received_amount", "received_currency", "figure", "period_days",
          "source_url"}
# Fields that only apply given another choice: that choice is made with them.
APPLIES_WITH = {"item": {"kind": "in_kind", "quantity": "3"}, "unit": {"kind": "in_kind", "item": "rice", "quantity": "3"}}
TABLES = {"gift": "donations", "campaign": "campaigns", "organisation": "organisations", "place": "places",
          "user": "users", "rate": "exchange_rates", "import_mapping": "import_mappings",
          "bank_csv_mapping": "bank_csv_mappings", "cost": "costs", "transfer": "transfers", "claim": "claims"}
# Forms drawn on another page than the URL they post to: that page, and the form whose action is the URL.
FORM_PAGES = {endpoint: "/campaigns/{campaign}/money" for endpoint in CHANGES if endpoint.startswith("ledger.")}
FORM_BLOCK = r'<form\b[^>]*\baction="{action}"[^>]*>(.*?)</form>'
# Forms without text fields of their own, or whose page is not their URL; an import's file, a statement
# and a bank line's reason are hostile input tested in tests/imports, tests/statements and tests/review.
FORMS = sorted(endpoint for endpoint in CHANGES if endpoint not in ("donations.verify", "donors.erase",
                                                                    "accounts.change_password", "imports.commit",
                                                                    "imports.decide", "statements.new",
                                                                    "statements.decide", "review.verify",
                                                                    "review.decide", "review.aside"))


def _text_fields(page: str) -> list[str]:
    fields = []
    for tag, name in TEXT_INPUT.findall(page):
        element = re.search(rf'<{tag}\b[^>]*\bname="{re.escape(name)}"[^>]*>', page).group(0)
        kind = re.search(r'\btype="([^"]+)"', element)
        if tag == "textarea" or (kind is None or kind.group(1) not in SKIPPED_TYPES):
            fields.append(name)
    return [name for name in dict.fromkeys(fields) if name not in ("csrf_token", "submission_key")]


def _form_fields(page: str, action: str) -> list[str]:
    """The text fields of the form that posts to `action`, or of the whole page when no form names it."""
    block = re.search(FORM_BLOCK.format(action=re.escape(action)), page, re.S)
    return _text_fields(block.group(1) if block else page)


def _count(app, table: str) -> int:
    with app.app_context():
        return db.session.scalar(text(f"SELECT COUNT(*) FROM {table}"))


def _last_event(app) -> AuditEvent | None:
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).first()
        db.session.expunge_all()
        return event


def _stored_texts(app, subject_type: str, subject_id: int) -> list[str]:
    with app.app_context():
        row = db.session.execute(text(f"SELECT * FROM {TABLES[subject_type]} WHERE id = :id"),
                                 {"id": subject_id}).mappings().one()
        return [value for value in row.values() if isinstance(value, str)]


def _assert_escaped(page: str, value: str, where: str) -> None:
    if "<" in value:
        assert value not in page, f"{where}: shown unescaped"


@pytest.mark.parametrize("endpoint", FORMS)
def test_every_text_field_stores_or_refuses_each_hostile_value(app, client, auth, world, targets, endpoint):  # noqa: F811
    role, url, form, action, subject_type, _subject = CHANGES[endpoint]
    auth.login(world.emails[role])
    url = url.format(**targets)
    page_url = FORM_PAGES.get(endpoint, url).format(**targets)
    fields = _form_fields(client.get(page_url).get_data(as_text=True), url)
    assert fields, f"{endpoint}: no text field found"
    for number, field in enumerate(fields):
        for label, value in CORPUS.items():
            data = form(world, targets)
            for unique in ("name", "email"):  # a new record must not clash with the one made before
                if unique in data and unique != field and endpoint.endswith(("create", "new_city", "new_mapping")):
                    data[unique] = f"{number}-{label}-{data[unique]}".replace(" ", "-")
            if endpoint.startswith("donations."):
                data.update(APPLIES_WITH.get(field, {}))
            data[field] = value
            page = client.get(page_url).get_data(as_text=True)
            if "submission_key" in page:
                data["submission_key"] = SUBMISSION_KEY.search(page).group(1)
            data["csrf_token"] = csrf_token(client, page_url)
            before = _last_event(app)
            response = client.post(url, data=data)
            where = f"{endpoint} {field}={label}"
            assert response.status_code < 500, where
            after = _last_event(app)
            body = response.get_data(as_text=True)
            _assert_escaped(body, value, where)
            if response.status_code in (302, 303):
                if field in PARSED or field.endswith("-share"):  # a share with no NGO chosen is ignored
                    continue
                assert after.id != before.id and after.action == action, where
                stored = _stored_texts(app, subject_type, after.subject_id)
                # A correction's reason is kept with the earlier version, and copied into the audit row.
                stored += [v for values in (after.before, after.after) if values
                           for v in json.loads(values).values() if isinstance(v, str)]
                expected = " ".join(value.split()) if field not in ("description", "source_note") else value.strip()
                assert any(expected == s or expected.upper() == s or expected.lower() == s for s in stored), \
                    f"{where}: not stored intact"
                shown = client.get(response.headers["Location"]).get_data(as_text=True)
                _assert_escaped(shown, value, where)
            else:
                assert response.status_code in (400, 401, 403, 409), where
                assert after.id == before.id, f"{where}: refused yet something changed"
                # A message beside the field or for the form, or the error page's (a gift voided by an
                # earlier value of the corpus can no longer be voided: 403).
                assert re.search(r'class="error[^"]*"[^>]*role="alert"|class="error-message"', body), \
                    f"{where}: refused without a message"


GET_FORM = re.compile(r'<form method="get"[^>]*>(.*?)</form>', re.S)


def test_every_search_and_filter_form_refuses_or_answers_each_hostile_value(app, client, auth, world, targets):  # noqa: F811
    """The GET forms (filters, the receipt check, searches): found on every page an admin can open."""
    from test_route_permissions import GET_ROUTES

    auth.login(world.emails["admin"])
    app.config["RECEIPT_LIMIT_PER_ADDRESS"] = "10000 per minute"
    checked = 0
    for endpoint, url, _expected in GET_ROUTES:
        url = url.format(**targets)
        page = client.get(url).get_data(as_text=True)
        for form in GET_FORM.findall(page):
            for field in _text_fields(form):
                for label, value in CORPUS.items():
                    response = client.get(url, query_string={field: value})
                    where = f"{endpoint} ?{field}={label}"
                    assert response.status_code in (200, 400, 404), where
                    _assert_escaped(response.get_data(as_text=True), value, where)
                    checked += 1
    assert checked >= 3 * len(CORPUS)  # the receipt check, the history and the donor search at least
