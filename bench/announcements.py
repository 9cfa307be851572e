"""Announcement benchmark: a teacher's announcement to a session of 10,000 learners,
the time of the web request that writes it, and the time until the last of its
mails is accepted by a real SMTP server on loopback with one worker; beside it, in
the same run, the naive baseline that sends every mail inside the request.

    .venv/bin/python bench/announcements.py [--learners 10000] [--requests 20] [--quick]

It prints figures; it never passes or fails on a speed. It exits with status 1 only
when the data are wrong (a learner mailed twice or not at all, a count off).

What it runs on: as bench/enrollment.py, a real Zope/Plone site on a temporary
FileStorage in this process (scripts/instance.py's configuration, the site made by
wikimooc.policy.site.ensure_site), served over HTTP by waitress on 127.0.0.1, with
the task queue in SQLite as an instance has it. The learners are real members with
an address each. The SMTP server is aiosmtpd (tests/announcements/smtp_servers.py),
in a process of its own that logs each mail it accepts with its time; Plone's
MailHost is pointed at it through the site's mail settings, and opens one SMTP
connection per mail, as it does in production.

Phases:
  1  POST {session}/@announcements over HTTP as the teacher: --requests announcements
     scheduled for later (the same request but for the task it queues), then one to
     send now. Each is timed from the client.
  2  One worker (this process, as wikimooc-worker runs a task: huey's dequeue and
     execute, in its own ZODB connection) sends the announcement to send now: from
     the end of its request to the last mail the SMTP server accepted.
  3  The naive baseline: one transaction that, as a request would, mails every
     learner through the MailHost (queued, sent when the transaction commits, as the
     forum's mails are): from its start to its commit, which is when its last mail
     has been accepted.
"""

from enrollment import start_zope
from load import add_run_options
from load import enter_zope
from load import fill_defaults
from load import machine_info
from load import ms
from load import percentile
from load import step
from load import table
from load import write_zope_instance
from pathlib import Path

import argparse
import collections
import datetime
import shutil
import socket
import subprocess
import sys
import tempfile
import time


SMTP_SERVERS = Path(__file__).resolve().parents[1] / "tests" / "announcements" / "smtp_servers.py"
sys.path.insert(0, str(SMTP_SERVERS.parent))

PASSWORD = "bench-password-123"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, help="learners of the session (10000)")
    parser.add_argument("--requests", type=int, help="announcements timed in phase 1 (20)")
    add_run_options(parser, "small run: 1,000 learners, 10 requests",
                    keep_help="keep the temporary directory")
    return fill_defaults(
        parser, parser.parse_args(argv),
        quick={"learners": 1000, "requests": 10},
        full={"learners": 10000, "requests": 20},
        at_least_one=("learners", "requests"),
    )


def make_site(learners):
    """The site, a session taught by "teacher" and ``learners`` members enrolled."""
    from plone import api
    from wikimooc.policy.enrollment import add_learners
    from wikimooc.policy.site import ensure_site

    import transaction
    import Zope2

    app = enter_zope(Zope2.app())
    site, _created = ensure_site(app, with_demo_content=False)
    transaction.commit()
    logins = [f"learner{number:05d}" for number in range(learners)]
    for index, login in enumerate(["teacher", *logins], 1):
        api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD)
        if index % 500 == 0:
            transaction.commit()
    course = api.content.create(
        container=site["en"], type="Course", id="intro", title="Introduction",
        projects=("wikipedia",), organisation="Wikimedia UK",
    )
    session = api.content.create(
        container=course, type="CourseSession", id="big", title="Big session",
        start=datetime.date(2027, 3, 1), end=datetime.date(2027, 4, 30),
        wiki="en.wikipedia.org", teachers=["teacher"],
    )
    api.content.transition(session, "open")
    for start in range(0, learners, 500):
        add_learners(session, logins[start:start + 500], added_by="teacher")
        transaction.commit()
    return site, session, logins


def point_mail_at(port):
    from plone import api

    import transaction

    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", "courses@wikimooc.example.org")
    transaction.commit()


def phase_1(url, requests_count):
    """Seconds of each scheduled announcement's request, and (seconds, finished at,
    id) of the one sent now."""
    import requests

    client = requests.Session()
    client.auth = ("teacher", PASSWORD)
    client.headers["Accept"] = "application/json"
    scheduled = []
    for number in range(requests_count):
        started = time.perf_counter()
        response = client.post(url, json={
            "subject": f"Later {number}", "text": "Next week.",
            "send_at": "2099-01-01T09:00:00Z",
        })
        scheduled.append(time.perf_counter() - started)
        assert response.status_code == 201, response.text
        client.delete(f"{url}/{response.json()['id']}")
    started = time.perf_counter()
    response = client.post(url, json={"subject": "Week 2 is open", "text": "Read module 2."})
    finished = time.monotonic()
    assert response.status_code == 201, response.text
    return scheduled, (time.perf_counter() - started, finished, response.json()["id"])


class SMTPProcess:
    """smtp_servers.py in a process of its own: ``accepted()`` reads its log."""

    def __init__(self, directory):
        from smtp_servers import free_port

        self.port = free_port()
        self.log = directory / "smtp.log"
        self.log.touch()
        self.process = subprocess.Popen(
            [sys.executable, str(SMTP_SERVERS), str(self.port), str(self.log)]
        )
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            assert time.monotonic() < deadline, "the SMTP server did not start"
            time.sleep(0.1)

    def accepted(self):
        """[(monotonic time, recipient)] of every mail accepted so far."""
        lines = self.log.read_text().splitlines()
        return [(float(when), address) for when, address in (line.split() for line in lines)]

    def stop(self):
        self.process.terminate()
        self.process.wait()


