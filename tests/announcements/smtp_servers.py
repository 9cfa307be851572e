"""A real SMTP server on loopback (aiosmtpd, from the package index) for the mail
tests and the bench: it accepts every mail but those to the addresses it is told to
refuse, which it answers 550 at RCPT, as a mail server does for a dead mailbox.

In a thread of the caller's process (``SMTPServer``), or as a process of its own
(``python smtp_servers.py <port> <log>``, for the bench, whose 10,000 open
connections would otherwise need twice the file descriptors in one process): each
accepted mail is then a line of the log, ``<time.monotonic()> <recipient>``."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email import policy

import signal
import socket
import sys
import threading
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """aiosmtpd's handler: keeps each accepted mail (parsed) with its envelope."""

    def __init__(self, refused=(), log=None):
        self.refused = set(refused)
        self.log = log  # an open text file, or None
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
            if self.log is not None:
                for address in envelope.rcpt_tos:
                    self.log.write(f"{self.accepted_at[-1]} {address}\n")
                self.log.flush()
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
    def __init__(self, refused=(), port=None, log=None):
        self.recorder = Recorder(refused, log)
        self.port = port or free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


if __name__ == "__main__":
    with open(sys.argv[2], "a") as log, SMTPServer(port=int(sys.argv[1]), log=log):
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
