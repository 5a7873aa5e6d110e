"""Property: whatever several people do at the same moment through the web pages — log gifts, tap
"Save" twice, correct, void, verify — every request succeeds, each gift is stored once and as last
entered, the rollup cells still equal the donations, and the everywhere dashboard shows the
donations' sum converted cell by cell.

Each simulated person is a thread with its own cookies, talking HTTP to a threaded server on
127.0.0.1; the threads start together on a barrier. In the property, a gift is only changed by the
thread of the person who logged it, so the final state of every gift is known whatever the
interleaving. Two further tests send two changes at the very same moment: to the same gift (its
owner voids it as a coordinator verifies it), and between the same two cells in opposite directions.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from functools import partial
from pprint import pformat

from conftest import CSRF_FIELD, TEST_PASSWORD, _empty_tables, csrf_token, post_form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from test_totals_property import FIRST_DAY, _build_world, _entry, _expected

from tracker import money
from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from tracker.campaigns import services as campaigns
from tracker.donations import operations
from tracker.rollups import integrity as rollups
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.places import services as places
from tracker.rates import services as rates

ADMIN_PASSWORD = "a long password"  # the admin _build_world creates
THREADS = 4  # three volunteers and a coordinator, all logging for the same three campaigns
HTTP_TIMEOUT = 30  # seconds, for each request
JOIN_TIMEOUT = 120  # seconds, for all the threads together
# Few choices, so that people often write to the same rollup cells at once.
CURRENCIES = ["EUR", "USD", "KHR"]  # the riel's rate is one an admin entered
METHODS = [Method.CASH, Method.CARD]
ITEMS = ["rice", "Rice", "blankets"]  # "rice" and "Rice" share an in-kind cell
DAYS = 3

SUBMISSION_KEY = re.compile(r'<input[^>]*name="submission_key"[^>]*value="([0-9a-f]+)"')
DONATION_PAGE = re.compile(r"/donations/(\d+)(?:/receipt)?$")  # a new gift lands on its receipt
TOTAL = re.compile(r'id="total">([^<]+)<')

gifts = st.fixed_dictionaries({
    "campaign": st.integers(0, 2),
    "kind": st.sampled_from(list(GiftKind)),
    "amount": st.integers(min_value=1, max_value=2_000_000),  # minor units; an estimate for gifts in kind
    "currency": st.sampled_from(CURRENCIES),
    "day": st.integers(0, DAYS - 1),
    "method": st.sampled_from(METHODS),
    "status": st.sampled_from([DonationStatus.RECEIVED, DonationStatus.PLEDGED]),
    "item": st.sampled_from(ITEMS),
})
changes = st.fixed_dictionaries({
    "amount": st.integers(min_value=1, max_value=2_000_000),
    "currency": st.sampled_from(CURRENCIES),
    "day": st.integers(0, DAYS - 1),
    "method": st.sampled_from(METHODS),
    "status": st.sampled_from([DonationStatus.RECEIVED, DonationStatus.PLEDGED]),
})
logs = st.one_of(
    st.tuples(st.just("log"), gifts),
    st.tuples(st.just("double_tap"), gifts, st.booleans()),  # both taps at once, or one after the other
)
steps = st.one_of(
    logs, logs,
    st.tuples(st.just("correct"), st.integers(0, 9), changes),  # one of this person's earlier gifts
    st.tuples(st.just("void"), st.integers(0, 9)),
    st.tuples(st.just("verify"), st.integers(0, 9)),  # a coordinator verifies one of this person's gifts
)
# Per person: a first gift, so that the corrections, voids and verifications have one to act on, then more steps.
plans = st.lists(st.tuples(logs, st.lists(steps, max_size=7)), min_size=THREADS, max_size=THREADS)


class Response:
    def __init__(self, status_code: int, headers, body: bytes):
        self.status_code, self.headers, self._body = status_code, headers, body

    def get_data(self, as_text: bool = False):
        return self._body.decode("utf-8", "replace") if as_text else self._body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


class Browser:
    """One person's browser: its own cookies; the same get/post as the Flask test client."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect())

    def _open(self, request) -> Response:
        try:
            with self._opener.open(request, timeout=HTTP_TIMEOUT) as answer:
                return Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx, 5xx
            with answer:
                return Response(answer.code, answer.headers, answer.read())

    def get(self, path: str) -> Response:
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict) -> Response:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=body, method="POST"))


