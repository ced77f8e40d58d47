"""Send the due rows of the outbox, each exactly once, whoever else is sweeping.

A row is claimed (status `sending`, `claimed_at`) and the claim committed before anything is sent; it is
marked `sent` right after the server accepts it. Two sweeps never claim the same row (PostgreSQL:
`FOR UPDATE SKIP LOCKED`; SQLite: the claiming UPDATE re-checks the status while holding the write lock).
A sweep that dies after claiming leaves `sending` rows that a later sweep takes over once the claim is stale,
so nothing is lost; the window for a double is only between the server's "OK" and our mark.
"""

from __future__ import annotations

import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from models.base import table_of
from models.outbox import OutboxMessage, OutboxStatus
from reminders.calendar import WorkingCalendar
from reminders.freshness import OUTDATED, drop_superseded, with_current_dates
from reminders.mail import Mailer, Outgoing, open_mailer, render
from reminders.office_hours import OfficeHours
from reminders.policy import MAX_ATTEMPTS, RETRY_BACKOFF_MINUTES, STALE_CLAIM_MINUTES, URGENT_TEMPLATES
from settings import Settings

log = logging.getLogger(__name__)
outbox = table_of(OutboxMessage)
BATCH_SIZE = 100
# Private links are keys (to a complaint, a draft, an account): kept only until the email has gone.
SECRET_CONTEXT_KEYS = {"status_url", "resume_url", "reset_url"}
# Errors that mean the mail server is down rather than this one email being wrong.
UNREACHABLE = (ConnectionError, TimeoutError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)


@dataclass
class SweepReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0  # gave up: shown to staff
    superseded: int = 0  # dropped: a more urgent email for the same stage went instead
    outdated: int = 0  # dropped: the deadline it was about moved, or the stage was answered

    def summary(self) -> str:
        return f"Sent {self.sent}, to retry {self.retrying}, failed {self.failed}."


def retry_delay(attempts: int) -> timedelta:
    index = min(max(attempts, 1), len(RETRY_BACKOFF_MINUTES)) - 1
    return timedelta(minutes=RETRY_BACKOFF_MINUTES[index])


def _claimable(now: datetime, urgent_only: bool):
    due = and_(outbox.c.status == OutboxStatus.PENDING.value, outbox.c.send_after <= now)
    stale = and_(
        outbox.c.status == OutboxStatus.SENDING.value,
        outbox.c.claimed_at < now - timedelta(minutes=STALE_CLAIM_MINUTES),
    )
    condition = or_(due, stale)
    if urgent_only:
        condition = and_(condition, outbox.c.template.in_(URGENT_TEMPLATES))
    return condition


def claim_batch(engine: Engine, now: datetime, *, urgent_only: bool, limit: int = BATCH_SIZE) -> list[Outgoing]:
    """Claim up to `limit` due rows and commit the claim; returns what to send."""
    candidates = select(outbox.c.id).where(_claimable(now, urgent_only)).order_by(outbox.c.send_after).limit(limit)
    if engine.dialect.name == "postgresql":
        # Rows another sweep has locked are skipped, not waited for: two sweeps share the work.
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(outbox)
        # The condition again: on SQLite this is what makes the claim exclusive (see the module docstring).
        .where(outbox.c.id.in_(candidates.scalar_subquery()), _claimable(now, urgent_only))
        .values(status=OutboxStatus.SENDING.value, claimed_at=now, attempts=outbox.c.attempts + 1)
        .returning(
            outbox.c.id,
            outbox.c.idempotency_key,
            outbox.c.recipient,
            outbox.c.template,
            outbox.c.context,
            outbox.c.attempts,
            outbox.c.complaint_id,
            outbox.c.stage_record_id,
        )
    )
    with Session(engine) as session, session.begin():
        rows = session.execute(statement).all()
    return [Outgoing(*row) for row in rows]


def _finish(connection: Connection, outgoing: Outgoing, claimed_at: datetime, values: dict) -> bool:
    """Record the outcome of our own claim only; False when another sweep took the row over meanwhile."""
    statement = (
        update(outbox)
        .where(
            outbox.c.id == outgoing.id,
            outbox.c.status == OutboxStatus.SENDING.value,
            outbox.c.claimed_at == claimed_at,
        )
        .values(**values)
    )
    done = connection.execute(statement).rowcount == 1
    connection.commit()  # each email's outcome on its own: a crash later loses none of them
    return done