def phase_2(smtp, learners):
    """One worker runs the queued task: the time the last mail was accepted, and the
    worker's own seconds."""
    from wikimooc.policy.taskqueue.queue import huey

    started = time.monotonic()
    while huey.pending_count():
        huey.execute(huey.dequeue())
    worked = time.monotonic() - started
    return max(when for when, _address in smtp.accepted()), worked


def phase_3(session_path):
    """The naive baseline, in one transaction: seconds until its commit returned."""
    from plone import api
    from wikimooc.policy.announcements.sending import ANNOUNCEMENTS
    from wikimooc.policy.announcements.sending import UNSUBSCRIBE_PAGE
    from wikimooc.policy.mail import compose
    from wikimooc.policy.mail import reader_language
    from wikimooc.policy.mail import send_mail
    from wikimooc.policy.unsubscribe import unsubscribe_url
    from zope.component.hooks import setSite

    import transaction
    import Zope2

    app = enter_zope(Zope2.app())  # the worker's task left the site
    session = app.unrestrictedTraverse(session_path)
    setSite(app.unrestrictedTraverse(session_path[:2]))  # the Plone site
    started = time.perf_counter()
    for enrollment in session.enrollments.learners.values():
        member = api.user.get(userid=enrollment.user_id)
        language = reader_language(member, session)
        link = unsubscribe_url(session, member.getId(), ANNOUNCEMENTS, UNSUBSCRIBE_PAGE)
        body = compose(("Read module 2.",), "Stop them: ${url}", link, language)
        send_mail(member.getProperty("email"), "[Big session] Week 2 is open", body, link,
                  language=language)
    queued = time.perf_counter() - started
    transaction.commit()  # the MailHost sends the queued mails now
    return queued, time.perf_counter() - started


def main(argv=None):
    args = parse_args(argv)
    when = datetime.datetime.now(datetime.UTC)
    print(f"WikiMOOC announcement benchmark, {when:%Y-%m-%d %H:%M} UTC", flush=True)
    print(machine_info("FileStorage, in-process"), flush=True)
    directory = Path(tempfile.mkdtemp(prefix="wikimooc-bench-"))
    try:
        return run(args, directory)
    finally:
        if args.keep:
            print(f"\nKept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def run(args, directory):
    from webtest.http import StopableWSGIServer

    zope_conf = write_zope_instance(directory, cache_size=30000)
    wsgi_app = start_zope(zope_conf)
    started = time.perf_counter()
    _site, session, logins = make_site(args.learners)
    step(f"site and {args.learners:,} learners made in {time.perf_counter() - started:.0f} s"
         " (not timed below)")
    server = StopableWSGIServer.create(wsgi_app, host="127.0.0.1", threads=4)
    assert server.wait(), "the WSGI server did not start"
    smtp = SMTPProcess(directory)
    try:
        point_mail_at(smtp.port)
        base_url = f"http://127.0.0.1:{server.adj.port}"
        url = base_url + "/".join(session.getPhysicalPath()) + "/@announcements"
        scheduled, (now_seconds, request_end, announcement_id) = phase_1(url, args.requests)
        step(f"phase 1: {args.requests + 1} announcements written over HTTP")
        last_accepted, worked = phase_2(smtp, args.learners)
        step("phase 2: one worker sent them")
        worker_received = collections.Counter(address for _when, address in smtp.accepted())
        before_naive = sum(worker_received.values())
        queued, naive = phase_3(session.getPhysicalPath())
        step("phase 3: the naive baseline sent them inside one transaction")
        naive_received = collections.Counter(
            address for _when, address in smtp.accepted()[before_naive:]
        )
    finally:
        smtp.stop()
        server.shutdown()

    import transaction

    transaction.begin()
    from wikimooc.policy.announcements.storage import announcements_of

    outbox = announcements_of(session).outboxes[announcement_id]
    expected = {f"{login}@example.org" for login in logins}
    wrong = []
    if set(worker_received) != expected or max(worker_received.values()) != 1:
        wrong.append("the worker did not mail each learner exactly once")
    if outbox.count("sent") != args.learners:
        wrong.append(f"the outbox counts {outbox.count('sent')} mails sent")
    if set(naive_received) != expected:
        wrong.append("the naive baseline did not mail each learner")

    print()
    print(table(
        ["announcement to " + f"{args.learners:,} learners", "p50", "p95", "max"],
        [
            [f"POST @announcements, scheduled (x{args.requests})", ms(percentile(scheduled, 0.5)),
             ms(percentile(scheduled, 0.95)), ms(max(scheduled))],
            ["POST @announcements, now (x1)", ms(now_seconds), "", ""],
        ],
    ))
    print()
    print(table(
        ["sending", "web request", "until the last mail is accepted", "mails/s"],
        [
            ["worker (batches of 100, 1 worker)", ms(now_seconds),
             f"{last_accepted - request_end:.1f} s (worker busy {worked:.1f} s)",
             f"{args.learners / (last_accepted - request_end):.0f}"],
            ["naive: inline in the request", f"{naive:.1f} s (mails queued in {queued:.1f} s)",
             f"{naive:.1f} s", f"{args.learners / naive:.0f}"],
        ],
    ))
    for problem in wrong:
        print(f"WRONG: {problem}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
