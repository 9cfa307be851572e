"""Scale-out benchmark on RelStorage/PostgreSQL with the task queue in Redis: 500
enrollments sent by 16 clients across two web instances, and the page benchmark with
one instance against two.

    .venv/bin/python bench/scale.py [--enrollments 500] [--clients 16] [--quick]

It prints tables; it never passes or fails on a speed. It exits with status 1 only
when the data are wrong: an enrollment answered with an error, or one missing from the
session afterwards.

The platform is the real `make start INSTANCES=2` (scripts/start.sh through
tests/running_platform.py) with db_storage: relstorage on a fresh PostgreSQL database
at 127.0.0.1:5432 (dropped afterwards), the task queue in Redis database 12 at
127.0.0.1:6379 (emptied before and after), two web instances on consecutive ports
(waitress, 4 threads each) and the worker. bench/populate.py makes the members and the
content in a zconsole process. The load generator is this process: threads with
keep-alive requests.Sessions, spreading requests over the instances with a
round-robin of its own (no balancer in front).

Parts:
  4  Concurrency: --clients threads POST @enroll for --enrollments members into one
     open session, request i going to instance i mod 2. Zope retries a request that
     hit a ZODB ConflictError (at most 3 times, after a random pause of up to 1, 2,
     4 s). Products.SiteErrorLog logs each retry to the instance's event log ("...
     Request will be retried."): the benchmark counts those records in event.log and
     event-2.log, per exception and conflicting object (named when populate.py made
     it). Afterwards @enrollments must list every member exactly once.
  5  Scale: the anonymous course page, caching off, at concurrency 16, all requests
     to instance 1 against a round-robin over instances 1 and 2, in alternating short
     rounds. Both instances use the same database.
"""

from load import add_run_options
from load import client
from load import compare
from load import conflict_lines
from load import conflict_retries
from load import DataError
from load import fill_defaults
from load import finish_run
from load import load_average
from load import LOAD_HEADERS
from load import Page
from load import populate
from load import Requests
from load import run_threads
from load import running_platform
from load import SCALED_OUT
from load import scaled_out_settings
from load import set_caching
from load import start_run
from load import step
from load import table
from load import warm_up
from load import web_instance_pids
from populate import COURSE
from populate import member_login
from populate import PASSWORD
from populate import RUSH_SESSION
from populate import TEACHER

import argparse
import functools
import itertools
import requests
import sys
import threading


PAGE_CONCURRENCY = 16


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enrollments", type=int, help="members enrolling (500)")
    parser.add_argument("--clients", type=int, default=16, help="client threads (16)")
    parser.add_argument("--seconds", type=float, help="length of one page round (3)")
    parser.add_argument("--rounds", type=int, help="page rounds per variant (3)")
    add_run_options(parser, "100 enrollments, one page round of 2 s")
    return fill_defaults(
        parser, parser.parse_args(argv),
        quick={"enrollments": 100, "seconds": 2.0, "rounds": 1},
        full={"enrollments": 500, "seconds": 3.0, "rounds": 3},
        at_least_one=("enrollments", "clients", "rounds"), positive=("seconds",),
    )


def rush(running, logins, clients):
    """``clients`` threads, each with a share of ``logins``, POST @enroll as them."""
    next_instance = itertools.count()
    result = Requests()
    start = threading.Barrier(clients)

    def enroll_members(share):
        session = client()
        session.headers["Accept"] = "application/json"
        start.wait(timeout=120)
        for login in share:
            instance = next(next_instance) % len(running.urls)
            url = running.urls[instance] + RUSH_SESSION + "/@enroll"
            result.send(login, instance, functools.partial(
                session.post, url, json={}, auth=(login, PASSWORD), timeout=120), 201)
        session.close()

    result.seconds = run_threads(enroll_members,
                                 [logins[index::clients] for index in range(clients)])
    return result


def enrolled_user_ids(running):
    answer = requests.get(
        running.url + RUSH_SESSION + f"/@enrollments?b_size={10**6}",
        auth=(TEACHER, PASSWORD), headers={"Accept": "application/json"}, timeout=120,
    ).json()
    return answer["items_total"], [item["user_id"] for item in answer["items"]]


def concurrency(running, args):
    logins = [member_login(number) for number in range(args.enrollments)]
    retries_before = conflict_retries(running)
    result = rush(running, logins, args.clients)
    retries = conflict_retries(running) - retries_before
    total, user_ids = enrolled_user_ids(running)
    problems = list(result.errors)
    if total != len(logins) or sorted(user_ids) != sorted(logins):
        missing = sorted(set(logins) - set(user_ids))
        problems.append(f"@enrollments lists {total} learners, expected {len(logins)};"
                        f" missing e.g. {missing[:3]}")
    row = [
        f"{len(logins)} by {args.clients} clients", result.statuses[201],
        len(result.errors), total, sum(retries.values()),
        f"{result.seconds:.1f} s", f"{len(result.latencies) / result.seconds:.0f}",
        *result.latency_cells(),
    ]
    return row, retries, problems


def scale(running, args):
    pages = [
        Page("course page, one instance", [running.urls[0] + COURSE]),
        Page("course page, two instances (round-robin)",
             [url + COURSE for url in running.urls]),
    ]
    warm_up(pages)
    results = compare(pages, PAGE_CONCURRENCY, args.rounds, args.seconds,
                      web_instance_pids(running))
    one, two = (results[page.label] for page in pages)
    rows = [[page.label, *results[page.label].row()] for page in pages]
    errors = [error for load in results.values() for error in load.errors]
    return rows, two.per_second / one.per_second, errors


def main(argv=None):
    args = parse_args(argv)
    run_started = start_run("WikiMOOC scale-out benchmark", SCALED_OUT, args.timeout)
    with (scaled_out_settings() as (_dsn, settings),
          running_platform(settings, web_instances=2, keep=args.keep) as running):
        report = populate(running, "pages", f"members={args.enrollments}")
        step(f"content and {args.enrollments} members created in"
             f" {sum(report['seconds'].values()):.0f} s")
        warm_up([Page("rush session", [url + RUSH_SESSION for url in running.urls])])
        rush_row, retries, problems = concurrency(running, args)
        step(f"enrollments done; {load_average()}")
        set_caching(running, False)
        try:
            scale_rows, gain, page_errors = scale(running, args)
        except DataError as error:
            problems.append(str(error))
            scale_rows, gain, page_errors = [], 0, []
        problems += page_errors
        step(f"pages done; {load_average()}")

    print()
    print("4. Concurrency: POST @enroll into one open session, alternately to both instances")
    print(table(["enrollments", "201", "errors", "recorded", "conflict retries", "wall",
                 "enroll/s", "p50", "p95", "max", "instance 1 / 2"], [rush_row]))
    for line in conflict_lines(retries, report["objects"]):
        print(f"  {line}")
    print("conflict retries: lines 'Request will be retried.' that Products.SiteErrorLog"
          " wrote to the instances'\n  event logs during the run (Zope retries a request"
          " at most 3 times). recorded: @enrollments' items_total.")
    if scale_rows:
        print()
        print(f"5. Scale: the anonymous course page, caching off, concurrency {PAGE_CONCURRENCY},"
              " RelStorage")
        print(table(["variant", *LOAD_HEADERS], scale_rows))
        print(f"two instances / one instance: {gain:.2f}x the requests per second.")
    return finish_run(run_started, problems)


if __name__ == "__main__":
    sys.exit(main())
