"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), told to refuse before it accepts."""

import socket
import threading
from email import message_from_bytes

import pytest


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Handler:
    """Answers DATA with `refusals` (one per message, in order, e.g. "451 4.3.0 Try again later")
    before it starts to accept; keeps what it accepted."""

    def __init__(self):
        self.refusals = []
        self.received = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refusals:
                return self.refusals.pop(0)
            self.received.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def message_ids(self):
        with self.lock:
            return [message["Message-ID"] for message in self.received]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    try:
        yield handler
    finally:
        controller.stop()
