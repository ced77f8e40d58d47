"""Does this text suggest a child may be in danger? Then show help at once and flag the complaint.

A complaint is not the route for a child at risk (DESIGN.md section 2). We would rather show the help
message to someone who did not need it than miss one who did, so the matching leans towards alarm:
every phrase is matched word by word with a little room for typos ("kil myself", "scarred to go home").
The phrase list is data; tests/intake/test_safeguarding.py holds the labelled sentences it is judged on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

SAFETY_MESSAGE = (
    "If you are in danger right now, call 999. "
    "You can talk to Childline any time, free, on 0800 1111. "
    "We will still read your complaint."
)

# Words and phrases that suggest harm, fear or risk. Short words must match exactly; longer ones allow typos.
DANGER_PHRASES: tuple[str, ...] = (
    # being hurt
    "hurt",
    "hurts",
    "hurting",
    "hit",
    "hits",
    "hitting",
    "hit me",
    "beat me",
    "beats me",
    "beaten",
    "beating",
    "punch",
    "punched",
    "kicked me",
    "kicks me",
    "slapped",
    "slaps me",
    "bruise",
    "bruises",
    "strangled",
    "choked me",
    "burned me",
    "abuse",
    "abused",
    "abusing",
    "touched me",
    "touches me",
    "sexual",
    "raped",
    "rape",
    "groomed",
    # fear and danger
    "unsafe",
    "not safe",
    "dont feel safe",
    "scared",
    "terrified",
    "frightened",
    "afraid to go home",
    "scared to go home",
    "scared of him",
    "scared of her",
    "threatened",
    "threatens me",
    "threatening me",
    "locked me in",
    "locked in my room",
    "no food",
    "starving",
    "kicked out",
    "nowhere to sleep",
    "sleeping rough",
    "homeless tonight",
    "run away",
    "ran away",
    "going missing",
    "exploited",
    "county lines",
    "weapon",
    "knife",
    # self-harm and suicide
    "kill myself",
    "killing myself",
    "end my life",
    "want to die",
    "wanna die",
    "better off dead",
    "suicide",
    "suicidal",
    "self harm",
    "self harming",
    "selfharm",
    "cut myself",
    "cutting myself",
    "harm myself",
    "hurt myself",
    "overdose",
    "take my own life",
    "no reason to live",
)

EXACT_UP_TO = 4  # words this short ("hit", "rape") must be spelt right: "this" is not "hit"
MIN_SIMILARITY = 86  # fuzz.ratio for a phrase against the same number of words in the text
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, int], ...]:
    return tuple((" ".join(_words(phrase)), len(_words(phrase))) for phrase in DANGER_PHRASES)


def _matches(phrase: str, window: str) -> bool:
    if phrase == window:
        return True
    if len(phrase) <= EXACT_UP_TO:
        return False
    return fuzz.ratio(phrase, window) >= MIN_SIMILARITY


def suggests_danger(text: str) -> tuple[str, ...]:
    """The categories of danger found in `text` (empty when none); small typos allowed in longer words."""
    words = _words(text or "")
    if not words:
        return ()
    for phrase, length in _phrases():
        for start in range(0, len(words) - length + 1):
            if _matches(phrase, " ".join(words[start : start + length])):
                return ("feels-unsafe",)
    return ()


def safety_reply() -> dict[str, str]:
    """What a conversation reply carries when the answer suggests danger (DESIGN.md section 4)."""
    return {"message": SAFETY_MESSAGE}
