"""Enrollment benchmark: enroll 10,000 learners into one session, time GET @enrollments,
and count transaction conflicts when several threads enroll at once.

    .venv/bin/python bench/enrollment.py [--learners 10000] [--threads 8] [--quick]

It prints figures (tables); it never passes or fails on a speed. It exits with status 1
only when the data are wrong (an enrollment that succeeded is missing, a count is off,
a thread failed); an enrollment still conflicting after its last retry is printed as a
WARNING, with the figures.

What it runs on. A temporary directory holds a real ZODB FileStorage (Data.fs) and a
minimal zope.conf/site.zcml like the ones scripts/instance.py renders, except that the
benchmark opens the FileStorage in-process instead of behind the instance's ZEO server.
Zope is configured in this process with Zope2.Startup.run.make_wsgi_app, exactly as
runwsgi does, and the site is created with the project's own
wikimooc.policy.site.ensure_site(app, with_demo_content=False). The same WSGI application
is then served by waitress (webtest's StopableWSGIServer, as plone.testing does) on
127.0.0.1 in a thread of this process, so the HTTP phases go through the whole Zope
publisher: authentication (HTTP basic, SSHA passwords), traversal, plone.restapi,
transaction commit and Zope's own retry of ConflictError (max-conflict-retries 3).
No test layer and no DemoStorage are involved.

Phases (sizes are the defaults; --quick: 1,000 learners, 200 members, 8 x 25):
  A  in-process, one thread, on the "big" session:
     A1 add_learners: 10,000 wiki usernames (no member account) by a teacher, committed
        every 500 names; every name is timed, and so is every batch's commit.
     A2 enroll(): 1,000 real members one by one, one transaction each (members are
        created beforehand, untimed).
  B  HTTP, one client with keep-alive: GET {session}/@enrollments with b_size=25 (first
     page and last page), b_size=1000 (first page), on the big session and on a small
     one; and POST {session}/@enroll one member at a time on the big session.
  C  concurrency, --threads threads x --per-thread enrollments, each enrollment its own
     transaction:
     C1 in-process on a new, empty session: each thread has its own ZODB connection and
        TransactionManager, calls enroll() and commits; a ConflictError is counted,
        aborted and retried at once, at most 5 times per enrollment.
     C2 the same on the big session (holding the learners of A and B: 11,050).
     C3 over HTTP on a new, empty session: --threads client threads POST @enroll to a
        waitress server with --threads worker threads; Zope retries conflicts itself and
        the benchmark counts them with an IPubFailure subscriber (retry=True).
     The storage's side is counted too, by wrapping FileStorage's tryToResolveConflict
     and checkCurrentSerialInTransaction: "resolved" write conflicts were merged by the
     objects' own conflict resolution (BTrees buckets, BTrees.Length),
     "unresolved" ones became ConflictError, and "read-current" ones ReadConflictError
     (BTrees ask that the inner nodes an insert went through be unchanged at commit).
     Each conflicting object is named (a session's learners BTree, the learners plugin's
     groups_by_user BTree, ...) by matching its oid at the end.

Clients and server share this process (and its GIL): HTTP latencies include the
client's own work, and on a 2-core machine the figures are the platform's floor, not a
capacity planning number.
"""

from load import add_run_options
from load import enter_zope
from load import fill_defaults
from load import leave_zope
from load import ms
from load import operating_system
from load import percentile
from load import processors
from load import step
from load import table
from load import write_zope_instance
from pathlib import Path

import argparse
import collections
import datetime
import faulthandler
import hashlib
import logging
import shutil
import statistics
import sys
import tempfile
import threading
import time
import warnings


warnings.filterwarnings("ignore")
logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")

