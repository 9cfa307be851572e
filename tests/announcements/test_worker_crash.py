"""No recipient is mailed twice, whatever happens to the workers: a worker process
really killed (SIGKILL) in the middle of a batch, then another that takes over; two
workers sending the same outbox at once. The outbox lives in a real ZODB (a
FileStorage the processes open in turn; one database shared by threads for the two
workers at once) and the mails go to a real SMTP server on loopback."""

from collections import Counter
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from smtp_servers import SMTPServer
from wikimooc.policy.announcements.outbox import claim
from wikimooc.policy.announcements.storage import DELIVERED
from wikimooc.policy.announcements.storage import INTERRUPTED
from wikimooc.policy.announcements.storage import Outbox
from ZODB.FileStorage import FileStorage
from ZODB.MappingStorage import MappingStorage
from ZODB.POSException import ConflictError

import pytest
import subprocess
import sys
import threading
import time
import transaction
import ZODB


WORKER = Path(__file__).with_name("outbox_worker.py")
USERNAMES = [f"Learner{number:02d}" for number in range(20)]


def make_outbox(path):
    database = ZODB.DB(FileStorage(str(path)))
    with database.transaction() as connection:
        connection.root()["outbox"] = Outbox(USERNAMES)
    database.close()


def read_outbox(path):
    database = ZODB.DB(FileStorage(str(path)))
    connection = database.open()
    outbox = connection.root()["outbox"]
    found = {
        "deliveries": {name: delivery.status for name, delivery in outbox.deliveries.items()},
        "claim": outbox.claim,
        "done": outbox.done(),
    }
    connection.close()
    database.close()
    return found


def worker(path, port, lease, pause="0"):
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(path), str(port), "5", str(lease), pause],
        stderr=subprocess.PIPE,
    )


def test_a_worker_killed_mid_batch_never_leads_to_a_second_mail(tmp_path):
    path = tmp_path / "Data.fs"
    make_outbox(path)
    with SMTPServer() as smtp:
        first = worker(path, smtp.port, lease=3600, pause="0.2")
        smtp.recorder.wait_for(7)  # the second batch of five is being sent
        first.kill()
        first.wait()
        after_kill = len(smtp.recorder.mails)
        assert 7 <= after_kill < 10

        # A worker within the lease leaves the dead one's batch alone...
        waiting = worker(path, smtp.port, lease=3600)
        assert waiting.wait(timeout=60) == 0, waiting.stderr.read().decode()
        assert len(smtp.recorder.mails) == after_kill
        # ...one after it takes over: the batch is marked interrupted, the rest sent.
        taking_over = worker(path, smtp.port, lease=0)
        assert taking_over.wait(timeout=60) == 0, taking_over.stderr.read().decode()
        received = Counter(smtp.recorder.recipients())

    assert max(received.values()) == 1  # nobody twice
    outbox = read_outbox(path)
    assert outbox["done"] and outbox["claim"] is None
    statuses = outbox["deliveries"]
    interrupted = [name for name, status in statuses.items() if status == INTERRUPTED]
    assert interrupted == USERNAMES[5:10]  # the batch the killed worker held
    sent = sorted(name for name, status in statuses.items() if status == DELIVERED)
    assert sent == USERNAMES[:5] + USERNAMES[10:]
    assert {f"{name}@example.org" for name in sent} <= set(received)
    # Of the interrupted batch, only what left before the kill was received.
    assert len(received) == after_kill + len(USERNAMES) - 10


def test_two_workers_claiming_the_same_batch_conflict():
    database = ZODB.DB(MappingStorage())
    with database.transaction() as connection:
        connection.root()["outbox"] = Outbox(USERNAMES)
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [database.open(transaction_manager=manager) for manager in managers]
    now = datetime.now(UTC)
    claims = [
        claim(connection.root()["outbox"], f"worker-{number}", now, size=5)
        for number, connection in enumerate(connections)
    ]
    assert claims[0] == claims[1] == USERNAMES[:5]  # both read the same state
    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()  # so the second sends nothing
    managers[1].abort()
    later = claim(connections[1].root()["outbox"], "worker-1", now, size=5)
    assert later is None  # the first worker's claim is alive
    managers[1].abort()
    database.close()


def test_two_workers_at_once_send_each_mail_once():
    """Two threads, each with its own connection, loop over one outbox as two
    worker processes would (conflicting claims are abandoned and tried again)."""
    from wikimooc.policy.announcements.outbox import record
    from wikimooc.policy.announcements.outbox import send_each
    from wikimooc.policy.announcements.storage import Delivery

    import smtplib

    database = ZODB.DB(MappingStorage())
    with database.transaction() as connection:
        connection.root()["outbox"] = Outbox(USERNAMES)

    with SMTPServer() as smtp:
        def send(username):
            with smtplib.SMTP("127.0.0.1", smtp.port) as client:
                client.sendmail("courses@wikimooc.example.org", [f"{username}@example.org"],
                                b"Subject: Week 2\r\n\r\nRead the second module.\r\n")
            return Delivery(DELIVERED, datetime.now(UTC).isoformat())

        def run(name):
            manager = transaction.TransactionManager()
            connection = database.open(transaction_manager=manager)
            while True:
                manager.begin()
                outbox = connection.root()["outbox"]
                usernames = claim(outbox, name, datetime.now(UTC), 3, timedelta(minutes=10))
                try:
                    manager.commit()
                except ConflictError:
                    manager.abort()
                    continue
                if usernames is None:
                    time.sleep(0.01)
                    continue
                if not usernames:
                    break
                answers = send_each(usernames, send)
                record(outbox, name, answers, datetime.now(UTC))
                manager.commit()
            connection.close()

        threads = [threading.Thread(target=run, args=(f"worker-{n}",)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        received = Counter(smtp.recorder.recipients())
    assert sorted(received) == sorted(f"{name}@example.org" for name in USERNAMES)
    assert set(received.values()) == {1}
    database.close()
