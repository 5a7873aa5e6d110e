"""The donor's receipt by mail, when the donor left an e-mail address and mail is configured.

The mail is written while the gift is logged and sent right after the request commits
(tracker.database.after_commit), inside that request, each SMTP step within MAIL_TIMEOUT: a gift
that is rolled back is never mailed, and the receipt screen the volunteer lands on can say at once
whether the mail went, so the donor standing there can be given the printed receipt instead. A
background job (tracker.jobs) would answer sooner but leave that screen guessing. The gift is
stored before any of this: a server that is down or refuses costs a message on the screen, never
the gift.

Language: the app keeps none for a donor, so the mail is in the language of the page the
volunteer logged the gift on (the request's language).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import parseaddr

from flask import current_app

from tracker import database, mail
from tracker.donations.labels import STATUS_LABELS
from tracker.donations.models import Donation, DonationStatus, GiftKind
from tracker.i18n import day_filter, gettext as _, money_minor_filter


class MailOutcome(enum.StrEnum):
    SENT = "sent"
    NO_ADDRESS = "no_address"  # no contact, or one that is not an e-mail address (a phone number)
    MAIL_OFF = "mail_off"  # MAIL_SERVER or MAIL_FROM is not set
    FAILED = "failed"  # the server could not be reached in time, or refused the message


def donor_address(donation: Donation) -> str | None:
    """The donor's e-mail address, when the contact they left is one."""
    _name, address = parseaddr(donation.donor_contact or "")
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain.strip(".") or any(ch.isspace() for ch in address):
        return None
    return address


def send_when_committed(donation: Donation, check_url: str, told: Callable[[MailOutcome], None]) -> None:
    """Mail the receipt once the gift is committed; `told(outcome)` hears how it went (at once when
    nothing is to be sent)."""
    address = donor_address(donation)
    if address is None:
        told(MailOutcome.NO_ADDRESS)
        return
    if not mail.is_configured():
        told(MailOutcome.MAIL_OFF)
        return
    message = receipt_message(donation, address, check_url)
    gift_id = donation.id
    database.after_commit(lambda: told(_send(message, gift_id)))


def _send(message: EmailMessage, gift_id: int) -> MailOutcome:
    try:
        mail.send(message)
    except mail.MailNotSent as error:
        current_app.logger.warning("receipt mail for gift %s not sent: %s", gift_id, error)
        return MailOutcome.FAILED
    return MailOutcome.SENT


def receipt_message(donation: Donation, address: str, check_url: str) -> EmailMessage:
    campaign, code = donation.campaign, donation.receipt_code
    if donation.kind is GiftKind.IN_KIND:
        given = f"{donation.quantity} {donation.unit} {donation.item}"
        if donation.amount_minor:
            given += " (" + _("estimated at {value}", value=money_minor_filter(donation.amount_minor,
                                                                               donation.currency)) + ")"
    else:
        given = money_minor_filter(donation.amount_minor, donation.currency)
    if donation.status is DonationStatus.PLEDGED:
        thanks = _("Thank you for your pledge to “{campaign}”, recorded by {organisation}.",
                   campaign=campaign.name, organisation=campaign.organisation.name)
    else:
        thanks = _("Thank you for your gift to “{campaign}”, received by {organisation}.",
                   campaign=campaign.name, organisation=campaign.organisation.name)
    lines = [
        thanks, "",
        _("Gift: {given}", given=given),
        _("Date: {day}", day=day_filter(donation.received_on)),
        _("Status: {status}", status=_(STATUS_LABELS[donation.status])),
        _("Receipt code: {code}", code=code), "",
        _("Check your gift at any time, by opening this link or by typing the code on the receipt check page:"),
        check_url, "",
        _("You receive this mail because you gave this address when your gift was recorded. For any question, "
          "ask {organisation}.", organisation=campaign.organisation.name),
    ]
    return mail.new_message(address, _("Receipt for your gift: {code}", code=code), "\n".join(lines))
