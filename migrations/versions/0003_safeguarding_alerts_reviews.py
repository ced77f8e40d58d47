"""safeguarding alerts at disclosure, reviews, safe contact

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 14:45:26.353345
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On SQLite the table is rebuilt with AUTOINCREMENT: a draft's id is in its alerts' keys and audit events,
    # which outlive it, so an id must never be given to a later draft (PostgreSQL sequences never reuse one).
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table(
        "conversation_draft",
        schema=None,
        recreate="always" if sqlite else "auto",
        table_kwargs={"sqlite_autoincrement": True},
    ) as batch_op:
        batch_op.add_column(sa.Column("flagged_at", models.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("safeguarding_categories", sa.JSON(), server_default=sa.text("'[]'"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("safeguarding_reviewed_at", models.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_conversation_draft_flagged_at"), ["flagged_at"], unique=False)

    op.create_table(
        "safeguarding_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "decision IN ('no-concern', 'referred-mash', 'referred-police', 'other-action')",
            name="ck_safeguarding_review_decision",
        ),
        sa.CheckConstraint("complaint_id IS NOT NULL OR draft_id IS NOT NULL", name="ck_safeguarding_review_subject"),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_safeguarding_review_complaint_id_complaint"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["conversation_draft.id"],
            name=op.f("fk_safeguarding_review_draft_id_conversation_draft"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["staff_user.id"], name=op.f("fk_safeguarding_review_reviewer_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_review")),
    )
    with op.batch_alter_table("safeguarding_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safeguarding_review_complaint_id"), ["complaint_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_safeguarding_review_draft_id"), ["draft_id"], unique=False)

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_event_draft_id"), ["draft_id"], unique=False)

    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("safeguarding_categories", sa.JSON(), server_default=sa.text("'[]'"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("safeguarding_reviewed_at", models.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("safe_contact", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("safe_contact_declined", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("safeguarding_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_review_draft_id"))
        batch_op.drop_index(batch_op.f("ix_safeguarding_review_complaint_id"))

    op.drop_table("safeguarding_review")

    with op.batch_alter_table("conversation_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_draft_flagged_at"))
        batch_op.drop_column("safeguarding_reviewed_at")
        batch_op.drop_column("safeguarding_categories")
        batch_op.drop_column("flagged_at")

    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_column("safe_contact_declined")
        batch_op.drop_column("safe_contact")
        batch_op.drop_column("safeguarding_reviewed_at")
        batch_op.drop_column("safeguarding_categories")

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_draft_id"))
        batch_op.drop_column("draft_id")
