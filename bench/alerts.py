"""Alerts benchmark: one look at a wiki for N sessions that share their learners, per
wiki (each distinct learner and page asked about once) against the old way, one
look per session, in the same run, against the real local MediaWiki.

    .venv/bin/python bench/alerts.py [--learners 100] [--sessions 1,2,5,10] [--repeats 3]
                                     [--quick]

It prints figures (a table); it never passes or fails on a speed. It exits with
status 1 only when the data are wrong: a look per wiki and the looks per session
would file different alerts, or the per-wiki look made more requests than one
session's look.

The wiki and the platform are edit_tracking.py's: its cached var/bench-wiki (real
accounts "Bench learner 00000" ... with a user page and an article each) and a Plone
site on a temporary FileStorage, Zope configured in this process. Every session
enrolls the same learners 0 .. L-1 by wiki username; one edit check reads their
contributions for all the sessions (so every session knows 2 pages per learner).
Then, for each N: a look at the wiki for the first N sessions together
(watch_wiki), and the N looks the worker made before, one per session; every HTTP
request is counted on the wire. Twice: as the wiki's first look ("first"), then, once
a look for every session was committed, as a later look on a quiet wiki ("later").
Each measured look is aborted afterwards, so that every measurement of a kind starts
from the same state; the time is the look's, without a commit, the median of
--repeats looks each way.
"""

from edit_tracking import create_session
from edit_tracking import logged_site
from edit_tracking import machine_info
from edit_tracking import seconds
from edit_tracking import served_wiki
from edit_tracking import start_plone_with_course
from edit_tracking import stop_plone
from edit_tracking import versions
from load import finish_run
from load import scratch_directory
from load import start_in_process_run
from load import step
from load import table

import argparse
import dataclasses
import sys
import time


DEFAULT_LEARNERS = 100
DEFAULT_SESSIONS = (1, 2, 5, 10)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=DEFAULT_LEARNERS,
                        help="learners shared by every session (100)")
    parser.add_argument("--sessions", default=",".join(map(str, DEFAULT_SESSIONS)),
                        help="numbers of sessions, comma-separated (1,2,5,10)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="looks made each way, the median time shown (3)")
    parser.add_argument("--quick", action="store_true", help="50 learners, 1 and 2 sessions")
    args = parser.parse_args(argv)
    if args.quick:
        args.learners, args.sessions, args.repeats = 50, "1,2", 1
    try:
        args.sessions = sorted({int(count) for count in args.sessions.split(",")})
    except ValueError:
        parser.error(f"--sessions {args.sessions!r}: comma-separated numbers expected")
    if min(args.sessions[0], args.learners, args.repeats) < 1:
        parser.error("--sessions, --learners and --repeats: at least 1")
    return args


@dataclasses.dataclass
class Looks:
    """One way of looking at the wiki for some sessions: the looks' reports, the
    HTTP requests seen and the time they took."""

    reports: list
    http: int
    seconds: float

    @property
    def learners(self):
        return sum(report.learners for report in self.reports)

    @property
    def filed(self):
        return sorted((uid, alert.key) for report in self.reports
                      for uid, alerts in report.raised.items() for alert in alerts)


def median_look(host, groups, repeats):
    """``look`` made ``repeats`` times: the one of median time."""
    looks = sorted((look(host, groups) for _ in range(repeats)), key=lambda made: made.seconds)
    return looks[len(looks) // 2]


def look(host, groups):
    """One look at ``host`` per group of sessions, then forgotten."""
    from wikimooc.policy.alerts.watching import watch_wiki
    from wikimooc.policy.tracking.storage import utc_now

    import transaction

    site, log = logged_site(host)
    started = time.perf_counter()
    reports = [watch_wiki(host, sessions, utc_now(), site=site) for sessions in groups]
    spent = time.perf_counter() - started
    transaction.abort()
    return Looks(reports, log.requests, spent)


def main(argv=None):
    args = parse_args(argv)
    run_started = start_in_process_run(
        "WikiMOOC alerts benchmark", machine_info(),
        f"{', '.join(map(str, args.sessions))} sessions sharing {args.learners:,} learners",
    )
    with scratch_directory() as directory, served_wiki(args.learners) as (setup, _available):
        print(versions(setup.wiki), flush=True)
        rows, failures = run(args, setup.wiki, setup.created, directory)
    print()
    print(f"One look at the wiki for N sessions sharing {args.learners:,} learners"
          f" ({2 * args.learners:,} pages), per wiki against one look per session")
    print(table(["look", "sessions", "per wiki: learners", "requests", "time",
                 "per session: learners", "requests", "time", "time vs per wiki"], rows))
    print("first: no page's state known yet (each look files every page in every session);"
          " later: after a look\n  was committed, nothing changed on the wiki.")
    print("learners: usernames asked about (per session, a learner in k sessions is asked"
          " about k times);\n  requests: HTTP requests on the wire (siteinfo is read once"
          " per process, before); time: the looks,\n  without a commit (the median of"
          f" {args.repeats} runs each way).")
    return finish_run(run_started, failures)


def run(args, wiki, start, directory):
    from wikimooc.policy.alerts.watching import watch_wiki
    from wikimooc.policy.tracking.checker import read_wiki
    from wikimooc.policy.tracking.storage import utc_now

    import transaction

    course = start_plone_with_course(directory, wiki)
    rows, failures = [], []
    try:
        started = time.perf_counter()
        sessions = [create_session(course, wiki, args.learners, start, f"shared-{number}")
                    for number in range(max(args.sessions))]
        step(f"{len(sessions)} sessions of {args.learners:,} learners in"
             f" {time.perf_counter() - started:.1f} s")
        read_wiki(wiki.netloc, sessions, utc_now())
        transaction.commit()
        step("edit check for every session: done")
        look(wiki.netloc, [sessions[:1]])  # siteinfo, read once per process
        one = look(wiki.netloc, [sessions[:1]]).http
        for kind in ("first", "later"):
            if kind == "later":
                watch_wiki(wiki.netloc, sessions, utc_now())
                transaction.commit()
                step("a look for every session committed: the pages' states are known")
            for count in args.sessions:
                together = median_look(wiki.netloc, [sessions[:count]], args.repeats)
                apart = median_look(wiki.netloc, [[session] for session in sessions[:count]],
                                    args.repeats)
                step(f"{kind} look, {count} sessions: {together.http} requests per wiki,"
                     f" {apart.http} per session")
                rows.append([kind, f"{count}", f"{together.learners:,}", f"{together.http:,}",
                             seconds(together.seconds), f"{apart.learners:,}",
                             f"{apart.http:,}", seconds(apart.seconds),
                             f"{apart.seconds / together.seconds:.1f}x"])
                if together.filed != apart.filed:
                    failures.append(f"{count} sessions: the looks filed different alerts")
                if together.http != one:
                    failures.append(f"{count} sessions: {together.http} requests per wiki,"
                                    f" {one} for one session")
    finally:
        stop_plone()
    return rows, failures


if __name__ == "__main__":
    sys.exit(main())
