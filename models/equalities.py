"""Equalities monitoring: the values each optional answer may take, and their words.

The groups are the Office for National Statistics' (2021 Census: the five high-level ethnic groups, the Equality
Act's disability question), each with "prefer not to say". Stored as the slugs below; "" means not given. The
report suppresses any group under 5 so nobody can be picked out.
"""

from __future__ import annotations

PREFER_NOT_TO_SAY = ("prefer-not-to-say", "Prefer not to say")

AGE_BANDS: tuple[tuple[str, str], ...] = (
    ("under-11", "10 or under"),
    ("11-15", "11 to 15"),
    ("16-17", "16 or 17"),
    ("18-24", "18 to 24"),
    ("25-34", "25 to 34"),
    ("35-44", "35 to 44"),
    ("45-54", "45 to 54"),
    ("55-64", "55 to 64"),
    ("65-plus", "65 or over"),
    PREFER_NOT_TO_SAY,
)
GENDERS: tuple[tuple[str, str], ...] = (
    ("female", "Female"),
    ("male", "Male"),
    ("another-way", "In another way"),
    PREFER_NOT_TO_SAY,
)
ETHNICITIES: tuple[tuple[str, str], ...] = (
    ("asian", "Asian, Asian British or Asian Welsh"),
    ("black", "Black, Black British, Black Welsh, Caribbean or African"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("white", "White"),
    ("other", "Other ethnic group"),
    PREFER_NOT_TO_SAY,
)
DISABILITY: tuple[tuple[str, str], ...] = (
    ("yes", "Yes: a disability or long-term condition"),
    ("no", "No"),
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
