"""Roles at their edges: the cases mutation testing (`make mutation`) found no test held."""

from __future__ import annotations

import pytest

from casework.roles import visible_team_ids
from models.staff import Role, StaffUser


@pytest.mark.parametrize("role", [Role.ADMIN.value, "someone-else"])
def test_only_a_manager_sees_a_team_even_when_another_role_has_one(role):
    # An admin moved from a manager's post may keep a team on the account: they still read no complaint.
    user = StaffUser(email="x@example.test", name="X", role=role, team_id=3, password_hash="x")
    assert visible_team_ids(user) == set()


def test_a_manager_without_a_team_sees_none():
    user = StaffUser(email="m@example.test", name="M", role=Role.MANAGER.value, team_id=None, password_hash="x")
    assert visible_team_ids(user) == set()
