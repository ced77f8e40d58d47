"""Words shown after sending: what happens next and where to find an advocate. Kept as data, beside the flow."""

from __future__ import annotations

from dataclasses import dataclass


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


def next_steps(team_name: str | None, due_text: str) -> list[str]:
    who = f"The {team_name} team" if team_name else "Our complaints team"
    return [
        f"{who} will read what you told us{'' if team_name else ' and pass it to the right people'}.",
        "Someone may get in touch to understand more or to talk about putting things right.",
        f"We'll look into it and reply by {due_text}.",
        "If you're not happy with our reply, you can ask for someone else to look at it again.",
    ]
