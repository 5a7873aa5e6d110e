"""The donor's receipt: the screen after logging, and the mail to a real SMTP server on loopback."""

from __future__ import annotations

import contextlib
import email
import email.policy
import re
import socket
import time

import pytest
import segno
from aiosmtpd.controller import Controller
from dashboard_helpers import page_text
from loopback_server import free_port
from sqlalchemy import func, select

from donations.test_donation_views import DAY, gift, log_gift
from tracker import money
from tracker.extensions import db
from tracker.donations.models import Donation

DONOR = "sokunthea.v@example.net"
CODE_IN_MAIL = re.compile(r"Receipt code: (\S+)")


class Inbox:
    """An aiosmtpd handler keeping what it is sent; `refuse` answers every recipient with a 550."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted"


@contextlib.contextmanager
def smtp_server(refuse: bool = False):
    inbox = Inbox(refuse)
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


def mail_to(app, port: int, **settings) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False,
                      MAIL_FROM="Samaki Tracker <receipts@example.org>", **settings)


def stored(app) -> list[Donation]:
    with app.app_context():
        gifts = list(db.session.scalars(select(Donation)))
        db.session.expunge_all()
        return gifts


def test_the_donor_is_mailed_the_receipt_and_its_code_opens_the_gift(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    with smtp_server() as (port, inbox):
        mail_to(app, port)
        response = log_gift(client, gift(world, amount="125,50", donor_name="Sokunthea", donor_contact=DONOR))
        assert response.status_code == 303
    [donation] = stored(app)
    assert response.headers["Location"].endswith(f"/donations/{donation.id}/receipt")

    [message] = inbox.messages
    assert inbox.recipients == [[DONOR]] and message["To"] == DONOR
    assert message["From"] == "Samaki Tracker <receipts@example.org>"
    body = message.get_content()
    code = CODE_IN_MAIL.search(body).group(1)
    assert code == donation.receipt_code and code in message["Subject"]
    assert money.format_minor(12550, "EUR", "en") in body
    assert "Solidarité frontière" in body
    check_url = f"http://localhost/receipt?code={code}"
    assert check_url in body

    screen = page_text(client.get(response.headers["Location"]))
    assert f"The receipt was e-mailed to {DONOR}." in screen

    auth.logout()
    wrong = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]
    refused = client.get("/receipt", query_string={"code": wrong})
    assert refused.status_code == 400
    text = page_text(refused)
    assert "Check the code: one character is wrong or two are swapped." in text
    assert "No gift with this code" not in text and "Solidarité frontière" not in text

    raw = code.replace("-", "")
    for typed in (code, code.lower(), code.replace("-", " "), f"{raw[:2]} {raw[2:6]} {raw[6:]}".lower()):
        opened = client.get("/receipt", query_string={"code": typed})
        assert opened.status_code == 200, typed
        text = page_text(opened)
        assert "Your gift is recorded as received" in text and "Solidarité frontière" in text
        assert money.format_minor(12550, "EUR", "en") in text
    # The alphabet has no look-alikes to map: an O is never in a code, and the page says so.
    looks_alike = client.get("/receipt", query_string={"code": "O" + code[1:]})
    assert looks_alike.status_code == 400
    assert "“O” is never used in receipt codes" in page_text(looks_alike)


@pytest.mark.parametrize("contact, configured, told", [
    ("", True, "No receipt mail was sent: the donor left no e-mail address."),
    ("+33 6 12 34 56 78", True, "No receipt mail was sent: the donor left no e-mail address."),
    (DONOR, False, "No receipt mail was sent: mail is not set up on this site."),
])
def test_no_mail_without_an_address_or_without_mail_settings(app, client, auth, world, contact, configured, told):
    auth.login(world.emails["volunteer"])
    with smtp_server() as (port, inbox):
        if configured:
            mail_to(app, port)
        response = log_gift(client, gift(world, donor_contact=contact))
        assert response.status_code == 303
        screen = page_text(client.get(response.headers["Location"]))
    assert told in screen
    assert inbox.messages == []
    assert len(stored(app)) == 1


@contextlib.contextmanager
def silent_server():
    """A port that accepts connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


