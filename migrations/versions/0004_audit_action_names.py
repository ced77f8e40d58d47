"""audit actions named "<thing>.<what happened>"

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 15:20:00

Data only: stored audit rows move from the old undotted names ("team-reassigned") to the names
`models.audit.Action` writes ("complaint.team-reassigned"), so the trail reads in one vocabulary. The rows'
who, when and what changed are untouched. The names are written out here, not imported, so this migration
does the same thing whatever the models say later.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RENAMED = (
    ("imported", "complaint.imported"),
    ("viewed", "complaint.viewed"),
    ("viewed-in-triage", "complaint.viewed-in-triage"),
    ("exported-subject-access", "complaint.subject-access-exported"),
    ("team-assigned", "complaint.team-assigned"),
    ("team-reassigned", "complaint.team-reassigned"),
    ("officer-assigned", "complaint.officer-assigned"),
    ("withdrawn", "complaint.withdrawn"),
    ("resolved-early", "complaint.resolved-early"),
    ("purged", "complaint.purged"),
    ("response-recorded", "stage.response-recorded"),
    ("extended", "stage.extended"),
    ("panel-recorded", "stage.panel-recorded"),
    ("escalated", "stage.escalated"),
    ("ombudsman-recorded", "stage.ombudsman-recorded"),
    ("ombudsman-decision-recorded", "stage.ombudsman-decision-recorded"),
    ("staff-created", "staff.created"),
    ("staff-added", "staff.added"),
    ("staff-enabled", "staff.enabled"),
    ("staff-disabled", "staff.disabled"),
    ("staff-locked", "staff.locked"),
    ("signed-in", "staff.signed-in"),
    ("password-reset-requested", "staff.password-reset-requested"),
    ("password-reset", "staff.password-reset"),
    ("report-narrative-saved", "report.narrative-saved"),
)

audit_event = sa.table("audit_event", sa.column("action", sa.String))


def upgrade() -> None:
    for old, new in RENAMED:
        op.execute(audit_event.update().where(audit_event.c.action == old).values(action=new))


def downgrade() -> None:
    for old, new in RENAMED:
        op.execute(audit_event.update().where(audit_event.c.action == new).values(action=old))