def _money_text(amount_minor: int, currency: str) -> str:
    return str(money.from_minor(amount_minor, currency))


def _gift_fields(gift: dict, campaign_ids: list[int]) -> dict:
    fields = {"campaign": str(campaign_ids[gift["campaign"]]), "kind": gift["kind"].value,
              "amount": _money_text(gift["amount"], gift["currency"]), "currency": gift["currency"],
              "received_on": (FIRST_DAY + dt.timedelta(days=gift["day"])).isoformat(),
              "method": gift["method"].value, "status": gift["status"].value,
              # The plans draw the same gift more than once on purpose: each is another gift.
              "another_gift": "y"}
    if gift["kind"] is GiftKind.IN_KIND:
        fields.update(item=gift["item"], quantity="3", unit="bags")
    return fields


class Person:
    """Runs one plan through HTTP and keeps what each of its gifts should now be."""

    def __init__(self, base_url: str, email: str, coordinator_email: str, campaign_ids: list[int]):
        self.email, self.coordinator_email = email, coordinator_email
        self.campaign_ids = campaign_ids
        self.browser = Browser(base_url)
        self.coordinator = self.browser if email == coordinator_email else Browser(base_url)
        self.gifts: list[dict] = []  # this person's gifts, as they should be stored
        self.accepted: dict[str, int] = {}  # submission key -> donation id
        self.problems: list[str] = []

    def expect(self, what: str, response: Response, status: int) -> bool:
        if response.status_code != status:
            body = re.sub(r"\s+", " ", response.get_data(as_text=True))[:300]
            self.problems.append(f"{self.email} {what}: HTTP {response.status_code}, expected {status}: {body}")
            return False
        return True

    def login(self) -> None:
        browsers = [(self.browser, self.email)]
        if self.coordinator is not self.browser:
            browsers.append((self.coordinator, self.coordinator_email))
        for browser, email in browsers:
            answer = post_form(browser, "/login", {"email": email, "password": TEST_PASSWORD})
            self.expect("signing in", answer, 302)

    def run(self, plan: tuple, barrier: threading.Barrier) -> None:
        first, rest = plan
        try:
            self.login()
            barrier.wait(timeout=JOIN_TIMEOUT)
            for step in (first, *rest):
                getattr(self, "_" + step[0])(*step[1:])
        except Exception as error:  # noqa: BLE001 (reported with the other problems)
            self.problems.append(f"{self.email}: {type(error).__name__}: {error}")

    def _draw_new_gift_form(self) -> dict:
        page = self.browser.get("/donations/new")
        if not self.expect("drawing the gift form", page, 200):
            return {}
        html = page.get_data(as_text=True)
        return {"csrf_token": CSRF_FIELD.search(html).group(1), "submission_key": SUBMISSION_KEY.search(html).group(1)}

    def _stored_at(self, what: str, response: Response) -> int | None:
        if not self.expect(what, response, 303):
            return None
        found = DONATION_PAGE.search(response.headers.get("Location", ""))
        if not found:
            self.problems.append(f"{self.email} {what}: sent to {response.headers.get('Location')!r}")
            return None
        return int(found.group(1))

    def _remember(self, gift: dict, key: str, donation_id: int) -> None:
        self.accepted[key] = donation_id
        self.gifts.append({**gift, "id": donation_id})

    def _log(self, gift: dict) -> None:
        hidden = self._draw_new_gift_form()
        if hidden:
            donation_id = self._stored_at("logging a gift", self.browser.post(
                "/donations/new", {**hidden, **_gift_fields(gift, self.campaign_ids)}))
            if donation_id is not None:
                self._remember(gift, hidden["submission_key"], donation_id)

    def _double_tap(self, gift: dict, at_once: bool) -> None:
        hidden = self._draw_new_gift_form()
        if not hidden:
            return
        send = partial(self.browser.post, "/donations/new", {**hidden, **_gift_fields(gift, self.campaign_ids)})
        answers = _at_the_same_moment(send, send) if at_once else [send(), send()]
        if not all(isinstance(answer, Response) for answer in answers):
            self.problems.append(f"{self.email} double tap: {answers}")
            return
        ids = [self._stored_at(f"double tap {n}", answer) for n, answer in enumerate(answers, 1)]
        if None in ids:
            return
        if ids[0] != ids[1]:
            self.problems.append(f"{self.email} double tap stored two gifts: {ids}")
        self._remember(gift, hidden["submission_key"], ids[0])

    def _pick(self, index: int) -> dict | None:
        open_gifts = [g for g in self.gifts if g["status"] is not DonationStatus.VOID]
        return open_gifts[index % len(open_gifts)] if open_gifts else None

    def _correct(self, index: int, change: dict) -> None:
        gift = self._pick(index)
        if gift is None:
            return
        corrected = {**gift, **change}
        url = f"/donations/{gift['id']}/edit"
        fields = {**_gift_fields(corrected, self.campaign_ids), "reason": "typing mistake"}
        if self._stored_at("correcting a gift", post_form(self.browser, url, fields)) is not None:
            if gift["status"] is DonationStatus.VERIFIED:
                corrected["status"] = DonationStatus.RECEIVED  # a corrected entry needs verifying again
            gift.update(corrected)

    def _void(self, index: int) -> None:
        gift = self._pick(index)
        if gift is None:
            return
        url = f"/donations/{gift['id']}/void"
        if self._stored_at("voiding a gift", post_form(self.browser, url, {"reason": "entered twice"})) is not None:
            gift["status"] = DonationStatus.VOID

    def _verify(self, index: int) -> None:
        gift = self._pick(index)
        if gift is None:
            return
        answer = post_form(self.coordinator, f"/donations/{gift['id']}/verify",
                           {"status": DonationStatus.VERIFIED.value}, form_url=f"/donations/{gift['id']}")
        if self._stored_at("verifying a gift", answer) is not None:
            gift["status"] = DonationStatus.VERIFIED


