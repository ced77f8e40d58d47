"""The complaints' full-text index, in the database itself: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

One row per complaint, built from `SOURCES`: the fields of the complaint and of the rows that belong to it whose
words staff search by. To make another kind of text searchable (case notes, say), add one `TextSource` line for
its table; the session hook below keeps its complaints' rows current from then on.

Kept in step by the code, not by database triggers: every write goes through an ORM session (the chat, staff
actions, the importer, the purge), and a session hook rebuilds the row of each complaint whose searchable text
changed, in the same transaction. Triggers would have to be written twice (SQLite and PL/pgSQL), rewritten by a
migration for every new source, and would build the document in SQL that cannot normalise a phone number the way
the search box does. Bulk Core inserts (a benchmark's 100,000 rows) call `reindex()` themselves.

The index holds only what the complaint holds: when the purge blanks a complaint's personal data, the hook
rebuilds its row from the blanks, so nobody finds it by what was erased (`compact()` then merges SQLite's
segments so the old words are gone from the file, not just hidden).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, column, event, inspect, select, table, text
from sqlmodel import Session

SEARCH_TABLE = "complaint_search"
IDENTIFIERS, NAMES, WORDS = "identifiers", "names", "words"
GROUPS = (IDENTIFIERS, NAMES, WORDS)


@dataclass(frozen=True)
class TextSource:
    """Columns of `table` (a row of which belongs to the complaint whose id is in `key`) searched as `group`.

    Groups: identifiers (exact things read out or copied: reference, ids, email, phone, address), names (people),
    words (what was written, in everyday language; stemmed on PostgreSQL so "moved" finds "moving").
    """

    table: str
    key: str
    group: str
    columns: tuple[str, ...]


SOURCES: tuple[TextSource, ...] = (
    TextSource(
        "complaint",
        "id",
        IDENTIFIERS,
        ("reference", "external_id", "email", "phone", "postal_address", "safe_contact"),
    ),
    TextSource("complaint", "id", NAMES, ("complainant_name", "on_behalf_of", "advocate_name")),
    TextSource("complaint", "id", WORDS, ("about_text", "what_happened", "wanted_outcome")),
    TextSource("stage_record", "complaint_id", WORDS, ("response_summary",)),
    # Case notes, calls, meetings, letters and what the complainant added (casework/correspondence.py).
    TextSource("case_entry", "complaint_id", WORDS, ("summary", "body")),
)

# A phone number as typed in a search box or a form: digits, spaces, brackets, dashes, a leading +.
_PHONE = re.compile(r"^\+?[\d\s()-]{6,}$")


def phone_digits(value: str) -> str:
    """One form of a phone number for matching: digits only, +44 read as 0 ("+44 7700 900123" is "07700900123")."""
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+44") or (digits.startswith("44") and len(digits) == 12):
        digits = "0" + digits[2:]
    return digits


def looks_like_phone(value: str) -> bool:
    return bool(_PHONE.match(value.strip())) and len(re.sub(r"\D", "", value)) >= 6


@dataclass
class Document:
    identifiers: list[str]
    names: list[str]
    words: list[str]

    def add(self, group: str, value: object) -> None:
        if isinstance(value, str) and value.strip():
            getattr(self, group).append(value)
            if group == IDENTIFIERS and looks_like_phone(value):
                self.identifiers.append(phone_digits(value))  # found whichever way the number is typed

    def texts(self) -> dict[str, str]:
        return {group: "\n".join(getattr(self, group)) for group in GROUPS}


def build_documents(
    connection: Connection, complaint_ids: Sequence[int], sources: Sequence[TextSource] = SOURCES
) -> dict[int, Document]:
    """The searchable text of each complaint in `complaint_ids` that still exists, one read per table."""
    by_table: dict[str, list[TextSource]] = {}
    for source in sources:
        by_table.setdefault(source.table, []).append(source)
    documents: dict[int, Document] = {}
    # The complaint table first: it decides which complaints exist.
    for name in sorted(by_table, key=lambda name: name != "complaint"):
        group = by_table[name]
        key = group[0].key
        columns = [column for source in group for column in source.columns]
        rows = table(name, column(key), *(column(c) for c in dict.fromkeys(columns)))
        statement = select(rows).where(rows.c[key].in_(list(complaint_ids)))
        for row in connection.execute(statement).mappings():
            owner = row[key]
            if name == "complaint":
                documents[owner] = Document([], [], [])
            document = documents.get(owner)
            if document is None:
                continue
            for source in group:
                for name_ in source.columns:
                    document.add(source.group, row[name_])
    return documents


def write_documents(connection: Connection, complaint_ids: Sequence[int], documents: dict[int, Document]) -> None:
    """Make the index rows of `complaint_ids` say `documents` (a complaint with no document loses its row)."""
    gone = [owner for owner in complaint_ids if owner not in documents]
    rows = [{"id": owner, **document.texts()} for owner, document in documents.items()]
    if connection.dialect.name == "postgresql":
        if gone:
            connection.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE complaint_id = ANY(:ids)"), {"ids": gone})
        if rows:
            connection.execute(
                text(
                    f"INSERT INTO {SEARCH_TABLE} (complaint_id, document) VALUES (:id, "
                    # Identifiers and names as written (no stop words: a person may be called Will or May);
                    # names and words also stemmed in English, matching what `casework.search` asks for.
                    "to_tsvector('simple', :identifiers || ' ' || :names)"
                    " || to_tsvector('english', :names || ' ' || :words)) "
                    "ON CONFLICT (complaint_id) DO UPDATE SET document = excluded.document"
                ),
                rows,
            )
        return
    for start in range(0, len(gone), 500):  # SQLite's limit on bound values in one statement
        chunk = gone[start : start + 500]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        connection.execute(
            text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN ({marks})"),
            {f"i{n}": value for n, value in enumerate(chunk)},
        )
    if rows:
        connection.execute(
            text(
                f"INSERT OR REPLACE INTO {SEARCH_TABLE} (rowid, identifiers, names, words)"
                " VALUES (:id, :identifiers, :names, :words)"
            ),
            rows,
        )


def reindex(
    connection: Connection, complaint_ids: Iterable[int] | None = None, sources: Sequence[TextSource] = SOURCES
) -> int:
    """Rebuild the rows of these complaints (every complaint when None), in batches; returns how many were built."""
    if complaint_ids is None:
        complaint_ids = connection.execute(text("SELECT id FROM complaint ORDER BY id")).scalars().all()
    ids = list(complaint_ids)
    built = 0
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        documents = build_documents(connection, chunk, sources)
        write_documents(connection, chunk, documents)
        built += len(documents)
    return built


def compact(connection: Connection) -> None:
    """Merge SQLite's index segments, so words of deleted or rewritten rows leave the file (after a purge).

    PostgreSQL's rows are rewritten in place of the old ones; VACUUM, which runs by itself, reclaims them.
    """
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('optimize')"))


def create(connection: Connection) -> None:
    """The index's table (for a migration)."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                f"CREATE TABLE {SEARCH_TABLE} ("
                "complaint_id integer PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE, "
                "document tsvector NOT NULL)"
            )
        )
        connection.execute(text(f"CREATE INDEX ix_{SEARCH_TABLE}_document ON {SEARCH_TABLE} USING gin (document)"))
    else:
        # porter: "moving" finds "moved"; remove_diacritics: "Zoe" finds "Zoë". The rowid is the complaint's id.
        connection.execute(
            text(
                f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
                "identifiers, names, words, tokenize = 'porter unicode61 remove_diacritics 2')"
            )
        )