PASSWORD = "bench-pw-123"
MAX_RETRIES = 5  # in-process: a conflicting enrollment is retried at once, at most 5 times


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, help="wiki usernames added by a teacher (10000)")
    parser.add_argument("--members", type=int, help="members enrolled one by one (1000)")
    parser.add_argument("--threads", type=int, default=8, help="concurrent enrollers (8)")
    parser.add_argument("--per-thread", type=int, help="enrollments per thread (50)")
    parser.add_argument(
        "--batch", type=int, default=500, help="names per add_learners commit (500)"
    )
    parser.add_argument("--requests", type=int, help="HTTP requests per GET figure (50)")
    add_run_options(
        parser, "small run: 1,000 learners, 200 members, 25 per thread, 20 requests",
        keep_help="keep the temporary directory",
    )
    return fill_defaults(
        parser, parser.parse_args(argv),
        quick={"learners": 1000, "members": 200, "per_thread": 25, "requests": 20},
        full={"learners": 10000, "members": 1000, "per_thread": 50, "requests": 50},
        at_least_one=("learners", "members", "threads", "per_thread", "batch", "requests"),
    )


# ----------------------------------------------------------------------------- figures


def summary(values):
    return {
        "n": len(values),
        "mean": statistics.fmean(values),
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "max": max(values),
        "total": sum(values),
    }


def timing_row(label, values, total=True):
    figures = summary(values)
    return [
        label,
        f"{figures['n']:,}",
        ms(figures["mean"]),
        ms(figures["p50"]),
        ms(figures["p95"]),
        ms(figures["max"]),
        f"{figures['total']:.1f} s" if total else "",
    ]


TIMING_HEADERS = ["measure", "n", "mean", "p50", "p95", "max", "total"]


def machine_info():
    from importlib.metadata import version

    versions = ", ".join(
        f"{name} {version(dist)}"
        for name, dist in (
            ("Plone", "Products.CMFPlone"), ("Zope", "Zope"), ("ZODB", "ZODB"),
            ("BTrees", "BTrees"), ("plone.restapi", "plone.restapi"),
            ("waitress", "waitress"),
        )
    )
    return (
        f"{processors()}; {operating_system()}\n{versions};"
        " storage: FileStorage in-process (temporary directory)"
    )


# ------------------------------------------------------------------ conflict accounting


