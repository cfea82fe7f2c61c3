"""A real SMTP server for the tests that send mail (alerts, briefings): aiosmtpd on 127.0.0.1,
keeping every message it receives (a free port to put it on: `ports.free_port`).

`Inbox(port, sender, to)` is the server's handler and what it received; `smtp_servers()` starts
servers on given ports and stops them all when its block ends (the fixtures of
tests/briefing/test_send.py and tests/flows/conftest.py are this, at their own scopes).
"""

from __future__ import annotations

import email
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any


@dataclass
class Inbox:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and the messages it received."""

    port: int
    sender: str = "alerts@mandates.test"
    to: str | None = "secretariat@mandates.test"
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The apprise URL for plain SMTP to this server: no TLS (mode=insecure), no login;
        `to` when set (else the sender chooses the recipients)."""
        to = f"&to={self.to}" if self.to else ""
        return f"mailto://127.0.0.1:{self.port}?mode=insecure&from={self.sender}{to}"

    def text(self, index: int = -1) -> str:
        """The plain-text part of a received message."""
        part = self.messages[index].get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """aiosmtpd hook: keep the message."""
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_servers(sender: str = "alerts@mandates.test",
                 to: str | None = "secretariat@mandates.test") -> Iterator[Callable[[int], Inbox]]:
    """A function that starts a real SMTP server on a port and gives its Inbox; every server
    started stops when the block ends."""
    from aiosmtpd.controller import Controller

    controllers: list[Any] = []

    def start(port: int) -> Inbox:
        inbox = Inbox(port, sender, to)
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return inbox

    try:
        yield start
    finally:
        for controller in controllers:
            controller.stop()
