"""The engine on its own: the shared scenarios, going back, changing answers, and the flow's data."""

from __future__ import annotations

from datetime import date

import pytest

from casework.demo import DEMO_DIR
from casework.directory import parse_directory
from intake.engine import ConversationContext, Engine, NotAskedNow, RouteInfo
from intake.flow import ADULT, CHILD, READY, STEPS, Option, validate_flow
from tests.intake.scenarios import SCENARIOS, Scenario, demo_router, play

ROUTER = demo_router()
# The demo directory's child-facing names, as intake/conversation.py reads them from the team table.
PUBLIC_NAMES = {row.slug: row.public_name for row in parse_directory((DEMO_DIR / "teams.csv").read_text())}
TEAMS = tuple(
    Option(slug, {ADULT: name, CHILD: PUBLIC_NAMES[slug]}) for slug, name in sorted(ROUTER.team_names.items())
)


def route(text: str) -> RouteInfo:
    result = ROUTER.route(text)
    auto = result.decision == "auto"
    return RouteInfo(
        team=result.team if auto else None,
        team_name=result.team_name if auto else None,
        public_name=PUBLIC_NAMES.get(result.team or "") if auto else None,
        decision=result.decision,
        confidence=result.confidence,
        off_topic=result.off_topic.advice if getattr(result, "off_topic", None) else "",
    )


def make_engine(today: date | None = None) -> Engine:
    return Engine(ConversationContext(today=today or date.today(), route=route, teams=TEAMS))


class EngineDriver:
    def __init__(self):
        self.engine = make_engine()
        self.state = self.engine.start()

    def current(self):
        question = self.engine.question(self.state)
        return (question.id, question.text) if question else (None, "")

    def say(self, step, answer):
        reply = self.engine.answer(self.state, answer, step)
        return (reply.error.code if reply.error else None), bool(reply.safety)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(scenario: Scenario):
    driver = EngineDriver()
    play(driver, scenario)
    team, _confidence = driver.engine.team_choice(driver.state)
    assert team == scenario.team
    assert driver.state.flagged == scenario.complaint.get("safeguarding_flag", False)


def test_the_flow_data_holds_together():
    validate_flow(STEPS)


def answered(*pairs) -> tuple[Engine, object]:
    engine = make_engine()
    state = engine.start()
    for step, answer in pairs:
        reply = engine.answer(state, answer, step)
        assert reply.error is None, (step, reply.error)
    return engine, state


def test_back_goes_to_the_question_before_and_keeps_its_answer():
    engine, state = answered(("role", "parent"), ("about", "hello there"))
    assert state.current == "what_happened"
    engine.back(state)
    assert state.current == "about"
    assert engine.question(state).value == "hello there"
    engine.back(state)
    engine.back(state)  # at the first question, back stays there
    assert state.current == "role"
    engine.answer(state, "parent")
    assert state.current == "what_happened", "answered questions are not asked again"


def test_changing_the_team_description_asks_the_team_question_again():
    engine, state = answered(("role", "parent"), ("about", "leaving care"), ("team_confirm", "yes"))
    engine.answer(state, "children with disabilities", "about")
    assert state.current == "team_confirm"
    assert "Children with Disabilities" in engine.question(state).text


def test_an_answer_to_a_question_not_reached_is_refused():
    engine, state = answered(("role", "parent"))
    with pytest.raises(NotAskedNow):
        engine.answer(state, "x@example.com", "email")
    with pytest.raises(NotAskedNow):
        engine.answer(state, "x", "no-such-step")


def test_a_failed_answer_changes_nothing():
    engine, state = answered(("role", "parent"))
    before = dict(state.answers)
    reply = engine.answer(state, "   ")
    assert reply.error.code == "required"
    assert state.answers == before and state.current == "about"


def test_the_transcript_reads_back_the_conversation_with_the_help_message():
    engine, state = answered(("role", "child"), ("about", "dont-know"), ("what_happened", "my foster dad hits me"))
    messages = [(m.sender, m.tone, m.text) for m in engine.transcript(state)]
    assert messages[0][0:2] == ("service", "question")
    assert ("person", "answer", "I'm a child or young person") in messages
    safety = [m for m in engine.transcript(state) if m.tone == "safety"]
    assert len(safety) == 1 and safety[0].step == "what_happened"
    # Worded for a child, from the one source of the help; the JSON transcript carries the help itself.
    assert safety[0].help == engine.safety(state)
    assert safety[0].text.startswith("Thank you for telling us. It's not your fault.")
    assert "Childline: 0800 1111" in safety[0].text
    assert safety[0].as_dict()["safety"]["categories"] == state.answers["_categories"]
    assert state.flagged


def test_the_flag_stays_when_the_story_is_changed():
    engine, state = answered(("role", "child"), ("about", "dont-know"), ("what_happened", "I feel unsafe"))
    engine.answer(state, "Nothing happened really", "what_happened")
    assert state.flagged
    assert not any(m.tone == "safety" for m in engine.transcript(state))


def test_the_off_topic_hint_is_passed_on():
    engine, state = answered(("role", "parent"))
    reply = engine.answer(state, "the bins were not collected")
    assert any("waste" in note for note in reply.notes)


