"""The user's language (English, French, Khmer) and the translation of every message shown.

Messages are English text, found in the code and templates by `pybabel extract` (babel.cfg); the
French and Khmer catalogues are gettext files, tracker/translations/<language>/LC_MESSAGES/
messages.po, read through Flask-Babel. Messages take named `{placeholders}` (str.format), so a
translator can move them around. The language comes from ?lang=, then the saved choice (cookie or
account), then the browser's Accept-Language.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from urllib.parse import urlencode
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, g, has_request_context, request
from flask_babel import format_date, format_time, get_translations
from flask_login import current_user

from tracker.extensions import babel
from tracker.money import MoneyError, format_minor, format_money

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "km": "ខ្មែរ"}
LANG_COOKIE = "lang"
CATALOGUE_DIR = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a message for the catalogues where it is defined; it is translated where it is shown."""
    return message


# Refusals of an amount or a rate, by MoneyError code.
MONEY_ERRORS = {
    "amount_required": N_("Enter an amount."),
    "amount_not_a_number": N_("“{text}” is not an amount: use digits, with a comma or a point before the cents."),
    "amount_not_positive": N_("The amount must be more than zero."),
    "amount_too_precise": N_("{currency} amounts have at most {digits} decimal places."),
    "amount_too_large": N_("“{text}” is far larger than any single gift: check the amount."),
    "amount_ambiguous": N_("“{text}” is ambiguous: write {whole} for thousands, or {decimal} with two decimals."),
    "amount_bad_grouping": N_("“{text}” has misplaced thousands separators: groups of three digits are expected."),
    "currency_unknown": N_("“{currency}” is not an ISO 4217 currency code."),
}


def init_app(app: Flask) -> None:
    compiled = compile_catalogues(CATALOGUE_DIR, Path(app.instance_path) / "translations")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(compiled)
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
    babel.init_app(app, locale_selector=current_language)
    app.before_request(_choose_language)
    app.after_request(_remember_language)
    app.jinja_env.globals.update(_=gettext, ngettext=ngettext, language=current_language,
                                 LANGUAGE_NAMES=LANGUAGE_NAMES, money=money_filter, money_minor=money_minor_filter,
                                 language_url=language_url)
    app.jinja_env.filters.update(day=day_filter, moment=moment_filter)


def compile_catalogues(source: Path, target: Path) -> Path:
    """Compile each <language>/LC_MESSAGES/messages.po under `source` into a .mo under `target`,
    when the .mo is missing or older. At start, so that no binary is kept in the repository; each
    file is written whole and then renamed, so workers starting together never read half of one."""
    for po_path in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file, locale=po_path.parts[-3])
        handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as mo_file:
            write_mo(mo_file, catalogue)  # fuzzy entries are left out: they show in English
        os.replace(temporary, mo_path)
    return target


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


def language_url(code: str) -> str:
    """This page in another language, with its currency, filters and page number kept. For visitors who
    are not signed in, whose pages are cached for everyone by currency and language only, nothing else
    of the query is copied in: a first visitor's made-up arguments must not reach the next ones."""
    args = [(name, value) for name, value in request.args.items(multi=True) if name != "lang"]
    if not current_user.is_authenticated:
        args = [(name, value) for name, value in args if name == "currency"]
    return f"{request.script_root}{request.path}?{urlencode([*args, ('lang', code)])}"


def current_language() -> str:
    if "language" not in g and has_request_context():
        # The CSRF check and the size limit refuse a request before our before_request hook runs.
        _choose_language()
    return g.get("language", "en")


def gettext(message: str, **params: object) -> str:
    """The message in the user's language; a day or a time given as a parameter is written in it too."""
    text = get_translations().gettext(message)
    return text.format(**_localised(params)) if params else text


def _localised(params: dict) -> dict:
    return {name: moment_filter(value) if isinstance(value, dt.datetime) else
            day_filter(value) if isinstance(value, dt.date) else value for name, value in params.items()}


def ngettext(singular: str, plural: str, count: int, **params: object) -> str:
    """The form for `count` in the user's language ({count} is filled in): French says "1 don",
    "0 don" and "5 dons"; Khmer has one form."""
    return get_translations().ngettext(singular, plural, count).format(count=count, **_localised(params))


def money_error_message(error: MoneyError) -> str:
    return gettext(MONEY_ERRORS[error.code], **error.params)


def money_filter(amount, currency: str) -> str:
    return format_money(amount, currency, current_language())


def money_minor_filter(amount_minor: int, currency: str) -> str:
    return format_minor(amount_minor, currency, current_language())


def day_filter(day) -> str:
    """A day as a reader of the page writes it: "Jul 25, 2025", "25 juil. 2025", "25 កក្កដា 2025"."""
    return format_date(day, "medium") if day else ""


def moment_filter(when) -> str:
    """A time to the minute, in UTC (the zone every stored time is in), as the reader writes it."""
    if not when:
        return ""
    return f"{format_date(when, 'medium')} {format_time(when, 'HH:mm')} UTC"