class ConflictAccounting:
    """Counts write conflicts the storage saw, resolved or not, per phase."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phase = None
        self.storage = collections.Counter()  # (phase, kind, class, oid, reason)
        self.reason = threading.local()

    def install(self):
        from ZODB.ConflictResolution import ConflictResolvingStorage
        from ZODB.POSException import ConflictError
        from ZODB.utils import get_pickle_metadata

        accounting = self
        original = ConflictResolvingStorage.tryToResolveConflict

        def tracking(storage, oid, committed, old, newpickle, committedData=b""):
            module, name = get_pickle_metadata(newpickle)
            accounting.reason.text = ""
            try:
                result = original(storage, oid, committed, old, newpickle, committedData)
            except ConflictError:
                accounting.record("unresolved", f"{module}.{name}", oid, accounting.reason.text)
                raise
            accounting.record("resolved", f"{module}.{name}", oid, "")
            return result

        ConflictResolvingStorage.tryToResolveConflict = tracking

        from ZODB.BaseStorage import BaseStorage

        original_check = BaseStorage.checkCurrentSerialInTransaction

        def check_current(storage, oid, serial, transaction):
            # BTrees mark the inner nodes they insert through as "read current":
            # the commit fails if another transaction changed such a node meanwhile.
            try:
                return original_check(storage, oid, serial, transaction)
            except ConflictError:
                accounting.record("read-current", "", oid, "node read changed meanwhile")
                raise

        BaseStorage.checkCurrentSerialInTransaction = check_current

        class ReasonHandler(logging.Handler):
            def emit(self, record):
                accounting.reason.text = record.getMessage().rpartition(": ")[2]

        resolution_log = logging.getLogger("ZODB.ConflictResolution")
        resolution_log.setLevel(logging.DEBUG)
        resolution_log.propagate = False
        resolution_log.addHandler(ReasonHandler(logging.DEBUG))

    def record(self, kind, class_name, oid, reason):
        with self.lock:
            self.storage[(self.phase, kind, class_name, oid, reason)] += 1

    def counts(self, phase):
        counts = collections.Counter()
        for key, n in self.storage.items():
            if key[0] == phase:
                counts[key[1]] += n
        return counts

    def by_object(self, phase, describe):
        grouped = collections.Counter()
        for (key_phase, kind, class_name, oid, reason), n in self.storage.items():
            if key_phase == phase:
                grouped[(kind, describe(oid, class_name), reason)] += n
        return grouped


ACCOUNTING = ConflictAccounting()


def btree_labels(tree, label, labels):
    """Label the oids of a BTree, its inner nodes and its buckets."""
    labels[tree._p_oid] = f"{label} (BTree root)"

    def walk(node):
        state = node.__getstate__()
        if not state or len(state) < 2:  # empty, or one bucket stored inline
            return
        for child in state[0][::2]:
            if isinstance(child, type(tree)):
                labels[child._p_oid] = f"{label} (BTree inner node)"
                walk(child)
            else:
                labels[child._p_oid] = f"{label} (bucket)"

    walk(tree)


def describer(site, sessions):
    """A function naming an object by its oid: which BTree, bucket or set it is."""
    labels = object_labels(site, sessions)
    connection = site._p_jar

    def describe(oid, class_name=""):
        if oid is None:
            return class_name or "?"
        if not class_name:
            try:
                klass = type(connection.get(oid))
                class_name = f"{klass.__module__}.{klass.__name__}"
            except Exception:
                class_name = "?"
        return f"{class_name} = {labels.get(oid, 'unidentified object')}"

    return describe


def object_labels(site, sessions):
    from wikimooc.policy.pas import PLUGIN_ID

    labels = {}
    learners = site.acl_users[PLUGIN_ID]
    btree_labels(learners.groups_by_user, f"acl_users.{PLUGIN_ID}.groups_by_user", labels)
    for name, session in sessions.items():
        labels[session._p_oid] = f"session {name!r} itself"
        labels[session.enrollments._p_oid] = f"session {name!r} Enrollments"
        labels[session.enrollments.count._p_oid] = f"session {name!r} enrollments.count (Length)"
        btree_labels(session.enrollments.learners, f"session {name!r} enrollments.learners", labels)
    return labels


# ----------------------------------------------------------------------------- Zope


def start_zope(zope_conf):
    from Zope2.Startup.run import make_wsgi_app
    from ZPublisher.httpexceptions import main as httpexceptions

    publish_module = make_wsgi_app({}, str(zope_conf))
    return httpexceptions(publish_module)


def name_for(prefix, number):
    """Pseudo-random but reproducible names: keys spread over the whole BTree."""
    return f"{prefix}{hashlib.sha1(f'{prefix}{number}'.encode()).hexdigest()[:10]}"


def create_members(logins):
    from plone import api

    import transaction

    for index, login in enumerate(logins, 1):
        api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD)
        if index % 200 == 0:
            transaction.commit()
    transaction.commit()


def create_session(course, session_id, title):
    from plone import api

    session = api.content.create(
        container=course, type="CourseSession", id=session_id, title=title,
        kind="public", enrollment_policy="open", start=datetime.date(2027, 3, 1),
        end=datetime.date(2027, 4, 30), wiki="en.wikipedia.org", teachers=["teacher"],
    )
    api.content.transition(session, "open")
    return session


# ----------------------------------------------------------------------------- phases


def phase_a1(session, names, batch_size, data_fs):
    """Returns per-name, per-commit and per-batch seconds, and bytes written per batch."""
    from wikimooc.policy.enrollment import add_learners

    import transaction

    per_name, per_commit, per_batch, written = [], [], [], []
    for start in range(0, len(names), batch_size):
        batch_started = time.perf_counter()
        for name in names[start : start + batch_size]:
            started = time.perf_counter()
            (result,) = add_learners(session, [name], added_by="teacher")
            per_name.append(time.perf_counter() - started)
            assert result["status"] == "added", result
        size = data_fs.stat().st_size
        started = time.perf_counter()
        transaction.commit()
        per_commit.append(time.perf_counter() - started)
        per_batch.append(time.perf_counter() - batch_started)
        written.append(data_fs.stat().st_size - size)
    return per_name, per_commit, per_batch, written


def phase_a2(session, logins, data_fs):
    """Returns enroll(), commit and total seconds, and bytes written, per member."""
    from plone import api
    from wikimooc.policy.enrollment import enroll

    import transaction

    per_enroll, per_commit, per_total, written = [], [], [], []
    for login in logins:
        member = api.user.get(username=login)
        size = data_fs.stat().st_size
        started = time.perf_counter()
        assert enroll(session, member) is True
        enrolled = time.perf_counter()
        transaction.commit()
        done = time.perf_counter()
        per_enroll.append(enrolled - started)
        per_commit.append(done - enrolled)
        per_total.append(done - started)
        written.append(data_fs.stat().st_size - size)
    return per_enroll, per_commit, per_total, written


def http_client(auth=None):
    import requests

    client = requests.Session()
    client.headers["Accept"] = "application/json"
    client.auth = auth
    return client


def time_gets(client, url, requests_count):
    durations, payload = [], None
    for _ in range(requests_count):
        started = time.perf_counter()
        response = client.get(url, timeout=60)
        durations.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        payload = response.json()
    return durations, payload


def phase_b_gets(base_url, session, requests_count):
    """GET @enrollments as the session's teacher: first page, last page, big page."""
    client = http_client(("teacher", PASSWORD))
    url = base_url + "/".join(session.getPhysicalPath()) + "/@enrollments"
    total = len(session.enrollments)
    rows, first_request = [], {}
    for label, query, expected in (
        ("b_size=25, first page", "b_size=25", min(25, total)),
        (f"b_size=25, last page (b_start={max(0, total - 25)})",
         f"b_size=25&b_start={max(0, total - 25)}", min(25, total)),
        ("b_size=1000, first page", "b_size=1000", min(1000, total)),
    ):
        durations, payload = time_gets(client, f"{url}?{query}", requests_count)
        assert payload["items_total"] == total, payload["items_total"]
        assert len(payload["items"]) == expected, len(payload["items"])
        first_request[label] = durations[0]
        rows.append((label, durations))
    return total, rows, first_request


