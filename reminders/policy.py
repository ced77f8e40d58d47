"""Who is emailed about what, and when: the reminder policy as data.

Change the tables here, not the planner, when the council changes who gets which email.
A stage reminder's idempotency key is `stage:<id>:<kind>:<date>`, where the date is the deadline it is
about (the day received, for arrival emails): a changed deadline makes new keys, an unchanged one never
repeats. A team's email goes to the directory's manager address (that key) and to each active manager account of
the team (`stage:<id>:<kind>.staff-<account id>:<date>`). Complaint emails are keyed `complaint:<id>:<kind>`.

What an email says about dates is read when it is sent (reminders/freshness.py), not when it was planned, and a
sweep sends one moment per stage, the most urgent (`URGENCY`): after days without sending, "missed deadline"
goes and the "due today" and "due soon" it supersedes are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reminders.calendar import WorkingCalendar
from reminders.deadlines import DUE_SOON_WORKING_DAYS


class Audience(StrEnum):
    MANAGER = "manager"  # the stage's team: its directory manager_email and its active manager accounts
    OFFICER = "officer"  # the staff user the complaint is assigned to, once casework assigns one
    HEAD_OF_SERVICE = "head-of-service"  # settings.head_of_service_email
    DUTY_MANAGER = "duty-manager"  # settings.duty_manager_email
    COMPLAINANT = "complainant"  # complaint.email
    ACTION_OWNER = "action-owner"  # the staff account that owns a lesson action


class Moment(StrEnum):
    ARRIVAL = "arrival"  # the day the stage is received
    BEFORE = "before"  # `working_days` working days before the deadline
    ON_DAY = "on-day"  # the deadline itself
    AFTER = "after"  # `working_days` working days after the deadline: it was missed


@dataclass(frozen=True)
class StageReminder:
    kind: str  # unique; part of the idempotency key
    template: str  # templates/emails/<template>.txt and .html
    audience: Audience
    moment: Moment
    working_days: int = 0

    def target_day(self, calendar: WorkingCalendar, *, received: date, deadline: date) -> date:
        if self.moment is Moment.ARRIVAL:
            return received
        if self.moment is Moment.BEFORE:
            return calendar.subtract_working_days(deadline, self.working_days)
        if self.moment is Moment.ON_DAY:
            return deadline
        return calendar.add_working_days(deadline, self.working_days)

    def stale_day(self, calendar: WorkingCalendar, *, received: date, deadline: date, ack_days: int) -> date | None:
        """The first day this reminder no longer makes sense (None: never stale).

        A "due soon" planned on the deadline itself would be noise, and an arrival email for a stage
        imported weeks late would be too; the later reminders cover them.
        """
        if self.moment is Moment.ARRIVAL:
            return calendar.add_working_days(received, max(ack_days, 1))
        if self.moment is Moment.BEFORE:
            return deadline
        if self.moment is Moment.ON_DAY:
            return calendar.add_working_days(deadline, 1)
        return None

    @property
    def keyed_on_received(self) -> bool:
        return self.moment is Moment.ARRIVAL


STAGE_REMINDERS: tuple[StageReminder, ...] = (
    StageReminder("arrival-manager", "stage-arrived", Audience.MANAGER, Moment.ARRIVAL),
    StageReminder("arrival-officer", "stage-arrived", Audience.OFFICER, Moment.ARRIVAL),
    StageReminder("due-soon-manager", "due-soon", Audience.MANAGER, Moment.BEFORE, DUE_SOON_WORKING_DAYS),
    StageReminder("due-soon-officer", "due-soon", Audience.OFFICER, Moment.BEFORE, DUE_SOON_WORKING_DAYS),
    StageReminder("due-today-manager", "due-today", Audience.MANAGER, Moment.ON_DAY),
    StageReminder("due-today-officer", "due-today", Audience.OFFICER, Moment.ON_DAY),
    StageReminder("overdue-head", "overdue", Audience.HEAD_OF_SERVICE, Moment.AFTER, 1),
)
# The Ombudsman's remedy (reminders/remedies.py): the council must carry it out by the day the Ombudsman set
# (`remedy_due_on` on the Ombudsman stage). Keyed `remedy:<stage id>:<kind>:<due date>`; cancelled when the
# remedy is recorded as done or its date changes.
REMEDY_DUE_SOON_WORKING_DAYS = 10
REMEDY_REMINDERS: tuple[StageReminder, ...] = (
    StageReminder(
        "remedy-due-soon-manager", "remedy-due-soon", Audience.MANAGER, Moment.BEFORE, REMEDY_DUE_SOON_WORKING_DAYS
    ),
    StageReminder(
        "remedy-due-soon-officer", "remedy-due-soon", Audience.OFFICER, Moment.BEFORE, REMEDY_DUE_SOON_WORKING_DAYS
    ),
    StageReminder("remedy-due-today-manager", "remedy-due-today", Audience.MANAGER, Moment.ON_DAY),
    StageReminder("remedy-due-today-officer", "remedy-due-today", Audience.OFFICER, Moment.ON_DAY),
    StageReminder("remedy-overdue-head", "remedy-overdue", Audience.HEAD_OF_SERVICE, Moment.AFTER, 1),
)
REMEDY_TEMPLATES = tuple(sorted({r.template for r in REMEDY_REMINDERS}))
# Templates whose rows are about a deadline: cancelled when that deadline changes or the stage closes.
DEADLINE_TEMPLATES = tuple(sorted({r.template for r in STAGE_REMINDERS if not r.keyed_on_received}))
ARRIVAL_TEMPLATES = tuple(sorted({r.template for r in STAGE_REMINDERS if r.keyed_on_received}))
# The later the moment, the more urgent: of a stage's emails due in one sweep only the most urgent go.
MOMENT_ORDER = (Moment.ARRIVAL, Moment.BEFORE, Moment.ON_DAY, Moment.AFTER)
URGENCY = {r.template: MOMENT_ORDER.index(r.moment) for r in STAGE_REMINDERS}


@dataclass(frozen=True)
class ActionReminder:
    """A reminder about a lesson action's due date (reminders/lesson_actions.py), keyed
    `action:<id>:<kind>:<due date>` (a manager account's copy `action:<id>:<kind>.staff-<account id>:<due date>`)."""

    kind: str
    template: str
    audience: Audience  # ACTION_OWNER, or MANAGER for the team of the complaint the action came from
    moment: Moment  # BEFORE or AFTER the due date
    working_days: int


ACTION_REMINDERS: tuple[ActionReminder, ...] = (
    ActionReminder(
        "action-due-soon-owner", "action-due-soon", Audience.ACTION_OWNER, Moment.BEFORE, DUE_SOON_WORKING_DAYS
    ),
    ActionReminder("action-overdue-owner", "action-overdue", Audience.ACTION_OWNER, Moment.AFTER, 1),
    ActionReminder("action-overdue-manager", "action-overdue", Audience.MANAGER, Moment.AFTER, 1),
)
ACTION_TEMPLATES = tuple(sorted({r.template for r in ACTION_REMINDERS}))


@dataclass(frozen=True)
class ComplaintEmail:
    kind: str
    template: str
    audience: Audience
    urgent: bool = False  # sent at once, whatever the hour or day


ACKNOWLEDGEMENT = ComplaintEmail("acknowledgement", "acknowledgement", Audience.COMPLAINANT)
SAFEGUARDING_ALERT = ComplaintEmail("safeguarding-alert", "safeguarding-alert", Audience.DUTY_MANAGER, urgent=True)
COMPLAINT_EMAILS = (ACKNOWLEDGEMENT, SAFEGUARDING_ALERT)

# Safeguarding alerts queued by intake/disclosure.py the moment danger is reported, not by the planner:
# an answer in a conversation not sent yet (keyed `draft:<id>:safeguarding:<categories>`, one per new set of
# categories), and the status page's "I don't feel safe" button (`complaint:<id>:feels-unsafe:<minute>`, one per
# press, doubles within the same minute dropped).
DISCLOSURE_ALERT = "safeguarding-disclosure"
UNSAFE_ALERT = "safeguarding-unsafe"
# When a conversation the duty manager was already alerted about is sent, the complaint's own alert says only
# that it is now a complaint, with its reference (it replaces SAFEGUARDING_ALERT for that complaint).
NOW_SENT_ALERT = "safeguarding-now-sent"
# Every admin is told at once of a new staff account or a changed role (casework/staff_admin.py): an account
# nobody meant to give would read children's complaints until someone noticed.
STAFF_ACCOUNT_ALERT = "staff-account-changed"
URGENT_TEMPLATES = tuple(e.template for e in COMPLAINT_EMAILS if e.urgent) + (
    DISCLOSURE_ALERT,
    UNSAFE_ALERT,
    NOW_SENT_ALERT,
    STAFF_ACCOUNT_ALERT,
)

# A letter written from a template and sent by email (casework/letters.py): the officer's words are the body.
LETTER_EMAIL = "letter"
# Every email that goes to the complainant (or their advocate): the complaint's log lists these from the outbox.
COMPLAINANT_TEMPLATES = tuple(e.template for e in COMPLAINT_EMAILS if e.audience is Audience.COMPLAINANT) + (
    LETTER_EMAIL,
)


class Route(StrEnum):
    """How the complainant is told of a stage event, by the way they chose to hear from us."""

    EMAIL = "email"  # a letter from the template, emailed through the outbox
    POST = "post"  # the same letter as a PDF, waiting in the officers' "to post" list
    PHONE = "phone"  # the letter waits in the same list marked "to phone": an officer rings them
    NONE = "none"  # they asked for no contact: the status page shows it


# Contact method (models.complaints.ContactMethod) -> route. An advocate's email or address is the complaint's.
CONTACT_ROUTES = {
    "email": Route.EMAIL,
    "advocate": Route.EMAIL,
    "post": Route.POST,
    "phone": Route.PHONE,
    "none": Route.NONE,
}


def route_for(contact_method: str, *, has_email: bool, has_address: bool) -> Route:
    """The route for a complainant: an email route without an address falls back to post, then to a call."""
    route = CONTACT_ROUTES.get(contact_method, Route.NONE)
    if route is Route.EMAIL and not has_email:
        route = Route.POST if has_address else Route.PHONE
    if route is Route.POST and not has_address:
        route = Route.EMAIL if has_email else Route.PHONE
    return route


@dataclass(frozen=True)
class StageEvent:
    """A moment in a stage the complainant is told about, and the letter (casework/letters.py) that tells them."""

    kind: str  # part of the key: `stage:<id>:<kind>:<date>`, so each event is told once per date
    letter: str


# The letters are written from the templates an admin may edit; the response letters are written by the officer.
STAGE_RECEIVED = StageEvent("complainant-stage-received", "stage-received")  # stage 2 or 3, with the reply-by date
STAGE_EXTENDED = StageEvent("complainant-extended", "extension")  # the new date and the reason
STAGE_EVENTS = (STAGE_RECEIVED, STAGE_EXTENDED)

# Sending: how often a failed email is tried again, and when a claim by a crashed sweep is taken over.
MAX_ATTEMPTS = 6
RETRY_BACKOFF_MINUTES = (1, 5, 15, 60, 240)  # after attempt 1, 2, ...; the last value repeats
STALE_CLAIM_MINUTES = 10
