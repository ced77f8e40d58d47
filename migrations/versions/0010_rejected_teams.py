"""complaint.rejected_teams: the teams the complainant said it is not

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 18:00:00

A child who answered "No" to "it sounds like this is the Child Protection team" must never find that team chosen
for them in triage: the chat's answer is kept on the complaint, as team slugs.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaint") as batch_op:
        batch_op.add_column(sa.Column("rejected_teams", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("complaint") as batch_op:
        batch_op.drop_column("rejected_teams")