def _set_up_people():
    """The campaigns of the property test's world, three volunteers of all their organisations, a coordinator."""
    admin, campaign_list = _build_world()
    for offset in range(DAYS):  # every riel gift here has a rate to count at
        day = FIRST_DAY + dt.timedelta(days=offset)
        if not rates.rate_book().has_rate("KHR", day):
            rates.add_rate(admin, "KHR", day, "4600", "test rate")
    organisers = [c.organisation for c in campaign_list]
    emails = [f"volunteer-{n}@example.org" for n in range(THREADS - 1)]
    for email in emails:
        accounts.create_user(email, TEST_PASSWORD, email.split("@")[0], Role.VOLUNTEER, organisations=organisers)
    coordinator = "coordinator@example.org"
    accounts.create_user(coordinator, TEST_PASSWORD, "Coordinator", Role.COORDINATOR, regions=[places.world()])
    db.session.commit()
    return [c.id for c in campaign_list], {c.id: c.city_id for c in campaign_list}, [*emails, coordinator], coordinator


def _everywhere_total_shown(app) -> int:
    """The euro total of the everywhere dashboard, read from the page an admin sees."""
    viewer = app.test_client()
    signed_in = post_form(viewer, "/login", {"email": "admin@example.org", "password": ADMIN_PASSWORD})
    assert signed_in.status_code == 302
    page = viewer.get("/dashboards/world?currency=EUR")
    assert page.status_code == 200
    shown = TOTAL.search(page.get_data(as_text=True))
    assert shown, "no total on the everywhere dashboard"
    return int(re.sub(r"\D", "", shown.group(1)))


def _stored_donations() -> dict[int, Donation]:
    return {d.id: d for d in db.session.scalars(select(Donation))}


