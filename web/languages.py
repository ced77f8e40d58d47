"""Which language a public page or the chat API speaks, with Flask-Babel; staff pages are always English.

Chosen, first to last: `?lang=` on any public page (remembered in the session cookie for the next pages), a
`lang` field in a JSON body of the chat API, the remembered choice, the browser's Accept-Language, English.
Every public page has the language link (in the header, templates/layout.html) and says its language in
`<html lang>` and `Content-Language`. The words come from translations/ (docs/languages.md).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, current_app, has_request_context, request, session, url_for
from flask_babel import Babel, get_locale
from werkzeug.exceptions import HTTPException

from content import i18n
from web.context import settings

SESSION_KEY = "lang"
# Staff pages and staff APIs stay English (the council's working language); the public status page is public.
STAFF_BLUEPRINTS = frozenset({"casework_api", "queries", "queries_api", "ops"})
PUBLIC_CASEWORK_ENDPOINTS = frozenset({"casework.status", "casework.status_unsafe"})

babel = Babel()


def _is_staff() -> bool:
    if request.path.startswith("/staff"):
        return True
    if request.blueprint == "casework":
        return request.endpoint not in PUBLIC_CASEWORK_ENDPOINTS
    return request.blueprint in STAFF_BLUEPRINTS


def _languages() -> list[str]:
    """The languages the public may choose: those with a catalogue that the settings offer (LANGUAGES)."""
    return [code for code in i18n.LANGUAGES if code == i18n.DEFAULT_LANGUAGE or code in settings().languages]


def _offered(value: object) -> str | None:
    return value if isinstance(value, str) and value in _languages() else None


def _json_field(name: str) -> object:
    """A field of the chat API's JSON body; None for a body too big or not JSON (the view refuses those itself,
    with its own 4xx: choosing a language must never be what fails)."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.content_length is None or (limit is not None and request.content_length > limit):
        return None
    try:
        body = request.get_json(silent=True)
    except (HTTPException, RecursionError):  # silent=True does not cover JSON nested too deeply to decode
        return None
    return body.get(name) if isinstance(body, dict) else None


def select_language() -> str:
    if not has_request_context() or _is_staff():  # the CLI and the scheduler: staff emails, English
        return i18n.DEFAULT_LANGUAGE
    chosen = _offered(request.args.get("lang"))
    if chosen is None and request.blueprint == "intake_api" and request.is_json:
        chosen = _offered(_json_field("lang"))
    chosen = chosen or _offered(session.get(SESSION_KEY))
    return chosen or request.accept_languages.best_match(_languages(), i18n.DEFAULT_LANGUAGE)


def _remember_choice() -> None:
    chosen = _offered(request.args.get("lang"))
    if chosen and not _is_staff() and session.get(SESSION_KEY) != chosen:
        session[SESSION_KEY] = chosen


def _say_the_language(response):
    if not _is_staff():
        response.headers["Content-Language"] = str(get_locale() or i18n.DEFAULT_LANGUAGE)
        response.vary.add("Accept-Language")
    return response


def _language_links():
    """The other languages, each a link to this same page in it (`?lang=`), for the link on every public page."""
    # A page rendered with no request (the annual report's PDF from `flask report --pdf`) is a staff document.
    if not has_request_context() or _is_staff():
        return {"language": i18n.DEFAULT_LANGUAGE, "other_languages": []}
    current = str(get_locale() or i18n.DEFAULT_LANGUAGE)
    others = [
        {"code": code, "name": i18n.LANGUAGES[code], "href": _this_page_in(code)}
        for code in _languages()
        if code != current
    ]
    return {"language": current, "other_languages": others}


def _this_page_in(code: str) -> str:
    """This page with `?lang=`; a page shown after a form (an answer to put right) links to the chat, where the
    same question opens again, or to the home page."""
    if request.method == "GET":  # a page not found too: it is shown again in the language chosen
        return f"{request.path}?{urlencode({**request.args.to_dict(), 'lang': code})}"
    return url_for("intake.chat" if request.blueprint == "intake" else "pages.home", lang=code)


def _request_language() -> str:
    if not has_request_context():
        return i18n.DEFAULT_LANGUAGE
    return str(get_locale() or i18n.DEFAULT_LANGUAGE)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_language, default_translation_directories=str(i18n.TRANSLATIONS_DIR))
    i18n.set_language_source(_request_language)
    app.before_request(_remember_choice)
    app.after_request(_say_the_language)
    app.context_processor(_language_links)
