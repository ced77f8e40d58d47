"""Conversations played the same way against the engine, the HTML pages and the JSON API.

Each scenario is a list of turns: the question we expect to be asked, what the person answers, and what
should happen (an error to show, the help message). Between them they cover every audience, every branch of
the flow and every kind of validation; each view's tests drive them through a `Driver`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from casework.directory import parse_directory
from intake.routing import Router
from settings import BASE_DIR


@dataclass(frozen=True)
class Turn:
    step: str  # the question expected now
    answer: str
    error: str | None = None  # the error code expected; the same question is asked again
    wording: str | None = None  # a piece of the question's text (checks the audience's wording)
    safety: bool = False  # the help message shows at once


@dataclass(frozen=True)
class Scenario:
    name: str
    turns: tuple[Turn, ...]
    complaint: dict[str, Any] = field(default_factory=dict)  # fields of the complaint once sent
    team: str | None = None  # slug, or None for triage


class Driver(Protocol):
    def current(self) -> tuple[str | None, str]:
        """The id and text of the question being asked (None when ready to send)."""

    def say(self, step: str, answer: str) -> tuple[str | None, bool]:
        """Answer; returns (error code or None, whether the help message was shown)."""


def play(driver: Driver, scenario: Scenario) -> None:
    for number, turn in enumerate(scenario.turns, start=1):
        where = f"{scenario.name} turn {number} ({turn.step} <- {turn.answer[:30]!r})"
        step, text = driver.current()
        assert step == turn.step, f"{where}: asked {step}"
        if turn.wording:
            assert turn.wording in text, f"{where}: {text!r}"
        error, safety = driver.say(turn.step, turn.answer)
        assert error == turn.error, f"{where}: error {error}"
        assert safety == turn.safety, f"{where}: safety {safety}"
    assert driver.current()[0] is None, f"{scenario.name}: not ready at the end"


# The shortest way to the end: a parent who doesn't know the team and wants no contact.
FINISH = (
    ("role", "parent"),
    ("about", "dont-know"),
    ("what_happened", "Nobody came."),
    ("when", "not-sure"),
    ("wanted", "An apology"),
    ("contact", "none"),
    ("status_email", "no"),
    ("name", "Pat"),
)
TOO_LONG = "word " * 1001  # 5,005 characters
RECENT = date.today() - timedelta(days=30)  # well inside the year

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "child, team confirmed, email, advocate, old date",
        (
            Turn("role", "I'm a king", error="unknown_option"),
            Turn("role", "child", wording="who are you?"),
            Turn("about", "my leaving care worker", wording="Which team or grown-up is it about?"),
            Turn(
                "team_confirm", "yes", wording="this is the team that helps young people leaving care. Is that right?"
            ),
            Turn("what_happened", "<script>alert(1)</script> Nobody answers my calls.", wording="What went wrong?"),
            Turn("when", "31/02/2025", error="impossible_date"),
            Turn("when", "1/3/2019"),
            Turn("wanted", "A worker who calls me back", wording="What would you like to happen now?"),
            Turn("advocate", "yes", wording="An advocate is someone on your side"),
            Turn("contact", "email"),
            Turn("email", "jay@", error="bad_email"),
            Turn("email", "jay@example.com"),
            Turn("name", "Jay", wording="what do you like to be called?"),
        ),
        complaint={
            "complainant_role": "child",
            "routing_decision": "auto",
            "status": "open",
            "advocacy_requested": True,
            "contact_method": "email",
            "email": "jay@example.com",
            "what_happened": "<script>alert(1)</script> Nobody answers my calls.",
            "happened_on": date(2019, 3, 1),
            "over_a_year_ago": True,
            "safeguarding_flag": False,
            "complainant_name": "Jay",
        },
        team="leaving-care",
    ),
    Scenario(
        "care leaver, chooses another team, phone, not sure",
        (
            Turn("role", "care-leaver"),
            Turn("about", "", error="required"),
            Turn("about", "leaving care"),
            Turn("team_confirm", "other"),
            Turn("team_choose", "nobody", error="unknown_option"),
            Turn("team_choose", "early-help"),
            Turn("what_happened", "My grant was late."),
            Turn("when", "not-sure"),
            Turn("wanted", "not-sure"),
            Turn("advocate", "no"),
            Turn("contact", "phone"),
            Turn("phone", "123", error="bad_phone"),
            Turn("phone", "07700 900123"),
            # No email for our reply: the private link can still come by email.
            Turn("status_email", "not an email", error="bad_email"),
            Turn("status_email", "kai@example.com", wording="private link"),
            Turn("name", "Kai"),
        ),
        complaint={
            "complainant_role": "care-leaver",
            "routing_decision": "auto",
            "advocacy_requested": False,
            "contact_method": "phone",
            "phone": "07700 900123",
            "email": "kai@example.com",  # for the private link only
            "wanted_outcome": "",
            "happened_on": None,
            "happened_text": "",
        },
        team="early-help",
    ),
    Scenario(
        "parent, doesn't know the team, post",
        (
            Turn("role", "parent"),
            Turn("about", "dont-know", wording="Which team or worker is your complaint about?"),
            Turn("what_happened", "", error="required", wording="What happened?"),
            Turn("what_happened", "Nobody came to the meeting about my son."),
            Turn("when", "about last March"),
            Turn("wanted", "An apology", wording="put things right"),
            Turn("contact", "post"),
            Turn("address", "1 High Street\nExampletown EX1 1AA"),
            Turn("status_email", "No, thanks"),
            Turn("name", "Pat Parent", wording="What's your name?"),
        ),
        complaint={
            "complainant_role": "parent",
            "routing_decision": "triage",
            "status": "awaiting-triage",
            "advocacy_requested": None,
            "contact_method": "post",
            "postal_address": "1 High Street\nExampletown EX1 1AA",
            "happened_text": "about last March",
            "over_a_year_ago": False,
        },
    ),
    Scenario(
        "foster carer, danger in the story, not sure of the team, no contact",
        (
            Turn("role", "foster-carer"),
            Turn("about", "children with disabilities"),
            Turn("team_confirm", "dont-know", wording="Children with Disabilities team"),
            Turn("what_happened", "The girl I foster says she is scared to go home after contact.", safety=True),
            Turn("when", "1/1/2099", error="future_date"),
            Turn("when", RECENT.isoformat()),
            Turn("wanted", "A meeting this week"),
            Turn("contact", "none"),
            Turn("status_email", "no"),
            Turn("name", "Sam Foster"),
            # After a disclosure with no way to reach them: asked once, gently; "I'd rather not" is fine.
            Turn("safe_contact", "I'd rather not", wording="Is there a safe way for us to reach you?"),
        ),
        complaint={
            "complainant_role": "foster-carer",
            "routing_decision": "triage",
            "status": "awaiting-triage",
            "safeguarding_flag": True,
            "contact_method": "none",
            "happened_on": RECENT,
            "over_a_year_ago": False,
        },
    ),
    Scenario(
        "special guardian, off-topic words, through an advocate",
        (
            Turn("role", "guardian-adopter"),
            Turn("about", "the bins were not collected"),
            Turn("what_happened", TOO_LONG, error="too_long"),
            Turn("what_happened", "The allowance stopped."),
            Turn("when", "March 2023"),
            Turn("wanted", "Pay what is owed"),
            Turn("contact", "advocate"),
            Turn("advocate_contact", "ask Bob", error="bad_contact"),
            Turn("advocate_contact", "Bob Jones, advocate@example.org"),
            Turn("name", "Gwen"),
        ),
        complaint={
            "complainant_role": "guardian-adopter",
            "routing_decision": "triage",
            "contact_method": "advocate",
            "email": "advocate@example.org",
            "advocate_name": "Bob Jones",
            "over_a_year_ago": True,
            "happened_text": "March 2023",
        },
    ),
    Scenario(
        "someone helping a young person",
        (
            Turn("role", "advocate"),
            Turn("on_behalf_of", "", error="required"),
            Turn("on_behalf_of", "Amira, a young person I advocate for"),
            Turn("about", "dont-know", wording="Which team or worker is the complaint about?"),
            Turn("what_happened", "Her review was cancelled twice.", wording="the person you're helping"),
            Turn("when", "I'm not sure"),
            Turn("wanted", "A new date"),
            Turn("advocate", "no", wording="Would the person you're helping like an advocate?"),
            Turn("contact", "By email"),
            Turn("email", "helper@example.org"),
            Turn("name", "Hana"),
        ),
        complaint={
            "complainant_role": "advocate",
            "on_behalf_of": "Amira, a young person I advocate for",
            "advocacy_requested": False,
            "email": "helper@example.org",
        },
    ),
    Scenario(
        "someone else",
        (
            Turn("role", "other"),
            Turn("about", "dont-know"),
            Turn("what_happened", "I was not told about the meeting."),
            Turn("when", "not-sure"),
            Turn("wanted", "To be told next time"),
            Turn("contact", "email"),
            Turn("email", "grandma@example.com"),
            Turn("name", "", error="required"),
            Turn("name", "Grandma"),
        ),
        complaint={"complainant_role": "other", "advocacy_requested": None},
    ),
)


def demo_router() -> Router:
    """The real router over the demo directory, without a database (as Router.from_session builds it)."""
    rows = parse_directory((BASE_DIR / "demo" / "teams.csv").read_text(encoding="utf-8"))
    aliases = [(row.slug, "official", row.name) for row in rows]
    aliases += [(row.slug, kind, text) for row in rows for kind, text in row.aliases]
    aliases += [(row.slug, "worker", name) for row in rows for name, _title in row.workers]
    return Router({row.slug: row.name for row in rows}, aliases)
