"""Is a new staff password strong enough? zxcvbn's estimate (its word lists ship inside the package: no network)
plus a deny-list of the words everyone at the council would try first.

Length alone let "aaaaaaaaaaaa" through. zxcvbn scores 0-4 by how many guesses a password needs; 3 ("safely
unguessable: moderate protection from offline attack") is the least we take, and the deny-list words, the
council's name and the person's own name and email count as the first words an attacker tries.
"""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MIN_SCORE = 3
# Words that say where the password is used. A password made of only these (and digits or symbols) is refused
# whatever zxcvbn scores it: "ChildrensServices2026" scores 3 on its own.
DENIED_WORDS = (
    "children",
    "childrens",
    "child",
    "services",
    "service",
    "social",
    "care",
    "complaint",
    "complaints",
    "council",
    "staff",
    "password",
    "welcome",
    "admin",
    "officer",
    "manager",
    "team",
    "winter",
    "spring",
    "summer",
    "autumn",
)


def _words_of(*texts: str) -> list[str]:
    return [word for text in texts for word in re.split(r"[^a-z]+", text.lower()) if len(word) >= 3]


def _only_denied(password: str, words: set[str]) -> bool:
    """Whether the password's letters split into denied words alone ("Council2026!" -> "council")."""
    letters = re.sub(r"[^a-z]", "", password.lower())
    if not letters:
        return True
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        reachable[end] = any(reachable[start] and letters[start:end] in words for start in range(end))
    return reachable[-1]


def password_problem(password: str, *, council_name: str, personal: tuple[str, ...] = ()) -> str | None:
    """What is wrong with `password` as a new staff password, in words for the form, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Enter a password of at least {MIN_LENGTH} characters"
    if password.strip() != password:
        return "Enter a password that does not start or end with a space"
    own = _words_of(council_name, *personal)
    if _only_denied(password, {*DENIED_WORDS, *own, "".join(_words_of(council_name))}):
        return "Enter a password that is not about the council, the service or you"
    # zxcvbn is slow on very long input and gains nothing past 100 characters.
    estimate = zxcvbn(password[:100], user_inputs=[*DENIED_WORDS, *own])
    if estimate["score"] < MIN_SCORE:
        hint = estimate["feedback"]["warning"] or "It would be easy to guess."
        return f"Enter a harder password to guess. {hint} Try 3 or 4 unrelated words."
    return None