def _everywhere_total_expected(stored: dict[int, Donation], campaign_city: dict[int, int]) -> int:
    """The donations table summed cell by cell, each cell converted to euros by tracker.money."""
    entries = {d.id: {"campaign": d.campaign_id, "day": d.received_on, "currency": d.currency,
                      "amount_minor": d.amount_minor, "status": d.status, "method": d.method, "kind": d.kind}
               for d in stored.values()}
    return sum(_expected(entries, campaign_city, "EUR", rates.rate_book()).values())


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans)
def test_concurrent_writes_keep_every_figure_true(app, live_server, plan):
    with app.app_context():
        _empty_tables()
        campaign_ids, campaign_city, emails, coordinator = _set_up_people()

    people = [Person(live_server, email, coordinator, campaign_ids) for email in emails]
    barrier = threading.Barrier(THREADS)
    threads = [threading.Thread(target=person.run, args=(steps_of, barrier), daemon=True)
               for person, steps_of in zip(people, plan)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a person's requests did not finish in time"
    assert [problem for person in people for problem in person.problems] == []

    with app.app_context():
        assert rollups.check() == []
        stored = _stored_donations()
        accepted = {key: donation_id for person in people for key, donation_id in person.accepted.items()}
        assert len(stored) == len(accepted)  # each form stored once, however often it was sent
        assert {d.submission_key: d.id for d in stored.values()} == accepted
        for person in people:
            for gift in person.gifts:
                donation = stored[gift["id"]]
                in_kind = gift["kind"] is GiftKind.IN_KIND
                assert (donation.campaign_id, donation.kind, donation.amount_minor, donation.currency,
                        donation.received_on, donation.method, donation.status,
                        donation.item.lower() if in_kind else None) == (
                    campaign_ids[gift["campaign"]], gift["kind"], gift["amount"], gift["currency"],
                    FIRST_DAY + dt.timedelta(days=gift["day"]), gift["method"], gift["status"],
                    gift["item"].lower() if in_kind else None), f"gift {gift['id']} of {person.email}"
        expected = _everywhere_total_expected(stored, campaign_city)
        db.session.rollback()
    assert _everywhere_total_shown(app) == expected


# --- Two changes sent at the very same moment ---

PAIRS = 12


def _at_the_same_moment(*sends) -> list[Response | BaseException]:
    """Run each send in its own thread, released together; their answers, in order."""
    start = threading.Barrier(len(sends))
    answers: list[Response | BaseException | None] = [None] * len(sends)

    def run(index: int) -> None:
        try:
            start.wait(timeout=HTTP_TIMEOUT)
            answers[index] = sends[index]()
        except BaseException as error:  # noqa: BLE001 (reported by the caller)
            answers[index] = error

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(sends))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=HTTP_TIMEOUT * 2)
    assert None not in answers, "a request did not finish in time"
    return answers


def _signed_in(base_url: str, email: str) -> Browser:
    browser = Browser(base_url)
    assert post_form(browser, "/login", {"email": email, "password": TEST_PASSWORD}).status_code == 302
    return browser


def _log_directly(email: str, campaign_id: int, count: int, verified_by: str | None = None) -> list[int]:
    """Gifts of 10.00, 10.01, ... euros on the first day, in cash, logged by `email`."""
    volunteer = accounts.find_by_email(email)
    ids = []
    for n in range(count):
        donation, _created = operations.log_donation(
            volunteer, _entry(campaigns.get(campaign_id), 1000 + n, "EUR", 0, Method.CASH))
        if verified_by:
            operations.set_status(accounts.find_by_email(verified_by), donation, DonationStatus.VERIFIED)
        ids.append(donation.id)
    db.session.commit()
    return ids


def _status_codes(answers) -> list:
    return [a.status_code if isinstance(a, Response) else repr(a) for a in answers]


