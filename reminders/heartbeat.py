"""The active scheduler says it is alive after every sweep (models/heartbeat.py), whatever the sweep found."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from models.base import table_of
from models.heartbeat import SchedulerHeartbeat

heartbeat = table_of(SchedulerHeartbeat)
SCHEDULER_NAME = "reminders-scheduler"


def record_sweep(engine: Engine, holder: str, at: datetime, seconds: float, name: str = SCHEDULER_NAME) -> None:
    values = {"name": name, "holder": holder, "last_sweep_at": at, "sweep_seconds": seconds}
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(heartbeat).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=["name"], set_={k: statement.excluded[k] for k in ("holder", "last_sweep_at", "sweep_seconds")}
    )
    with engine.begin() as connection:
        connection.execute(statement)