def phase_b_post(base_url, session, logins):
    durations = []
    url = base_url + "/".join(session.getPhysicalPath()) + "/@enroll"
    for login in logins:
        client = http_client((login, PASSWORD))
        started = time.perf_counter()
        response = client.post(url, json={}, timeout=60)
        durations.append(time.perf_counter() - started)
        assert response.status_code == 201, (response.status_code, response.text[:300])
        client.close()
    return durations


class ConcurrentResult:
    def __init__(self, label, expected_before):
        self.label = label
        self.lock = threading.Lock()
        self.expected_before = expected_before
        self.attempted = 0
        self.succeeded = 0
        self.conflicts = 0
        self.exhausted = 0
        self.succeeded_logins = []
        self.gave_up_logins = []
        self.errors = []
        self.latencies = []
        self.conflict_objects = collections.Counter()  # (exception, oid, class)
        self.wall = 0.0
        self.unfinished = 0


def enroll_worker(db, session_path, logins, barrier, result):
    """One thread: its own connection and transaction manager, one commit per enrollment."""
    from plone import api
    from wikimooc.policy.enrollment import enroll
    from ZODB.POSException import ConflictError
    from zope.component.hooks import setSite

    import transaction

    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        app = enter_zope(connection.root()["Application"])
        session = app.unrestrictedTraverse(session_path)
        setSite(app.unrestrictedTraverse(session_path[:2]))
        manager.abort()
        barrier.wait(timeout=120)
        for login in logins:
            started = time.perf_counter()
            with result.lock:
                result.attempted += 1
            for _attempt in range(1 + MAX_RETRIES):
                try:
                    manager.begin()
                    member = api.user.get(username=login)
                    assert enroll(session, member) is True
                    manager.commit()
                except ConflictError as error:
                    manager.abort()
                    with result.lock:
                        result.conflicts += 1
                        result.conflict_objects[
                            (type(error).__name__, error.oid, error.class_name or "")
                        ] += 1
                    continue
                with result.lock:
                    result.succeeded += 1
                    result.succeeded_logins.append(login)
                    result.latencies.append(time.perf_counter() - started)
                break
            else:
                with result.lock:
                    result.exhausted += 1
                    result.gave_up_logins.append(login)
    except Exception as error:  # reported, and the run fails at the end
        manager.abort()
        with result.lock:
            result.errors.append(repr(error))
    finally:
        leave_zope()
        connection.close()


