"""What every response carries and every request is checked for before any view runs: security
headers, proxy headers trusted only when configured, and input no view can be asked to handle
(a NUL character, an undecodable remember cookie). Rate limits are declared on the views they
guard (tracker.extensions.limiter)."""

from __future__ import annotations

from flask import Flask, abort, current_app, g, request, session
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

# Only the app's own files: no inline script or style, no third-party asset. Its scripts (static/js)
# only improve a page that works without them (the local day, the Print button).
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
MAX_DATABASE_INTEGER = 2**63 - 1
HSTS_SECONDS = 365 * 24 * 3600


class DatabaseInteger(IntegerConverter):
    """<int:…> in URLs: a number no database column can hold names nothing (404), it is not a 500."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_DATABASE_INTEGER)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseInteger
    if app.config.get("PROXY_FIX"):
        # e.g. TRACKER_PROXY_FIX='{"x_for": 1, "x_proto": 1}' behind one reverse proxy; never by default,
        # or anyone could choose the address the rate limits count.
        app.wsgi_app = ProxyFix(app.wsgi_app, **app.config["PROXY_FIX"])
    app.before_request(_refuse_unusable_input)
    app.after_request(_security_headers)


def _refuse_unusable_input() -> None:
    # Set before anything reads the body: the routes that take files have a limit of their own.
    limit = current_app.config["LARGE_BODY_ENDPOINTS"].get(request.endpoint)
    if limit:
        request.max_content_length = current_app.config[limit]
    remember = request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    if remember is not None and not remember.isascii():
        # Flask-Login cannot even compare it: treat the visitor as signed out and clear the cookie.
        g._login_user = current_app.login_manager.anonymous_user()
        session["_remember"] = "clear"
    if "\x00" in request.path or any(_unusable(key, value) for source in (request.args, request.form)
                                      for key, values in source.lists() for value in values):
        abort(400)
    if any(key is None for key in request.files):
        abort(400)  # a multipart part with no name


def _unusable(key: str | None, value: str) -> bool:
    """A form part with no name (malformed multipart), or a NUL character, which no text we store
    or look up may hold (PostgreSQL refuses it)."""
    return key is None or "\x00" in key or "\x00" in value


def _security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    if current_app.config.get("SESSION_COOKIE_SECURE"):  # served over HTTPS only
        headers.setdefault("Strict-Transport-Security", f"max-age={HSTS_SECONDS}")
    if current_user.is_authenticated:
        # A signed-in page can show donors' details: no browser or proxy may keep a copy.
        headers["Cache-Control"] = "no-store"
    return response


def public_site() -> str:
    """Scheme and host of the addresses given out (shared pages, receipts mailed to donors, their QR
    codes): PUBLIC_BASE_URL when set, else the host this request came to, which a forged Host header
    can change: pages cached for everyone keep it in their key."""
    return (current_app.config.get("PUBLIC_BASE_URL") or request.host_url).rstrip("/")
