"""`ask` counts lesson actions open now (and overdue), for every team or a manager's own; any other question about
actions (a period, a team, the lesson category about "agreed actions") is left to the parser as before."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.lessons import LessonAction
from models.staff import StaffUser
from queries.asker import Asker
from queries.engine import Scope
from tests.factories import add_complaint, add_staff, first_stage, team_id

AS_OF = date(2026, 11, 26)


def _actions(db_session, settings):
    add_staff(db_session, settings)
    owner = db_session.exec(select(StaffUser).where(StaffUser.role == "officer")).one()
    for slug, due_days, status in (
        ("leaving-care", (date(2026, 12, 1), date(2026, 11, 2)), "open"),
        ("early-help", (date(2026, 11, 20),), "open"),
        ("early-help", (date(2026, 12, 20),), "done"),
    ):
        complaint = add_complaint(db_session, team=slug, received=date(2026, 9, 1), responded={1: date(2026, 9, 20)})
        stage = first_stage(db_session, complaint)
        stage.outcome = "upheld"
        for due in due_days:
            db_session.add(
                LessonAction(
                    stage_record_id=stage.id,
                    description="x",
                    owner_id=owner.id,
                    due_on=due,
                    status=status,
                    done_on=due if status == "done" else None,
                )
            )
    db_session.flush()


def test_how_many_lesson_actions_are_open_and_overdue(db_session, settings):
    _actions(db_session, settings)
    asker = Asker(db_session, AS_OF)
    answer = asker.ask("How many lesson actions are open?")
    assert (answer.value, answer.unit) == (3, "actions")
    assert answer.answer == "3 lesson actions are open; 2 of them are overdue."
    assert asker.ask("how many actions are overdue").value == 2
    assert asker.ask("number of open learning actions").value == 3
    # A manager of Leaving Care: their team's only.
    mine = Asker(db_session, AS_OF, Scope(frozenset({team_id(db_session, "leaving-care")}))).ask(
        "how many lesson actions are open"
    )
    assert mine.value == 2 and mine.answer == "In your team, 2 lesson actions are open; 1 of them is overdue."


def test_other_questions_about_actions_go_to_the_parser(db_session, settings):
    _actions(db_session, settings)
    asker = Asker(db_session, AS_OF)
    for question in (
        "how many lesson actions are still outstanding from 2017/18",
        "how many open actions for leaving care",
    ):
        answer = asker.ask(question)
        assert answer.unit != "actions", question
    assert (
        asker.ask("how many complaints about failure or delay completing agreed actions this year").unit == "complaints"
    )
