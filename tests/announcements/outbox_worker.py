"""A worker process for test_worker_crash.py: sends the outbox kept in a ZODB
FileStorage (``root["outbox"]``) as the site's worker does (outbox.claim, commit,
one mail at a time through a Products.MailHost MailHost, outbox.record, commit),
to ``<username>@example.org`` on a loopback SMTP server; slowly, so that the test
can kill it in the middle of a batch.

python outbox_worker.py <Data.fs> <SMTP port> <batch size> <lease seconds> <pause>"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from email import policy
from email.message import EmailMessage
from Products.MailHost.MailHost import MailHost
from wikimooc.policy.announcements.outbox import claim
from wikimooc.policy.announcements.outbox import record
from wikimooc.policy.announcements.outbox import send_each
from wikimooc.policy.announcements.storage import DELIVERED
from wikimooc.policy.announcements.storage import Delivery
from ZODB.FileStorage import FileStorage

import os
import sys
import time
import transaction
import ZODB


def main(path, port, size, lease, pause):
    mailhost = MailHost("MailHost", smtp_host="127.0.0.1", smtp_port=int(port))
    database = ZODB.DB(FileStorage(path))
    connection = database.open()
    token = f"worker-{os.getpid()}"

    def send(username):
        time.sleep(float(pause))
        message = EmailMessage(policy=policy.SMTP)
        message["From"] = "courses@wikimooc.example.org"
        message["To"] = f"{username}@example.org"
        message["Subject"] = "Week 2 is open"
        message.set_content("Read the second module.")
        mailhost.send(message, immediate=True)
        return Delivery(DELIVERED, datetime.now(UTC).isoformat())

    while True:
        transaction.begin()
        outbox = connection.root()["outbox"]
        usernames = claim(outbox, token, datetime.now(UTC), int(size),
                          timedelta(seconds=float(lease)))
        transaction.commit()
        if not usernames:
            break
        answers = send_each(usernames, send)
        record(outbox, token, answers, datetime.now(UTC))
        transaction.commit()
    connection.close()
    database.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
