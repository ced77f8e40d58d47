"""The help we give when someone tells us about danger, and the numbers on every page: the one source of these words.

The chat (HTML and JSON), the "I don't feel safe" button, the sent page, the status page, /help-now and the help
panel all read this module; none of them words help of its own. It is data: who it is for, what we say first,
then the lines to call, text or visit. A child or young person hears "it's not your fault" and gets Childline;
a grown-up gets grown-up words, the NSPCC and the council's own numbers, never Childline. Self-harm adds
Samaritans and Shout for everyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from content.i18n import N_, gettext
from models.safeguarding import BY_SLUG

# Who the help is for. The chat's roles map onto these (see `audience_for`); before the person has said who
# they are, they get help for everyone, each line saying who it is for.
YOUNG, GROWN_UP, ANYONE = "young", "grown-up", "anyone"
YOUNG_ROLES = ("child", "care-leaver")

SELF_HARM = "self-harm"
DOMESTIC_ABUSE = "domestic-abuse"


class LocalNumbers(Protocol):
    """What the help needs from settings.Settings: the council's name and its two numbers."""

    # Read-only properties, so the frozen Settings satisfies the protocol.
    @property
    def council_name(self) -> str: ...
    @property
    def childrens_services_phone(self) -> str: ...
    @property
    def emergency_duty_phone(self) -> str: ...


@dataclass(frozen=True)
class HelpLine:
    name: str  # who they are, e.g. "Childline"
    text: str  # what they are for and when, in one or two short sentences
    phone: str = ""  # to call, as people write it ("0800 1111")
    url: str = ""  # their website

    def as_dict(self) -> dict[str, str]:
        return {key: value for key, value in self.__dict__.items() if value}

    @property
    def tel(self) -> str:
        """The number for a tel: link (digits only)."""
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def heading(self) -> str:
        """ "Childline: 0800 1111", as an email writes it; the number is left out when the text already says it
        ("If you are in danger right now, call 999.")."""
        return f"{self.name}: {self.phone}" if self.phone and self.phone not in self.text else self.name

    @property
    def text_parts(self) -> tuple[str, str, str]:
        """The text split around its own number, so a page can make the number a link: ("... call ", "999", ".")."""
        return self.text.partition(self.phone) if self.phone else (self.text, "", "")

    def translated(self) -> HelpLine:
        """The line in the reader's language (content/i18n.py); the names of services and the numbers stay."""
        return HelpLine(gettext(self.name), gettext(self.text), phone=self.phone, url=self.url)

    def for_email(self) -> dict[str, str]:
        """What an email's context keeps of the line (the outbox stores JSON): its heading and text."""
        return {"heading": self.heading, "text": self.text}

    @property
    def url_label(self) -> str:
        """The website as people say it: childline.org.uk."""
        label = self.url.split("://", 1)[-1].rstrip("/")
        return label.removeprefix("www.")


@dataclass(frozen=True)
class SafetyHelp:
    message: str  # what we say first, to the person: thanks, and that someone will check they are safe
    categories: tuple[str, ...]
    help: tuple[HelpLine, ...]

    def as_dict(self) -> dict[str, Any]:
        """The API's `safety` object."""
        return {
            "message": self.message,
            "categories": list(self.categories),
            "help": [line.as_dict() for line in self.help],
        }

    @property
    def plain(self) -> str:
        """All of it as plain text, for a chat message read without the page (the JSON transcript)."""
        lines = [self.message]
        for line in self.help:
            lines.append(f"{line.name}" + (f": {line.phone}" if line.phone else "") + f". {line.text}")
        return "\n".join(lines)


# --- what we say first ------------------------------------------------------------------------------------
MESSAGE = {
    YOUNG: N_("Thank you for telling us. It's not your fault. We will make sure someone checks you are safe."),
    # Before we know who they are, the person pressed "I don't feel safe" about themselves: answer them.
    ANYONE: N_("Thank you for telling us. It's not your fault. We will make sure someone checks you are safe."),
    GROWN_UP: N_("Thank you for telling us. We will make sure someone checks that everyone is safe."),
}

