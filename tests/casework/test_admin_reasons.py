"""Admins keep the list of reasons in the page; each change is audited; nobody else may change it."""

from __future__ import annotations

from sqlmodel import select

from models.audit import Action, AuditEvent
from models.complaints import ReasonCategory


def test_an_admin_adds_renames_and_switches_off_a_reason(signed_in, write):
    admin = signed_in("admin")
    assert admin.post("/staff/admin/reasons", data={"label": "Transport to school"}).status_code == 302
    page = admin.get("/staff/admin/reasons").get_data(as_text=True)
    assert "Transport to school" in page and "transport-to-school" in page
    category = write(lambda s: s.exec(select(ReasonCategory).where(ReasonCategory.slug == "transport-to-school")).one())
    response = admin.post(f"/staff/admin/reasons/{category.id}", data={"label": "School transport"})
    assert response.status_code == 302
    changed = write(lambda s: s.get(ReasonCategory, category.id))
    assert (changed.slug, changed.label, changed.active) == ("transport-to-school", "School transport", False)
    actions = write(lambda s: [e.action for e in s.exec(select(AuditEvent).order_by(AuditEvent.id)).all()])
    assert actions[-2:] == [Action.CATEGORY_ADDED.value, Action.CATEGORY_CHANGED.value]


def test_a_blank_or_duplicate_reason_is_refused_with_the_field(signed_in):
    admin = signed_in("admin")
    assert admin.post("/staff/admin/reasons", data={"label": "Delay in care"}).status_code == 302
    response = admin.post("/staff/admin/reasons", data={"label": "delay-in-care"})
    assert response.status_code == 400
    assert "There is already a reason called Delay in care" in response.get_data(as_text=True)
    assert admin.post("/staff/admin/reasons", data={"label": "  "}).status_code == 400


def test_only_admins_change_reasons(signed_in):
    assert signed_in("officer").post("/staff/admin/reasons", data={"label": "X"}).status_code == 403
