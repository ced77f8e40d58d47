"""The letters' default wording: Jinja text an admin may change in the page (casework/letters.py keeps the change).

Plain words (docs/content.md): "you" and "we", no "stage 1" or team official names; `young` picks a child's or
care leaver's wording. The names each template may use are `LETTER_NAMES`; a letter is plain text, one blank
line between paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a letter template may use, and what each holds (shown beside the editor).
LETTER_NAMES = {
    "name": "their name as they gave it ('' when they gave none)",
    "young": "true for a child or care leaver: use simpler words",
    "reference": "the complaint's reference",
    "today": "today's date, like Monday 8 January 2018",
    "team": "the team, in words for this reader",
    "received": "the day we got this step of the complaint",
    "reply_by": "the day we will reply by ('' when not known yet)",
    "extension_reason": "why we need more time (as the officer wrote it)",
    "outcome": "what we decided, in plain words",
    "response_summary": "the response summary the officer recorded",
    "ask_by": "the last day to ask us to look again ('' at the end of the process)",
    "next_step": "who looks at it if they ask again ('' at the end of the process)",
    "ombudsman": "the Ombudsman: ombudsman.name, .phone, .website, .address, .time_limit",
    "council_name": "the council's name",
    "council_phone": "the complaints phone number",
    "council_email": "the complaints email address",
    "signed": "who signs: the officer's name, or 'The complaints team'",
}

GREETING = "{% if name %}Dear {{ name }},{% else %}Hello,{% endif %}"
SIGN_OFF = """{% if young %}Best wishes,{% else %}Yours sincerely,{% endif %}

{{ signed }}
{{ council_name }} children's services"""
CONTACT = (
    "You can reply to this letter, email {{ council_email }} or call us on {{ council_phone }}. "
    "Please give your reference, {{ reference }}."
)
# The end of every response letter: how to ask again, or the Ombudsman when there is no next step.
WHAT_NEXT = (
    """{% if ask_by %}{% if young %}If you are not happy with what we found, you can ask us to look again. \
{{ next_step }} Tell us by {{ ask_by }}.{% else %}If you are not happy with our reply, you can ask us to look at \
your complaint again. {{ next_step }} Please tell us by {{ ask_by }}.{% endif %} """
    + CONTACT
    + """{% else %}{% if young %}This was the last step of our complaints process.{% else %}This is the end of \
our complaints process.{% endif %} If you are still not happy, you can ask {{ ombudsman.name }} to look at it. \
They are free and they don't work for us.

Call them on {{ ombudsman.phone }}, go to {{ ombudsman.website }}, or write to {{ ombudsman.address }}. \
You usually need to contact them within {{ ombudsman.time_limit }} of finding out about the problem.{% endif %}"""
)


@dataclass(frozen=True)
class LetterKind:
    slug: str
    name: str  # as staff see it
    subject: str  # Jinja, one line
    body: str  # Jinja
    stage: int | None = None  # the stage whose response it is


def _response(stage: int) -> LetterKind:
    return LetterKind(
        f"stage-{stage}-response",
        f"Stage {stage} response",
        "Our reply to your complaint",
        GREETING
        + """

{% if young %}Thank you for telling us what went wrong. We have looked into it. This letter tells you what we \
found.{% else %}Thank you for your complaint. We have looked into it, and this letter tells you what we \
found.{% endif %}

{{ outcome }}

{{ response_summary }}

"""
        + WHAT_NEXT
        + "\n\n"
        + SIGN_OFF,
        stage=stage,
    )


DEFAULT_LETTERS: dict[str, LetterKind] = {
    kind.slug: kind
    for kind in (
        LetterKind(
            "acknowledgement",
            "Acknowledgement",
            "We've got your complaint",
            GREETING
            + """

{% if young %}Thank you for telling us what went wrong. We've got your complaint and a real person will read \
it.{% else %}Thank you for your complaint. We've got it and a real person will read it.{% endif %}

{% if team %}{{ team[:1] | upper }}{{ team[1:] }} will look into it. {% endif %}\
{% if reply_by %}We will reply by {{ reply_by }}.{% else %}We will tell you soon when we will reply.{% endif %}

Your reference is {{ reference }}. Keep it so we can find your complaint quickly.

"""
            + CONTACT
            + "\n\n"
            + SIGN_OFF,
        ),
        LetterKind(
            "extension",
            "We need more time",
            "We need more time to reply",
            GREETING
            + """

{% if young %}We are still looking into your complaint. We need a bit more time to do it properly.\
{% else %}We are still looking into your complaint. We need more time to do it properly.{% endif %}

This is why: {{ extension_reason }}

We will now reply by {{ reply_by }}.

"""
            + CONTACT
            + "\n\n"
            + SIGN_OFF,
        ),
        LetterKind(
            "stage-received",
            "We got your request to look again",
            "We will look at your complaint again",
            GREETING
            + """

{% if young %}Thank you for telling us you are not happy with our reply. We will look at your complaint \
again.{% else %}Thank you for asking us to look at your complaint again. We will.{% endif %} {{ next_step }}

{% if reply_by %}We will reply by {{ reply_by }}.{% else %}We will tell you soon when we will reply.{% endif %}

"""
            + CONTACT
            + "\n\n"
            + SIGN_OFF,
        ),
        _response(1),
        _response(2),
        _response(3),
    )
}
# Who looks at a complaint at the next step, in plain words (after a reply at the step before).
NEXT_STEP_WORDS = {
    2: "Someone who does not work in the team you told us about will look into it.",
    3: "A panel of three people will look at it. One of them does not work for us.",
}