def http_worker(url, logins, barrier, result):
    barrier.wait(timeout=120)
    for login in logins:
        client = http_client((login, PASSWORD))
        with result.lock:
            result.attempted += 1
        started = time.perf_counter()
        try:
            response = client.post(url, json={}, timeout=120)
        except Exception as error:
            with result.lock:
                result.errors.append(repr(error))
            continue
        finally:
            client.close()
        with result.lock:
            if response.status_code == 201:
                result.succeeded += 1
                result.succeeded_logins.append(login)
                result.latencies.append(time.perf_counter() - started)
            elif response.status_code >= 500 and "ConflictError" in response.text:
                result.exhausted += 1  # still conflicting after max-conflict-retries
                result.gave_up_logins.append(login)
            else:
                result.errors.append(f"{login}: HTTP {response.status_code} {response.text[:200]}")


class RetryCounter:
    """IPubFailure with retry=True: Zope is about to retry a request after a conflict."""

    def __init__(self):
        self.lock = threading.Lock()
        self.result = None

    def __call__(self, event):
        result = self.result
        if result is None or not getattr(event, "retry", False):
            return
        error = event.exc_info[1]
        with result.lock:
            result.conflicts += 1
            result.conflict_objects[
                (type(error).__name__, getattr(error, "oid", None),
                 getattr(error, "class_name", None) or "")
            ] += 1


