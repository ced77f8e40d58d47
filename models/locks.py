"""A leased lock row: on SQLite it keeps a second scheduler idle (PostgreSQL uses an advisory lock)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, String
from sqlmodel import Field

from models.base import SQLModel
from models.types import UTCDateTime


class Lease(SQLModel, table=True):
    __tablename__ = "lease"

    name: str = Field(sa_column=Column(String(60), primary_key=True))
    holder: str = Field(max_length=200)
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
