"""The question engine where mutation testing (`make mutation`) found no test holding it: late as the other side of
on time (its words, its count and its rows), the caseload by named officer, and the kinds of danger in order."""

from __future__ import annotations

from datetime import date

from models.staff import StaffUser
from queries.asker import Asker
from queries.engine import Scope
from tests.factories import add_complaint, add_staff

AS_OF = date(2026, 11, 26)


def test_late_is_what_on_time_leaves_in_count_percentage_words_and_rows(demo_session):
    asker = Asker(demo_session, AS_OF)
    on_time = asker.ask("how many stage 1 answered on time in 2017/18")
    assert (on_time.value, on_time.unit) == (59.1, "percent") and on_time.answer.startswith("52 of 88 ")
    late = asker.ask("how many stage 1 were late in 2017/18")
    assert (late.value, late.unit) == (36, "complaints")
    assert late.answer.startswith("36 of 88 stage 1 complaints received in 2017/18")
    share = asker.ask("what percentage of stage 1 were late in 2017/18")
    assert (share.value, share.unit) == (40.9, "percent") and share.answer.startswith("36 of 88 ")
    by_team = asker.ask("stage 1 late by team in 2017/18")
    assert by_team.value == 36 and sum(row["value"] for row in by_team.rows) == 36


def test_the_caseload_by_officer_names_each_officer_most_first(db_session, settings):
    ids = add_staff(db_session, settings)
    officer, manager = db_session.get(StaffUser, ids["officer"]), db_session.get(StaffUser, ids["manager"])
    received = date(2026, 11, 20)
    for n in range(3):
        add_complaint(db_session, reference=f"CS-OFFI-000{n}", team="leaving-care", received=received, officer=officer)
    add_complaint(db_session, reference="CS-MANA-0001", team="leaving-care", received=received, officer=manager)
    add_complaint(db_session, reference="CS-NONE-0001", team="leaving-care", received=received)
    db_session.flush()
    answer = Asker(db_session, AS_OF).ask("open complaints by officer")
    assert answer.value == 5
    assert [(row["label"], row["value"]) for row in answer.rows] == [
        ("Olu Officer", 3),
        ("Maya Manager", 1),
        ("Not assigned to an officer", 1),
    ]
    assert answer.rows[0]["key"] == str(officer.id) and answer.rows[-1]["key"] == "none"


def test_kinds_of_danger_come_most_first_with_unrecorded_ones_named(db_session, settings):
    add_staff(db_session, settings)
    for n, categories in enumerate([["neglect"], ["neglect", "fgm"], []]):
        complaint = add_complaint(
            db_session, reference=f"CS-KIND-000{n}", team=None, received=date(2026, 6, 1), safeguarding=True
        )
        complaint.safeguarding_categories = categories
    db_session.flush()
    rows = Asker(db_session, AS_OF).ask("safeguarding flags by category this year").rows
    # Most first; a tie keeps the kinds' own order, and a flag with no kind recorded comes after them.
    assert [(row["key"], row["value"]) for row in rows[:3]] == [("neglect", 2), ("fgm", 1), ("not-recorded", 1)]
    labels = {row["key"]: row["label"] for row in rows}
    assert labels["not-recorded"] == "Kind not recorded"
    assert all(row["value"] == 0 for row in rows[3:])


def test_the_median_by_team_is_each_teams_own_median(demo_session):
    asker = Asker(demo_session, AS_OF)
    by_team = asker.ask("median days to respond to stage 1 by team in 2017/18")
    assert (by_team.value, by_team.unit) == (10.0, "working days")
    assert by_team.answer.startswith("Half of the 88 answered stage 1 complaints received in 2017/18")
    assert {row["key"]: row["value"] for row in by_team.rows} == {
        "children-in-need": 10.0,
        "assessments": 10.0,
        "lac-adoption-permanence-2": 12.0,
        "child-protection": 10.5,
        "early-help": 8.0,
        "leaving-care": 8.0,
        "lac-permanence-1": 10.0,
        "adoption-sgo": 10.0,
        "children-disabilities": 7.0,
    }
    alone = asker.ask("median days to respond to stage 1 for leaving care in 2017/18")
    assert alone.value == 8.0 and alone.answer.startswith("Half of the 9 answered stage 1 complaints for Leaving Care")


def test_a_managers_caseload_is_their_teams_only_and_each_row_names_the_complaint(demo_session):
    officer_view = Asker(demo_session, AS_OF).ask("how many open complaints by team")
    leaving_care = {row["key"]: row["value"] for row in officer_view.rows}["leaving-care"]
    team = Asker(demo_session, AS_OF).vocabulary.teams["leaving-care"].id
    manager = Asker(demo_session, AS_OF, scope=Scope(frozenset({team}))).ask("how many open complaints")
    assert manager.value == leaving_care == 2 and len(manager.rows) == 2
    for row in manager.rows:
        # "CS-...: Leaving Care, stage 1, due 1 December 2026": the reference, the team, the stage and the deadline.
        assert row["label"].startswith(f"{row['key']}: Leaving Care, stage ")
        assert ", due " in row["label"] and row["label"].endswith("2026")


def test_due_next_week_ends_on_its_sunday(db_session, settings):
    # As of Thursday 26 November 2026, next week is Monday 30 November to Sunday 6 December.
    add_staff(db_session, settings)
    add_complaint(db_session, reference="CS-NEXT-0001", team="leaving-care", received=date(2026, 11, 20))  # due 4 Dec
    add_complaint(db_session, reference="CS-LATR-0001", team="leaving-care", received=date(2026, 11, 23))  # due 7 Dec
    db_session.flush()
    answer = Asker(db_session, AS_OF).ask("what's due next week")
    assert [row["key"] for row in answer.rows] == ["CS-NEXT-0001"]
