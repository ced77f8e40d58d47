"""Who may do what. Every staff view, query and export goes through these, not only the menus
(web/auth.py checks a view's roles; these rules decide which complaints and figures a role sees).

- officer: every complaint, the triage queue, reports.
- manager: only their own team's complaints and figures.
- admin: staff accounts and the team directory; no complaint data (least privilege).
"""

from __future__ import annotations

from sqlmodel import col

from models.complaints import Complaint
from models.staff import Role, StaffUser

OFFICER = Role.OFFICER.value
MANAGER = Role.MANAGER.value
ADMIN = Role.ADMIN.value
# The roles that may read complaints (each within what visible_team_ids allows).
CASEWORK_ROLES = (OFFICER, MANAGER)


def visible_team_ids(user: StaffUser | None) -> set[int] | None:
    """The teams whose complaints `user` may see: None means every team (officers); a set limits it.

    A manager sees their own team; an admin or anyone else sees none (an empty set), never everything.
    """
    if user is None:
        return set()
    if user.role == OFFICER:
        return None
    if user.role == MANAGER and user.team_id is not None:
        return {user.team_id}
    return set()


def scope_to_user(statement, user: StaffUser | None, team_column=None):
    """Limit a select() to the complaints `user` may see; `team_column` defaults to Complaint.team_id."""
    teams = visible_team_ids(user)
    if teams is None:
        return statement
    column = col(Complaint.team_id) if team_column is None else team_column
    return statement.where(column.in_(sorted(teams)))


def can_see_complaint(user: StaffUser | None, complaint: Complaint) -> bool:
    teams = visible_team_ids(user)
    return teams is None or complaint.team_id in teams


def can_triage(user: StaffUser | None) -> bool:
    """Only officers assign complaints nobody has routed yet: a manager sees no team-less complaint."""
    return user is not None and user.role == OFFICER