def _record_failure(
    connection: Connection, outgoing: Outgoing, now: datetime, error: Exception, report: SweepReport
) -> None:
    attempts = outgoing.attempts
    # The error's class and text, not the message: SMTP replies may quote an address, never the body.
    detail = f"{type(error).__name__}: {error}"[:1000]
    values: dict[str, object]
    if attempts >= MAX_ATTEMPTS:
        values = {"status": OutboxStatus.FAILED.value, "last_error": detail}
        report.failed += 1
    else:
        values = {"status": OutboxStatus.PENDING.value, "last_error": detail, "send_after": now + retry_delay(attempts)}
        report.retrying += 1
    _finish(connection, outgoing, now, values)
    log.warning("outbox message %s attempt %s failed: %s", outgoing.id, attempts, type(error).__name__)


def _sent_values(outgoing: Outgoing, now: datetime) -> dict:
    values = {"status": OutboxStatus.SENT.value, "sent_at": now}
    if SECRET_CONTEXT_KEYS & outgoing.context.keys():
        values["context"] = {k: v for k, v in outgoing.context.items() if k not in SECRET_CONTEXT_KEYS}
    return values


def send_due(
    engine: Engine, settings: Settings, now: datetime, *, mailer: Mailer | None = None, limit: int | None = None
) -> SweepReport:
    """Send every row due at `now` (only urgent ones outside office hours). Commits as it goes."""
    hours = OfficeHours(WorkingCalendar(settings.closure_days), settings.timezone)
    urgent_only = not hours.is_open(now)
    mailer = mailer or open_mailer(settings)
    report = SweepReport()
    started = time.monotonic()
    if not urgent_only:  # stage emails go only in office hours: only then can one supersede another
        with engine.connect() as connection:
            report.superseded = drop_superseded(connection, now)
    try:
        while limit is None or report.claimed < limit:
            # A long sweep's later claims carry their own time, or another sweep could think them stale.
            at = now + timedelta(seconds=time.monotonic() - started)
            batch_limit = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - report.claimed)
            batch = claim_batch(engine, at, urgent_only=urgent_only, limit=batch_limit)
            if not batch:
                break
            report.claimed += len(batch)
            if not _send_batch(engine, settings, at, mailer, batch, report):
                break
    finally:
        mailer.close()
    if report.claimed:
        log.info("outbox sweep: %s", report.summary())
    return report


def _send_batch(
    engine: Engine, settings: Settings, now: datetime, mailer: Mailer, batch: list[Outgoing], report: SweepReport
) -> bool:
    """Send a batch claimed at `now`; False when the mail server cannot be reached (the rest wait for a retry)."""
    # Stop well before our claims could look stale to another sweep; what is left is taken over later.
    give_up_at = time.monotonic() + STALE_CLAIM_MINUTES * 60 / 2
    with engine.connect() as connection:  # one connection for the batch's marks, one commit per email
        batch, outdated = with_current_dates(connection, batch)
        for stale in outdated:
            _finish(connection, stale, now, {"status": OutboxStatus.CANCELLED.value, "last_error": OUTDATED})
            report.outdated += 1
        for position, outgoing in enumerate(batch):
            if time.monotonic() > give_up_at:
                log.warning("outbox sweep too slow: %s claimed emails left for a later sweep", len(batch) - position)
                return False
            try:
                mailer.send(outgoing, render(outgoing, settings))
            except UNREACHABLE as error:
                # No point trying 99 more connections to a server that is down: put the whole batch back.
                for waiting in batch[position:]:
                    _record_failure(connection, waiting, now, error, report)
                return False
            except Exception as error:
                _record_failure(connection, outgoing, now, error, report)
                continue
            if _finish(connection, outgoing, now, _sent_values(outgoing, now)):
                report.sent += 1
            else:
                log.warning("outbox message %s was taken over by another sweep after sending", outgoing.id)
    return True
