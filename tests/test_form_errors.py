"""A form sent back refused says so at its top: an error summary (role="alert", focusable) titled with
the number of problems, each a link to its field, and each field in error marked aria-invalid and tied
by aria-describedby to its message. The forms and their text fields are the ones the hostile-input test
reads from the pages (a new form is covered without asking); each is sent with its text fields far too
long, then empty, and the first refusal is checked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import csrf_token
from test_hostile_input import FORM_PAGES, FORMS, _form_fields
from test_route_permissions import targets  # noqa: F401 (a fixture)

from audit.test_audit_trail import CHANGES, SUBMISSION_KEY

INVALID = ("x" * 10_000, "")
# Besides the forms of the table: signing in, and one's own password (its fields are password fields,
# which the hostile-input test leaves out).
MORE_FORMS = {
    "accounts.login": ("anonymous", "/login", lambda w, t: {"email": "not an address", "password": "x"}),
    "accounts.change_password": ("volunteer", "/account/password",
                                 lambda w, t: {"current": "not my password", "new": "short", "repeated": "other"}),
}
# A column mapping is refused as a whole (a name taken, a column named twice): listed, with no field to link to.
REFUSED_AS_A_WHOLE = {"imports.new_mapping", "statements.new_mapping"}
ERROR_ID = re.compile(r"^(?P<field>.+)-error(?:-\d+)?$")


class FormPage(HTMLParser):
    """What a page says of its errors: each element's attributes by id, its summaries, its field messages."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.summaries: list[dict] = []
        self.messages: list[tuple[str, str]] = []  # (id, text) of each <p class="error" id=…>
        self._open: list[tuple[str, str | None]] = []  # (tag, what text it collects)
        self._summary_depth = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.by_id[attrs["id"]] = {"tag": tag, **attrs}
        collects = None
        if "error-summary" in (attrs.get("class") or "").split() and tag == "div":
            self.summaries.append({**attrs, "title": "", "links": [], "items": 0})
            self._summary_depth = len(self._open)
        elif self._summary_depth is not None and tag == "h2":
            collects = "title"
        elif self._summary_depth is not None and tag == "li":
            self.summaries[-1]["items"] += 1
        elif self._summary_depth is not None and tag == "a":
            collects, self._href = "link", attrs.get("href", "")
        elif tag == "p" and "error" in (attrs.get("class") or "").split() and ERROR_ID.match(attrs.get("id", "")):
            collects, self._message_id = "message", attrs["id"]
        if tag not in ("input", "br", "img", "meta", "link"):
            self._open.append((tag, collects))
        if collects:
            self._text = []

    def handle_endtag(self, tag):
        while self._open:
            opened, collects = self._open.pop()
            text = " ".join("".join(self._text).split())
            if collects == "title":
                self.summaries[-1]["title"] = text
            elif collects == "link":
                self.summaries[-1]["links"].append((self._href, text))
            elif collects == "message":
                self.messages.append((self._message_id, text))
            if self._summary_depth is not None and len(self._open) == self._summary_depth:
                self._summary_depth = None
            if opened == tag:
                break

    def handle_data(self, data):
        self._text.append(data)


def assert_summarised(html: str, where: str) -> FormPage:
    """The page's refusal is summarised at the top of its form, linked to each field in error."""
    page = FormPage(html)
    assert page.summaries, f"{where}: refused without an error summary"
    summary = page.summaries[0]
    assert summary["role"] == "alert" and summary["tabindex"] == "-1", where
    assert summary["title"] == ("There is a problem" if summary["items"] == 1
                                else f"There are {summary['items']} problems"), where
    links = dict(summary["links"])
    for message_id, text in page.messages:
        field = ERROR_ID.match(message_id).group("field")
        assert links.get(f"#{field}") == text, f"{where}: no link to {field} saying “{text}” in the summary"
        control = page.by_id.get(field)
        assert control, f"{where}: the summary links to #{field}, which is not on the page"
        assert control.get("aria-invalid") == "true", f"{where}: {field} is not marked aria-invalid"
        assert message_id in control.get("aria-describedby", "").split(), \
            f"{where}: {field} is not described by its message {message_id}"
    for href, _text in summary["links"]:
        assert page.by_id.get(href[1:], {}).get("aria-invalid") == "true", f"{where}: {href} is not a field in error"
    return page


def _refusal(client, world, targets, endpoint):  # noqa: F811
    """The first refusal of the form at `endpoint` given invalid text: (status, page)."""
    role, url, form = (MORE_FORMS.get(endpoint) or CHANGES[endpoint])[:3]
    url = url.format(**targets)
    page_url = FORM_PAGES.get(endpoint, url).format(**targets)
    fields = _form_fields(client.get(page_url).get_data(as_text=True), url)
    for value in INVALID:
        data = form(world, targets)
        data.update({name: value for name in fields})
        page = client.get(page_url).get_data(as_text=True)
        if "submission_key" in page:
            data["submission_key"] = SUBMISSION_KEY.search(page).group(1)
        data["csrf_token"] = csrf_token(client, page_url)
        response = client.post(url, data=data)
        if response.status_code == 400:
            return response.get_data(as_text=True)
    pytest.fail(f"{endpoint}: no invalid text was refused")


