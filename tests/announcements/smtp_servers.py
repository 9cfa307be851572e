"""A real SMTP server on loopback (aiosmtpd, from the package index) for the mail
tests and the bench: it accepts every mail but those to the addresses it is told to
refuse, which it answers 550 at RCPT, as a mail server does for a dead mailbox."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email import policy

import socket
import threading
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """aiosmtpd's handler: keeps each accepted mail (parsed) with its envelope."""

    def __init__(self, refused=()):
        self.refused = set(refused)
        self.mails = []
        self.accepted_at = []  # time.monotonic() of each accepted mail
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        mail = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.mails.append((tuple(envelope.rcpt_tos), mail))
            self.accepted_at.append(time.monotonic())
        return "250 Message accepted for delivery"

    def recipients(self):
        with self.lock:
            return [address for addresses, _mail in self.mails for address in addresses]

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.mails) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(self.mails)} mails of {count} arrived")
            time.sleep(0.02)


class SMTPServer:
    def __init__(self, refused=()):
        self.recorder = Recorder(refused)
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
