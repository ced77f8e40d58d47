"""The help's words (content/safety_help.py): right for who is reading and for what they told us."""

from __future__ import annotations

import pytest

from content.safety_help import ANYONE, GROWN_UP, YOUNG, audience_for, help_now, help_now_page, safety_help
from intake.flow import STEPS, worded
from intake.safeguarding import CATEGORIES, UNSAFE
from settings import Settings

NUMBERS = Settings(
    council_name="Testshire Council", childrens_services_phone="0300 123 4567", emergency_duty_phone="0300 765 4321"
)
YOUNG_ROLES = ("child", "care-leaver")
GROWN_UP_ROLES = ("parent", "foster-carer", "guardian-adopter", "advocate", "other")
SLUGS = [category.slug for category in CATEGORIES]


def names(help_):
    return [line.name for line in help_.help]


def phones(help_):
    return [line.phone for line in help_.help if line.phone]


def everything_said(help_) -> str:
    return " ".join([help_.message, *(f"{line.name} {line.text}" for line in help_.help)]).lower()


@pytest.mark.parametrize("role", YOUNG_ROLES)
@pytest.mark.parametrize("slug", SLUGS)
def test_a_young_person_is_thanked_told_it_is_not_their_fault_and_given_childline(role, slug):
    help_ = safety_help([slug], role, NUMBERS)
    assert help_.message == (
        "Thank you for telling us. It's not your fault. We will make sure someone checks you are safe."
    )
    assert phones(help_)[:2] == ["999", "0800 1111"]
    childline = help_.help[1]
    assert childline.name == "Childline" and "chat online" in childline.text
    assert childline.url == "https://www.childline.org.uk"
    assert "NSPCC helpline" not in names(help_)  # the NSPCC's line is for adults; Childline is theirs


@pytest.mark.parametrize("role", GROWN_UP_ROLES)
@pytest.mark.parametrize("slug", SLUGS)
def test_a_grown_up_gets_grown_up_words_the_nspcc_and_the_councils_numbers_never_childline(role, slug):
    help_ = safety_help([slug], role, NUMBERS)
    said = everything_said(help_)
    assert "childline" not in said and "0800 1111" not in phones(help_)
    assert "not your fault" not in said and "trouble" not in said
    assert help_.message.startswith("Thank you for telling us.")
    assert phones(help_)[:4] == ["999", "0300 123 4567", "0300 765 4321", "0808 800 5000"]
    assert names(help_)[1:4] == ["Testshire Council children's services", "Emergency duty team", "NSPCC helpline"]


@pytest.mark.parametrize("role", [*YOUNG_ROLES, *GROWN_UP_ROLES, None])
def test_self_harm_adds_samaritans_and_shout_and_nothing_else_does(role):
    with_self_harm = safety_help(["self-harm", "bullying"], role, NUMBERS)
    assert "116 123" in phones(with_self_harm)
    shout = next(line for line in with_self_harm.help if line.name == "Shout")
    assert "Text SHOUT to 85258" in shout.text
    for slug in SLUGS:
        if slug != "self-harm":
            assert not {"Samaritans", "Shout"} & set(names(safety_help([slug], role, NUMBERS))), slug


def test_domestic_abuse_adds_the_national_helpline_for_grown_ups():
    assert "0808 2000 247" in phones(safety_help(["domestic-abuse"], "parent", NUMBERS))
    assert "0808 2000 247" not in phones(safety_help(["domestic-abuse"], "child", NUMBERS))


def test_before_we_know_who_they_are_each_line_says_who_it_is_for():
    help_ = safety_help([UNSAFE], None, NUMBERS)
    assert help_.message.startswith("Thank you for telling us.")
    childline = next(line for line in help_.help if line.name == "Childline")
    assert childline.text.startswith("For children and young people")
    assert {"0800 1111", "0808 800 5000", "0300 123 4567", "0300 765 4321"} <= set(phones(help_))


def test_the_api_shape_names_the_categories_in_their_own_order():
    body = safety_help(["self-harm", "physical-harm", "physical-harm"], "child", NUMBERS).as_dict()
    assert set(body) == {"message", "categories", "help"}
    assert body["categories"] == ["self-harm", "physical-harm"]
    assert body["help"][0] == {"name": "Emergency", "phone": "999", "text": "If you are in danger right now, call 999."}
    shout = next(line for line in body["help"] if line["name"] == "Shout")
    assert "phone" not in shout  # nothing to call: absent, not empty


def test_the_numbers_come_from_settings_and_the_environment():
    settings = Settings.from_env({"CHILDRENS_SERVICES_PHONE": "01234 567890", "EMERGENCY_DUTY_PHONE": "01234 000111"})
    assert (settings.childrens_services_phone, settings.emergency_duty_phone) == ("01234 567890", "01234 000111")
    assert {"01234 567890", "01234 000111"} <= set(phones(safety_help(["neglect"], "parent", settings)))
    assert Settings().childrens_services_phone.startswith("01632 960")  # Ofcom's drama range: nobody's real line


def test_the_help_panel_and_the_help_now_page():
    assert [line.phone for line in help_now("child", NUMBERS)] == ["999", "0800 1111"]
    assert "Childline" not in [line.name for line in help_now("foster-carer", NUMBERS)]
    assert {"0800 1111", "0808 800 5000"} <= {line.phone for line in help_now(None, NUMBERS)}
    page = help_now_page(NUMBERS)
    assert "Childline" in [line.name for line in page[YOUNG]] and "Shout" in [line.name for line in page[YOUNG]]
    assert "Childline" not in [line.name for line in page[GROWN_UP]]
    assert (audience_for("care-leaver"), audience_for("other"), audience_for(None)) == (YOUNG, GROWN_UP, ANYONE)


def test_links_are_made_for_phones_and_sites():
    line = safety_help(["neglect"], "child", NUMBERS).help[1]
    assert (line.tel, line.url_label) == ("08001111", "childline.org.uk")


def test_no_question_tells_a_grown_up_they_wont_get_in_trouble():
    for step in STEPS:
        for role in GROWN_UP_ROLES:
            for wording in (step.text, step.help):
                if wording:
                    assert "trouble" not in worded(wording, role), (step.id, role)
    what_happened = next(step for step in STEPS if step.id == "what_happened")
    assert "You won't get in trouble for telling us." in worded(what_happened.help, "child")