def run_concurrent(label, target, args_for_thread, threads, result, timeout):
    barrier = threading.Barrier(threads)
    workers = [
        threading.Thread(target=target, args=(*args_for_thread(index), barrier, result),
                         name=f"{label}-{index}", daemon=True)
        for index in range(threads)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    deadline = started + timeout
    for worker in workers:
        worker.join(max(0.1, deadline - time.perf_counter()))
    result.wall = time.perf_counter() - started
    result.unfinished = sum(worker.is_alive() for worker in workers)
    return result


# ----------------------------------------------------------------------------- main


def main(argv=None):
    args = parse_args(argv)
    faulthandler.dump_traceback_later(args.timeout, exit=True)
    run_started = time.perf_counter()
    when = datetime.datetime.now(datetime.UTC)
    print(f"WikiMOOC enrollment benchmark, {when:%Y-%m-%d %H:%M} UTC", flush=True)
    print(machine_info(), flush=True)
    print(
        f"learners {args.learners:,} (batches of {args.batch}), members {args.members:,},"
        f" {args.threads} threads x {args.per_thread}, {args.requests} requests per GET figure",
        flush=True,
    )
    directory = Path(tempfile.mkdtemp(prefix="wikimooc-bench-"))
    started = []  # what run() started, stopped here whatever happens
    try:
        return run(args, directory, run_started, started)
    finally:
        for thing in reversed(started):
            try:
                (thing.shutdown if hasattr(thing, "shutdown") else thing.close)()
            except Exception as error:
                print(f"Could not stop {thing!r}: {error!r}", file=sys.stderr)
        if args.keep:
            print(f"\nKept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def run(args, directory, run_started, started_things):
    from webtest.http import StopableWSGIServer

    zope_conf = write_zope_instance(directory, cache_size=30000,
                                    pool_size=2 * args.threads + 8)
    started = time.perf_counter()
    wsgi_app = start_zope(zope_conf)

    from plone import api
    from wikimooc.policy.site import ensure_site
    from zope.component import provideHandler
    from ZPublisher.interfaces import IPubFailure

    import transaction
    import Zope2

    started_things.append(Zope2.DB)
    ACCOUNTING.install()
    retry_counter = RetryCounter()
    provideHandler(retry_counter, (IPubFailure,))

    app = enter_zope(Zope2.app())
    site, _created = ensure_site(app, with_demo_content=False)
    transaction.commit()
    step(f"Zope configured and site created in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    learner_names = [name_for("Learner ", number) for number in range(args.learners)]
    member_logins = [name_for("m", number) for number in range(args.members)]
    post_logins = [name_for("p", number) for number in range(args.requests)]
    concurrent_logins = [
        [name_for(f"t{thread}-", number) for number in range(args.per_thread)]
        for thread in range(args.threads)
    ]
    create_members(["teacher", *member_logins, *post_logins,
                    *(login for logins in concurrent_logins for login in logins)])
    course = api.content.create(
        container=site["en"], type="Course", id="intro", title="Introduction",
        projects=("wikipedia",), audience=("students",), organisation="Wikimedia UK",
        authors=["Ada Lovelace"],
    )
    # A course needs a module to be submitted for review, hence published.
    api.content.create(container=course, type="Module", id="about", title="About")
    api.content.transition(course, to_state="published")
    sessions = {
        "big": create_session(course, "big", "Big session"),
        "rush-threads": create_session(course, "rush-threads", "Rush (threads)"),
        "rush-http": create_session(course, "rush-http", "Rush (HTTP)"),
    }
    transaction.commit()
    big = sessions["big"]
    step(
        f"{1 + len(member_logins) + len(post_logins) + args.threads * args.per_thread:,}"
        f" members, a course and 3 sessions created in {time.perf_counter() - started:.1f} s"
        " (not timed below)"
    )

    server = StopableWSGIServer.create(wsgi_app, host="127.0.0.1", threads=max(4, args.threads))
    started_things.append(server)
    assert server.wait(), "the WSGI server did not start"
    base_url = f"http://127.0.0.1:{server.adj.port}"

    # -- A: in-process, one thread
    ACCOUNTING.phase = "A"
    started = time.perf_counter()
    data_fs = directory / "var" / "Data.fs"
    a1_name, a1_commit, a1_batch, a1_written = phase_a1(big, learner_names, args.batch, data_fs)
    a1_wall = time.perf_counter() - started
    step(f"A1 add_learners: {args.learners:,} names in {a1_wall:.1f} s")
    started = time.perf_counter()
    a2_enroll, a2_commit, a2_total, a2_written = phase_a2(big, member_logins, data_fs)
    a2_wall = time.perf_counter() - started
    step(f"A2 enroll(): {args.members:,} members in {a2_wall:.1f} s")
    expected_big = args.learners + args.members
    assert len(big.enrollments) == expected_big == len(big.enrollments.learners)

    # -- B: HTTP, one client
    ACCOUNTING.phase = "B"
    started = time.perf_counter()
    b_total, b_rows, b_first = phase_b_gets(base_url, big, args.requests)
    b_post = phase_b_post(base_url, big, post_logins)
    transaction.begin()
    expected_big += len(post_logins)
    assert len(big.enrollments) == expected_big == len(big.enrollments.learners)
    step(f"B GET @enrollments and POST @enroll in {time.perf_counter() - started:.1f} s")

    # -- C: concurrency
    concurrent = []
    db = Zope2.DB
    for label, phase, session in (
        ("C1 in-process, new session", "C1", sessions["rush-threads"]),
        ("C2 in-process, big session", "C2", big),
    ):
        ACCOUNTING.phase = phase
        transaction.begin()
        result = ConcurrentResult(label, len(session.enrollments))
        run_concurrent(
            phase, enroll_worker,
            lambda index, session=session: (
                db, session.getPhysicalPath(), concurrent_logins[index]
            ),
            args.threads, result, timeout=max(60, args.timeout / 6),
        )
        concurrent.append((phase, session, result))
        step(f"{label}: {result.succeeded} enrollments in {result.wall:.1f} s")

    ACCOUNTING.phase = "C3"
    session = sessions["rush-http"]
    transaction.begin()
    result = ConcurrentResult("C3 HTTP POST @enroll, new session", len(session.enrollments))
    retry_counter.result = result
    url = base_url + "/".join(session.getPhysicalPath()) + "/@enroll"
    run_concurrent(
        "C3", http_worker, lambda index: (url, concurrent_logins[index]),
        args.threads, result, timeout=max(60, args.timeout / 6),
    )
    retry_counter.result = None
    concurrent.append(("C3", session, result))
    step(f"{result.label}: {result.succeeded} enrollments in {result.wall:.1f} s")

    # -- B, second part: the same GETs on a small session, to see how they scale
    ACCOUNTING.phase = "B"
    transaction.begin()
    small_total, small_rows, small_first = phase_b_gets(
        base_url, sessions["rush-threads"], args.requests
    )

    # -- report
    transaction.begin()
    describe = describer(site, sessions)
    failures = []
    print()
    print("A. In-process, one thread, big session"
          f" (ends with {args.learners + args.members:,} learners)")
    print(table(TIMING_HEADERS, [
        timing_row("A1 add_learners, per name (no commit)", a1_name),
        timing_row(f"A1 commit of a {args.batch}-name batch", a1_commit),
        timing_row(f"A1 whole {args.batch}-name batch incl. commit", a1_batch),
        timing_row("A2 enroll(), per member (no commit)", a2_enroll),
        timing_row("A2 commit of one enrollment", a2_commit),
        timing_row("A2 enroll() + commit, per member", a2_total),
    ]))
    tenth = max(1, len(a2_written) // 10)
    print(
        f"A1: {args.learners / a1_wall:,.0f} names/s, {ms(a1_wall / args.learners)} per"
        f" enrollment with its share of the commit; {statistics.fmean(a1_written) / 1e3:,.0f} kB"
        f" written per {args.batch}-name commit.\n"
        f"A2: {args.members / a2_wall:,.0f} enrollments/s, {ms(a2_wall / args.members)} per"
        f" enrollment; written per commit: {statistics.fmean(a2_written[:tenth]) / 1e3:,.1f} kB"
        f" for the first {tenth}, {statistics.fmean(a2_written[-tenth:]) / 1e3:,.1f} kB"
        f" for the last {tenth}; enroll()+commit mean {ms(statistics.fmean(a2_total[:tenth]))}"
        f" for the first {tenth}, {ms(statistics.fmean(a2_total[-tenth:]))} for the last {tenth}."
    )

    print()
    print("B. HTTP, one client (keep-alive), teacher's GET {session}/@enrollments"
          " and a member's POST @enroll")
    rows = []
    runs = ((b_total, b_rows, b_first), (small_total, small_rows, small_first))
    for total, these_rows, first in runs:
        for label, durations in these_rows:
            figures = timing_row("", durations, total=False)[1:6]
            rows.append([f"GET, {total:,} learners, {label}", *figures, ms(first[label])])
    rows.append([f"POST @enroll, big session (~{b_total:,} learners)",
                 *timing_row("", b_post, total=False)[1:6], ms(b_post[0])])
    print(table(["request", "n", "mean", "p50", "p95", "max", "first"], rows))

    print()
    print(f"C. Concurrency: {args.threads} threads x {args.per_thread} enrollments,"
          " one transaction each")
    headers = ["variant", "attempted", "succeeded", "conflicts", "per 100", "write", "read",
               "gave up", "final count", "expected", "wall", "enroll/s", "mean", "p95", "max"]
    rows = []
    warnings_ = []
    for phase, session, result in concurrent:
        # Integrity: every enrollment that succeeded is there, once; none that gave up is.
        expected = result.expected_before + result.succeeded
        final = len(session.enrollments)
        in_tree = len(session.enrollments.learners)
        kinds = collections.Counter()
        for (exception, _oid, _class), n in result.conflict_objects.items():
            kinds["read" if exception == "ReadConflictError" else "write"] += n
        rows.append([
            result.label, result.attempted, result.succeeded, result.conflicts,
            f"{100 * result.conflicts / max(1, result.attempted):.1f}",
            kinds["write"], kinds["read"], result.exhausted,
            f"{final:,}", f"{expected:,}", f"{result.wall:.1f} s",
            f"{result.succeeded / result.wall:.0f}",
            ms(statistics.fmean(result.latencies)) if result.latencies else "-",
            ms(percentile(result.latencies, 0.95)) if result.latencies else "-",
            ms(max(result.latencies)) if result.latencies else "-",
        ])
        if final != expected or in_tree != expected:
            failures.append(
                f"{phase}: count {final}, learners in BTree {in_tree}, expected {expected}"
            )
        enrolled = session.enrollments
        missing = [
            name for name in result.succeeded_logins
            if name[0].upper() + name[1:] not in enrolled
        ]
        if missing:
            failures.append(f"{phase}: {len(missing)} enrollments lost, e.g. {missing[:3]}")
        ghosts = [name for name in result.gave_up_logins if name[0].upper() + name[1:] in enrolled]
        if ghosts:
            failures.append(
                f"{phase}: {len(ghosts)} enrollments that failed are there: {ghosts[:3]}"
            )
        if result.succeeded + result.exhausted != args.threads * args.per_thread:
            failures.append(f"{phase}: {result.succeeded} succeeded + {result.exhausted} gave up"
                            f" != {args.threads * args.per_thread} attempted")
        if result.exhausted:
            warnings_.append(
                f"{phase}: {result.exhausted} enrollments still conflicted after all their retries"
                f" ({'Zope: 3 retries' if phase == 'C3' else f'{MAX_RETRIES} immediate retries'});"
                " their learners are not enrolled."
            )
        if result.errors:
            failures.append(f"{phase}: errors {result.errors[:3]}")
        if result.unfinished:
            failures.append(f"{phase}: {result.unfinished} threads did not finish in time")
    print(table(headers, rows))
    print(
        "conflicts: ConflictErrors at commit, each followed by a retry (in-process: at once, at"
        f" most {MAX_RETRIES} retries;\n  HTTP: by Zope, max-conflict-retries 3, after a random"
        " pause of up to 1, 2, 4 s). write = ConflictError (a write-write\n  conflict the object"
        " could not merge); read = ReadConflictError (a BTree node the insert went through was"
        " changed\n  meanwhile). gave up = still conflicting after the last retry (expected 0)."
        " expected = count before + succeeded.\n  mean/p95/max: per enrollment, retries included."
    )

    print()
    print("Conflicts seen by the storage, per phase")
    rows = []
    for phase in ("A", "B", "C1", "C2", "C3"):
        counts = ACCOUNTING.counts(phase)
        rows.append([phase, counts["resolved"], counts["unresolved"], counts["read-current"],
                     counts["unresolved"] + counts["read-current"]])
    print(table(["phase", "resolved", "unresolved", "read-current", "errors raised"], rows))
    print(
        "resolved = two transactions wrote the same object and its _p_resolveConflict merged"
        " them (no error); unresolved =\n  the merge was refused (ConflictError);"
        " read-current = ReadConflictError on a BTree node read during an insert."
    )
    for phase, _session, result in concurrent:
        grouped = ACCOUNTING.by_object(phase, describe)
        if grouped:
            print(f"{result.label}, by object:")
            order = {"unresolved": 0, "read-current": 1, "resolved": 2}
            for (kind, name, reason), n in sorted(
                grouped.items(), key=lambda item: (order[item[0][0]], -item[1])
            ):
                print(f"  {n:5d} {kind:12s} {name}" + (f" [{reason}]" if reason else ""))

    print()
    print(f"Data.fs: {data_fs.stat().st_size / 1e6:.1f} MB. Run time:"
          f" {time.perf_counter() - run_started:.0f} s.")
    for warning in warnings_:
        print(f"WARNING: {warning}")
    for failure in failures:
        print(f"FAILED: {failure}")
    leave_zope()
    transaction.abort()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
