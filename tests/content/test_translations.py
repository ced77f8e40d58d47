"""The Polish catalogue is whole: every public word found in the code and templates has a translation, none fuzzy
or empty, placeholders kept, and the committed .mo is the .po compiled (so a clone serves what the .po says)."""

from __future__ import annotations

import re
from io import BytesIO

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from content.i18n import LANGUAGES, TRANSLATIONS_DIR
from settings import BASE_DIR

SECOND = "pl"
PO = TRANSLATIONS_DIR / SECOND / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
# As `make translations` reads them (babel.cfg): the marks in Python and `_()` in the templates.
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
KEYWORDS = {"N_": None, "gettext": None, "_": None}
SKIP = ("/.venv/", "/node_modules/", "/tests/", "/bench/", "/migrations/", "/static/", "/demo/", "/.")


def _catalogue():
    with PO.open("rb") as file:
        return read_po(file, locale=SECOND)


def _words_in_the_code() -> set[str]:
    def wanted(filename: str, _method: str, _options: dict) -> bool:
        return not any(part in f"/{filename}" for part in SKIP)

    found = extract_from_dir(str(BASE_DIR), METHODS, keywords=KEYWORDS, callback=None, strip_comment_tags=True)
    return {message for path, _line, message, _comments, _context in found if wanted(path, "", {}) and message}


def test_polish_is_offered():
    assert LANGUAGES[SECOND] == "Polski"


def test_every_public_word_has_a_polish_translation():
    catalogue = _catalogue()
    translated = {message.id: message for message in catalogue if message.id}
    found = _words_in_the_code()
    assert len(found) > 300  # the extraction itself works (the chat, the pages, the emails, the safety help)
    missing = sorted(word for word in found if isinstance(word, str) and word not in translated)
    assert not missing, f"run `make translations` and translate: {missing[:10]}"
    for message in translated.values():
        assert message.string and message.string.strip(), f"empty: {message.id!r}"
        assert "fuzzy" not in message.flags, f"fuzzy: {message.id!r}"


def test_the_catalogue_says_it_needs_a_professional_review():
    header = _catalogue().header_comment
    assert "NEEDS A PROFESSIONAL TRANSLATOR'S REVIEW BEFORE USE" in header


def test_placeholders_and_numbers_survive_translation():
    for message in _catalogue():
        if not message.id:
            continue
        for pattern in (r"%\(\w+\)s", r"\{\w+(?::[^}]*)?\}", r"%%"):  # filled in by the code: all, once
            assert sorted(re.findall(pattern, message.id)) == sorted(re.findall(pattern, message.string)), message.id
        # Numbers (999, 0800 1111, 85258, 28 days) are England's and the same in every language.
        assert set(re.findall(r"\d+", message.id)) <= set(re.findall(r"\d+", message.string)), message.id


def test_the_committed_mo_is_the_po_compiled():
    compiled = BytesIO()
    write_mo(compiled, _catalogue())
    compiled.seek(0)
    with MO.open("rb") as file:
        committed = read_mo(file)
    fresh = read_mo(compiled)
    assert {m.id: m.string for m in committed if m.id} == {m.id: m.string for m in fresh if m.id}, (
        "run `make translations` (pybabel compile) and commit the .mo"
    )
