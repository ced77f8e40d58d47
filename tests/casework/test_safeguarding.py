"""Safeguarding for staff: unsent disclosures first in the queue, the read-only audited conversation, whether the
alert really went (from the outbox), "No safe way to reach", and the review (audited, CSRF, bad input 4xx)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from casework.safeguarding import draft_reachability
from intake import disclosure
from intake.drafts import create_draft, save, state_of
from intake.engine import ConversationContext, Engine, RouteInfo
from models.audit import AuditEvent
from models.complaints import Complaint
from models.drafts import ConversationDraft
from models.outbox import OutboxMessage, OutboxStatus
from models.safeguarding import SafeguardingReview
from tests.casework.test_csrf import TOKEN, signed_in_with_csrf
from tests.factories import add_complaint

STORY = "he locks me in and i am scared"
DAY = timedelta(days=1)


def make_flagged_draft(session: Session, settings, now: datetime, categories=("physical-harm",), **answers) -> int:
    engine = Engine(ConversationContext(today=now.date(), route=lambda _text: RouteInfo(), teams=()))
    draft, _token = create_draft(session, engine, now)
    state = state_of(draft)
    state.answers.update(
        {
            "role": "child",
            "about": "dont-know",
            "what_happened": STORY,
            "_flagged": True,
            "_categories": list(categories),
            "_danger": ["what_happened"],
            "_labels": {"role": "I'm a child or young person", "about": "I don't know", "what_happened": STORY},
            **answers,
        }
    )
    save(session, draft, state, now)
    disclosure.record(session, draft, state, settings, now)
    return draft.id


@pytest.fixture
def draft_id(write, staff_ids, settings, now):
    return write(lambda session: make_flagged_draft(session, settings, now))


def audit_actions(write, **where):
    def read(session):
        statement = select(AuditEvent.action, AuditEvent.actor_label)
        for name, value in where.items():
            statement = statement.where(getattr(AuditEvent, name) == value)
        return session.exec(statement.order_by(AuditEvent.id)).all()

    return write(read)


# --- the read-only conversation -------------------------------------------------------------------------------
def test_officers_and_managers_read_the_conversation_and_each_read_is_audited(signed_in, draft_id, write):
    for role in ("officer", "manager"):
        page = signed_in(role).get(f"/staff/disclosures/{draft_id}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert STORY in html and "Physical harm" in html
        assert "No safe way to reach" in html  # no email, phone, address or safe contact in the answers
        assert "<form" in html and 'action="/complaint' not in html  # read-only: the only form is the review
    assert audit_actions(write, draft_id=draft_id) == [
        ("safeguarding.draft-viewed", "Olu Officer"),
        ("safeguarding.draft-viewed", "Maya Manager"),
    ]


def test_admins_and_anonymous_visitors_cannot_read_it(signed_in, casework_app, draft_id, write):
    assert signed_in("admin").get(f"/staff/disclosures/{draft_id}").status_code == 403
    anonymous = casework_app.test_client().get(f"/staff/disclosures/{draft_id}")
    assert anonymous.status_code == 302 and "/staff/sign-in" in anonymous.headers["Location"]
    assert audit_actions(write, draft_id=draft_id) == []


def test_a_conversation_without_a_disclosure_is_not_shown(signed_in, write, settings, now, today):
    def plain(session):
        engine = Engine(ConversationContext(today=today, route=lambda _text: RouteInfo(), teams=()))
        return create_draft(session, engine, now)[0].id

    assert signed_in("officer").get(f"/staff/disclosures/{write(plain)}").status_code == 404


def test_declined_and_given_safe_contacts(signed_in, write, settings, staff_ids, now):
    declined = write(lambda s: make_flagged_draft(s, settings, now, safe_contact="declined"))
    given = write(lambda s: make_flagged_draft(s, settings, now, safe_contact="my teacher Mrs Khan"))
    client = signed_in("officer")
    assert "Declined to give a safe way to reach" in client.get(f"/staff/disclosures/{declined}").get_data(True)
    html = client.get(f"/staff/disclosures/{given}").get_data(as_text=True)
    assert "No safe way to reach" not in html and "Declined" not in html


def test_once_sent_the_link_opens_the_case(signed_in, write, draft_id, today):
    def send(session):
        complaint = add_complaint(session, reference="CS-SENT-0001", team=None, received=today)
        draft = session.get(ConversationDraft, draft_id)
        draft.complaint_id = complaint.id
        disclosure.carry_to_complaint(session, draft, complaint)

    write(send)
    response = signed_in("officer").get(f"/staff/disclosures/{draft_id}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/complaints/CS-SENT-0001")


# --- kept until reviewed --------------------------------------------------------------------------------------
def test_an_unsent_disclosure_survives_the_expired_draft_cleanup_until_reviewed(write, settings, staff_ids, now):
    long_ago = now - timedelta(days=60)
    flagged = write(lambda s: make_flagged_draft(s, settings, long_ago))
    engine = Engine(ConversationContext(today=long_ago.date(), route=lambda _text: RouteInfo(), teams=()))
    plain = write(lambda s: create_draft(s, engine, long_ago)[0].id)

    def old_ones(session):
        return sorted(session.exec(select(ConversationDraft.id).where(ConversationDraft.created_at < long_ago + DAY)))

    assert write(old_ones) == sorted([flagged, plain])
    write(lambda s: create_draft(s, engine, now))  # the cleanup runs as a new draft starts
    assert write(old_ones) == [flagged]

    write(lambda s: setattr(s.get(ConversationDraft, flagged), "safeguarding_reviewed_at", now))
    write(lambda s: create_draft(s, engine, now))
    assert write(old_ones) == []  # reviewed: normal expiry applies
    assert write(lambda s: create_draft(s, engine, now)[0].id) > max(flagged, plain)  # ids never reused


# --- the queue ------------------------------------------------------------------------------------------------
def test_the_queue_puts_unsent_disclosures_and_flagged_triage_first(signed_in, write, draft_id, today, calendar, now):
    def build(session):
        add_complaint(session, reference="CS-LATE-0001", team="leaving-care", received=today - timedelta(days=40))
        add_complaint(session, reference="CS-TRIA-0001", team=None, received=today)
        flagged = add_complaint(session, reference="CS-TRIA-0002", team=None, received=today, safeguarding=True)
        flagged.safeguarding_categories = ["neglect"]
        done = add_complaint(session, reference="CS-SAFE-0001", team="leaving-care", received=today, safeguarding=True)
        done.safeguarding_reviewed_at = now

    write(build)
    html = signed_in("officer").get("/staff/queue").get_data(as_text=True)
    assert "2 complaints waiting for triage</a>,\n  <strong>1 flagged for safeguarding</strong>" in html
    order = [html.index(text) for text in ("Not sent: disclosure", "CS-TRIA-0002", "CS-SAFE-0001", "CS-LATE-0001")]
    assert order == sorted(order)  # unreviewed flags first, the reviewed one below them, then the rest
    assert f'href="/staff/disclosures/{draft_id}"' in html
    assert "Neglect" in html and "Physical harm" in html
    assert "CS-TRIA-0001" not in html  # unflagged triage stays on the triage page

    manager = signed_in("manager").get("/staff/queue").get_data(as_text=True)
    assert "Not sent: disclosure" in manager and "CS-TRIA-0002" not in manager  # managers do not triage


# --- the case page: the alert as the outbox has it -------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "sent_at", "error", "expected"),
    [
        (OutboxStatus.PENDING, None, "", "Alert waiting to send"),
        (OutboxStatus.SENT, datetime(2026, 12, 1, 15, 14, tzinfo=UTC), "", "Alert sent to the duty manager at 3:14pm"),
        (OutboxStatus.FAILED, None, "SMTPRecipientsRefused: 550", "Alert failed: SMTPRecipientsRefused: 550"),
    ],
)
def test_the_case_page_says_whether_the_alert_went(
    signed_in, write, staff_ids, today, now, status, sent_at, error, expected
):
    def build(session):
        complaint = add_complaint(session, reference="CS-FLAG-0001", team="leaving-care", received=today)
        complaint.safeguarding_flag = True
        complaint.email = ""
        complaint.safeguarding_categories = ["self-harm"]
        session.add(
            OutboxMessage(
                idempotency_key=f"complaint:{complaint.id}:safeguarding-alert",
                recipient="duty@example.test",
                template="safeguarding-alert",
                send_after=now,
                status=status.value,
                sent_at=sent_at,
                last_error=error,
                complaint_id=complaint.id,
            )
        )

    write(build)
    html = signed_in("officer").get("/staff/complaints/CS-FLAG-0001").get_data(as_text=True)
    assert expected in html
    assert "Self-harm or suicide" in html
    assert "No safe way to reach" in html
    assert "the duty manager was alerted" not in html  # never assumed


def test_a_case_with_no_alert_says_so(signed_in, write, staff_ids, today):
    write(lambda s: add_complaint(s, reference="CS-FLAG-0002", team="leaving-care", received=today, safeguarding=True))
    html = signed_in("officer").get("/staff/complaints/CS-FLAG-0002").get_data(as_text=True)
    assert "No alert to the duty manager is recorded" in html
    assert "No safe way to reach" not in html  # they gave an email address


# --- the review -----------------------------------------------------------------------------------------------
def test_a_review_is_recorded_audited_shown_and_moves_the_item_down(signed_in, write, draft_id, today):
    write(lambda s: add_complaint(s, reference="CS-FLAG-0003", team="leaving-care", received=today, safeguarding=True))
    client = signed_in("manager")
    response = client.post(
        "/staff/complaints/CS-FLAG-0003/safeguarding/review",
        data={"decision": "referred-mash", "note": "Spoke to MASH; visit today."},
    )
    assert response.status_code == 302
    html = client.get("/staff/complaints/CS-FLAG-0003").get_data(as_text=True)
    assert "Referred to MASH" in html and "by Maya Manager" in html and "Spoke to MASH; visit today." in html
    events = write(lambda s: s.exec(select(AuditEvent).where(AuditEvent.action == "safeguarding.reviewed")).one().after)
    assert events["decision"] == "referred-mash" and "note" not in events  # the note is counted, not copied

    response = client.post(
        f"/staff/disclosures/{draft_id}/review", data={"decision": "no-concern", "note": "Called the school."}
    )
    assert response.status_code == 302
    assert write(lambda s: s.get(ConversationDraft, draft_id).safeguarding_reviewed_at) is not None
    shown = client.get(f"/staff/disclosures/{draft_id}").get_data(as_text=True)
    assert "Reviewed: no concern" in shown and "Called the school." in shown and "by Maya Manager" in shown
    queue = client.get("/staff/queue").get_data(as_text=True)
    assert "Safeguarding: reviewed" in queue


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "", "note": "x"}, "Choose what was decided"),
        ({"decision": "shrug", "note": "x"}, "Choose what was decided"),
        ({"decision": "no-concern", "note": "   "}, "Enter a note"),
        ({"decision": "no-concern", "note": "x" * 2001}, "Keep the note to 2000 characters or fewer"),
    ],
)
def test_bad_review_input_is_a_400_that_says_what_to_fix(signed_in, write, draft_id, today, data, message):
    write(lambda s: add_complaint(s, reference="CS-FLAG-0004", team="leaving-care", received=today, safeguarding=True))
    client = signed_in("officer")
    for url in ("/staff/complaints/CS-FLAG-0004/safeguarding/review", f"/staff/disclosures/{draft_id}/review"):
        response = client.post(url, data=data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert write(lambda s: s.exec(select(SafeguardingReview)).all()) == []


def test_an_unflagged_complaint_cannot_be_reviewed(signed_in, write, staff_ids, today):
    write(lambda s: add_complaint(s, reference="CS-PLAIN-001", team="leaving-care", received=today))
    response = signed_in("officer").post(
        "/staff/complaints/CS-PLAIN-001/safeguarding/review", data={"decision": "no-concern", "note": "x"}
    )
    assert response.status_code == 400
    assert "not flagged for safeguarding" in response.get_data(as_text=True)


def test_reviews_need_the_csrf_token_and_admins_cannot_review(app, write, draft_id, today, settings):
    write(lambda s: add_complaint(s, reference="CS-FLAG-0005", team="leaving-care", received=today, safeguarding=True))
    client = signed_in_with_csrf(app)
    data = {"decision": "no-concern", "note": "Checked."}
    assert client.post("/staff/complaints/CS-FLAG-0005/safeguarding/review", data=data).status_code == 400
    assert client.post(f"/staff/disclosures/{draft_id}/review", data=data).status_code == 400
    page = client.get("/staff/complaints/CS-FLAG-0005").get_data(as_text=True)
    token = TOKEN.search(page).group(1)
    assert 'action="/staff/complaints/CS-FLAG-0005/safeguarding/review"' in page
    ok = client.post("/staff/complaints/CS-FLAG-0005/safeguarding/review", data={**data, "csrf_token": token})
    assert ok.status_code == 302
    admin = signed_in_with_csrf(app, "admin")
    admin_token = TOKEN.search(admin.get("/staff/account").get_data(as_text=True)).group(1)
    refused = admin.post(f"/staff/disclosures/{draft_id}/review", data={**data, "csrf_token": admin_token})
    assert refused.status_code == 403
    assert write(lambda s: len(s.exec(select(SafeguardingReview)).all())) == 1


def test_new_danger_after_a_review_needs_a_new_review(write, settings, staff_ids, now):
    draft_id = write(lambda s: make_flagged_draft(s, settings, now))
    write(lambda s: setattr(s.get(ConversationDraft, draft_id), "safeguarding_reviewed_at", now))

    def more(session):
        draft = session.get(ConversationDraft, draft_id)
        state = state_of(draft)
        state.answers["_categories"] = ["neglect", "physical-harm"]
        save(session, draft, state, now)
        disclosure.record(session, draft, state, settings, now)

    write(more)
    assert write(lambda s: s.get(ConversationDraft, draft_id).safeguarding_reviewed_at) is None


def test_the_complaint_keeps_the_flag_categories_and_review_when_sent(write, settings, staff_ids, today, now):
    draft_id = write(lambda s: make_flagged_draft(s, settings, now, categories=("neglect",)))

    def review_and_send(session):
        draft = session.get(ConversationDraft, draft_id)
        session.add(SafeguardingReview(draft_id=draft.id, decision="no-concern", note="ok", reviewer_name="X"))
        draft.safeguarding_reviewed_at = now
        complaint = add_complaint(session, reference="CS-CARR-0001", team=None, received=today)
        disclosure.carry_to_complaint(session, draft, complaint)
        return complaint.id

    complaint_id = write(review_and_send)
    complaint = write(lambda s: s.get(Complaint, complaint_id))
    assert complaint.safeguarding_flag and complaint.safeguarding_categories == ["neglect"]
    assert complaint.safeguarding_reviewed_at is not None
    assert write(lambda s: s.exec(select(SafeguardingReview.complaint_id, SafeguardingReview.draft_id)).one()) == (
        complaint_id,
        None,
    )
    keys = write(lambda s: s.exec(select(OutboxMessage.idempotency_key, OutboxMessage.complaint_id)).all())
    assert keys == [(f"draft:{draft_id}:safeguarding:neglect", complaint_id)]


def test_every_review_form_carries_a_token(app, write, draft_id, today):
    write(lambda s: add_complaint(s, reference="CS-FLAG-0006", team="leaving-care", received=today, safeguarding=True))
    client = signed_in_with_csrf(app)
    for path in ("/staff/complaints/CS-FLAG-0006", f"/staff/disclosures/{draft_id}"):
        html = client.get(path).get_data(as_text=True)
        forms = re.findall(r'<form method="post" action="([^"]+)"[^>]*>\s*<input type="hidden" name="csrf_token"', html)
        assert any(action.endswith("/review") for action in forms), path


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        ({"contact": "none"}, "No safe way to reach"),
        ({"contact": "advocate", "advocate_contact": "dont-know"}, "No safe way to reach"),  # not a way
        ({"contact": "advocate", "advocate_contact": "dont-know", "reply_how": "phone", "phone": "07700 900123"}, None),
        ({"contact": "none", "status_email": "jay@example.com"}, None),  # the link's email reaches them
        ({"contact": "none", "status_email": "no", "safe_contact": "declined"}, "Declined to give a safe way to reach"),
        ({"contact": "post", "address": "1 High Street"}, None),
        ({"contact": "none", "safe_contact": "my teacher Mrs Khan"}, None),
    ],
)
def test_an_unsent_conversation_says_when_there_is_no_safe_way_to_reach_them(answers, shown):
    assert draft_reachability(answers) == shown
