"""A clock a test sets and moves on, for `app.config[web.context.CLOCK]`: pages read the time through it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class Clock:
    moment: datetime  # aware, UTC

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta
