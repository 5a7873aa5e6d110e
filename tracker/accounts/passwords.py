"""What a password must be: long enough, not among the most used ones (zxcvbn's list of 30,000),
not the user's e-mail, not the public demo password (outside the demo), and not easy to guess by
zxcvbn's estimate. Each refusal has a code and a message."""

from __future__ import annotations

import functools

from tracker.i18n import N_

MIN_LENGTH, MAX_LENGTH = 12, 200
MIN_SCORE = 2  # zxcvbn: 0-1 fall to an online attack in hours or days, 2 resists one
SCORED_PREFIX = 100  # zxcvbn's cost grows with length; beyond this many characters it adds nothing
DEMO_PASSWORD = "samaki-demo-2025"  # printed in the README: fine for the demo data, nowhere else


@functools.cache
def _zxcvbn():
    """zxcvbn and its most-used list, loaded at the first password checked: its lists take some
    13 MB, which every web worker and command would otherwise carry without setting a password."""
    from zxcvbn import zxcvbn
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return zxcvbn, frozenset(FREQUENCY_LISTS["passwords"])

MESSAGES = {
    "password_too_short": N_("The password needs at least {length} characters."),
    "password_too_long": N_("The password is too long: at most {length} characters."),
    "password_common": N_("This password is among the most used ones: choose another."),
    "password_has_email": N_("The password must not contain your e-mail address."),
    "password_demo": N_("This is the demo password, which everyone knows: choose another."),
    "password_weak": N_("This password is too easy to guess: use several words, or more varied characters."),
}


def refusal(password: str, email: str = "", demo: bool = False) -> tuple[str, dict] | None:
    """(code, params) of the first rule the password breaks, or None if it is acceptable."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return "password_too_short", {"length": MIN_LENGTH}
    if len(password) > MAX_LENGTH:
        return "password_too_long", {"length": MAX_LENGTH}
    estimate, most_used = _zxcvbn()
    folded = password.casefold()
    if folded in most_used or folded.strip() in most_used:
        return "password_common", {}
    if email and email.casefold() in folded:
        return "password_has_email", {}
    if password == DEMO_PASSWORD:
        return None if demo else ("password_demo", {})
    if estimate(password[:SCORED_PREFIX], user_inputs=[email] if email else [])["score"] < MIN_SCORE:
        return "password_weak", {}
    return None
