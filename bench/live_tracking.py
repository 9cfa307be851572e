"""Live-mode benchmark: from an edit saved on the wiki to the exercise shown done, with
10,000 learners followed, live (the recent changes stream) and polling only, in the
same run, against a real local MediaWiki.

    .venv/bin/python bench/live_tracking.py [--learners 10000] [--on-wiki 1000]
                                            [--edits 10] [--quick]

It prints figures; it never passes or fails on a speed. It exits with status 1 only
when the data are wrong: an edit never became progress, or became it with another
revision.

The wiki is edit_tracking.py's (var/bench-wiki, its learners "Bench learner 00000"…
with their populated edits; made on the first run, about 4 minutes a thousand on a
loaded machine). The session follows ``--learners`` usernames, of which the first
``--on-wiki`` have accounts and edits there (at least those the wiki already holds):
a cycle asks about every username all the same (50 per request). Its
``$wgRCFeeds`` sends every recent change over UDP to tests/rc_feed_relay.py, the
harness's stand-in for Wikimedia's EventStreams, which serves them as server-sent
events. The platform: a Plone site on a temporary FileStorage, Zope configured in
this process, one session with all the learners, its first cycle run before
measuring (the steady state: each later cycle reads only the last minute).

In this process, as the worker would run them: the huey consumer (a thread taking
tasks from the SQLite queue), the scheduler's minute tick (run_due_checks, the
periodic checks, every minute at second 0, check interval 60 s), and in the live
part the stream follower (wikimooc.policy.tracking.live, a thread). Each edit is a
learner's new User:<name>/Brouillon page saved through the API; the main thread then
looks every 50 ms for the committed progress record. Live: the edits one after the
other, polling running beside. Polling only: the follower stopped, the edits spread
over two minutes (every interval's phase), all watched at once.
"""

from edit_tracking import create_course
from edit_tracking import create_session
from edit_tracking import DRAFT_TITLE
from edit_tracking import learner_name
from edit_tracking import machine_info
from edit_tracking import served_wiki
from edit_tracking import start_plone
from edit_tracking import stop_plone
from edit_tracking import versions
from edit_tracking import WIKI_DIRECTORY
from load import finish_run
from load import percentile
from load import REPOSITORY
from load import scratch_directory
from load import start_in_process_run
from load import step
from load import table

import argparse
import contextlib
import importlib.util
import mwclient
import secrets
import sys
import threading
import time


POLLING_SPREAD_SECONDS = 120
WATCH_TIMEOUT_SECONDS = 300


def load_relay():
    path = REPOSITORY / "tests" / "rc_feed_relay.py"
    spec = importlib.util.spec_from_file_location("wikimooc_rc_feed_relay", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=10000, help="learners followed (10000)")
    parser.add_argument("--on-wiki", type=int, default=1000,
                        help="of them, those with an account and edits on the wiki (1000)")
    parser.add_argument("--edits", type=int, default=10, help="edits measured per mode (10)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 1,000 learners, 3 edits per mode")
    args = parser.parse_args(argv)
    if args.quick:
        args.learners, args.on_wiki, args.edits = 1000, 1000, 3
    args.on_wiki = min(args.on_wiki, args.learners)
    if args.on_wiki < 2 * args.edits or args.edits < 1:
        parser.error("--edits must be at least 1 and --on-wiki at least twice --edits")
    return args


class Worker:
    """The worker's consumer and scheduler tick in threads of this process."""

    def __init__(self, site_id):
        self.site_id = site_id
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.consume, daemon=True),
                        threading.Thread(target=self.tick, daemon=True)]
        self.failures = []

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(120)

    def consume(self):
        from wikimooc.policy.taskqueue.queue import huey

        while not self.stopping.is_set():
            for task in huey.read_schedule():
                huey.enqueue(task)
            task = huey.dequeue()
            if task is None:
                self.stopping.wait(0.02)
                continue
            try:
                huey.execute(task)
            except Exception as error:  # a benchmark reports, it does not stop
                self.failures.append(repr(error))

    def tick(self):
        from wikimooc.policy.taskqueue.site import task_site
        from wikimooc.policy.tracking.schedule import run_due_checks

        while not self.stopping.is_set():
            self.stopping.wait(60 - time.time() % 60)
            if self.stopping.is_set():
                return
            with task_site(self.site_id):
                run_due_checks()


@contextlib.contextmanager
def following(site_id):
    from functools import partial
    from wikimooc.policy.taskqueue.tasks import queue_live_check
    from wikimooc.policy.tracking.live import StreamFollower

    follower = StreamFollower(site_id, partial(queue_live_check, site_id))
    thread = threading.Thread(target=follower.run, daemon=True)
    thread.start()
    try:
        yield follower
    finally:
        follower.stop()
        thread.join(30)


def wait_until_live(timeout=30):
    from wikimooc.policy.tracking.live import live_status

    import transaction

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        transaction.begin()
        if live_status()["mode"] == "live":
            return
        time.sleep(0.1)
    raise RuntimeError("the follower did not connect to the relay")


def learners_without_draft(wiki, names, count):
    found = []
    for start in range(0, len(names), 50):
        batch = names[start:start + 50]
        titles = {DRAFT_TITLE.format(username=name): name for name in batch}
        answer = wiki.api(action="query", titles="|".join(titles))
        missing = {page["title"] for page in answer["query"]["pages"] if page.get("missing")}
        found += [name for title, name in titles.items() if title in missing]
        if len(found) >= count:
            return found[:count]
    raise RuntimeError(f"fewer than {count} learners without a draft page: delete"
                       f" {WIKI_DIRECTORY} and run again")


