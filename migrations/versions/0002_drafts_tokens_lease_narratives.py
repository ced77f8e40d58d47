"""drafts, reset tokens, scheduler lease, report narratives, assigned officer

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:44:15.351573
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lease",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("holder", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("expires_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_lease")),
    )
    op.create_table(
        "password_reset_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_user.id"],
            name=op.f("fk_password_reset_token_staff_user_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_reset_token_token_hash")),
    )
    with op.batch_alter_table("password_reset_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_password_reset_token_staff_user_id"), ["staff_user_id"], unique=False)

    op.create_table(
        "report_narrative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_label", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_report_narrative_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_narrative")),
        sa.UniqueConstraint("year_label", "section", name="uq_report_narrative_year_section"),
    )
    op.create_table(
        "conversation_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("current_step", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_conversation_draft_complaint_id_complaint"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_draft")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_conversation_draft_token_hash")),
    )
    with op.batch_alter_table("conversation_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_draft_expires_at"), ["expires_at"], unique=False)

    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_officer_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_complaint_assigned_officer_id"), ["assigned_officer_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_complaint_assigned_officer_id_staff_user"), "staff_user", ["assigned_officer_id"], ["id"]
        )

    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("session_version")

    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_complaint_assigned_officer_id_staff_user"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_complaint_assigned_officer_id"))
        batch_op.drop_column("assigned_officer_id")

    with op.batch_alter_table("conversation_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_draft_expires_at"))

    op.drop_table("conversation_draft")
    op.drop_table("report_narrative")
    with op.batch_alter_table("password_reset_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_reset_token_staff_user_id"))

    op.drop_table("password_reset_token")
    op.drop_table("lease")