@pytest.mark.parametrize("server", ["down", "refusing", "silent"])
def test_a_mail_server_down_refusing_or_silent_never_loses_the_gift(app, client, auth, world, server):
    auth.login(world.emails["volunteer"])
    with contextlib.ExitStack() as stack:
        if server == "down":
            port = free_port()
        elif server == "refusing":
            port, _inbox = stack.enter_context(smtp_server(refuse=True))
        else:
            port = stack.enter_context(silent_server())
        mail_to(app, port, MAIL_TIMEOUT=1)
        started = time.monotonic()
        response = log_gift(client, gift(world, donor_contact=DONOR))
        elapsed = time.monotonic() - started
    assert response.status_code == 303
    assert elapsed < 5  # the timeout bounds the wait
    [donation] = stored(app)
    assert donation.donor_contact == DONOR
    screen = page_text(client.get(response.headers["Location"]))
    assert "The receipt mail could not be sent" in screen and "The gift is saved" in screen
    assert donation.receipt_code in screen


def test_a_gift_rolled_back_after_logging_is_never_mailed(app, world):
    """What the log form does, in a request that then fails: nothing is stored, nothing is mailed."""
    from tracker.accounts import services as accounts
    from tracker.campaigns import services as campaigns
    from tracker.donations import operations, receipt_mail
    from tracker.donations.models import GiftKind, Method

    told = []

    def log_then_fail():
        volunteer = accounts.find_by_email(world.emails["volunteer"])
        donation, _created = operations.log_donation(volunteer, operations.GiftEntry(
            campaign=campaigns.get(world.paris_campaign_id), kind=GiftKind.MONEY, amount="10", currency="EUR",
            received_on=DAY, method=Method.CASH, donor_contact=DONOR))
        receipt_mail.send_when_committed(donation, "http://localhost/receipt", told.append)
        raise RuntimeError("the request fails after the gift was logged")

    app.add_url_rule("/log-then-fail", "log_then_fail", log_then_fail, methods=["POST"])
    from tracker.extensions import csrf

    csrf.exempt(log_then_fail)
    with smtp_server() as (port, inbox):
        mail_to(app, port)
        response = app.test_client().post("/log-then-fail")
    assert response.status_code == 500
    assert inbox.messages == [] and told == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Donation)) == 0


def test_the_receipt_screen_is_for_those_who_may_see_the_gift(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    response = log_gift(client, gift(world, amount="80"))
    url = response.headers["Location"]
    [donation] = stored(app)
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'<p class="receipt-code" id="receipt-code"><code>{donation.receipt_code}</code></p>' in html
    assert '<svg viewBox="0 0 ' in html and 'class="qr-code"' in html
    assert "data-print" in html and ">Print</button>" in html
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    # The QR code drawn is the one of the receipt check's address with the code filled in.
    check_url = f"http://localhost/receipt?code={donation.receipt_code}"
    expected = segno.make_qr(check_url, error="m").svg_inline(scale=4, omitsize=True, svgclass="qr-code")
    assert expected in html

    auth.logout()
    for role, status in (("other_volunteer", 403), ("coordinator_elsewhere", 403), ("coordinator", 200),
                         ("admin", 200)):
        auth.login(world.emails[role])
        assert client.get(url).status_code == status, role
        auth.logout()
    assert client.get(url).status_code == 302  # anonymous: sent to sign in
    auth.login(world.emails["admin"])
    assert client.get(f"/donations/{donation.id + 1000}/receipt").status_code == 404


def test_the_receipt_points_to_the_public_site_when_it_is_set(app, client, auth, world):
    app.config["PUBLIC_BASE_URL"] = "https://samaki.example.org"
    auth.login(world.emails["volunteer"])
    response = log_gift(client, gift(world, amount="80"))
    [donation] = stored(app)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    check_url = f"https://samaki.example.org/receipt?code={donation.receipt_code}"
    assert segno.make_qr(check_url, error="m").svg_inline(scale=4, omitsize=True, svgclass="qr-code") in html
    assert ">https://samaki.example.org/receipt</a>" in html and "http://localhost/receipt" not in html
