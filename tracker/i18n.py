"""The user's language (English, French, Khmer) and the translation of every message shown.

Messages are keyed by their English text, as gettext does; the French and Khmer catalogues are in
`tracker.translations`. The language comes from ?lang=, then the saved choice (cookie or account),
then the browser's Accept-Language.
"""

from __future__ import annotations

from flask import Flask, g, has_request_context, request
from flask_login import current_user

from tracker.money import MoneyError, format_minor, format_money
from tracker.translations import CATALOGUES, MONEY_ERRORS

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "km": "ខ្មែរ"}
LANG_COOKIE = "lang"


def init_app(app: Flask) -> None:
    app.before_request(_choose_language)
    app.after_request(_remember_language)
    app.jinja_env.globals.update(_=gettext, language=current_language, LANGUAGE_NAMES=LANGUAGE_NAMES,
                                 money=money_filter, money_minor=money_minor_filter)


def _choose_language() -> None:
    supported = tuple(LANGUAGE_NAMES)
    asked = request.args.get("lang")
    if asked in supported:
        g.language, g.language_changed = asked, True
        return
    saved = request.cookies.get(LANG_COOKIE)
    if saved in supported:
        g.language = saved
    elif getattr(current_user, "is_authenticated", False) and current_user.locale in supported:
        g.language = current_user.locale
    else:
        g.language = request.accept_languages.best_match(supported) or "en"


def _remember_language(response):
    if g.get("language_changed"):
        response.set_cookie(LANG_COOKIE, g.language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def current_language() -> str:
    if "language" not in g and has_request_context():
        # The CSRF check and the size limit refuse a request before our before_request hook runs.
        _choose_language()
    return g.get("language", "en")


def gettext(message: str, **params: object) -> str:
    text = CATALOGUES.get(current_language(), {}).get(message, message)
    return text.format(**params) if params else text


def money_error_message(error: MoneyError) -> str:
    return gettext(MONEY_ERRORS[error.code], **error.params)


def money_filter(amount, currency: str) -> str:
    return format_money(amount, currency, current_language())


def money_minor_filter(amount_minor: int, currency: str) -> str:
    return format_minor(amount_minor, currency, current_language())
