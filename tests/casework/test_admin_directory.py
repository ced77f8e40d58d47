"""Admin in the page: teams (names, aliases, workers, manager accounts), staff accounts and lesson categories, each
change audited; a team edited here is what routing uses for the very next complaint."""

from __future__ import annotations

from sqlmodel import Session, col, select

from casework.directory import export_directory
from casework.directory_admin import form_values
from models.audit import Action, AuditEvent
from models.complaints import LearningCategory
from models.db import get_engine
from models.staff import StaffUser
from models.teams import Team, Worker, directory_version

NEW_WORKER = "Priya Okonkwo-Lindqvist"


def _events(clean_db, action: Action) -> list[AuditEvent]:
    with Session(get_engine(clean_db)) as session:
        query = select(AuditEvent).where(AuditEvent.action == action.value).order_by(AuditEvent.id)
        return list(session.exec(query).all())


def _form(clean_db: str, slug: str) -> dict[str, str]:
    """The team's form as the page fills it (what a browser would send back unchanged)."""
    with Session(get_engine(clean_db)) as session:
        team = session.exec(select(Team).where(Team.slug == slug)).one()
        return form_values(session, team)


def test_a_worker_added_in_the_page_routes_the_next_complaint_to_their_team(signed_in, clean_db):
    officer = signed_in("officer")
    before = officer.post("/api/v1/route", json={"text": "My worker " + NEW_WORKER + " never rang me back"})
    assert before.get_json()["team"] != "children-disabilities" or before.get_json()["decision"] != "auto"
    with Session(get_engine(clean_db)) as session:
        version = directory_version(session)

    admin = signed_in("admin")
    page = admin.get("/staff/admin/teams/children-disabilities")
    assert page.status_code == 200 and "Workers" in page.get_data(as_text=True)
    form = _form(clean_db, "children-disabilities")
    form["workers"] += f"\n{NEW_WORKER} (social worker)"
    response = admin.post("/staff/admin/teams/children-disabilities", data=form)
    assert response.status_code == 302
    assert "Routing uses the change now" in admin.get(response.headers["Location"]).get_data(as_text=True)

    with Session(get_engine(clean_db)) as session:
        assert directory_version(session) != version
        worker = session.exec(select(Worker).where(Worker.name == NEW_WORKER)).one()
        assert worker.job_title == "social worker"
    routed = officer.post("/api/v1/route", json={"text": "My worker " + NEW_WORKER + " never rang me back"}).get_json()
    assert (routed["decision"], routed["team"]) == ("auto", "children-disabilities"), routed
    (event,) = _events(clean_db, Action.DIRECTORY_TEAM_CHANGED)
    assert event.actor_label == "Ada Admin"
    assert event.before["team"] == "children-disabilities" and NEW_WORKER not in " ".join(event.before["workers"])
    assert f"{NEW_WORKER} (social worker)" in event.after["workers"] and set(event.after) == {"team", "workers"}
    # The spreadsheet says the same as the page.
    with Session(get_engine(clean_db)) as session:
        assert f"{NEW_WORKER} (social worker)" in export_directory(session)


def test_names_aliases_and_keywords_are_edited_and_a_team_is_added(signed_in, clean_db):
    admin = signed_in("admin")
    form = _form(clean_db, "early-help")
    form.update(
        name="Early Help and Family Hubs", former_names="Early Help\nFamily Support", keywords="family hub\ntriple p"
    )
    assert admin.post("/staff/admin/teams/early-help", data=form).status_code == 302
    new = {"name": "Youth Justice", "keywords": "youth offending\nreferral order", "active": "yes", "is_lac": "no"}
    response = admin.post("/staff/admin/teams/new", data=new)
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/admin/teams/youth-justice")
    with Session(get_engine(clean_db)) as session:
        team = session.exec(select(Team).where(Team.slug == "early-help")).one()
        assert team.name == "Early Help and Family Hubs"
        assert "youth-justice" in session.exec(select(Team.slug)).all()
    officer = signed_in("officer")
    routed = officer.post("/api/v1/route", json={"text": "the referral order panel was unfair to my son"}).get_json()
    assert routed["team"] == "youth-justice"
    assert len(_events(clean_db, Action.DIRECTORY_TEAM_ADDED)) == 1
    # Saving the form unchanged records nothing.
    assert admin.post("/staff/admin/teams/youth-justice", data=_form(clean_db, "youth-justice")).status_code == 302
    assert len(_events(clean_db, Action.DIRECTORY_TEAM_CHANGED)) == 1


def test_bad_team_input_is_a_400_with_the_message_and_changes_nothing(signed_in, clean_db):
    admin = signed_in("admin")
    for change, message in [
        ({"name": " "}, "Enter the team&#39;s name"),
        ({"manager_email": "not an address"}, "Enter the manager&#39;s email address"),
        ({"keywords": "one; two"}, "on its own line"),
        ({"workers": "Ann (x) (y)"}, "Write a worker as a name"),
        ({"name": "x" * 300}, "longer than 200 characters"),
        ({"keywords": "k" * 301}, 'href="#team-keywords"'),
        ({"name": "leaving care"}, "There is already a team called leaving care"),
        ({"public_name": "p" * 201}, "Public name &#39;pppp"),
    ]:
        form = _form(clean_db, "early-help") | change
        response = admin.post("/staff/admin/teams/early-help", data=form)
        assert response.status_code == 400, change
        assert message in response.get_data(as_text=True), change
    assert admin.get("/staff/admin/teams/no-such-team").status_code == 404
    assert admin.post("/staff/admin/teams/" + "x" * 500, data={}).status_code == 404
    assert _events(clean_db, Action.DIRECTORY_TEAM_CHANGED) == []
    assert signed_in("officer").get("/staff/admin/teams/early-help").status_code == 403


