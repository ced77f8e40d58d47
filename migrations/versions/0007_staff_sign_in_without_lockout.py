"""staff sign-in: no account lock-out columns

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:00:00

Failed sign-ins are now counted per account and address in the rate limiter's shared store
(casework/views/sign_in_throttle.py): a lock on the account itself let any stranger lock staff out, and told
them the account existed. The columns that held that lock go.
"""

import sqlalchemy as sa
from alembic import op

import models.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")


def downgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", models.types.UTCDateTime(timezone=True), nullable=True))
