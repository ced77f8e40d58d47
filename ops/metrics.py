"""/metrics: what Prometheus scrapes.

Two sources. Per-request counters and latencies (web/request_log.py) live in each gunicorn worker; with
PROMETHEUS_MULTIPROC_DIR set (ops/gunicorn_config.py sets it) prometheus-client adds up every worker's files,
otherwise the worker that answers reports its own. Everything about the data (the outbox, complaints,
safeguarding flags, the scheduler's last sweep) is read from the database at scrape time, so any worker on any
host gives the same true figure, and the scheduler, a separate process, needs no metrics endpoint of its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from models.base import table_of
from models.complaints import Complaint
from models.drafts import ConversationDraft
from models.heartbeat import SchedulerHeartbeat
from models.outbox import OutboxMessage, OutboxStatus
from ops.health import STALE_AFTER
from reminders.heartbeat import SCHEDULER_NAME

outbox = table_of(OutboxMessage)
complaint = table_of(Complaint)
draft = table_of(ConversationDraft)
heartbeat = table_of(SchedulerHeartbeat)
OUTBOX_STATUSES = (OutboxStatus.PENDING, OutboxStatus.FAILED, OutboxStatus.SENT)


class DatabaseCollector(Collector):
    """Gauges read from the database when scraped: a handful of grouped counts."""

    def __init__(self, engine: Engine, now: datetime):
        self.engine, self.now = engine, now

    def collect(self) -> Iterator[Metric]:
        emails = GaugeMetricFamily(
            "outbox_emails", "Emails in the outbox, by status and kind", labels=["status", "kind"]
        )
        received = CounterMetricFamily("complaints_received", "Complaints received, by channel", labels=["channel"])
        awaiting = GaugeMetricFamily(
            "safeguarding_flags_awaiting_review",
            "Complaints and unsent conversations flagged for safeguarding that no one has reviewed yet",
            labels=["subject"],
        )
        last_sweep = GaugeMetricFamily(
            "scheduler_last_sweep_timestamp_seconds", "When the scheduler last finished a sweep"
        )
        duration = GaugeMetricFamily("scheduler_sweep_duration_seconds", "How long the scheduler's last sweep took")
        stale = GaugeMetricFamily("scheduler_stale", "1 when the scheduler has not swept for 5 minutes")
        up = GaugeMetricFamily("database_up", "1 when the database answered this scrape")
        try:
            by_kind, by_channel, flagged_complaints, flagged_drafts, beat = self._read()
        except SQLAlchemyError:
            # The request metrics are still worth having; the figures are left out rather than shown as zero.
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        for status, kind, count in by_kind:
            emails.add_metric([status, kind], count)
        for channel, count in by_channel:
            received.add_metric([channel], count)
        awaiting.add_metric(["complaint"], flagged_complaints)
        awaiting.add_metric(["draft"], flagged_drafts)
        if beat is not None:
            last_sweep.add_metric([], beat.last_sweep_at.timestamp())
            duration.add_metric([], beat.sweep_seconds)
        stale.add_metric([], 1 if beat is None or self.now - beat.last_sweep_at > STALE_AFTER else 0)
        yield from (up, emails, received, awaiting, last_sweep, duration, stale)

    def _read(self):
        with self.engine.connect() as connection:
            by_kind = connection.execute(
                select(outbox.c.status, outbox.c.template, func.count())
                .where(outbox.c.status.in_([s.value for s in OUTBOX_STATUSES]))
                .group_by(outbox.c.status, outbox.c.template)
            ).all()
            by_channel = connection.execute(
                select(complaint.c.channel, func.count()).group_by(complaint.c.channel)
            ).all()
            flagged_complaints = connection.execute(
                select(func.count()).where(
                    complaint.c.safeguarding_flag.is_(True), complaint.c.safeguarding_reviewed_at.is_(None)
                )
            ).scalar_one()
            # A draft sent as a complaint is counted once, as the complaint.
            flagged_drafts = connection.execute(
                select(func.count()).where(
                    and_(
                        draft.c.flagged_at.is_not(None),
                        draft.c.safeguarding_reviewed_at.is_(None),
                        draft.c.complaint_id.is_(None),
                    )
                )
            ).scalar_one()
            beat = connection.execute(
                select(heartbeat.c.last_sweep_at, heartbeat.c.sweep_seconds).where(heartbeat.c.name == SCHEDULER_NAME)
            ).first()
        return by_kind, by_channel, flagged_complaints, flagged_drafts, beat


def exposition(engine: Engine, now: datetime) -> bytes:
    """The Prometheus text format: this host's request metrics, then the database's figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
        request_text = generate_latest(requests)
    else:
        request_text = generate_latest(REGISTRY)
    figures = CollectorRegistry(auto_describe=False)
    figures.register(DatabaseCollector(engine, now))
    return request_text + generate_latest(figures)
