"""Emails end with the help content/safety_help.py words for the person: Childline for a young person only."""

from __future__ import annotations

import pytest

from content.safety_help import CHILDLINE, DANGER_NOW, YOUNG
from reminders.mail import Outgoing, render


def resume_email(settings, role):
    context = {"resume_url": "http://test/complaint/resume/t", "expires_on": "2026-12-29", "help_role": role}
    message = render(Outgoing(1, "k", "pat@example.com", "intake-resume", context), settings)
    return message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(("role", "childline"), [("child", True), ("care-leaver", True), ("parent", False)])
def test_the_resume_email_gives_the_help_for_the_person(settings, role, childline):
    body = resume_email(settings, role)
    assert "call 999" in body
    assert ("Childline: 0800 1111" in body) is childline


def test_a_line_names_its_number_once():
    assert DANGER_NOW.heading == "Emergency"  # its text already says "call 999"
    assert CHILDLINE[YOUNG].heading == "Childline: 0800 1111"
    assert DANGER_NOW.text_parts == ("If you are in danger right now, call ", "999", ".")
