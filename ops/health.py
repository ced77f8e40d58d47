"""Is the service working? The database, the scheduler's heartbeat and the outbox, in two cheap queries.

/healthz answers it for load balancers and monitoring; the staff banner (`staff_warnings`) for people.
Nothing here names a person: counts and times only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from models.base import table_of
from models.heartbeat import SchedulerHeartbeat
from models.outbox import OutboxMessage, OutboxStatus
from reminders.calendar import WorkingCalendar
from reminders.heartbeat import SCHEDULER_NAME
from reminders.office_hours import OfficeHours
from reminders.policy import DISCLOSURE_ALERT, NOW_SENT_ALERT, SAFEGUARDING_ALERT, UNSAFE_ALERT, URGENT_TEMPLATES
from settings import Settings

# The scheduler sweeps every minute: five minutes without a sweep means it has stopped (or cannot reach us).
STALE_AFTER = timedelta(minutes=5)
# Emails waiting this long past their time are a problem even if the scheduler is beating (mail server down).
LATE_AFTER_MINUTES = 15
# A safeguarding alert goes to the duty manager straight away; one that failed may mean nobody knows.
SAFEGUARDING_TEMPLATES = (SAFEGUARDING_ALERT.template, DISCLOSURE_ALERT, UNSAFE_ALERT, NOW_SENT_ALERT)

outbox = table_of(OutboxMessage)
heartbeat = table_of(SchedulerHeartbeat)
WAITING = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)


@dataclass(frozen=True)
class Health:
    database: bool
    last_sweep: datetime | None = None
    stale: bool = True
    pending: int = 0
    failed: int = 0
    failed_safeguarding: int = 0
    oldest_pending_minutes: int = 0

    @property
    def status(self) -> str:
        if not self.database:
            return "down"
        if self.stale or self.failed or self.oldest_pending_minutes > LATE_AFTER_MINUTES:
            return "degraded"
        return "ok"

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "database": "ok" if self.database else "error",
            "scheduler": {"last_sweep": self.last_sweep.isoformat() if self.last_sweep else None, "stale": self.stale},
            "outbox": {
                "pending": self.pending,
                "failed": self.failed,
                "oldest_pending_minutes": self.oldest_pending_minutes,
            },
        }


def check(engine: Engine, settings: Settings, now: datetime) -> Health:
    """Two queries: the heartbeat row by its key, and the outbox's waiting and failed rows (status is indexed)."""
    is_safeguarding = outbox.c.template.in_(SAFEGUARDING_TEMPLATES)
    # Only what the scheduler would send now is late: out of office hours it sends urgent emails only, and a
    # reminder waiting for the morning is no sign of trouble.
    due = outbox.c.send_after <= now
    if not OfficeHours(WorkingCalendar(settings.closure_days), settings.timezone).is_open(now):
        due = due & outbox.c.template.in_(URGENT_TEMPLATES)
    counts = (
        select(
            func.count().filter(outbox.c.status.in_(WAITING)),
            func.count().filter(outbox.c.status == OutboxStatus.FAILED.value),
            func.count().filter(outbox.c.status == OutboxStatus.FAILED.value, is_safeguarding),
            func.min(case((due, outbox.c.send_after))).filter(outbox.c.status.in_(WAITING)),
        )
        .select_from(outbox)
        .where(outbox.c.status.in_((*WAITING, OutboxStatus.FAILED.value)))
    )
    try:
        with engine.connect() as connection:
            last_sweep = connection.execute(
                select(heartbeat.c.last_sweep_at).where(heartbeat.c.name == SCHEDULER_NAME)
            ).scalar()
            pending, failed, failed_safeguarding, oldest = connection.execute(counts).one()
    except SQLAlchemyError:
        return Health(database=False)
    oldest = _as_utc(oldest)
    return Health(
        database=True,
        last_sweep=last_sweep,
        stale=last_sweep is None or now - last_sweep > STALE_AFTER,
        pending=pending,
        failed=failed,
        failed_safeguarding=failed_safeguarding,
        oldest_pending_minutes=max(0, int((now - oldest).total_seconds() // 60)) if oldest else 0,
    )


def _as_utc(value):
    # An aggregate loses the column's type on SQLite: MIN() comes back as text (PostgreSQL keeps a datetime).
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


@dataclass(frozen=True)
class StaffWarning:
    level: str  # "urgent" (a safeguarding alert may not have gone) or "problem"
    title: str
    lines: tuple[str, ...]


def staff_warnings(health: Health, *, is_admin: bool) -> list[StaffWarning]:
    """What the staff banner says. Everyone is told; an admin is also told what to do about it."""
    warnings = []
    if health.failed_safeguarding:
        count = health.failed_safeguarding
        lines = [
            f"{_alerts(count)} to the duty manager could not be sent. They may not know that a child could be in "
            "danger.",
            "Phone the duty manager now, and check the safeguarding flags in the queue.",
        ]
        if is_admin:
            lines.append("Fix the email settings, then send them again: 'flask reminders status' lists them.")
        warnings.append(StaffWarning("urgent", "A safeguarding alert has not been sent", tuple(lines)))
    if health.stale:
        lines = [
            "Reminder emails and safeguarding alerts are not going out. Anything new that needs an alert will not "
            "get one until this is fixed.",
            "Tell the duty manager, and check new complaints for safeguarding flags yourself.",
        ]
        if is_admin:
            lines.append("Start the scheduler again ('flask scheduler'); docs/operations.md says how.")
        warnings.append(StaffWarning("urgent", "Emails have stopped", tuple(lines)))
    other_failed = health.failed - health.failed_safeguarding
    if other_failed:
        lines = [f"{other_failed} reminder email{'s' if other_failed != 1 else ''} could not be sent."]
        if is_admin:
            lines.append("'flask reminders status' lists them; 'flask reminders retry ID' sends one again.")
        else:
            lines.append("Check your deadlines in the queue, and tell an administrator.")
        warnings.append(StaffWarning("problem", "Some emails have not been sent", tuple(lines)))
    return warnings


def _alerts(count: int) -> str:
    return "A safeguarding alert" if count == 1 else f"{count} safeguarding alerts"
