"""team.public_name: the team as a child or young person is told it; complaint.advocate_name

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 15:45:00

Official team names ("Child Protection and Proceedings", "Children in Need (CIN)") are for grown-ups and staff;
the chat, the sent and status pages and the acknowledgement email name the team to a child or care leaver in
everyday words kept here. Existing teams get "" (a general phrase is used until the directory fills it in).
complaint.advocate_name: who their advocate is, when our reply goes through them.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.add_column(
            sa.Column("public_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False, server_default="")
        )

    with op.batch_alter_table("complaint") as batch:
        batch.add_column(
            sa.Column("advocate_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("complaint") as batch:
        batch.drop_column("advocate_name")
    with op.batch_alter_table("team") as batch:
        batch.drop_column("public_name")
