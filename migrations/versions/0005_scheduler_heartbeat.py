"""the scheduler's heartbeat, for /healthz, /metrics and the staff banner

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 15:50:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduler_heartbeat",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("holder", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("last_sweep_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sweep_seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("scheduler_heartbeat")
