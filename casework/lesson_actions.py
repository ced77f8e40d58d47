"""Lessons become actions: each upheld or partly upheld stage can carry actions, each with an owner (a staff
account), a due date and a status (open, done, cancelled). Adding one and every change to one is audited on the
complaint and re-plans its reminders at once (reminders/lesson_actions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from casework import audit
from casework.actions import ActionContext, ActionRefused
from casework.roles import CASEWORK_ROLES, can_see_complaint, visible_team_ids
from casework.stages import stages_of
from content.dates import plain_date
from models.audit import Action
from models.base import require_id
from models.complaints import Complaint, Outcome, Stage, StageRecord
from models.lessons import ActionStatus, LessonAction
from models.staff import Role, StaffUser
from models.teams import Team
from reminders import replan
from reminders.deadlines import DUE_SOON_WORKING_DAYS

MAX_DESCRIPTION = 1000
UPHELD = (Outcome.UPHELD.value, Outcome.PARTIALLY_UPHELD.value)
# The Ombudsman's decision, once recorded on the stage 4 record (the records work): fault found in whole or part.
OMBUDSMAN_UPHELD = ("upheld", "partly-upheld")
CHANGES = {"done": ActionStatus.DONE, "cancel": ActionStatus.CANCELLED, "reopen": ActionStatus.OPEN}


def _can_act(ctx: ActionContext, complaint: Complaint) -> None:
    # As for every change to a complaint (casework/actions.py): an officer, or a manager of its team.
    if ctx.actor.role not in CASEWORK_ROLES or not can_see_complaint(ctx.actor, complaint):
        raise ActionRefused("Your account cannot change this complaint.")


def upheld(record: StageRecord) -> bool:
    """Whether the stage found the complaint justified, in whole or part (so lessons and their actions follow)."""
    if record.outcome in UPHELD:
        return True
    return record.stage == Stage.OMBUDSMAN and getattr(record, "ombudsman_decision", None) in OMBUDSMAN_UPHELD


def owners(session: Session) -> list[StaffUser]:
    """Who can own an action: active officers and managers (an admin sees no complaints)."""
    statement = select(StaffUser).where(
        col(StaffUser.active), col(StaffUser.role).in_((Role.OFFICER.value, Role.MANAGER.value))
    )
    return list(session.exec(statement.order_by(col(StaffUser.name))).all())


def _stage(ctx: ActionContext, complaint: Complaint, stage_number: str) -> StageRecord:
    stages = {str(record.stage): record for record in stages_of(ctx.session, require_id(complaint))}
    record = stages.get(stage_number)
    if record is None or not upheld(record):
        raise ActionRefused("Actions follow a stage that was upheld or partly upheld", "stage")
    return record


def _owner(session: Session, owner_id: str) -> StaffUser:
    owner = session.get(StaffUser, int(owner_id)) if owner_id.isdigit() and len(owner_id) <= 9 else None
    if owner is None or not owner.active or owner.role not in (Role.OFFICER.value, Role.MANAGER.value):
        raise ActionRefused("Choose who will see the action through", "owner")
    return owner


def _due(ctx: ActionContext, due_on: date | None) -> date:
    if due_on is None:
        raise ActionRefused("Enter the date it is due, like 22 1 2027", "due_on")
    if due_on < ctx.today:
        raise ActionRefused(f"The due date must be today, {plain_date(ctx.today)}, or later", "due_on")
    if due_on.year > ctx.today.year + 5:
        raise ActionRefused("Choose a due date within five years", "due_on")
    return due_on


def _description(text: str) -> str:
    words = " ".join((text or "").split())
    if not words:
        raise ActionRefused("Say what will change", "description")
    if len(words) > MAX_DESCRIPTION:
        raise ActionRefused(f"Keep it to {MAX_DESCRIPTION} characters or fewer", "description")
    return words


def add_action(
    ctx: ActionContext, complaint: Complaint, *, stage: str, description: str, owner_id: str, due_on: date | None
) -> LessonAction:
    _can_act(ctx, complaint)
    record = _stage(ctx, complaint, stage)
    action = LessonAction(
        stage_record_id=require_id(record),
        description=_description(description),
        owner_id=require_id(_owner(ctx.session, owner_id)),
        due_on=_due(ctx, due_on),
        created_by_id=ctx.actor.id,
        created_at=ctx.now,
    )
    ctx.session.add(action)
    ctx.session.flush()
    audit.record(
        ctx.session,
        ctx.actor,
        complaint,
        Action.LESSON_ACTION_ADDED,
        after={"action_id": action.id, "stage": record.stage, "owner_id": action.owner_id, "due_on": action.due_on},
    )
    replan.lesson_action_changed(ctx.session, action, ctx.settings, ctx.now)
    return action


def _action_of(ctx: ActionContext, complaint: Complaint, action_id: int) -> LessonAction:
    action = ctx.session.get(LessonAction, action_id)
    record = ctx.session.get(StageRecord, action.stage_record_id) if action else None
    if action is None or record is None or record.complaint_id != complaint.id:
        raise ActionRefused("There is no such action on this complaint")
    return action


def change_action(
    ctx: ActionContext,
    complaint: Complaint,
    action_id: int,
    *,
    change: str,
    due_on: date | None = None,
    owner_id: str = "",
) -> LessonAction:
    """Mark an action done, cancel it, open it again, or give it a new date or owner; audited, reminders follow."""
    _can_act(ctx, complaint)
    action = _action_of(ctx, complaint, action_id)
    before = {"status": action.status, "due_on": action.due_on, "owner_id": action.owner_id}
    if change in CHANGES:
        action.status = CHANGES[change].value
        action.done_on = ctx.today if change == "done" else None
    elif change == "update":
        if action.status != ActionStatus.OPEN.value:
            raise ActionRefused("Open the action again before you change it")
        action.due_on = _due(ctx, due_on)
        if owner_id:
            action.owner_id = require_id(_owner(ctx.session, owner_id))
    else:
        raise ActionRefused("Choose what to change")
    after = {"status": action.status, "due_on": action.due_on, "owner_id": action.owner_id}
    changed = [key for key in after if after[key] != before[key]]
    if not changed:
        return action
    ctx.session.add(action)
    audit.record(
        ctx.session,
        ctx.actor,
        complaint,
        Action.LESSON_ACTION_CHANGED,
        before={"action_id": action.id, **{key: before[key] for key in changed}},
        after={"action_id": action.id, **{key: after[key] for key in changed}},
    )
    replan.lesson_action_changed(ctx.session, action, ctx.settings, ctx.now)
    return action


@dataclass(frozen=True)
class ActionRow:
    action: LessonAction
    reference: str
    stage: int
    team: str
    owner: str
    overdue: bool
    due_soon: bool


def actions_for_complaint(session: Session, complaint: Complaint) -> dict[int, list[tuple[LessonAction, str]]]:
    """Stage number -> its actions with their owner's name, oldest first (the case page)."""
    statement = (
        select(LessonAction, StageRecord.stage, StaffUser.name)
        .join(StageRecord, col(StageRecord.id) == LessonAction.stage_record_id)
        .join(StaffUser, col(StaffUser.id) == LessonAction.owner_id)
        .where(StageRecord.complaint_id == complaint.id)
        .order_by(col(LessonAction.id))
    )
    found: dict[int, list[tuple[LessonAction, str]]] = {}
    for action, stage, owner in session.exec(statement).all():
        found.setdefault(stage, []).append((action, owner))
    return found


