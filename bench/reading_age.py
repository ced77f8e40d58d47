"""Reading age of what the service says to complainants: every question, hint and note in intake/flow.py (and the
engine's notes) for each audience, and the complainant emails, as Flesch-Kincaid grades (textstat 0.7.3).

A child's or care leaver's wording aims at a reading age of about 9 (grade 4 or below); a grown-up's at grade 7
or below. One message is a question with its hint, a note, or a whole email. Short labels ("No, choose another")
are too short for a grade of their own: they count in the audience's grade over all its words.

    python -m bench.reading_age     # prints every figure, worst first
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import textstat

from casework.letter_wording import DEFAULT_LETTERS
from casework.letters import preview
from content.complainant import advocate_words, reply_words, team_words
from content.safety_help import help_now
from intake.content import next_steps, reply_plan
from intake.engine import NO_TEAM_NOTE, OVER_A_YEAR_NOTE, READ_AS_NOTE
from intake.flow import ADULT, CARE_LEAVER, CHILD, FOSTER_CARER, GUARDIAN, HELPER, PARENT, STEPS, TOO_LONG, worded
from reminders.mail import email_environment, template_context
from settings import Settings

YOUNG_AUDIENCES = (CHILD, CARE_LEAVER)
GROWN_UP_AUDIENCES = (ADULT, PARENT, FOSTER_CARER, GUARDIAN, HELPER)
LIMITS = {"young": 4.0, "grown-up": 7.0}  # Flesch-Kincaid grade, at most
_URL = re.compile(r"\S+://\S+")
_EMAIL = re.compile(r"[\w.'-]*@[\w.-]+\w")
_REFERENCE = "CS-7KQ3-MX9P"


@dataclass(frozen=True)
class Figure:
    reader: str  # "young" or "grown-up"
    audience: str  # the flow's audience, or the email's reader
    where: str  # step id, note or email
    grade: float
    text: str

    @property
    def over(self) -> bool:
        return self.grade > LIMITS[self.reader]


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of `text`, with links and example email addresses left out: each is read as one
    long word, and is not what the reader has to understand."""
    return float(textstat.flesch_kincaid_grade(_EMAIL.sub("", _URL.sub("", text))))


def _reader(audience: str) -> str:
    return "young" if audience in YOUNG_AUDIENCES else "grown-up"


def flow_messages(audience: str) -> list[tuple[str, str]]:
    """(where, text) for every question with its hint, every error message, and every note, as `audience` sees it."""
    team = team_words("Leaving Care", "the team that helps young people leaving care", audience)
    messages = []
    for step in STEPS:
        question = worded(step.text, audience).format(team=team)
        hint = worded(step.help, audience) if step.help else ""
        messages.append((step.id, f"{question} {hint}".strip()))
        messages.append((f"{step.id} (error)", step.required_message))
    notes = {
        "note: over a year": worded(OVER_A_YEAR_NOTE, audience),
        "note: no team": worded(NO_TEAM_NOTE, audience),
        "note: date read as": worded(READ_AS_NOTE, audience).format(date="around 19 November 2026"),
        "error: too long": worded(TOO_LONG, audience).format(limit=5000, length=6000),
    }
    return messages + list(notes.items())


def sent_messages(audience: str) -> list[tuple[str, str]]:
    """What the sent page and the status page tell them: the advocate, how our reply comes, what happens next."""
    team = team_words("Leaving Care", "the team that helps young people leaving care", audience)
    messages = [
        (f"advocate words ({asked})", advocate_words(asked, audience, reachable=reachable))
        for asked, reachable in ((True, True), (True, False), (False, True), (None, True))
    ]
    for method in ("email", "phone", "post", "advocate", "none"):
        messages.append((f"reply words ({method})", reply_words(method)))
        messages.append((f"next steps ({method})", " ".join(next_steps(team, "Tuesday 15 December 2026", method))))
        answers = {
            "role": audience,
            "contact": method,
            "email": "jay@example.com",
            "phone": "07700 900123",
            "advocate_contact": "Sam Jones, 07700 900456",
        }
        messages.append((f"how we'll reply ({method})", " ".join(reply_plan(answers))))
    return messages


def flow_labels(audience: str) -> list[str]:
    return [worded(option.label, audience) for step in STEPS for option in step.options]


def _email_text(template: str, role: str, settings: Settings) -> str:
    context = {
        "reference": _REFERENCE,
        "deadline": date(2026, 12, 15).isoformat(),
        "status_url": "https://complaints.example/status/token",
        "resume_url": "https://complaints.example/complaint/resume/token",
        "expires_on": date(2026, 12, 29).isoformat(),
        "name": "Jay",
        "advocate_words": advocate_words(None, role),
        "young": role in YOUNG_AUDIENCES,
        "team_words": team_words("Leaving Care", "the team that helps young people leaving care", role),
        "help_lines": [line.for_email() for line in help_now(role, settings)],
        "help_role": role,
    }
    text = str(
        email_environment().get_template(f"emails/{template}.txt").make_module(template_context(context, settings))
    )
    # A link or a reference is read as one long word: it is not what the reader has to understand.
    return _URL.sub("", text).replace(_REFERENCE, "")


def measure(settings: Settings | None = None) -> list[Figure]:
    settings = settings or Settings()
    figures = []
    for audience in (*YOUNG_AUDIENCES, *GROWN_UP_AUDIENCES):
        reader = _reader(audience)
        for where, text in flow_messages(audience) + sent_messages(audience):
            figures.append(Figure(reader, audience, where, grade(text), text))
        everything = " ".join([text for _where, text in flow_messages(audience)] + flow_labels(audience))
        figures.append(Figure(reader, audience, "all the chat's words", grade(everything), everything[:80] + "..."))
    # The letters' default wording, with made-up details (casework/letters.py), for a young person and a grown-up.
    for slug, kind in DEFAULT_LETTERS.items():
        shown = preview(settings, date(2026, 12, 1), kind.subject, kind.body)
        for reader, role, key in (("young", "child", "young_body"), ("grown-up", "parent", "adult_body")):
            figures.append(Figure(reader, role, f"letter: {slug}", grade(shown[key]), shown[key]))
    for template in ("acknowledgement", "intake-resume"):
        for role in ("child", "care-leaver", "parent", "foster-carer"):
            text = _email_text(template, role, settings)
            figures.append(Figure(_reader(role), role, f"email: {template}", grade(text), text))
    return figures


def report(figures: list[Figure]) -> str:
    lines = [f"{'grade':>6} {'limit':>5}  {'reader':9} {'audience':17} where"]
    for figure in sorted(figures, key=lambda f: f.grade - LIMITS[f.reader], reverse=True):
        mark = "  OVER" if figure.over else ""
        limit = LIMITS[figure.reader]
        lines.append(f"{figure.grade:6.1f} {limit:5.1f}  {figure.reader:9} {figure.audience:17} {figure.where}{mark}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure()))
