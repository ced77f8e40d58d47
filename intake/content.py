"""Words shown after sending: what happens next and where to find an advocate. Kept as data, beside the flow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content.complainant import reply_words
from intake.answers import advocate_details
from intake.flow import ADULT, FOSTER_CARER, GUARDIAN, HELPER, PARENT, audience, link_email, reply_method, worded


@dataclass(frozen=True)
class AdvocacyService:
    name: str
    description: str
    url: str


# National services any child or young person in care or leaving care can use, free; the council's own
# commissioned advocacy service is arranged by the complaints team when the person asks for one.
ADVOCACY_SERVICES = (
    AdvocacyService(
        "Coram Voice",
        "Free help for children in care and care leavers to have their say.",
        "https://coramvoice.org.uk",
    ),
    AdvocacyService(
        "NYAS (National Youth Advocacy Service)",
        "Free advocacy and legal advice for children and young people.",
        "https://www.nyas.net",
    ),
)


# Who the services above are for, said to the person reading: a grown-up is told they are the child's.
SERVICES_INTRO = {
    ADULT: "You can also contact these free services yourself:",
    PARENT: "Your child can also contact these free services themselves:",
    FOSTER_CARER: "The child you care for can also contact these free services themselves:",
    GUARDIAN: "The child you care for can also contact these free services themselves:",
    HELPER: "The person you're helping can also contact these free services themselves:",
}


def services_intro(role: str | None) -> str:
    return worded(SERVICES_INTRO, audience({"role": role}))


def reply_plan(answers: dict[str, Any]) -> list[str]:
    """How we will reply and where the private link goes, read back on "check your answers" before they send.
    Never "we won't contact you" after a disclosure (someone may need to check they are safe)."""
    method = reply_method(answers)
    lines = []
    if method == "email":
        lines.append(f"We'll email our reply to {answers.get('email')}.")
    elif method == "phone":
        lines.append(f"We'll phone you on {answers.get('phone')}. We can't send text messages.")
    elif method == "post":
        lines.append("We'll post our reply to the address you gave us.")
    elif method == "advocate":
        name, email, phone = advocate_details(str(answers.get("advocate_contact") or ""))
        who = f"{name}, your advocate" if name else "your advocate"
        lines.append(f"We'll send our reply to {who}. Their {'email' if email else 'number'} is {email or phone}.")
    elif answers.get("_flagged"):
        lines.append("Our reply will be on your private link.")
    else:
        lines.append("We won't contact you. Our reply will be on your private link.")
    link = link_email(answers)
    if link and method != "email":
        lines.append(f"We'll email your private link to {link}.")
    elif not link and method != "advocate":
        lines.append("After you send it, you'll see your private link. Save it so you can check how it's going.")
    return lines


def next_steps(team: str, due_text: str, contact_method: str | None = None, *, flagged: bool = False) -> list[str]:
    """`team` is the team as this person is told it (content.complainant.team_words), "" for triage."""
    who = team[:1].upper() + team[1:] if team else "Our complaints team"
    steps = [f"{who} will read what you told us{'' if team else ' and pass it to the right people'}."]
    if contact_method == "none":  # they asked us not to contact them: say where the reply will be instead
        steps += [
            f"We'll look into it and have our reply ready by {due_text}.",
            reply_words(contact_method, flagged=flagged),
        ]
    else:
        steps += [
            "Someone may get in touch. They may ask you more, or talk about how to put things right.",
            f"We'll look into it and reply by {due_text}.",
        ]
    return [*steps, "If you're not happy with our reply, you can ask for someone else to look at it again."]
