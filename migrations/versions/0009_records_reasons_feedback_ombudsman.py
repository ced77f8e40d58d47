"""Records: procedure, advocate, equalities, reasons, cost, the Ombudsman's decision and remedy, feedback

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 18:00:00

- complaint: `procedure` (statutory, or corporate with the council's own timescales), `via_advocate`, and the
  optional equalities answers (`age_band`, `gender`, `ethnicity`, `disability`; "" when not given); the role
  `not-recorded` for imported history that does not say who complained.
- stage_record: `cost` in pounds; on the Ombudsman stage its `ombudsman_reference`, `ombudsman_decision`,
  `remedy`, `remedy_amount`, and the days the remedy is due and was done.
- reason_category and stage_reason: what a complaint was about, mirroring learning_category and stage_learning.
- feedback: compliments, enquiries and the rest that are not complaints.
- A fresh database gets a default list of reason and lesson categories (a database that already has lessons
  keeps its own; slugs already there are left alone), so the documented `reasons` and `learning` import columns
  work before anyone adds one. The lists are frozen here: later changes are made by admins, not migrations.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ROLES_BEFORE = ("child", "care-leaver", "parent", "foster-carer", "guardian-adopter", "advocate", "other")
ROLES_AFTER = (*ROLES_BEFORE, "not-recorded")
DECISIONS = (
    "not-investigated",
    "premature",
    "closed-after-initial-enquiries",
    "upheld",
    "partly-upheld",
    "not-upheld",
)
FEEDBACK_KINDS = (
    "compliment",
    "enquiry",
    "mp-enquiry",
    "councillor-enquiry",
    "pre-complaint",
    "professional-complaint",
)
DEFAULT_REASONS = (
    ("staff-conduct", "Staff conduct or attitude"),
    ("communication", "Communication"),
    ("service-quality", "Quality of service"),
    ("accuracy-of-information", "Accuracy of information or records"),
    ("decisions", "Decisions about a child or family"),
    ("delay", "Delay"),
    ("service-not-provided", "Service not provided"),
    ("contact-arrangements", "Contact arrangements"),
    ("placement", "Placement"),
    ("financial-support", "Financial support"),
    ("assessment", "Assessment"),
    ("policy-procedure", "Policy or procedure"),
)
DEFAULT_LESSONS = (
    ("poor-communication", "Poor communication - lack of response to emails or requests for information"),
    ("delays", "Delays completing claims, assessments or referrals"),
    ("failure-to-act", "Failure or delay completing agreed actions"),
)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _load_defaults(table: sa.Table, rows) -> None:
    existing = set(op.get_bind().execute(sa.select(table.c.slug)).scalars())
    missing = [{"slug": slug, "label": label, "active": True} for slug, label in rows if slug not in existing]
    if missing:
        op.bulk_insert(table, missing)


def upgrade() -> None:
    reason = op.create_table(
        "reason_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reason_category")),
        sa.UniqueConstraint("slug", name=op.f("uq_reason_category_slug")),
    )
    op.create_table(
        "stage_reason",
        sa.Column("stage_record_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["reason_category.id"], name=op.f("fk_stage_reason_category_id_reason_category")
        ),
        sa.ForeignKeyConstraint(
            ["stage_record_id"],
            ["stage_record.id"],
            name=op.f("fk_stage_reason_stage_record_id_stage_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_record_id", "category_id", name=op.f("pk_stage_reason")),
    )
    with op.batch_alter_table("stage_reason") as batch:
        batch.create_index(batch.f("ix_stage_reason_category_id"), ["category_id"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(_in("kind", FEEDBACK_KINDS), name="ck_feedback_kind"),
        sa.CheckConstraint("responded_on IS NULL OR responded_on >= received_on", name="ck_feedback_response_date"),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff_user.id"], name=op.f("fk_feedback_recorded_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_feedback_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback") as batch:
        batch.create_index("ix_feedback_kind_received", ["kind", "received_on"], unique=False)
        batch.create_index(batch.f("ix_feedback_team_id"), ["team_id"], unique=False)

    with op.batch_alter_table("complaint") as batch:
        batch.add_column(
            sa.Column(
                "procedure", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default="statutory"
            )
        )
        batch.add_column(sa.Column("via_advocate", sa.Boolean(), nullable=True))
        for name in ("age_band", "gender", "ethnicity", "disability"):
            batch.add_column(
                sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False, server_default="")
            )
        batch.drop_constraint("ck_complaint_role", type_="check")
        batch.create_check_constraint("ck_complaint_role", _in("complainant_role", ROLES_AFTER))
        batch.create_check_constraint("ck_complaint_procedure", _in("procedure", ("statutory", "corporate")))

    with op.batch_alter_table("stage_record") as batch:
        batch.add_column(sa.Column("cost", sa.Numeric(10, 2), nullable=True))
        batch.add_column(
            sa.Column(
                "ombudsman_reference", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False, server_default=""
            )
        )
        batch.add_column(sa.Column("ombudsman_decision", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
        batch.add_column(sa.Column("remedy", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("remedy_amount", sa.Numeric(10, 2), nullable=True))
        batch.add_column(sa.Column("remedy_due_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("remedy_done_on", sa.Date(), nullable=True))
        batch.create_check_constraint(
            "ck_stage_record_ombudsman_decision",
            "ombudsman_decision IS NULL OR " + _in("ombudsman_decision", DECISIONS),
        )

    _load_defaults(reason, DEFAULT_REASONS)
    lessons = sa.table(
        "learning_category",
        sa.column("slug", sa.String),
        sa.column("label", sa.String),
        sa.column("active", sa.Boolean),
    )
    if op.get_bind().execute(sa.select(sa.func.count()).select_from(lessons)).scalar() == 0:
        _load_defaults(lessons, DEFAULT_LESSONS)


def downgrade() -> None:
    with op.batch_alter_table("stage_record") as batch:
        batch.drop_constraint("ck_stage_record_ombudsman_decision", type_="check")
        for name in (
            "remedy_done_on",
            "remedy_due_on",
            "remedy_amount",
            "remedy",
            "ombudsman_decision",
            "ombudsman_reference",
            "cost",
        ):
            batch.drop_column(name)
    op.execute("UPDATE complaint SET complainant_role = 'other' WHERE complainant_role = 'not-recorded'")
    with op.batch_alter_table("complaint") as batch:
        batch.drop_constraint("ck_complaint_procedure", type_="check")
        batch.drop_constraint("ck_complaint_role", type_="check")
        batch.create_check_constraint("ck_complaint_role", _in("complainant_role", ROLES_BEFORE))
        for name in ("disability", "ethnicity", "gender", "age_band", "via_advocate", "procedure"):
            batch.drop_column(name)
    with op.batch_alter_table("feedback") as batch:
        batch.drop_index(batch.f("ix_feedback_team_id"))
        batch.drop_index("ix_feedback_kind_received")
    op.drop_table("feedback")
    with op.batch_alter_table("stage_reason") as batch:
        batch.drop_index(batch.f("ix_stage_reason_category_id"))
    op.drop_table("stage_reason")
    op.drop_table("reason_category")
