"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 09:37:20.756544
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learning_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_category")),
        sa.UniqueConstraint("slug", name=op.f("uq_learning_category_slug")),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("is_lac", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("manager_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("manager_email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("slug", name=op.f("uq_team_slug")),
    )
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("status_token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("received_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("complainant_role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("complainant_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("on_behalf_of", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("contact_method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("postal_address", sa.Text(), nullable=False),
        sa.Column("about_text", sa.Text(), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("wanted_outcome", sa.Text(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=True),
        sa.Column("happened_text", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("over_a_year_ago", sa.Boolean(), nullable=False),
        sa.Column("advocacy_requested", sa.Boolean(), nullable=True),
        sa.Column("safeguarding_flag", sa.Boolean(), nullable=False),
        sa.Column("routing_decision", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("routing_confidence", sa.Float(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("closed_at", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("purged_at", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('online', 'email', 'phone', 'letter', 'in-person', 'imported')", name="ck_complaint_channel"
        ),
        sa.CheckConstraint(
            "complainant_role IN ('child', 'care-leaver', 'parent', 'foster-carer', 'guardian-adopter', 'advocate', 'other')",
            name="ck_complaint_role",
        ),
        sa.CheckConstraint("routing_decision IN ('auto', 'triage', 'manual', 'imported')", name="ck_complaint_routing"),
        sa.CheckConstraint("status IN ('awaiting-triage', 'open', 'closed', 'withdrawn')", name="ck_complaint_status"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_complaint_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
        sa.UniqueConstraint("external_id", name=op.f("uq_complaint_external_id")),
        sa.UniqueConstraint("reference", name=op.f("uq_complaint_reference")),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_safeguarding_flag"), ["safeguarding_flag"], unique=False)
        batch_op.create_index("ix_complaint_status_team", ["status", "team_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_status_token_hash"), ["status_token_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_team_id"), ["team_id"], unique=False)

    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role <> 'manager' OR team_id IS NOT NULL", name="ck_staff_user_manager_team"),
        sa.CheckConstraint("role IN ('officer', 'manager', 'admin')", name="ck_staff_user_role"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_staff_user_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_user_email")),
    )
    op.create_table(
        "team_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.CheckConstraint(
            "kind IN ('official', 'former', 'variant', 'abbreviation', 'keyword')", name="ck_team_alias_kind"
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_team_alias_team_id_team"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_alias")),
        sa.UniqueConstraint("team_id", "kind", "text", name="uq_team_alias_team_kind_text"),
    )
    with op.batch_alter_table("team_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_alias_team_id"), ["team_id"], unique=False)

    op.create_table(
        "worker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("job_title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_worker_team_id_team"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker")),
        sa.UniqueConstraint("team_id", "name", name="uq_worker_team_name"),
    )
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_worker_team_id"), ["team_id"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_user.id"], name=op.f("fk_audit_event_actor_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_audit_event_complaint_id_complaint"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_complaint_at", ["complaint_id", "at"], unique=False)

    op.create_table(
        "stage_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("extended_to", sa.Date(), nullable=True),
        sa.Column("extension_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("late_request_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("response_summary", sa.Text(), nullable=False),
        sa.Column("panel_on", sa.Date(), nullable=True),
        sa.Column("report_on", sa.Date(), nullable=True),
        sa.CheckConstraint("extended_to IS NULL OR extension_reason <> ''", name="ck_stage_record_extension_reason"),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('upheld', 'partially-upheld', 'not-upheld', 'withdrawn', 'resolved-early')",
            name="ck_stage_record_outcome",
        ),
        sa.CheckConstraint("responded_on IS NULL OR responded_on >= received_on", name="ck_stage_record_response_date"),
        sa.CheckConstraint("stage IN (1, 2, 3, 4)", name="ck_stage_record_stage"),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_stage_record_complaint_id_complaint"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_stage_record_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_record")),
        sa.UniqueConstraint("complaint_id", "stage", name="uq_stage_record_complaint_stage"),
    )
    with op.batch_alter_table("stage_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stage_record_complaint_id"), ["complaint_id"], unique=False)
        batch_op.create_index("ix_stage_record_open_due", ["responded_on", "due_on"], unique=False)
        batch_op.create_index("ix_stage_record_stage_received", ["stage", "received_on"], unique=False)
        batch_op.create_index("ix_stage_record_team_stage_received", ["team_id", "stage", "received_on"], unique=False)

    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("template", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("send_after", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("claimed_at", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sent_at", models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("stage_record_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')", name="ck_outbox_message_status"
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_outbox_message_complaint_id_complaint"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stage_record_id"],
            ["stage_record.id"],
            name=op.f("fk_outbox_message_stage_record_id_stage_record"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_message_idempotency_key")),
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_message_complaint_id"), ["complaint_id"], unique=False)
        batch_op.create_index("ix_outbox_message_status_send_after", ["status", "send_after"], unique=False)

    op.create_table(
        "stage_learning",
        sa.Column("stage_record_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["learning_category.id"], name=op.f("fk_stage_learning_category_id_learning_category")
        ),
        sa.ForeignKeyConstraint(
            ["stage_record_id"],
            ["stage_record.id"],
            name=op.f("fk_stage_learning_stage_record_id_stage_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_record_id", "category_id", name=op.f("pk_stage_learning")),
    )
    with op.batch_alter_table("stage_learning", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stage_learning_category_id"), ["category_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("stage_learning", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stage_learning_category_id"))

    op.drop_table("stage_learning")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_message_status_send_after")
        batch_op.drop_index(batch_op.f("ix_outbox_message_complaint_id"))

    op.drop_table("outbox_message")
    with op.batch_alter_table("stage_record", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_record_team_stage_received")
        batch_op.drop_index("ix_stage_record_stage_received")
        batch_op.drop_index("ix_stage_record_open_due")
        batch_op.drop_index(batch_op.f("ix_stage_record_complaint_id"))

    op.drop_table("stage_record")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_complaint_at")

    op.drop_table("audit_event")
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_worker_team_id"))

    op.drop_table("worker")
    with op.batch_alter_table("team_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_alias_team_id"))

    op.drop_table("team_alias")
    op.drop_table("staff_user")
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_team_id"))
        batch_op.drop_index(batch_op.f("ix_complaint_status_token_hash"))
        batch_op.drop_index("ix_complaint_status_team")
        batch_op.drop_index(batch_op.f("ix_complaint_safeguarding_flag"))

    op.drop_table("complaint")
    op.drop_table("team")
    op.drop_table("learning_category")
