"""The conversation as data: every question, its wording for each audience, its kind and when it is asked.

The engine (intake/engine.py) runs this list; the HTML and JSON views only show what the engine says.
To change a question, change it here. Wording for children aims at a reading age of about 9 (docs/content.md).
Every word a person reads is wrapped in N_() for the catalogues (translations/, docs/languages.md): the data stays
English here, and `worded()` gives it in the person's language when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from content.i18n import N_, gettext

# Who is speaking decides the wording. "adult" is the default wording for everyone else.
CHILD, CARE_LEAVER, PARENT, FOSTER_CARER, GUARDIAN, HELPER, ADULT = (
    "child",
    "care-leaver",
    "parent",
    "foster-carer",
    "guardian-adopter",
    "advocate",
    "adult",
)
YOUNG = (CHILD, CARE_LEAVER)

KINDS = ("choice", "text", "long_text", "email", "phone", "date", "yes_no", "confirm")
TEXT_LIMIT = 5000  # free text: enough for a long story, small enough to read
SHORT_LIMIT = 200  # "about last summer", a team or a worker
NAME_LIMIT = 60  # a name or what they like to be called; it is the greeting of their emails

Answers = Mapping[str, Any]


@dataclass(frozen=True)
class Option:
    value: str
    label: str | dict[str, str]  # a dict gives wording per audience, like Step.text


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    text: dict[str, str]  # audience -> wording; "adult" is required and is the fallback
    help: dict[str, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    required: bool = True
    required_message: str = N_("Please answer this question")
    max_length: int = TEXT_LIMIT
    ask_when: Callable[[Answers], bool] = lambda answers: True
    # Answers that no longer fit once this one changes (a new team description needs a new check).
    resets: tuple[str, ...] = ()
    summary_label: str = ""  # the row's heading on "check your answers"
    # "free" options on a text step are quick replies: a tap sends the option's value as the answer.
    options_are_quick_replies: bool = False


def _role(answers: Answers) -> str | None:
    return answers.get("role")


def _young(answers: Answers) -> bool:
    return _role(answers) in YOUNG


def reply_method(answers: Answers) -> str:
    """How our reply goes: what they chose, or, when they chose their advocate and don't know the advocate's
    details, the other way they chose then ("" until they have said)."""
    contact = answers.get("contact") or ""
    if contact == "advocate" and answers.get("advocate_contact") == DONT_KNOW:
        return answers.get("reply_how") or ""
    return contact


def _advocate_has_email(answers: Answers) -> bool:
    details = answers.get("advocate_contact")
    return reply_method(answers) == "advocate" and isinstance(details, str) and "@" in details


def link_email(answers: Answers) -> str:
    """The address the private link goes to: their email for our reply, or the one given just for the link."""
    if reply_method(answers) == "email" and answers.get("email"):
        return answers["email"]
    extra = answers.get("status_email")
    return extra if isinstance(extra, str) and "@" in extra else ""


def has_way_to_reach(answers: Answers) -> bool:
    """Whether someone can reach them quickly to check they are safe: their email or phone, their advocate's
    details, or a safe way they gave us. A letter is too slow for that, and may be opened by someone else."""
    contact = reply_method(answers)
    if contact in ("email", "phone") and answers.get(contact):
        return True
    if contact == "advocate" and answers.get("advocate_contact") not in (None, "", DONT_KNOW):
        return True
    if link_email(answers):
        return True
    safe = answers.get("safe_contact")
    return bool(safe) and safe != DECLINED


def _ask_for_a_safe_way(answers: Answers) -> bool:
    """After a disclosure, once they have said how to contact them and it leaves no way to reach them."""
    if not answers.get("_flagged") or "contact" not in answers:
        return False
    if answers.get("contact") == "advocate" and "advocate_contact" not in answers:
        return False  # their advocate's details come first
    if not reply_method(answers) or (reply_method(answers) != "email" and "status_email" not in answers):
        return False  # then another way for our reply, and an email for the link
    if "safe_contact" in answers:
        return True  # asked already: keep it in the flow (it is answered, so never asked again)
    return not has_way_to_reach(answers)


YES_NO = (Option("yes", N_("Yes, please")), Option("no", N_("No, thanks")))
NOT_SURE = "not-sure"
DONT_KNOW = "dont-know"
DECLINED = "declined"  # "I'd rather not" give a safe way to reach them

STEPS: tuple[Step, ...] = (
    Step(
        id="role",
        kind="choice",
        text={ADULT: N_("Hello. We're here to listen, and we want to put things right. First, who are you?")},
        # Said to everyone, before we know who they are: "you won't get in trouble" is for children only and
        # comes with their "what went wrong" question.
        help={ADULT: N_("Take your time. There are no wrong answers.")},
        options=(
            Option(CHILD, N_("I'm a child or young person")),
            Option(CARE_LEAVER, N_("I'm a care leaver")),
            Option(PARENT, N_("I'm a parent or family member")),
            Option(FOSTER_CARER, N_("I'm a foster carer")),
            Option(GUARDIAN, N_("I'm a special guardian or adopter")),
            Option(HELPER, N_("I'm helping someone else")),
            Option("other", N_("Something else")),
        ),
        required_message=N_("Choose the answer that fits you best"),
        summary_label=N_("Who you are"),
    ),
    Step(
        id="on_behalf_of",
        kind="text",
        text={ADULT: N_("Who are you helping? Tell us their first name and how you know them.")},
        help={ADULT: N_("For example: Jay, my nephew. Or: Amira, a young person I am an advocate for.")},
        required_message=N_("Tell us who you are helping"),
        max_length=SHORT_LIMIT,
        ask_when=lambda a: _role(a) == HELPER,
        summary_label=N_("Who you are helping"),
    ),
    Step(
        id="about",
        kind="text",
        text={
            ADULT: N_("Which team or worker is your complaint about?"),
            # Not "who is it about?": a child may write their own name. Ask for the team or the grown-up.
            CHILD: N_("Which team or grown-up is it about? It could be a team or a worker, like your social worker."),
            CARE_LEAVER: N_("Which team or worker is it about? Like the leaving care team, or your personal adviser."),
            HELPER: N_("Which team or worker is the complaint about?"),
        },
        help={
            ADULT: N_("For example: leaving care, or my social worker Sam. It's OK if you don't know."),
            CHILD: N_("Write their name if you know it, like 'my social worker Sam'. It's OK if you don't know."),
        },
        options=(Option(DONT_KNOW, N_("I don't know")),),
        options_are_quick_replies=True,
        required_message=N_("Write a team or a name, or choose 'I don't know'"),
        max_length=SHORT_LIMIT,
        resets=("team_confirm", "team_choose"),
        summary_label=N_("Team or worker"),
    ),
    Step(
        id="team_confirm",
        kind="confirm",
        # {team} is the team as this person is told it (content.complainant.team_words): the official name for a
        # grown-up, the directory's child-facing name for a child or care leaver, never "Proceedings" or "CIN".
        text={ADULT: N_("It sounds like this is {team}. Is that right?")},
        options=(
            Option("yes", N_("Yes")),
            Option("other", N_("No, choose another")),
            Option(DONT_KNOW, N_("I don't know")),
        ),
        required_message=N_("Choose yes, choose another team, or 'I don't know'"),
        # Asked only when the router is confident; see engine.route_answer.
        ask_when=lambda a: bool((a.get("_route") or {}).get("team")),
        resets=("team_choose",),
        summary_label=N_("Team"),
    ),
    Step(
        id="team_choose",
        kind="choice",
        text={
            ADULT: N_("Which team is it? If you're not sure, choose 'I don't know'. That's fine."),
            CHILD: N_("Which team is it? If you're not sure, choose 'I don't know'. That's OK."),
        },
        # The teams come from the directory at run time (engine.ConversationContext.teams).
        required_message=N_("Choose a team, or 'I don't know'"),
        ask_when=lambda a: a.get("team_confirm") == "other",
        summary_label=N_("Team"),
    ),
    Step(
        id="what_happened",
        kind="long_text",
        text={
            ADULT: N_("What happened? Tell us in your own words what went wrong."),
            CHILD: N_("What went wrong? Tell us in your own words."),
            HELPER: N_("What happened? Tell us what went wrong for the person you're helping."),
        },
        help={
            ADULT: N_("Write as much or as little as you like."),
            CHILD: N_("You can write a little or a lot. You won't get in trouble for telling us."),
        },
        required_message=N_("Tell us what happened. A few words is fine."),
        summary_label=N_("What happened"),
    ),
    Step(
        id="when",
        kind="date",
        text={
            ADULT: N_("When did it happen?"),
            CHILD: N_("When did it happen?"),
        },
        help={
            ADULT: N_("Enter a date, like 14/3/2025, or write roughly when, like 'about last March'."),
            CHILD: N_("Write a date like 14/3/2025, or 'about last summer'."),
        },
        options=(Option(NOT_SURE, N_("I'm not sure")),),
        options_are_quick_replies=True,
        required_message=N_("Enter a date, write roughly when, or choose 'I'm not sure'"),
        max_length=SHORT_LIMIT,
        summary_label=N_("When it happened"),
    ),
    Step(
        id="wanted",
        kind="long_text",
        text={
            ADULT: N_("What would you like us to do to put things right?"),
            CHILD: N_("What would you like to happen now?"),
            CARE_LEAVER: N_("What would you like to happen now?"),
        },
        options=(Option(NOT_SURE, N_("I'm not sure")),),
        options_are_quick_replies=True,
        required_message=N_("Tell us what you would like to happen, or choose 'I'm not sure'"),
        summary_label=N_("What you'd like to happen"),
    ),
    Step(
        id="advocate",
        kind="yes_no",
        text={
            ADULT: N_(
                "Would you like an advocate? An advocate is someone on your side who helps you say what you "
                "want. They don't work for us."
            ),
            HELPER: N_(
                "Would the person you're helping like an advocate? An advocate is someone on their side who "
                "helps them say what they want. They don't work for us."
            ),
        },
        help={ADULT: N_("It's free.")},
        options=YES_NO,
        required_message=N_("Choose yes or no"),
        # The council must offer every child or young person an advocate (Children Act 1989 s26A).
        ask_when=lambda a: _role(a) in (*YOUNG, HELPER),
        summary_label=N_("Advocate"),
    ),
    Step(
        id="contact",
        kind="choice",
        text={
            ADULT: N_("How would you like us to contact you about it?"),
            CHILD: N_("How should we get in touch with you about it?"),
        },
        options=(
            Option("email", N_("By email")),
            Option("phone", N_("By phone")),
            Option("post", N_("By post")),
            Option("advocate", N_("Through my advocate")),
            Option("none", {ADULT: N_("Please don't contact me"), CHILD: N_("Please don't contact me")}),
        ),
        help={
            ADULT: N_(
                "If you'd rather we didn't contact you, we'll still look into it. "
                "A private link will show you our reply."
            ),
            CHILD: N_(
                "It's OK if you don't want us to get in touch. We'll still look into it. "
                "You'll get a private link to see our answer."
            ),
        },
        required_message=N_("Choose how we should contact you"),
        summary_label=N_("How to contact you"),
    ),
    Step(
        id="advocate_contact",
        kind="text",
        text={
            ADULT: N_("What's your advocate's name, and their email address or phone number?"),
            CHILD: N_("What's your advocate's name? And their email or phone number?"),
        },
        help={
            ADULT: N_("For example: Sam Jones, 07700 900123. If you don't know, choose 'I don't know'."),
            CHILD: N_("Like: Sam, 07700 900123. If you don't know, that's OK."),
        },
        options=(Option(DONT_KNOW, N_("I don't know")),),
        options_are_quick_replies=True,
        required_message=N_("Write their name and email or phone number, or choose 'I don't know'"),
        max_length=SHORT_LIMIT,
        ask_when=lambda a: a.get("contact") == "advocate",
        summary_label=N_("Your advocate"),
    ),
    Step(
        # "Through my advocate", then "I don't know" their details: no promise to reply to an advocate we can't
        # reach. Another way for our reply, and the offer of an advocate stays on the sent page.
        id="reply_how",
        kind="choice",
        text={
            ADULT: N_("We don't have your advocate's details, so how should we send you our reply?"),
            CHILD: N_("We can't reach your advocate yet. How should we send you our answer?"),
        },
        help={
            ADULT: N_("You can tell us your advocate's details later. If you don't have one, we can find one."),
            CHILD: N_("You can tell us about your advocate later. If you want one, we can find one for you."),
        },
        options=(
            Option("email", N_("By email")),
            Option("phone", N_("By phone")),
            Option("post", N_("By post")),
            Option("none", {ADULT: N_("Only on my private link"), CHILD: N_("I'll look on my private link")}),
        ),
        required_message=N_("Choose how we should send our reply"),
        ask_when=lambda a: a.get("contact") == "advocate" and a.get("advocate_contact") == DONT_KNOW,
        summary_label=N_("How to send our reply"),
    ),
    Step(
        id="email",
        kind="email",
        text={ADULT: N_("What's your email address?")},
        help={ADULT: N_("We'll only use it to talk to you about this.")},
        required_message=N_("Enter your email address, like name@example.com"),
        max_length=320,
        ask_when=lambda a: reply_method(a) == "email",
        summary_label=N_("Email"),
    ),
    Step(
        id="phone",
        kind="phone",
        text={ADULT: N_("What's your phone number?")},
        help={ADULT: N_("A mobile or a landline, like 07700 900123.")},
        required_message=N_("Enter your phone number, like 07700 900123"),
        max_length=40,
        ask_when=lambda a: reply_method(a) == "phone",
        summary_label=N_("Phone"),
    ),
    Step(
        id="address",
        kind="long_text",
        text={ADULT: N_("What's your address?")},
        help={ADULT: N_("Include the postcode.")},
        required_message=N_("Write your address, with the postcode"),
        max_length=500,
        ask_when=lambda a: reply_method(a) == "post",
        summary_label=N_("Address"),
    ),
    Step(
        # Everyone who gives no email for our reply can still have the private link emailed, so it is not lost
        # with the page (a child on a shared phone may not bookmark it). Text messages: no backend to send them.
        id="status_email",
        kind="email",
        text={
            ADULT: N_("Would you like the private link to your complaint by email? It shows how it's going."),
            CHILD: N_("Do you want us to email you a private link? It shows how your complaint is going."),
        },
        help={ADULT: N_("Write your email address, or choose 'No, thanks'. We'll only send the link.")},
        options=(Option("no", N_("No, thanks")),),
        options_are_quick_replies=True,
        required_message=N_("Enter your email address, like name@example.com, or choose 'No, thanks'"),
        max_length=320,
        # Not when their advocate has an email: the acknowledgement, with the link, goes to the advocate.
        ask_when=lambda a: reply_method(a) not in ("", "email") and not _advocate_has_email(a),
        summary_label=N_("Email for your private link"),
    ),
    Step(
        id="name",
        kind="text",
        text={
            ADULT: N_("Nearly done. What's your name?"),
            CHILD: N_("Nearly done! What's your name, or what do you like to be called?"),
            CARE_LEAVER: N_("Nearly done. What's your name, or what do you like to be called?"),
        },
        # The child's and the care leaver's question already says it: no hint repeating it.
        help={ADULT: N_("You can give the name you like to be called."), CHILD: ""},
        required_message=N_("Tell us your name, or what you like to be called"),
        max_length=NAME_LIMIT,
        summary_label=N_("Your name"),
    ),
    Step(
        # Asked once, only after they told us about danger (or pressed "I don't feel safe") and left us no way
        # to reach them. Never a promise not to contact them; "I'd rather not" is fine.
        id="safe_contact",
        kind="text",
        text={
            ADULT: N_(
                "Because of what you told us, we'd like to be able to check that everyone is safe. "
                "Is there a safe way for us to reach you?"
            ),
            HELPER: N_(
                "Because of what you told us, we'd like to be able to check that the person you're helping "
                "is safe. Is there a safe way for us to reach you or them?"
            ),
            CHILD: N_("We want to check you are safe. Is there a safe way for someone to reach you?"),
            CARE_LEAVER: N_("We want to check you are safe. Is there a safe way for someone to reach you?"),
        },
        help={
            ADULT: N_(
                "A phone number, an email address, or someone who can pass on a message, like a social worker. "
                "If you'd rather not, that's OK."
            ),
            CHILD: N_(
                "You could write a phone number or an email. Or a grown-up you trust, like your social worker "
                "or a teacher. If you'd rather not, that's OK."
            ),
            CARE_LEAVER: N_(
                "You could write a phone number or an email. Or someone you trust, like your personal "
                "adviser. If you'd rather not, that's OK."
            ),
        },
        options=(Option(DECLINED, N_("I'd rather not")),),
        options_are_quick_replies=True,
        required_message=N_("Write a safe way to reach you, or choose 'I'd rather not'"),
        max_length=SHORT_LIMIT,
        ask_when=_ask_for_a_safe_way,
        summary_label=N_("A safe way to reach you"),
    ),
)

STEPS_BY_ID: dict[str, Step] = {step.id: step for step in STEPS}
# An answer over a step's max_length. A child is told simply; an adult gets the numbers.
TOO_LONG = {
    ADULT: N_("That's too long for us. Please keep it under {limit:,} characters (it has {length:,})."),
    CHILD: N_("That's a lot to read! Please make it a bit shorter."),
}
READY = "check"  # the state after the last question: check your answers, then send


def audience(answers: Answers) -> str:
    role = _role(answers)
    return role if role in (CHILD, CARE_LEAVER, PARENT, FOSTER_CARER, GUARDIAN, HELPER) else ADULT


def worded(wording: str | dict[str, str], who: str) -> str:
    """The wording for this audience (its own, else a child's for a care leaver, else the adult one), in the
    person's language."""
    if isinstance(wording, str):
        return gettext(wording)
    if who in wording:
        return gettext(wording[who])
    if who == CARE_LEAVER and CHILD in wording:
        return gettext(wording[CHILD])
    return gettext(wording[ADULT])


def validate_flow(steps: tuple[Step, ...] = STEPS) -> None:
    """Checks the data holds together; run by the tests, so a typo fails there and not in front of a child."""
    ids = [step.id for step in steps]
    assert len(ids) == len(set(ids)), "step ids must be unique"
    assert READY not in ids
    for step in steps:
        assert step.kind in KINDS, step.id
        assert ADULT in step.text, step.id
        assert all(reset in ids for reset in step.resets), step.id
        if step.kind in ("choice", "confirm", "yes_no") and step.id != "team_choose":
            assert step.options, step.id