def test_a_gift_verified_as_its_owner_voids_it_stays_void(app, live_server):
    """The owner voids a gift while a coordinator presses "verify" on it: the void holds, whichever lands
    first, the verification is either applied before it or refused, and no cell counts the gift twice."""
    with app.app_context():
        _empty_tables()
        campaign_ids, campaign_city, emails, coordinator = _set_up_people()
        ids = _log_directly(emails[0], campaign_ids[0], PAIRS)
    owner, checker = _signed_in(live_server, emails[0]), _signed_in(live_server, coordinator)

    answers = {}
    for donation_id in ids:
        void_page, detail_page = f"/donations/{donation_id}/void", f"/donations/{donation_id}"
        void_token, verify_token = csrf_token(owner, void_page), csrf_token(checker, detail_page)
        answers[donation_id] = _status_codes(_at_the_same_moment(
            partial(owner.post, void_page, {"reason": "entered twice", "csrf_token": void_token}),
            partial(checker.post, f"/donations/{donation_id}/verify",
                    {"status": DonationStatus.VERIFIED.value, "csrf_token": verify_token})))
    with app.app_context():
        stored = _stored_donations()
        found = {
            # Voiding one's own gift is always allowed; verifying a gift already void is refused, not an error.
            "answers other than (void 303, verify 303 or 403)": {
                i: a for i, a in answers.items() if a[0] != 303 or a[1] not in (303, 403)},
            "gifts not void": {i: d.status.value for i, d in stored.items() if d.status is not DonationStatus.VOID},
            "cells that differ from the donations": rollups.check(),
        }
        expected = _everywhere_total_expected(stored, campaign_city)
        db.session.rollback()
    problems = {name: problems for name, problems in found.items() if problems}
    assert problems == {}, pformat(problems)
    assert expected == 0
    assert _everywhere_total_shown(app) == 0


def test_opposite_moves_between_two_cells_at_once(app, live_server):
    """In one cell, a coordinator verifies a received gift (received -> verified) while the owner corrects
    the amount of a verified one (verified -> received): both answers succeed and the cells stay true."""
    with app.app_context():
        _empty_tables()
        campaign_ids, campaign_city, emails, coordinator = _set_up_people()
        to_verify = _log_directly(emails[0], campaign_ids[0], PAIRS)
        to_correct = _log_directly(emails[0], campaign_ids[0], PAIRS, verified_by=coordinator)
    owner, checker = _signed_in(live_server, emails[0]), _signed_in(live_server, coordinator)

    failed = {}  # (verified, corrected) -> the two status codes
    for n, (verified, corrected) in enumerate(zip(to_verify, to_correct)):
        edit_page, detail_page = f"/donations/{corrected}/edit", f"/donations/{verified}"
        edit_token, verify_token = csrf_token(owner, edit_page), csrf_token(checker, detail_page)
        correction = {"campaign": str(campaign_ids[0]), "kind": GiftKind.MONEY.value, "amount": f"20.{n:02d}",
                      "currency": "EUR", "received_on": FIRST_DAY.isoformat(), "method": Method.CASH.value,
                      "status": DonationStatus.RECEIVED.value, "reason": "typing mistake", "csrf_token": edit_token}
        codes = _status_codes(_at_the_same_moment(
            partial(checker.post, f"/donations/{verified}/verify",
                    {"status": DonationStatus.VERIFIED.value, "csrf_token": verify_token}),
            partial(owner.post, edit_page, correction)))
        if codes != [303, 303]:
            failed[(verified, corrected)] = codes

    with app.app_context():
        stored = _stored_donations()
        found = {
            "answers other than (verify 303, correct 303)": failed,
            "cells that differ from the donations": rollups.check(),
        }
        states = ([stored[i].status for i in to_verify],
                  [(stored[i].status, stored[i].amount_minor) for i in to_correct])
        expected = _everywhere_total_expected(stored, campaign_city)
        db.session.rollback()
    problems = {name: problems for name, problems in found.items() if problems}
    assert problems == {}, pformat(problems)
    assert states == ([DonationStatus.VERIFIED] * PAIRS, [(DonationStatus.RECEIVED, 2000 + n) for n in range(PAIRS)])
    assert expected == sum(1000 + n for n in range(PAIRS)) + sum(2000 + n for n in range(PAIRS))
    assert _everywhere_total_shown(app) == expected