def open_actions(
    session: Session, user: StaffUser, today: date, calendar, team_slug: str | None = None
) -> list[ActionRow]:
    """Open actions, soonest due first, of the teams `user` may see (a manager: their own), or of one team."""
    team_id = func.coalesce(col(StageRecord.team_id), col(Complaint.team_id))  # the stage's team, else the complaint's
    statement = (
        # sqlalchemy's select: sqlmodel's typed one takes at most four columns.
        core_select(LessonAction, col(Complaint.reference), col(StageRecord.stage), col(Team.name), col(StaffUser.name))
        .join(StageRecord, col(StageRecord.id) == LessonAction.stage_record_id)
        .join(Complaint, col(Complaint.id) == StageRecord.complaint_id)
        .join(StaffUser, col(StaffUser.id) == LessonAction.owner_id)
        .outerjoin(Team, col(Team.id) == team_id)
        .where(col(LessonAction.status) == ActionStatus.OPEN.value, col(Complaint.purged_at).is_(None))
        .order_by(col(LessonAction.due_on), col(LessonAction.id))
    )
    teams = visible_team_ids(user)
    if teams is not None:
        statement = statement.where(team_id.in_(sorted(teams)))
    if team_slug:
        statement = statement.where(col(Team.slug) == team_slug)
    rows = []
    for action, reference, stage, team, owner in session.execute(statement).all():
        overdue = action.due_on < today
        soon = not overdue and calendar.working_days_between(today, action.due_on) <= DUE_SOON_WORKING_DAYS
        rows.append(ActionRow(action, reference, stage, team or "", owner, overdue, soon))
    return rows


@dataclass(frozen=True)
class StageActions:
    stage: int
    label: str  # "Stage 1", "Ombudsman"
    actions: list[tuple[LessonAction, str]]  # with the owner's name


def case_panel(session: Session, complaint: Complaint) -> list[StageActions]:
    """The case page's section: each upheld or partly upheld stage with its actions (none when nothing was upheld)."""
    by_stage = actions_for_complaint(session, complaint)
    return [
        StageActions(record.stage, Stage(record.stage).label, by_stage.get(record.stage, []))
        for record in stages_of(session, require_id(complaint))
        if upheld(record)
    ]