def test_a_manager_account_is_added_to_a_team_from_its_page(signed_in, clean_db, staff_ids):
    admin = signed_in("admin")
    response = admin.post("/staff/admin/teams/early-help/managers", data={"account": str(staff_ids["officer"])})
    assert response.status_code == 302
    page = admin.get("/staff/admin/teams/early-help").get_data(as_text=True)
    assert "Olu Officer" in page and "officer@example.test" in page
    with Session(get_engine(clean_db)) as session:
        officer = session.get(StaffUser, staff_ids["officer"])
        team = session.exec(select(Team).where(Team.slug == "early-help")).one()
        assert (officer.role, officer.team_id) == ("manager", team.id)
    assert len(_events(clean_db, Action.STAFF_ROLE_CHANGED)) == 1
    bad = admin.post("/staff/admin/teams/early-help/managers", data={"account": "x"})
    assert bad.status_code == 400 and "Choose an account" in bad.get_data(as_text=True)
    own = admin.post("/staff/admin/teams/early-help/managers", data={"account": str(staff_ids["admin"])})
    assert own.status_code == 400 and "your own role" in own.get_data(as_text=True)


def test_an_account_is_renamed_given_a_team_and_switched_off_in_one_form(signed_in, clean_db, staff_ids):
    admin = signed_in("admin")
    url = f"/staff/admin/accounts/{staff_ids['officer']}"
    assert "Olu Officer" in admin.get(url).get_data(as_text=True)
    form = {"name": "Olu Okafor", "role": "manager", "team": "leaving-care", "active": "no"}
    assert admin.post(url, data=form).status_code == 302
    with Session(get_engine(clean_db)) as session:
        user = session.get(StaffUser, staff_ids["officer"])
        assert (user.name, user.role, user.active) == ("Olu Okafor", "manager", False)
    assert [e.after["name"] for e in _events(clean_db, Action.STAFF_RENAMED)] == ["Olu Okafor"]
    assert len(_events(clean_db, Action.STAFF_ROLE_CHANGED)) == 1
    assert len(_events(clean_db, Action.STAFF_DISABLED)) == 1
    # A manager without a team is refused whole: the name is not half-saved.
    refused = admin.post(url, data={"name": "Somebody Else", "role": "manager", "team": "", "active": "yes"})
    assert refused.status_code == 400 and "A team manager needs a team" in refused.get_data(as_text=True)
    with Session(get_engine(clean_db)) as session:
        assert session.get(StaffUser, staff_ids["officer"]).name == "Olu Okafor"
    # An admin renames themselves but cannot change their own role.
    me = f"/staff/admin/accounts/{staff_ids['admin']}"
    assert (
        admin.post(me, data={"name": "Ada A. Admin", "role": "admin", "team": "", "active": "yes"}).status_code == 302
    )
    mine = admin.post(me, data={"name": "Ada A. Admin", "role": "officer", "team": "", "active": "yes"})
    assert mine.status_code == 400 and "your own role" in mine.get_data(as_text=True)
    assert admin.get("/staff/admin/accounts/999999").status_code == 404


def test_lesson_categories_are_added_renamed_and_stopped_never_deleted(signed_in, clean_db):
    admin = signed_in("admin")
    page = admin.get("/staff/admin/categories").get_data(as_text=True)
    assert "Lessons learned" in page and "Poor communication" in page
    assert admin.post("/staff/admin/categories/lessons", data={"label": "Records not shared"}).status_code == 302
    with Session(get_engine(clean_db)) as session:
        row = session.exec(select(LearningCategory).where(LearningCategory.label == "Records not shared")).one()
        assert row.slug == "records-not-shared" and row.active
    change = f"/staff/admin/categories/lessons/{row.id}"
    assert admin.post(change, data={"label": "Records not shared in time", "active": "no"}).status_code == 302
    with Session(get_engine(clean_db)) as session:
        row = session.get(LearningCategory, row.id)
        assert (row.slug, row.label, row.active) == ("records-not-shared", "Records not shared in time", False)
        count = len(session.exec(select(LearningCategory.id)).all())
    duplicate = admin.post(
        "/staff/admin/categories/lessons",
        data={"label": "poor COMMUNICATION - lack of response to emails or requests for information"},
    )
    assert duplicate.status_code == 400 and "already a category" in duplicate.get_data(as_text=True)
    assert admin.post("/staff/admin/categories/lessons", data={"label": "  "}).status_code == 400
    assert admin.post("/staff/admin/categories/nonsense", data={"label": "x"}).status_code == 404
    assert admin.post("/staff/admin/categories/lessons/999999", data={"label": "x"}).status_code == 400
    with Session(get_engine(clean_db)) as session:
        assert len(session.exec(select(col(LearningCategory.id))).all()) == count
    added, changed = _events(clean_db, Action.CATEGORY_ADDED), _events(clean_db, Action.CATEGORY_CHANGED)
    assert added[0].after == {"kind": "lessons", "slug": "records-not-shared", "label": "Records not shared"}
    assert changed[0].before == {
        "kind": "lessons",
        "slug": "records-not-shared",
        "label": "Records not shared",
        "active": True,
    }
