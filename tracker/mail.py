"""Mail through the SMTP server the MAIL_* settings name (tracker.config); off while MAIL_SERVER or
MAIL_FROM is empty. Python's smtplib: one connection per message, which is all a receipt needs."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask import current_app


class MailNotSent(Exception):
    """The server could not be reached in time, or refused the message."""


def is_configured() -> bool:
    config = current_app.config
    return bool(config.get("MAIL_SERVER") and config.get("MAIL_FROM"))


def new_message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message from MAIL_FROM."""
    sender = current_app.config["MAIL_FROM"]
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = formatdate(usegmt=True)
    # With the sender's domain: make_msgid would otherwise ask the resolver for this host's name.
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or "localhost")
    message.set_content(body)
    return message


def send(message: EmailMessage) -> None:
    """Hand `message` to the server, within MAIL_TIMEOUT seconds for each step; MailNotSent otherwise."""
    config = current_app.config
    host, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    try:
        if config.get("MAIL_USE_SSL"):
            connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(host, port, timeout=timeout)
        with connection:
            if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
                connection.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                connection.login(str(config["MAIL_USERNAME"]), str(config.get("MAIL_PASSWORD") or ""))
            connection.send_message(message)
    except (OSError, smtplib.SMTPException) as error:  # refused, unreachable, timed out, TLS failed
        raise MailNotSent(f"{host}:{port}: {error}") from error
