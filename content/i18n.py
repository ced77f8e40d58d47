"""The words the public sees, in their language: gettext catalogues in translations/, without Flask.

The web tier says which language a request is in (web/languages.py sets `language_of_request`); emails rendered
later by the scheduler say it with `in_language(...)`, from the language stored with the complaint or the row.
Staff pages and staff emails are English: nothing sets another language for them.

Data modules (intake/flow.py, content/safety_help.py) mark their words with `N_` (for `pybabel extract`) and keep
them as English data; the place that shows a word calls `gettext` on it, so rules stay in data and a missing
translation falls back to the English words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations

from babel.support import Translations

from settings import BASE_DIR

TRANSLATIONS_DIR = BASE_DIR / "translations"
DEFAULT_LANGUAGE = "en"
# Each language offered, in its own name (what the language link shows). Polish: docs/languages.md says why.
LANGUAGES: dict[str, str] = {"en": "English", "pl": "Polski"}

_override: ContextVar[str | None] = ContextVar("language_override", default=None)


def _no_request() -> str:
    return DEFAULT_LANGUAGE


language_of_request: Callable[[], str] = _no_request  # replaced by the web tier (web/languages.py)


def set_language_source(source: Callable[[], str]) -> None:
    global language_of_request
    language_of_request = source


def current_language() -> str:
    return _override.get() or language_of_request()


@contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """Everything inside speaks `language` (an email for a complaint made in Polish, rendered by the scheduler)."""
    token = _override.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _override.reset(token)


@cache
def translations(language: str) -> NullTranslations:
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return NullTranslations()
    # Missing .mo (not compiled yet): Babel gives NullTranslations, so the words stay English rather than fail.
    return Translations.load(str(TRANSLATIONS_DIR), [language], domain="messages")


REVIEW_MARK = "NEEDS A PROFESSIONAL TRANSLATOR'S REVIEW BEFORE USE"


def needs_review(language: str) -> bool:
    """Whether the language's catalogue still says it must be reviewed before use (its header; check-config)."""
    po = TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"
    return language != DEFAULT_LANGUAGE and po.exists() and REVIEW_MARK in po.read_text(encoding="utf-8")[:2000]


def N_(message: str) -> str:
    """Marks words for the catalogue where they are data; `gettext` translates them where they are shown."""
    return message


def gettext(message: str, **variables: object) -> str:
    """`message` in the current language; `%(name)s` placeholders filled from `variables` (Babel's style)."""
    if not message:
        return message  # gettext("") is the catalogue's header
    text = translations(current_language()).gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, count: int, **variables: object) -> str:
    text = translations(current_language()).ngettext(singular, plural, count)
    return text % {"num": count, **variables}
