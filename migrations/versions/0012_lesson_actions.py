"""lesson_action: what will change because a complaint was upheld, with an owner, a due date and a status

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 18:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lesson_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stage_record_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('open', 'done', 'cancelled')", name="ck_lesson_action_status"),
        sa.CheckConstraint("status <> 'done' OR done_on IS NOT NULL", name="ck_lesson_action_done_on"),
        sa.ForeignKeyConstraint(
            ["stage_record_id"],
            ["stage_record.id"],
            name=op.f("fk_lesson_action_stage_record_id_stage_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["staff_user.id"], name=op.f("fk_lesson_action_owner_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_lesson_action_created_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_action")),
    )
    with op.batch_alter_table("lesson_action", schema=None) as batch_op:
        batch_op.create_index("ix_lesson_action_status_due", ["status", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_lesson_action_stage_record_id"), ["stage_record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lesson_action_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("lesson_action")
