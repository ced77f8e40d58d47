"""The complainant's emails go out in the language they used: a Polish complaint gets a Polish acknowledgement,
through a real SMTP server, however much later the scheduler sends it; an English one stays English."""

from __future__ import annotations

from datetime import timedelta
from email.header import decode_header, make_header

from babel.messages.pofile import read_po
from sqlmodel import Session, select

from content.i18n import TRANSLATIONS_DIR
from models.db import get_engine
from models.outbox import OutboxMessage
from reminders.mail import Outgoing, render
from tests.conftest import make_settings
from tests.intake.drivers import HtmlDriver
from wsgi import create_app

with (TRANSLATIONS_DIR / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as _file:
    POLISH = {m.id: m.string for m in read_po(_file, locale="pl") if m.id}
ANSWERS = {
    "role": "parent",
    "about": "dont-know",
    "what_happened": "Nikt nie oddzwonił w sprawie wizyt mojego syna.",
    "when": "14/3/2026",
    "wanted": "Chcę porozmawiać z kierownikiem.",
    "contact": "email",
    "name": "Anna",
}


def complain(client, language: str, email: str) -> str:
    client.get(f"/complaint?lang={language}")
    driver = HtmlDriver(client)
    for _ in range(20):
        step, _text = driver.current()
        if step is None:
            return driver.send()
        error, _safety = driver.say(step, {**ANSWERS, "email": email}[step])
        assert error is None, (step, error)
    raise AssertionError("the conversation did not end")


def plain_text(message) -> str:
    part = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def test_the_acknowledgement_goes_out_in_the_language_chosen(clean_db, smtp_server, tmp_path):
    smtp_server.start()
    settings = make_settings(clean_db, tmp_path, mail_backend="smtp", smtp_port=smtp_server.port)
    app = create_app(settings)
    polish = complain(app.test_client(), "pl", "anna@example.test")
    english = complain(app.test_client(), "en", "jo@example.test")
    # The scheduler has no request and no language of its own: the row says which. It sends in office hours.
    with Session(get_engine(clean_db)) as session:
        planned = session.exec(select(OutboxMessage.send_after).where(OutboxMessage.template == "acknowledgement"))
        later = max(planned.all()) + timedelta(minutes=30)
    result = app.test_cli_runner().invoke(args=["reminders", "send-due", "--now", later.isoformat()])
    assert result.exit_code == 0, result.output
    inbox = {message["To"]: message for message in smtp_server.inbox.messages}

    to_anna = inbox["anna@example.test"]
    assert subject(to_anna) == POLISH["We've got your complaint - reference %(reference)s"] % {"reference": polish}
    body = plain_text(to_anna)
    assert body.startswith(POLISH["Hello %(name)s,"] % {"name": "Anna"})
    assert (
        POLISH["Thank you for telling us what went wrong. We've got your complaint and a real person will read it."]
        in body
    )
    assert "zadzwoń pod 999" in body  # the help, in Polish, England's number
    assert "Childline" not in body  # a parent's help, as in English
    assert "?lang=pl" in body  # the private link opens in Polish
    assert "We've got your complaint" not in body and "Hello" not in body
    assert any(day in body for day in ("poniedziałek", "wtorek", "środa", "czwartek", "piątek"))  # the reply date

    to_jo = inbox["jo@example.test"]
    assert subject(to_jo) == f"We've got your complaint - reference {english}"
    assert plain_text(to_jo).startswith("Hello Anna,")


def test_the_resume_email_speaks_the_language_of_its_row(settings):
    context = {"resume_url": "http://test/complaint/resume/t", "expires_on": "2026-12-29", "help_role": "child"}
    polish = render(Outgoing(1, "k", "kid@example.test", "intake-resume", {**context, "language": "pl"}), settings)
    assert subject(polish) == POLISH["Your complaint so far: a link to carry on"]
    body = plain_text(polish)
    assert "wtorek, 29 grudnia 2026" in body
    assert "Childline: 0800 1111" in body  # a child's help: Childline, its number England's
    english = render(Outgoing(2, "k2", "kid@example.test", "intake-resume", context), settings)
    assert "Tuesday 29 December 2026" in plain_text(english)
