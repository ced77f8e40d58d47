"""case_entry, attachment, letter_template: a complaint's notes and correspondence, its files, letter wordings

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 17:35:28

The log of notes, calls, meetings, letters and what the complainant adds (case_entry); files kept with a
complaint, their bytes outside the database (attachment); an admin's wording of a letter (letter_template: with
no row, the default wording in casework/letters.py is used, so a fresh database needs no data).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_letter_template_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template")),
        sa.UniqueConstraint("slug", name=op.f("uq_letter_template_slug")),
    )
    op.create_table(
        "case_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("direction", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("happened_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("letter_kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=True),
        sa.Column("delivery", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("outbox_message_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("by_label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("posted_at", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "delivery IN ('', 'draft', 'emailed', 'to-post', 'posted', 'to-phone')", name="ck_case_entry_delivery"
        ),
        sa.CheckConstraint("direction IN ('in', 'out', 'internal')", name="ck_case_entry_direction"),
        sa.CheckConstraint(
            "kind IN ('note', 'call', 'meeting', 'email', 'letter', 'message')", name="ck_case_entry_kind"
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_case_entry_complaint_id_complaint"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outbox_message_id"],
            ["outbox_message.id"],
            name=op.f("fk_case_entry_outbox_message_id_outbox_message"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"], name=op.f("fk_case_entry_staff_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_entry")),
    )
    with op.batch_alter_table("case_entry", schema=None) as batch_op:
        batch_op.create_index("ix_case_entry_complaint_at", ["complaint_id", "happened_at"], unique=False)
        batch_op.create_index("ix_case_entry_delivery", ["delivery"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("scan", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("by_label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_attachment_complaint_id_complaint"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["case_entry.id"], name=op.f("fk_attachment_entry_id_case_entry"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"], name=op.f("fk_attachment_staff_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_attachment_storage_key")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_complaint_id"), ["complaint_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_complaint_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("case_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_case_entry_delivery")
        batch_op.drop_index("ix_case_entry_complaint_at")

    op.drop_table("case_entry")
    op.drop_table("letter_template")