@pytest.mark.parametrize("endpoint", FORMS + sorted(MORE_FORMS))
def test_a_refused_form_lists_its_problems_linked_to_their_fields(app, client, auth, world, targets, endpoint):  # noqa: F811
    role = (MORE_FORMS.get(endpoint) or CHANGES[endpoint])[0]
    if role != "anonymous":
        auth.login(world.emails[role])
    page = assert_summarised(_refusal(client, world, targets, endpoint), endpoint)
    if endpoint not in REFUSED_AS_A_WHOLE:
        assert page.messages and page.summaries[0]["links"], f"{endpoint}: no field was named in error"


def test_a_refused_gift_names_each_field_in_error_and_keeps_the_focus_for_the_summary(client, auth, world):
    auth.login(world.emails["volunteer"])
    page = client.get("/donations/new").get_data(as_text=True)
    data = {"campaign": str(world.paris_campaign_id), "kind": "money", "amount": "", "currency": "EUR",
            "received_on": "2025-07-26", "method": "cash", "status": "received",
            "submission_key": SUBMISSION_KEY.search(page).group(1), "csrf_token": csrf_token(client, "/donations/new")}
    response = client.post("/donations/new", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    page = assert_summarised(html, "donations.new")
    assert page.summaries[0]["links"] == [("#amount", "Enter an amount.")]
    # The hint stays tied to the field beside the message, and no field takes the focus from the summary.
    assert page.by_id["amount"]["aria-describedby"].split() == ["amount-hint", "amount-error"]
    assert "autofocus" not in html
    assert html.index('class="error-summary"') < html.index('id="campaign"')  # at the top of the form
    assert 'src="/static/js/error_summary.js" defer' in html


def test_a_form_in_good_order_has_no_summary_and_its_hints_are_tied_to_their_fields(client, auth, world):
    auth.login(world.emails["volunteer"])
    html = client.get("/donations/new").get_data(as_text=True)
    page = FormPage(html)
    assert not page.summaries and "error_summary.js" not in html
    assert page.by_id["amount"]["aria-describedby"] == "amount-hint" and "aria-invalid" not in page.by_id["amount"]
    assert page.by_id["amount-hint"]["tag"] == "small"


def test_a_group_of_choices_in_error_is_marked_and_linked(client, auth, world):
    auth.login(world.emails["volunteer"])
    page = client.get("/donations/new").get_data(as_text=True)
    data = {"campaign": str(world.paris_campaign_id), "kind": "gold bars", "amount": "25", "currency": "EUR",
            "received_on": "2025-07-26", "method": "cash", "status": "received",
            "submission_key": SUBMISSION_KEY.search(page).group(1), "csrf_token": csrf_token(client, "/donations/new")}
    response = client.post("/donations/new", data=data)
    assert response.status_code == 400
    page = assert_summarised(response.get_data(as_text=True), "donations.new kind")
    assert page.by_id["kind"]["tag"] == "fieldset" and page.by_id["kind"]["role"] == "radiogroup"
    # Its fold ("More details") is open, so the link leads to something in view.
    assert re.search(r'<details class="more" open>', response.get_data(as_text=True))


def test_the_receipt_check_summarises_a_code_it_cannot_read(client):
    response = client.get("/receipt", query_string={"code": "!!"})
    assert response.status_code == 400
    page = assert_summarised(response.get_data(as_text=True), "public.receipt")
    assert [href for href, _text in page.summaries[0]["links"]] == ["#code"]


@pytest.mark.parametrize("how", ["query", "session"])
def test_the_summary_is_in_french_on_a_french_page(client, auth, world, how):
    auth.login(world.emails["volunteer"])
    if how == "session":
        client.get("/?lang=fr")  # the choice is kept for the next pages
    suffix = "?lang=fr" if how == "query" else ""
    page = client.get("/donations/new" + suffix).get_data(as_text=True)
    data = {"campaign": str(world.paris_campaign_id), "kind": "money", "amount": "", "currency": "EUR",
            "received_on": "2025-07-26", "method": "cash", "status": "received",
            "submission_key": SUBMISSION_KEY.search(page).group(1), "csrf_token": csrf_token(client, "/donations/new")}
    response = client.post("/donations/new" + suffix, data=data)
    assert response.status_code == 400
    page = FormPage(response.get_data(as_text=True))
    assert page.summaries[0]["title"] == "Il y a un problème"
    assert page.summaries[0]["links"] == [("#amount", "Saisissez un montant.")]
