"""Equalities monitoring: the values each optional answer may take, and their words.

The groups are the Office for National Statistics' (2021 Census: the five high-level ethnic groups, the Equality
Act's disability question), each with "prefer not to say". Stored as the slugs below; "" means not given. The
report suppresses any group under 5 so nobody can be picked out.
"""

from __future__ import annotations


def N_(words: str) -> str:  # noqa: N802  (gettext's name for "mark for translation", read by `make translations`)
    """Marks words the public is shown (the questions after sending, intake/equalities.py); they stay English here,
    and the page translates them. Staff pages and the report show them as they are."""
    return words


PREFER_NOT_TO_SAY = ("prefer-not-to-say", N_("Prefer not to say"))

AGE_BANDS: tuple[tuple[str, str], ...] = (
    ("under-11", N_("10 or under")),
    ("11-15", N_("11 to 15")),
    ("16-17", N_("16 or 17")),
    ("18-24", N_("18 to 24")),
    ("25-34", N_("25 to 34")),
    ("35-44", N_("35 to 44")),
    ("45-54", N_("45 to 54")),
    ("55-64", N_("55 to 64")),
    ("65-plus", N_("65 or over")),
    PREFER_NOT_TO_SAY,
)
GENDERS: tuple[tuple[str, str], ...] = (
    ("female", N_("Female")),
    ("male", N_("Male")),
    ("another-way", N_("In another way")),
    PREFER_NOT_TO_SAY,
)
ETHNICITIES: tuple[tuple[str, str], ...] = (
    ("asian", N_("Asian, Asian British or Asian Welsh")),
    ("black", N_("Black, Black British, Black Welsh, Caribbean or African")),
    ("mixed", N_("Mixed or multiple ethnic groups")),
    ("white", N_("White")),
    ("other", N_("Other ethnic group")),
    PREFER_NOT_TO_SAY,
)
DISABILITY: tuple[tuple[str, str], ...] = (
    ("yes", N_("Yes: a disability or long-term condition")),
    ("no", N_("No")),
    PREFER_NOT_TO_SAY,
)

# The Complaint column of each question, and its values.
EQUALITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "age_band": AGE_BANDS,
    "gender": GENDERS,
    "ethnicity": ETHNICITIES,
    "disability": DISABILITY,
}


def label_of(column: str, slug: str) -> str:
    """The words for a stored value ("" stays "")."""
    return dict(EQUALITIES[column]).get(slug, slug)
