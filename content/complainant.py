"""What a complainant is told about their own complaint, worded once for every place that says it.

The confirmation page (intake), the acknowledgement email (planned here, in reminders) and the private status
page (casework) show these words; none of them decides them. Plain words (docs/content.md): the reader may be a child.
"""

from __future__ import annotations

from content.i18n import N_, gettext

YOUNG_ROLES = ("child", "care-leaver")
# A team with no child-facing name yet: never its official name (jargon, initials) to a child.
SOME_TEAM = N_("a team that works with children and young people")


def team_words(name: str | None, public_name: str | None, role: str | None) -> str:
    """The team as this person is told it, to go inside a sentence: "the Leaving Care team" for a grown-up,
    the directory's child-facing name ("the team that helps young people leaving care") for a child or care
    leaver. "" when there is no team yet (the complaints team finds it)."""
    if not name:
        return ""
    if role in YOUNG_ROLES:
        return public_name or gettext(SOME_TEAM)
    return name if name.lower().startswith("the ") else gettext("the %(name)s team", name=name)


ADVOCATE_IS = N_("An advocate is someone on your side who helps you say what you want. They don't work for us.")
# Grown-ups complaining about a child's care: the advocate on offer is the child's (Children Act 1989 s26A).
FOR_A_CHILD = ("parent", "foster-carer", "guardian-adopter")


def advocate_words(advocacy_requested: bool | None, role: str | None = None, *, reachable: bool = True) -> str:
    """The advocate line: what happens when they asked for one, else the offer. Never a promise that an advocate
    will get in touch when they left us no way to reach them."""
    if advocacy_requested and not reachable:
        return gettext(ADVOCATE_IS) + gettext(
            " You asked for one. We don't have a way to reach you, so you can contact one of the "
            "free services below yourself, or tell us how to reach you."
        )
    if advocacy_requested:
        return gettext(ADVOCATE_IS) + gettext(
            " You asked for one, so we will ask an advocate to get in touch with you soon."
        )
    if role in FOR_A_CHILD:
        return gettext(
            "The child or young person can have an advocate of their own: someone on their side who helps them "
            "say what they want. Advocates don't work for us. If they would like one, tell us and we will find one."
        )
    return gettext(ADVOCATE_IS) + gettext(" If you would like one, tell us and we will find you one.")


def reply_words(contact_method: str | None, *, on_status_page: bool = False, flagged: bool = False) -> str:
    """How the person will get our reply, as they asked: by us writing to them, or by looking at their private
    link when they asked us not to contact them. After they told us about danger we never promise not to
    contact them: someone may need to check they are safe."""
    if contact_method == "none" and flagged:
        if on_status_page:
            return gettext(
                "Come back to this page to see our reply. If we need more time, this page will show the new date."
            )
        return gettext("To see our reply, open your private link below.")
    if contact_method == "none":
        if on_status_page:
            return gettext(
                "You asked us not to contact you, so we won't. Come back to this page to see our reply. "
                "If we need more time, this page will show the new date."
            )
        return gettext("You asked us not to contact you, so we won't. To see our reply, open your private link below.")
    if contact_method == "advocate":
        return gettext("We will send our reply to your advocate. If we need more time, we will tell them why and when.")
    return gettext(
        "We will write to you with our reply. If we need more time, we will tell you why and when we will reply."
    )
