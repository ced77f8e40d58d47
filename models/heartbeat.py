"""The scheduler's heartbeat: one row per scheduler name, written after every sweep by the one that holds the lock.

/healthz, /metrics and the staff banner read it to tell whether reminders and safeguarding alerts are going out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, String
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime


class SchedulerHeartbeat(SQLModel, table=True):
    __tablename__ = "scheduler_heartbeat"

    name: str = Field(sa_column=Column(String(60), primary_key=True))
    # Which process swept (host:pid:random), so an operator can see which of two schedulers is the active one.
    holder: str = Field(max_length=200)
    last_sweep_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sweep_seconds: float = Field(default=0.0)
