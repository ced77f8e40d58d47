"""complaint_search: the complaints' full-text index (FTS5 on SQLite, tsvector and GIN on PostgreSQL);
complaint.child_consent

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 18:00:00

No model describes the table (an FTS5 table is not an ordinary one); models/search_index.py creates, fills and
keeps it, and migrations/__init__.py's `include_name` keeps Alembic's comparison away from it. The fill below
uses the sources as they are at this revision, so a later source (case notes) fills its own words in its own
migration.
Indexes on complaint.received_at and closed_at for search's date filters and the closed list.
complaint.child_consent: whether the child agreed to a complaint made for them (staff record it when they log one).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from models import search_index

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SOURCES = (
    search_index.TextSource(
        "complaint",
        "id",
        search_index.IDENTIFIERS,
        ("reference", "external_id", "email", "phone", "postal_address", "safe_contact"),
    ),
    search_index.TextSource(
        "complaint", "id", search_index.NAMES, ("complainant_name", "on_behalf_of", "advocate_name")
    ),
    search_index.TextSource("complaint", "id", search_index.WORDS, ("about_text", "what_happened", "wanted_outcome")),
    search_index.TextSource("stage_record", "complaint_id", search_index.WORDS, ("response_summary",)),
)


def upgrade() -> None:
    with op.batch_alter_table("complaint") as batch:
        batch.add_column(
            sa.Column("child_consent", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default="")
        )
    op.create_index("ix_complaint_received_at", "complaint", ["received_at"])
    op.create_index("ix_complaint_closed_at", "complaint", ["closed_at"])
    connection = op.get_bind()
    search_index.create(connection)
    search_index.reindex(connection, sources=SOURCES)


def downgrade() -> None:
    search_index.drop(op.get_bind())
    op.drop_index("ix_complaint_closed_at", table_name="complaint")
    op.drop_index("ix_complaint_received_at", table_name="complaint")
    with op.batch_alter_table("complaint") as batch:
        batch.drop_column("child_consent")