def test_when_ready_there_is_no_question_and_a_summary():
    engine, state = answered(
        ("role", "parent"),
        ("about", "dont-know"),
        ("what_happened", "x"),
        ("when", "not-sure"),
        ("wanted", "y"),
        ("contact", "none"),
        ("status_email", "no"),
        ("name", "P"),
    )
    assert state.current == READY and engine.question(state) is None
    assert [row.step for row in engine.summary(state)][:2] == ["role", "about"]
    engine.back(state)
    assert state.current == "name"


def test_dates_a_year_ago_are_flagged_not_refused():
    engine = make_engine(today=date(2018, 1, 8))
    state = engine.start()
    for step, answer in (("role", "parent"), ("about", "dont-know"), ("what_happened", "x")):
        engine.answer(state, answer, step)
    reply = engine.answer(state, "7/1/2017")
    assert reply.error is None
    assert state.answers["when"] == {"on": "2017-01-07", "text": "", "over_a_year_ago": True}
    assert reply.notes


def test_what_a_child_reads_is_short_and_plain():
    """Reading age about 9 (docs/content.md): short sentences and none of the words staff use."""
    jargon = ("stage 1", "lac", "sgo", "statutory", "complainant", "nature of")
    for step in STEPS:
        for wording in (step.text.get("child") or step.text["adult"], step.help.get("child", "")):
            for sentence in wording.replace("?", ".").replace("!", ".").split("."):
                assert len(sentence.split()) <= 16, (step.id, sentence)
            assert not any(f" {word} " in f" {wording.lower()} " for word in jargon), step.id


def _asked(who: str, step_id: str):
    """The question `step_id` as `who` reads it, reached by answering the steps before it."""
    engine = make_engine()
    state = engine.start()
    engine.answer(state, who, "role")
    state.current = step_id
    return engine, state, engine.question(state, step_id)


def test_a_child_is_asked_which_team_or_grown_up_not_who():
    """ "Who is it about?" reads to a child like "what's your name?"."""
    for who in ("child", "care-leaver"):
        _engine, _state, question = _asked(who, "about")
        assert not question.text.lower().startswith("who is it about"), question.text
        assert "team" in question.text and "worker" in question.text
    _engine, _state, question = _asked("child", "about")
    assert "grown-up" in question.text and "social worker" in question.text


def test_the_name_question_does_not_repeat_its_hint():
    for who in ("child", "care-leaver", "parent", "foster-carer"):
        _engine, _state, question = _asked(who, "name")
        said_twice = "like to be called" in question.text and "like to be called" in question.help
        assert not said_twice, (who, question.text, question.help)
    _engine, _state, question = _asked("parent", "name")
    assert "like to be called" in question.help


def test_too_long_is_said_simply_to_a_child_and_with_the_numbers_to_an_adult():
    for who, expected, unwanted in (
        ("child", "That's a lot to read! Please make it a bit shorter.", "5,000"),
        ("parent", "keep it under 5,000 characters (it has 6,000)", None),
    ):
        engine, state, _question = _asked(who, "what_happened")
        reply = engine.answer(state, "x" * 6000, "what_happened")
        assert reply.error.code == "too_long"
        assert expected in reply.error.message
        assert unwanted is None or unwanted not in reply.error.message


def test_a_child_is_not_given_adult_wording_about_not_being_contacted():
    _engine, _state, question = _asked("child", "contact")
    assert "rather" not in question.help and "private link" in question.help
    _engine, _state, question = _asked("parent", "contact")
    assert "private link" in question.help


JARGON = ("Proceedings", "Permanence", "CIN", "SGO", "LAC", "Looked After")


@pytest.mark.parametrize("role", ["child", "care-leaver"])
@pytest.mark.parametrize(
    "about", ["my social worker Kate", "my social worker Sam", "child protection", "leaving care", "adoption"]
)
def test_a_child_never_hears_a_teams_official_name(role, about):
    engine = make_engine()
    state = engine.start()
    engine.answer(state, role)
    engine.answer(state, about)
    shown = []
    if state.current == "team_confirm":
        question = engine.question(state)
        assert question is not None
        shown.append(question.text)
        engine.answer(state, "other")
    question = engine.question(state)
    assert question is not None and question.id == "team_choose"
    shown += [option["label"] for option in question.as_dict()["options"]]
    shown += [message.text for message in engine.transcript(state)]
    for words in shown:
        assert not any(jargon in words for jargon in JARGON), words


def test_a_grown_up_is_told_the_official_name():
    engine = make_engine()
    state = engine.start()
    engine.answer(state, "parent")
    engine.answer(state, "leaving care")
    question = engine.question(state)
    assert question is not None and question.text == "It sounds like this is the Leaving Care team. Is that right?"


def test_an_everyday_date_is_read_back_to_confirm():
    engine = make_engine(date(2026, 11, 26))
    state = engine.start()
    for answer in ("child", "dont-know", "Nobody came to see me."):
        engine.answer(state, answer)
    reply = engine.answer(state, "last week")
    assert reply.error is None
    assert reply.notes == ("We wrote that down as around 19 November 2026. You can change it before you send it.",)
    assert state.answers["when"]["on"] == "2026-11-19"
    assert any(row.answer == "last week (around 19 November 2026)" for row in engine.summary(state))
