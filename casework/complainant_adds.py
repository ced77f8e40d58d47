"""What the complainant adds after sending, through their private link: more words, a file, or both.

The same checks as staff uploads (casework/files.py); the words and file land in the complaint's log as one
entry, and the audit trail says the complainant added something (counted, never copied).
"""

from __future__ import annotations

from datetime import datetime
from typing import IO

from sqlmodel import Session

from casework import audit, files
from casework.actions import ActionRefused
from models.audit import Action
from models.base import require_id
from models.complaints import Complaint
from models.records import CaseEntry, Direction, EntryKind
from settings import Settings

MAX_ADDED = 5_000
NOTHING = "Write something or choose a file to add."
TOO_LONG = f"That's a lot to read! Please keep it to {MAX_ADDED:,} characters, or add it in two parts."


def add_from_complainant(
    session: Session,
    settings: Settings,
    now: datetime,
    complaint: Complaint,
    text: str,
    upload: tuple[str, IO[bytes]] | None,
) -> CaseEntry:
    """Keep what they added. ActionRefused (field "text" or "file") says what to change; nothing is kept then."""
    text = (text or "").strip()
    if not text and upload is None:
        raise ActionRefused(NOTHING, "text")
    if len(text) > MAX_ADDED:
        raise ActionRefused(TOO_LONG, "text")
    checked = files.check_file(settings, upload[0], upload[1]) if upload is not None else None
    entry = CaseEntry(
        complaint_id=require_id(complaint),
        kind=EntryKind.MESSAGE.value,
        direction=Direction.IN.value,
        channel="online",
        happened_at=now,
        summary="They added more information" if text else "They added a file",
        body=text,
        by_label="complainant",
    )
    session.add(entry)
    session.flush()
    kept = files.keep(session, settings, complaint, checked, by="complainant", entry_id=entry.id) if checked else None
    audit.record(
        session,
        "complainant",
        complaint,
        Action.ADDED_BY_COMPLAINANT,
        after={"entry": entry.id, "characters": len(text), "file": kept.id if kept else None},
    )
    return entry