# --- the lines ------------------------------------------------------------------------------------------
EMERGENCY = {
    YOUNG: HelpLine(N_("Emergency"), N_("If you are in danger right now, call 999."), phone="999"),
    ANYONE: HelpLine(N_("Emergency"), N_("If you or anyone else is in danger right now, call 999."), phone="999"),
    GROWN_UP: HelpLine(N_("Emergency"), N_("If anyone is in danger right now, call 999."), phone="999"),
}
# The first thing /help-now says, to anyone who opens it.
DANGER_NOW = EMERGENCY[YOUNG]
CHILDLINE = {
    YOUNG: HelpLine(
        "Childline",
        N_("Call or chat online, free, any time. They are there to listen."),
        phone="0800 1111",
        url="https://www.childline.org.uk",
    ),
    ANYONE: HelpLine(
        "Childline",
        N_("For children and young people: call or chat online, free, any time."),
        phone="0800 1111",
        url="https://www.childline.org.uk",
    ),
}
SAMARITANS = HelpLine(
    "Samaritans",
    N_("If you feel like hurting yourself, call free, any time, day or night."),
    phone="116 123",
    url="https://www.samaritans.org",
)
SHOUT = HelpLine(
    "Shout",
    N_("Text SHOUT to 85258. It's free, any time."),
    url="https://giveusashout.org",
)
NSPCC = HelpLine(
    N_("NSPCC helpline"),
    N_("Free advice for adults worried about a child."),
    phone="0808 800 5000",
    url="https://www.nspcc.org.uk",
)
DOMESTIC_ABUSE_HELPLINE = HelpLine(
    N_("National Domestic Abuse Helpline"),
    N_("Free and private, any time, day or night."),
    phone="0808 2000 247",
    url="https://www.nationaldahelpline.org.uk",
)


def _council_lines(numbers: LocalNumbers) -> tuple[HelpLine, ...]:
    return (
        HelpLine(
            # Translated here (the council's name goes inside); `translated()` leaves it as it is.
            gettext("%(council)s children's services", council=numbers.council_name),
            N_("Worried about a child? Call us in office hours."),
            phone=numbers.childrens_services_phone,
        ),
        HelpLine(
            N_("Emergency duty team"),
            N_("Out of hours: evenings, nights, weekends and bank holidays."),
            phone=numbers.emergency_duty_phone,
        ),
    )


def audience_for(role: str | None) -> str:
    """The help's audience for a role from the chat (intake/flow.py); None when they haven't said yet."""
    if not role:
        return ANYONE
    return YOUNG if role in YOUNG_ROLES else GROWN_UP


def help_lines(audience: str, numbers: LocalNumbers, categories: Iterable[str] = ()) -> tuple[HelpLine, ...]:
    """The lines that fit: 999 first, then the one most like them, then any the kind of danger adds."""
    found = set(categories)
    lines: list[HelpLine] = [EMERGENCY[audience]]
    if audience == YOUNG:
        lines.append(CHILDLINE[YOUNG])
    elif audience == GROWN_UP:
        lines += [*_council_lines(numbers), NSPCC]
    else:
        lines += [CHILDLINE[ANYONE], NSPCC, *_council_lines(numbers)]
    if SELF_HARM in found:
        lines += [SAMARITANS, SHOUT]
    if DOMESTIC_ABUSE in found and audience != YOUNG:  # Childline already answers a child about it
        lines.append(DOMESTIC_ABUSE_HELPLINE)
    return tuple(line.translated() for line in lines)


def safety_help(categories: Iterable[str], role: str | None, numbers: LocalNumbers) -> SafetyHelp:
    """What we answer someone who has just told us about danger (or pressed "I don't feel safe")."""
    audience = audience_for(role)
    found = tuple(slug for slug in BY_SLUG if slug in set(categories))  # in the categories' own order
    return SafetyHelp(gettext(MESSAGE[audience]), found, help_lines(audience, numbers, found))


def help_now(role: str | None, numbers: LocalNumbers) -> tuple[HelpLine, ...]:
    """The help panel on every page: the lines for this person, or for everyone before we know who they are."""
    return help_lines(audience_for(role), numbers)


def help_now_page(numbers: LocalNumbers) -> dict[str, tuple[HelpLine, ...]]:
    """/help-now: help for a child or young person, and for a grown-up worried about a child, side by side."""
    return {
        YOUNG: (*help_lines(YOUNG, numbers), SAMARITANS.translated(), SHOUT.translated()),
        GROWN_UP: help_lines(GROWN_UP, numbers),
    }
