"""A real SMTP server on 127.0.0.1 (aiosmtpd), and settings that send to it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from models.db import get_engine
from tests.conftest import make_settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message the server accepted."""

    def __init__(self):
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"

    def by_subject(self) -> list[tuple[str, str]]:
        return sorted((m["To"], m["Subject"]) for m in self.messages)


class SmtpServer:
    def __init__(self, port: int):
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A stopped server on a free port: tests start it (and may stop it to play 'SMTP down')."""
    server = SmtpServer(free_port())
    yield server
    server.stop()


@pytest.fixture
def smtp_settings(clean_db, smtp_server, tmp_path):
    return make_settings(clean_db, tmp_path, mail_backend="smtp", smtp_port=smtp_server.port)


@pytest.fixture
def engine(clean_db):
    return get_engine(clean_db)