def logged_in(wiki, learner):
    password = secrets.token_urlsafe(18)
    wiki.create_user(learner, password)
    client = mwclient.Site(wiki.netloc, path="/", scheme="http",
                           clients_useragent="WikiMOOC benchmark")
    client.clientlogin(username=learner, password=password)
    client.site_init()
    return client


def save_draft(client, learner):
    """Save the learner's draft; (revision id, when the save returned)."""
    result = client.pages[DRAFT_TITLE.format(username=learner)].edit(
        "My draft, saved by the WikiMOOC live benchmark.", summary="WikiMOOC benchmark"
    )
    return result["newrevid"], time.perf_counter()


def watch(session, saves, failures):
    """Seconds from each save to its progress record: ``saves`` maps a learner to
    (revision id, saved at), filled as the edits are made, and None to True once
    they all are."""
    from wikimooc.policy.tracking.storage import tracking_of

    import transaction

    draft_uid = session.__parent__["m"]["draft"].UID()
    latencies, deadline = {}, time.monotonic() + WATCH_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        transaction.begin()
        progress = tracking_of(session).progress
        now = time.perf_counter()
        for learner, save in list(saves.items()):
            if learner is None or learner in latencies:
                continue
            revid, saved = save
            found = progress.get((learner, draft_uid))
            if found is not None:
                latencies[learner] = now - saved
                if found.revid != revid:
                    failures.append(f"{learner}: done with revision {found.revid}, not {revid}")
        if saves.get(None) and len(latencies) == len(saves) - 1:
            return latencies
        time.sleep(0.05)
    failures.append(f"{len(saves) - 1 - len(latencies)} edits never became progress")
    return latencies


def measure_live(session, clients):
    saves, failures, latencies = {}, [], []
    for learner, client in clients:
        saves = {learner: save_draft(client, learner), None: True}
        latencies += watch(session, saves, failures).values()
    return latencies, failures


def measure_polling(session, clients):
    saves, failures = {}, []

    def edit_spread():
        gap = POLLING_SPREAD_SECONDS / len(clients)
        for learner, client in clients:
            saves[learner] = save_draft(client, learner)
            time.sleep(gap)
        saves[None] = True

    editor = threading.Thread(target=edit_spread, daemon=True)
    editor.start()
    latencies = watch(session, saves, failures)
    editor.join()
    return list(latencies.values()), failures


def figures(name, latencies):
    if not latencies:
        return [name, "0", "", "", "", ""]
    return [name, str(len(latencies)), f"{percentile(latencies, 0.5):.1f} s",
            f"{percentile(latencies, 0.95):.1f} s", f"{max(latencies):.1f} s",
            f"{sum(latencies) / len(latencies):.1f} s"]


def run(args, wiki, created, directory, relay):
    from plone import api
    from wikimooc.policy.site import SITE_ID
    from wikimooc.policy.tracking.schedule import check_and_commit

    import transaction

    site = start_plone(directory)
    course = create_course(site, wiki)
    api.portal.set_registry_record("wikimooc.live_stream_url", relay.url)
    session = create_session(course, wiki, args.learners, created)
    started = time.perf_counter()
    check_and_commit(session)
    step(f"{args.learners:,} learners enrolled, first cycle {time.perf_counter() - started:.0f} s")
    names = learners_without_draft(wiki, [learner_name(n) for n in range(args.on_wiki)],
                                   2 * args.edits)
    clients = [(name, logged_in(wiki, name)) for name in names]
    step(f"{len(clients)} learners logged in on the wiki")
    transaction.commit()
    try:
        with Worker(SITE_ID) as worker:
            with following(SITE_ID):
                wait_until_live()
                live, live_failures = measure_live(session, clients[:args.edits])
            step("live: measured")
            polling, polling_failures = measure_polling(session, clients[args.edits:])
            step("polling only: measured")
        return live, polling, live_failures + polling_failures + worker.failures
    finally:
        stop_plone()


def main(argv=None):
    args = parse_args(argv)
    run_started = start_in_process_run(
        "WikiMOOC live-mode benchmark", machine_info(),
        f"{args.learners:,} learners followed ({args.on_wiki:,} with accounts and edits on"
        f" the wiki), {args.edits} edits per mode",
    )
    relay = load_relay().RecentChangesRelay(domain=None)
    try:
        with (scratch_directory("wikimooc-bench-live-") as directory,
              served_wiki(args.on_wiki) as (setup, _available)):
            wiki = setup.wiki
            relay.domain = wiki.netloc
            relay.start()
            wiki.write_overrides({**wiki.read_overrides(), "rc_feed_port": relay.udp_port})
            try:
                print(versions(wiki), flush=True)
                live, polling, failures = run(args, wiki, setup.created, directory, relay)
            finally:
                wiki.write_overrides({**wiki.read_overrides(), "rc_feed_port": None})
    finally:
        if relay.running:
            relay.stop()
    print()
    print("Edit saved (the API's answer) → exercise done (the progress record committed)")
    print(table(["mode", "edits", "median", "p95", "worst", "mean"],
                [figures("live (stream, polling beside)", live),
                 figures("polling only", polling)]))
    print(f"Check interval 60 s, scheduler tick every minute; polling's edits spread over"
          f" {POLLING_SPREAD_SECONDS} s.")
    return finish_run(run_started, failures)


if __name__ == "__main__":
    sys.exit(main())
