"""complaint.language: the language the person complained in

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 19:00:00

The chat, the public pages and the complainant's emails can be in a second language (docs/languages.md). The
complaint keeps which one the person used, so their emails speak it and staff know to reply in it. Every
complaint made before this is English.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaint") as batch:
        batch.add_column(
            sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False, server_default="en")
        )


def downgrade() -> None:
    with op.batch_alter_table("complaint") as batch:
        batch.drop_column("language")
