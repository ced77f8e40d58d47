"""Telling the complainant at each stage event, the way they chose (reminders/policy.py says which way is which).

A stage 2 or 3 received (with the new reply-by date) and an extension (with the new date and the reason) each
write a letter from its template (casework/letters.py) into the complaint's log: emailed through the outbox, or
left in the officers' "to post" list as a PDF (post), or marked "to phone". Nobody is written to who asked for
no contact; their status page shows every event. The response itself is the officer's response letter.
"""

from __future__ import annotations

from casework import audit, letters
from casework.actions import ActionContext
from models.audit import Action
from models.complaints import Complaint, StageRecord
from models.records import CaseEntry, Delivery
from reminders.policy import Route, StageEvent, route_for


def stage_event(ctx: ActionContext, complaint: Complaint, record: StageRecord, event: StageEvent) -> CaseEntry | None:
    """Write and send (or queue) the letter for `event`; None when they asked for no contact. Flushes."""
    route = route_for(
        complaint.contact_method,
        has_email=bool(complaint.email.strip()),
        has_address=bool(complaint.postal_address.strip()),
    )
    if route is Route.NONE:
        return None
    written = letters.draft(ctx.session, complaint, ctx.settings, ctx.today, event.letter, "The complaints team")
    entry = letters.new_letter_entry(
        complaint,
        slug=event.letter,
        stage=record.stage,
        subject=written.subject,
        body=written.body,
        at=ctx.now,
        by=None,
    )
    entry.channel = "email" if route is Route.EMAIL else "letter"
    entry.delivery = {Route.POST: Delivery.TO_POST, Route.PHONE: Delivery.TO_PHONE}.get(route, Delivery.DRAFT).value
    ctx.session.add(entry)
    ctx.session.flush()
    if route is Route.EMAIL:
        letters.queue_letter_email(ctx.session, complaint, entry, ctx.settings, ctx.now)
    ctx.session.flush()
    audit.record(
        ctx.session,
        "system",
        complaint,
        Action.COMPLAINANT_TOLD,
        after={"event": event.kind, "route": route.value, "entry": entry.id},
    )
    return entry
