"""The helpers other packages build on: who sees which teams, and how refusals look."""

from __future__ import annotations

from sqlmodel import select

from casework.roles import can_see_complaint, scope_to_user, visible_team_ids
from models.complaints import Complaint
from models.staff import StaffUser
from tests.factories import add_complaint, add_staff, team_id


def test_visible_team_ids(db_session, settings):
    staff_ids = add_staff(db_session, settings)
    officer, manager, admin = (db_session.get(StaffUser, staff_ids[role]) for role in ("officer", "manager", "admin"))
    assert visible_team_ids(officer) is None  # every team
    assert visible_team_ids(manager) == {team_id(db_session, "leaving-care")}
    assert visible_team_ids(admin) == set()  # nothing: admins do not read complaints
    assert visible_team_ids(None) == set()


def test_scope_to_user_limits_queries(db_session, settings, today):
    staff_ids = add_staff(db_session, settings)
    add_complaint(db_session, reference="CS-LEAV-0001", team="leaving-care", received=today)
    add_complaint(db_session, reference="CS-ASSE-0001", team="assessments", received=today)
    manager = db_session.get(StaffUser, staff_ids["manager"])
    admin = db_session.get(StaffUser, staff_ids["admin"])
    officer = db_session.get(StaffUser, staff_ids["officer"])

    def refs(user):
        return sorted(db_session.exec(scope_to_user(select(Complaint.reference), user)).all())

    assert refs(officer) == ["CS-ASSE-0001", "CS-LEAV-0001"]
    assert refs(manager) == ["CS-LEAV-0001"]
    assert refs(admin) == []
    other = db_session.exec(select(Complaint).where(Complaint.reference == "CS-ASSE-0001")).one()
    assert not can_see_complaint(manager, other) and can_see_complaint(officer, other)
