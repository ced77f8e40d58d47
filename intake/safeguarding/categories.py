"""The kinds of danger the intake listens for, as staff name them.

The detector (intake/safeguarding/detector.py) returns these slugs; the alert to the duty manager, the staff
queue and the help shown to the person all key off them. A slug is a contract: tests, the API's `safety`
object and stored drafts use it, so rename one only with a migration of the stored values.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    slug: str
    label: str  # how staff name it, in the alert email and on the queue


CATEGORIES: tuple[Category, ...] = (
    Category("self-harm", "Self-harm or suicide"),
    Category("physical-harm", "Physical harm"),
    Category("sexual-harm", "Sexual harm or grooming"),
    Category("neglect", "Neglect"),
    Category("emotional-harm", "Emotional harm"),
    Category("exploitation", "Criminal or sexual exploitation"),
    Category("domestic-abuse", "Domestic abuse"),
    Category("missing-homeless", "Missing or homeless tonight"),
    Category("weapons-threats", "Weapons or threats"),
    Category("forced-marriage", "Forced marriage"),
    Category("fgm", "FGM"),
    Category("radicalisation", "Radicalisation"),
    Category("bullying", "Serious bullying"),
    # Fear with no harm named ("im scared to go home"), and the "I don't feel safe" button.
    Category("feels-unsafe", "Says they do not feel safe"),
)
BY_SLUG: dict[str, Category] = {category.slug: category for category in CATEGORIES}
UNSAFE = "feels-unsafe"


def label(slug: str) -> str:
    category = BY_SLUG.get(slug)
    return category.label if category else slug
