"""Emails from outbox rows: rendered from templates/emails/, delivered by the configured backend.

Templates render outside any request (the scheduler has none): a plain Jinja environment over
templates/, never Flask's. Each `<template>.txt` sets `subject`; `<template>.html` is the HTML twin.
"""

from __future__ import annotations

import email.policy
import hashlib
import smtplib
import sys
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from content.complainant import advocate_words
from content.dates import long_date
from content.i18n import gettext, in_language, ngettext
from content.safety_help import HelpLine, help_now
from settings import BASE_DIR, Settings, private_file

SMTP_TIMEOUT_SECONDS = 20
# Long lines stay whole (no quoted-printable soft breaks), so an .eml file reads like the email.
READABLE = email.policy.default.clone(max_line_length=998)
ON_THE_WIRE = READABLE.clone(linesep="\r\n")  # SMTP wants CRLF; smtplib only fixes line ends in str data


@lru_cache(maxsize=1)
def email_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(BASE_DIR / "templates")),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    # The complainant's emails speak the language they used (content/i18n.py); staff emails have no _() words.
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


@dataclass(frozen=True)
class Outgoing:
    """What the sweep hands over: one claimed row, detached from the database."""

    id: int
    idempotency_key: str
    recipient: str
    template: str
    context: dict[str, Any]
    attempts: int = 1  # counting this one
    complaint_id: int | None = None
    stage_record_id: int | None = None


def _with_heading(line: dict[str, str]) -> dict[str, str]:
    return HelpLine(line["name"], line.get("text", ""), phone=line.get("phone", "")).for_email()


# A greeting holds at most this much of a name, on one line: the name is the sender's own words, and an email
# the council sends must not carry a stranger's paragraph to whoever's address they typed.
GREETING_NAME_LIMIT = 60


def greeting_name(name: object) -> str:
    words = " ".join(str(name or "").split())
    return words if len(words) <= GREETING_NAME_LIMIT else ""


def template_context(context: dict[str, Any], settings: Settings) -> dict[str, Any]:
    values = {
        "team": None,
        "deadline": None,
        "status_url": None,
        "name": "",
        "stage": None,
        "categories": [],
        "team_words": "",
        **context,
    }
    values["name"] = greeting_name(values["name"])
    if not values.get("advocate_words"):  # a row planned before the words were part of the context
        values["advocate_words"] = advocate_words(None)
    # The help lines for the person, as content/safety_help.py words them: planned with the row, or worked out
    # now for its `help_role` (anyone's when unknown); a line planned before lines had a heading gets one.
    lines = values.get("help_lines") or [line.for_email() for line in help_now(values.get("help_role"), settings)]
    values["help_lines"] = [line if "heading" in line else _with_heading(line) for line in lines]
    values["council_name"] = settings.council_name
    values["base_url"] = settings.base_url
    reference = values.get("reference")
    values["case_url"] = f"{settings.base_url}/staff/complaints/{reference}" if reference else settings.base_url
    return values


def render(outgoing: Outgoing, settings: Settings) -> EmailMessage:
    env = email_environment()
    with in_language(outgoing.context.get("language")):
        values = template_context(outgoing.context, settings)
        text = env.get_template(f"emails/{outgoing.template}.txt").make_module(values)
        html = env.get_template(f"emails/{outgoing.template}.html").render(values)
    message = EmailMessage(policy=READABLE)
    # The text template sets `subject` with {% set %}; Jinja's TemplateModule exposes it as an untyped attribute.
    message["Subject"] = str(text.subject).strip()  # type: ignore[attr-defined]
    message["From"] = settings.mail_from
    message["To"] = outgoing.recipient
    message["Date"] = formatdate(localtime=False, usegmt=True)
    # The same row always has the same Message-ID, so a copy resent after a crash is recognisable as one.
    digest = hashlib.sha256(outgoing.idempotency_key.encode()).hexdigest()[:32]
    domain = settings.mail_from.rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<{digest}@{domain}>"
    message.set_content(str(text))
    message.add_alternative(html, subtype="html")
    return message


class Mailer(Protocol):
    def send(self, outgoing: Outgoing, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


class FileMailer:
    """Readable .eml files, one per row, named after its key: a resend overwrites, never adds."""

    def __init__(self, directory: Path):
        self.directory = directory

    def send(self, outgoing: Outgoing, message: EmailMessage) -> None:
        name = outgoing.idempotency_key.replace(":", "-") + ".eml"
        path = self.directory / name
        partial = path.with_suffix(".eml.partial")
        # 0600 in a 0700 folder: the emails carry private links (resume, status, password reset).
        private_file(partial).write_bytes(bytes(message))
        partial.replace(path)  # a reader never sees half a file

    def close(self) -> None:
        pass


class ConsoleMailer:
    def send(self, outgoing: Outgoing, message: EmailMessage) -> None:
        sys.stdout.write(message.as_string() + "\n" + "-" * 72 + "\n")
        sys.stdout.flush()

    def close(self) -> None:
        pass


class SmtpMailer:
    """One connection for a whole sweep; reopened after an error."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        connection = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
        try:
            if s.smtp_starttls:
                connection.starttls()
            if s.smtp_username:
                connection.login(s.smtp_username, s.smtp_password)
        except BaseException:
            connection.close()
            raise
        return connection

    def send(self, outgoing: Outgoing, message: EmailMessage) -> None:
        if self.connection is None:
            self.connection = self._connect()
        try:
            # Flattened once here; send_message would copy and flatten the message again.
            data = message.as_bytes(policy=ON_THE_WIRE)
            self.connection.sendmail(self.settings.mail_from, [outgoing.recipient], data)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.connection is None:
            return
        connection, self.connection = self.connection, None
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


def open_mailer(settings: Settings) -> Mailer:
    if settings.mail_backend == "smtp":
        return SmtpMailer(settings)
    if settings.mail_backend == "console":
        return ConsoleMailer()
    return FileMailer(Path(settings.instance_dir) / "outbox")
