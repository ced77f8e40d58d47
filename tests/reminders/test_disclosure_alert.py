"""The alert at the moment of disclosure, sent by the real sweep to a real SMTP server (aiosmtpd on 127.0.0.1).

A child who says something dangerous and then closes the tab must still reach the duty manager: the answer queues
the alert, and one sweep sends it, at any hour, naming the kinds of danger and the staff link, never the words.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from intake import disclosure
from intake.drafts import create_draft, save, state_of
from intake.engine import ConversationContext, Engine, RouteInfo
from intake.safeguarding import label
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage
from reminders.planner import plan_reminders
from reminders.sweep import send_due
from tests.factories import add_complaint, london
from tests.intake.drivers import ApiDriver
from wsgi import create_app

SATURDAY_NIGHT = london(date(2026, 12, 5), 23, 40)
WORDS = "my step dad hits me and i am scared to go home"


def text_of(message) -> str:
    parts = [part for part in message.walk() if part.get_content_type().startswith("text/")]
    return "\n".join(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8") for part in parts)


def flagged_draft(session: Session, settings, now: datetime, categories: list[str]) -> ConversationDraft:
    """A saved draft whose answers hold a disclosure, as the engine leaves them (`_flagged`, `_categories`)."""
    engine = Engine(ConversationContext(today=now.date(), route=lambda _text: RouteInfo(), teams=()))
    draft, _token = create_draft(session, engine, now)
    state = state_of(draft)
    state.answers.update({"what_happened": WORDS, "_flagged": True, "_categories": categories, "_danger": ["x"]})
    save(session, draft, state, now)
    disclosure.record(session, draft, state, settings, now)
    return draft


def test_a_draft_never_sent_reaches_the_duty_manager_in_one_sweep(smtp_settings, smtp_server, engine):
    smtp_server.start()
    client = create_app(smtp_settings).test_client()
    chat = ApiDriver(client)
    assert chat.say("role", "child") == (None, False)
    chat.say("about", "dont-know")
    error, safety = chat.say("what_happened", WORDS)
    assert error is None and safety
    # ...and the child closes the tab: nothing is ever sent.

    report = send_due(engine, smtp_settings, datetime.now(UTC) + timedelta(seconds=5))

    assert report.sent == 1
    [message] = smtp_server.inbox.messages
    assert message["To"] == smtp_settings.duty_manager_email
    assert message["Subject"].startswith("URGENT safeguarding check")
    body = text_of(message)
    with Session(engine) as session:
        draft = session.get(ConversationDraft, chat.id)
        assert draft.flagged_at is not None and draft.complaint_id is None
        assert draft.safeguarding_categories
    for slug in draft.safeguarding_categories:
        assert label(slug) in body
    assert f"{smtp_settings.base_url}/staff/disclosures/{chat.id}" in body
    for private in ("step dad", "hits", "scared", WORDS):
        assert private not in body.lower()


def test_safeguarding_ignores_office_hours(db_session, smtp_settings, smtp_server, engine):
    smtp_server.start()
    flagged_draft(db_session, smtp_settings, SATURDAY_NIGHT, ["self-harm"])
    db_session.commit()
    assert send_due(engine, smtp_settings, SATURDAY_NIGHT + timedelta(seconds=30)).sent == 1
    assert "Self-harm or suicide" in text_of(smtp_server.inbox.messages[0])


def test_one_alert_per_new_set_of_categories(db_session, smtp_settings, smtp_server, engine):
    smtp_server.start()
    now = SATURDAY_NIGHT
    draft = flagged_draft(db_session, smtp_settings, now, ["physical-harm"])
    state = state_of(draft)
    # The same answer saved again (a retry, a double click, a second tab): no second alert.
    for later in (1, 2):
        save(db_session, draft, state, now + timedelta(minutes=later))
        disclosure.record(db_session, draft, state, smtp_settings, now + timedelta(minutes=later))
    db_session.commit()
    assert send_due(engine, smtp_settings, now + timedelta(minutes=3)).sent == 1
    # A new kind of danger: a second alert, which says what is new.
    state.answers["_categories"] = ["neglect", "physical-harm"]
    save(db_session, draft, state, now + timedelta(minutes=4))
    disclosure.record(db_session, draft, state, smtp_settings, now + timedelta(minutes=4))
    disclosure.record(db_session, draft, state, smtp_settings, now + timedelta(minutes=5))
    db_session.commit()
    assert send_due(engine, smtp_settings, now + timedelta(minutes=6)).sent == 1
    first, second = (text_of(m) for m in smtp_server.inbox.messages)
    assert "Neglect" not in first
    assert "New since the last alert: Neglect" in second
    keys = db_session.exec(select(OutboxMessage.idempotency_key).order_by(OutboxMessage.id)).all()
    assert keys == [
        f"draft:{draft.id}:safeguarding:physical-harm",
        f"draft:{draft.id}:safeguarding:neglect,physical-harm",
    ]


def test_an_unflagged_answer_queues_nothing(db_session, settings):
    engine = Engine(ConversationContext(today=SATURDAY_NIGHT.date(), route=lambda _text: RouteInfo(), teams=()))
    draft, _token = create_draft(db_session, engine, SATURDAY_NIGHT)
    state = state_of(draft)
    state.answers["what_happened"] = "Nobody calls me back."
    disclosure.record(db_session, draft, state, settings, SATURDAY_NIGHT)
    assert draft.flagged_at is None
    assert db_session.exec(select(OutboxMessage)).all() == []


def test_i_dont_feel_safe_on_the_status_page_alerts_every_press(db_session, smtp_settings, smtp_server, engine):
    smtp_server.start()
    complaint = add_complaint(db_session, team=None, received=SATURDAY_NIGHT - timedelta(days=3), email="")
    for seconds in (0, 20, 90):  # a double tap within the minute is one alert; a press later is another
        disclosure.record_unsafe_on_complaint(
            db_session, complaint, smtp_settings, SATURDAY_NIGHT + timedelta(seconds=seconds)
        )
    db_session.commit()
    assert complaint.safeguarding_flag and complaint.safeguarding_categories == ["feels-unsafe"]
    assert send_due(engine, smtp_settings, SATURDAY_NIGHT + timedelta(minutes=2)).sent == 2
    subjects = {m["Subject"] for m in smtp_server.inbox.messages}
    assert subjects == {f'URGENT safeguarding check: complaint {complaint.reference}, "I don\'t feel safe" pressed'}
    assert "A private story" not in text_of(smtp_server.inbox.messages[0])
    # The planner's own alert for a newly flagged complaint would only repeat it: none is planned.
    plan_reminders(db_session, smtp_settings, SATURDAY_NIGHT + timedelta(minutes=3))
    db_session.commit()
    assert send_due(engine, smtp_settings, SATURDAY_NIGHT + timedelta(minutes=4)).sent == 0


def test_sending_the_draft_later_sends_a_note_not_a_second_alert(smtp_settings, smtp_server, engine):
    smtp_server.start()
    client = create_app(smtp_settings).test_client()
    chat = ApiDriver(client)
    chat.say("role", "child")
    chat.say("about", "dont-know")
    chat.say("what_happened", WORDS)
    while chat.question is not None:  # answer the rest plainly, whatever the questions are now
        step, kind = chat.question["id"], chat.question["kind"]
        options = [o["value"] for o in chat.question["options"]]
        answer = {"contact": "none", "when": "last week", "safe_contact": "declined"}.get(step)
        if answer is None:
            answer = ("none" if "none" in options else options[-1]) if options and kind != "date" else "Sam"
        error, _safety = chat.say(step, answer)
        assert error is None, (step, error)
    reference = chat.send()
    assert send_due(engine, smtp_settings, datetime.now(UTC) + timedelta(seconds=5)).sent == 2
    subjects = sorted(m["Subject"] for m in smtp_server.inbox.messages)
    assert subjects[0] == f"Safeguarding: the conversation you were alerted about is now complaint {reference}"
    assert subjects[1].startswith("URGENT safeguarding check: possible danger in a complaint not sent yet")
    with Session(engine) as session:
        templates = session.exec(select(OutboxMessage.template).where(OutboxMessage.complaint_id.is_not(None))).all()
    assert sorted(templates) == ["safeguarding-disclosure", "safeguarding-now-sent"]


def test_each_press_of_i_dont_feel_safe_in_the_chat_is_a_new_alert(db_session, smtp_settings, smtp_server, engine):
    smtp_server.start()
    now = SATURDAY_NIGHT
    conversation = Engine(ConversationContext(today=now.date(), route=lambda _text: RouteInfo(), teams=()))
    draft, _token = create_draft(db_session, conversation, now)
    state = state_of(draft)
    # Pressed, pressed again in the same minute (a double tap), then again ten minutes later.
    for at in (now, now + timedelta(seconds=20), now + timedelta(minutes=10)):
        conversation.feels_unsafe(state)
        save(db_session, draft, state, at)
        disclosure.record(db_session, draft, state, smtp_settings, at, pressed_unsafe=True)
    db_session.commit()

    assert send_due(engine, smtp_settings, now + timedelta(minutes=11)).sent == 2
    first, second = (text_of(m) for m in smtp_server.inbox.messages)
    assert 'pressed the "I don\'t feel safe" button.' in first
    assert 'pressed the "I don\'t feel safe" button again.' in second
    assert "New since the last alert" not in second
