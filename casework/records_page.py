"""What the case page's notes, correspondence, files and letters section shows, built from the logic's data so
templates/casework/_records.html only draws it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from sqlmodel import Session

from casework import correspondence, files
from casework.correspondence import LogItem, direction_items, kind_items
from casework.letter_wording import DEFAULT_LETTERS
from models.base import require_id
from models.complaints import Complaint


@dataclass(frozen=True)
class FileRow:
    id: int
    filename: str
    kind: str
    size: str
    by: str
    at: object
    scanned: bool


@dataclass(frozen=True)
class RecordsPanel:
    log: list[LogItem]
    files: list[FileRow]
    letter_items: list[dict[str, str]]
    kind_items: list[dict[str, object]]
    direction_items: list[dict[str, object]]


def records_panel(session: Session, complaint: Complaint, zone: tzinfo, form=None) -> RecordsPanel:
    complaint_id = require_id(complaint)
    rows = [
        FileRow(
            require_id(item),
            item.filename,
            files.type_words(item),
            files.size_words(item),
            item.by_label,
            item.created_at,
            item.scan == "clean",
        )
        for item in files.files_of(session, complaint_id)
    ]
    return RecordsPanel(
        log=correspondence.log_for(session, complaint, zone),
        files=rows,
        letter_items=[{"value": slug, "text": kind.name} for slug, kind in DEFAULT_LETTERS.items()],
        kind_items=kind_items(form.get("kind") if form else None),
        direction_items=direction_items(form.get("direction") if form else None),
    )