def drop(connection: Connection) -> None:
    connection.execute(text(f"DROP TABLE IF EXISTS {SEARCH_TABLE}"))


def is_index_table(name: str | None) -> bool:
    """The index and SQLite's shadow tables behind it, which no model describes (Alembic leaves them alone)."""
    return bool(name) and (name == SEARCH_TABLE or str(name).startswith(f"{SEARCH_TABLE}_"))


# The session hook: which complaints' text a flush changed.
_SOURCES_BY_TABLE: dict[str, list[TextSource]] = {}
for _source in SOURCES:
    _SOURCES_BY_TABLE.setdefault(_source.table, []).append(_source)


def _document_of_new(row: object) -> Document:
    """A complaint added in this flush: its words are all in memory (nothing of it is in the database yet)."""
    document = Document([], [], [])
    for source in _SOURCES_BY_TABLE["complaint"]:
        for name in source.columns:
            document.add(source.group, getattr(row, name, None))
    return document


def _changed(session: Session) -> tuple[dict[int, Document], set[int]]:
    """Complaints added in this flush, with their documents; and the other complaints whose words changed."""
    added = {
        row.id: _document_of_new(row)
        for row in session.new
        if getattr(row, "__tablename__", "") == "complaint" and getattr(row, "id", None) is not None
    }
    changed: set[int] = set()
    for state, rows in (("new", session.new), ("dirty", session.dirty), ("deleted", session.deleted)):
        for row in rows:
            name = getattr(row, "__tablename__", "")
            sources = _SOURCES_BY_TABLE.get(name)
            if not sources or (state == "new" and name == "complaint"):
                continue
            columns = {c for source in sources for c in source.columns}
            key = sources[0].key
            if state == "dirty":
                attributes = inspect(row).attrs
                if not any(attributes[name].history.has_changes() for name in (*columns, key)):
                    continue  # a status or date changed: the text is the same
                before = attributes[key].history.deleted
                changed.update(value for value in before if value is not None)
            elif state == "new" and not any(getattr(row, name, None) for name in columns):
                continue  # a new stage with no response yet adds no words
            owner = getattr(row, key, None)
            if owner in added and state == "new":
                for source in sources:  # a row added with its complaint, in the same flush
                    for column_name in source.columns:
                        added[owner].add(source.group, getattr(row, column_name, None))
            elif owner is not None:
                changed.add(owner)
    return added, changed - set(added)


@event.listens_for(Session, "after_flush")
def _reindex_after_flush(session: Session, _context) -> None:
    added, changed = _changed(session)
    if not (added or changed):
        return
    connection = session.connection()
    documents = dict(added)
    if changed:
        documents.update(build_documents(connection, sorted(changed)))
    write_documents(connection, sorted({*added, *changed}), documents)
