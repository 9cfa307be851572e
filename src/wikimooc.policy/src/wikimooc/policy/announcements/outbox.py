"""Sending an outbox (storage.Outbox) a batch at a time, so that a retry, a worker
that dies mid-batch or two workers at once never mail a recipient twice.

Plone's MailHost queues a mail until the transaction commits, then sends it in the
transaction's last phase, where a refusal by the mail server is only logged, and
that phase may run before the database's own (data managers finish in the order of
their sort keys): a worker killed in between would have sent mails whose recipients
are not marked. So the mark comes first and the mail after, each in its place:

1. ``claim`` takes the next batch and moves the cursor past it; the worker commits.
   A second worker claiming the same batch rewrote the same outbox: its commit
   conflicts and it sends nothing. A claim still held by a live worker (younger than
   the lease) makes others wait.
2. The worker sends each mail of the batch at once, through the MailHost, and keeps
   what the server answered.
3. ``record`` stores one Delivery per recipient and releases the claim; the worker
   commits (retrying on conflicts: nothing is sent again).

A worker that dies between 1 and 3 leaves its claim: once the lease is over, the next
``claim`` marks those recipients interrupted (perhaps mailed, never mailed again).
A refused address is recorded failed and not tried again; when the server itself
cannot be reached, the recipients go back to be claimed again, at most
``MAX_ATTEMPTS`` times. This module is plain ZODB: the tests run it in processes
they kill."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from itertools import islice
from wikimooc.policy.announcements.storage import Claim
from wikimooc.policy.announcements.storage import Delivery
from wikimooc.policy.announcements.storage import FAILED
from wikimooc.policy.announcements.storage import INTERRUPTED

import smtplib


BATCH_SIZE = 100
LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 3
UNREACHABLE = "unreachable"  # a send's answer when the mail server could not be reached


def iso(moment):
    return moment.isoformat(timespec="seconds")


def claim(outbox, token, moment, size=BATCH_SIZE, lease=LEASE):
    """The usernames of the next batch, now ``token``'s; None while another live
    claim holds the outbox; an empty list when nothing is left to send."""
    if outbox.claim is not None:
        if moment - datetime.fromisoformat(outbox.claim.since) < lease:
            return None
        for username in outbox.claim.usernames:
            if username not in outbox.deliveries:
                outbox.record(username, Delivery(INTERRUPTED, iso(moment)))
        outbox.claim = None
    usernames = list(islice(outbox.retry, size))
    for username in usernames:
        outbox.retry.remove(username)
    if len(usernames) < size:
        keys = (
            outbox.recipients.keys(min=outbox.cursor, excludemin=True)
            if outbox.cursor is not None else outbox.recipients.keys()
        )
        following = list(islice(keys, size - len(usernames)))
        if following:
            outbox.cursor = following[-1]
        usernames += following
    if usernames:
        outbox.claim = Claim(token, iso(moment), tuple(usernames))
    return usernames


def send_each(usernames, send):
    """{username: Delivery, or UNREACHABLE} from ``send(username)``, which returns
    a Delivery or raises smtplib's errors. Once the server cannot be reached, the
    rest of the batch is not tried."""
    answers = {}
    for username in usernames:
        try:
            answers[username] = send(username)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused,
                smtplib.SMTPDataError) as refused:
            answers[username] = Delivery(FAILED, iso_now(), error=str(refused)[:500])
        except (OSError, smtplib.SMTPException):
            for rest in usernames[len(answers):]:
                answers[rest] = UNREACHABLE
            break
    return answers


def iso_now():
    return iso(datetime.now(UTC))


def record(outbox, token, answers, moment):
    """Store the answers of ``token``'s batch and release its claim. False when the
    claim is no longer ``token``'s (it outlived its lease and another worker took
    over: that one marked the batch)."""
    if outbox.claim is None or outbox.claim.token != token:
        return False
    for username, answer in answers.items():
        if answer != UNREACHABLE:
            outbox.record(username, answer)
            continue
        attempts = outbox.attempts.get(username, 0) + 1
        outbox.attempts[username] = attempts
        if attempts >= MAX_ATTEMPTS:
            outbox.record(username, Delivery(
                FAILED, iso(moment), error="The mail server could not be reached."
            ))
        else:
            outbox.retry.insert(username)
    outbox.claim = None
    return True
