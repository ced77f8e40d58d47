"""directory_version: one number every change to the team directory stamps

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 16:00:00

Each worker process keeps the router and the team list it built from the directory and checks this one row per
request, instead of three aggregate queries over teams, aliases and workers. The models stamp it on every change
(models/teams.py); the row starts with a number so a process's first read has one to keep.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "directory_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": secrets.randbits(62)}])


def downgrade() -> None:
    op.drop_table("directory_version")
