"""Words shown after sending: what happens next and where to find an advocate. Kept as data, beside the flow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content.complainant import reply_words
from content.i18n import N_, gettext
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
        N_("Free help for children in care and care leavers to have their say."),
        "https://coramvoice.org.uk",
    ),
    AdvocacyService(
        "NYAS (National Youth Advocacy Service)",
        N_("Free advocacy and legal advice for children and young people."),
        "https://www.nyas.net",
    ),
)


# Who the services above are for, said to the person reading: a grown-up is told they are the child's.
SERVICES_INTRO = {
    ADULT: N_("You can also contact these free services yourself:"),
    PARENT: N_("Your child can also contact these free services themselves:"),
    FOSTER_CARER: N_("The child you care for can also contact these free services themselves:"),
    GUARDIAN: N_("The child you care for can also contact these free services themselves:"),
    HELPER: N_("The person you're helping can also contact these free services themselves:"),
}


def services_intro(role: str | None) -> str:
    return worded(SERVICES_INTRO, audience({"role": role}))


def reply_plan(answers: dict[str, Any]) -> list[str]:
    """How we will reply and where the private link goes, read back on "check your answers" before they send.
    Never "we won't contact you" after a disclosure (someone may need to check they are safe)."""
    method = reply_method(answers)
    lines = []
    if method == "email":
        lines.append(gettext("We'll email our reply to %(email)s.", email=answers.get("email")))
    elif method == "phone":
        lines.append(gettext("We'll phone you on %(phone)s. We can't send text messages.", phone=answers.get("phone")))
    elif method == "post":
        lines.append(gettext("We'll post our reply to the address you gave us."))
    elif method == "advocate":
        name, email, phone = advocate_details(str(answers.get("advocate_contact") or ""))
        who = gettext("%(name)s, your advocate", name=name) if name else gettext("your advocate")
        if email:
            lines.append(
                gettext("We'll send our reply to %(who)s. Their email is %(contact)s.", who=who, contact=email)
            )
        else:
            lines.append(
                gettext("We'll send our reply to %(who)s. Their number is %(contact)s.", who=who, contact=phone)
            )
    elif answers.get("_flagged"):
        lines.append(gettext("Our reply will be on your private link."))
    else:
        lines.append(gettext("We won't contact you. Our reply will be on your private link."))
    link = link_email(answers)
    if link and method != "email":
        lines.append(gettext("We'll email your private link to %(email)s.", email=link))
    elif not link and method != "advocate":
        lines.append(
            gettext("After you send it, you'll see your private link. Save it so you can check how it's going.")
        )
    return lines


def next_steps(team: str, due_text: str, contact_method: str | None = None, *, flagged: bool = False) -> list[str]:
    """`team` is the team as this person is told it (content.complainant.team_words), "" for triage."""
    if team:
        steps = [gettext("%(team)s will read what you told us.", team=team[:1].upper() + team[1:])]
    else:
        steps = [gettext("Our complaints team will read what you told us and pass it to the right people.")]
    if contact_method == "none":  # they asked us not to contact them: say where the reply will be instead
        steps += [
            gettext("We'll look into it and have our reply ready by %(date)s.", date=due_text),
            reply_words(contact_method, flagged=flagged),
        ]
    else:
        steps += [
            gettext("Someone may get in touch. They may ask you more, or talk about how to put things right."),
            gettext("We'll look into it and reply by %(date)s.", date=due_text),
        ]
    return [*steps, gettext("If you're not happy with our reply, you can ask for someone else to look at it again.")]
