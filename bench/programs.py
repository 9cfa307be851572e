"""Program report benchmark: the report of a program of 50 sessions and 10,000
learners, from the sessions' stored summaries, next to the naive report that reads
every contribution of every session at each view, in the same run.

    .venv/bin/python bench/programs.py [--sessions 50] [--learners 10000] [--quick]

It prints figures (a table); it never passes or fails on a speed. It exits with
status 1 only when the data are wrong (the stored report and the naive one differ,
a count is off).

What it runs on: as bench/gradebook.py, a real ZODB FileStorage in a temporary
directory, Zope configured in this process as runwsgi does, the site made by
wikimooc.policy.site.ensure_site, and waitress serving it on 127.0.0.1.

The program: --sessions public sessions of one course, --learners learners spread
over them (added by wiki username, as a teacher does; one in twenty is also in the
next session, so learners are shared), each with 0 to 8 contributions recorded in
the session's edit tracking (as the checker records them) over the session's weeks
and after its end. The program holds half of the sessions and an inner program
that holds the other half and one of the first half again (nested, with a session
reached twice). Each session's summary is made once, as the worker does.

Figures:
  REST  GET {program}/@report as a teacher, one client with keep-alive; p50, p95.
  page  GET {program} (the Classic UI page with its chart), the same way.
  naive program_report's figures computed in-process (no HTTP, so it is flattered)
        from fresh summaries: every session's contributions, certificates and
        grades read again, at each view.
  refresh the worker's refresh of every session's summary (what it costs, hourly
        at most, outside any view).
Clients and server share this process (and its GIL), on a shared machine.
"""

from enrollment import create_members
from enrollment import create_session
from enrollment import name_for
from enrollment import PASSWORD
from enrollment import start_zope
from gradebook import figure_row
from gradebook import time_gets
from load import add_run_options
from load import DataError
from load import enter_zope
from load import fill_defaults
from load import ms
from load import run_in_scratch_directory
from load import step
from load import table
from load import write_zope_instance

import argparse
import datetime
import faulthandler
import random
import statistics
import sys
import time


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, help="sessions of the program (50)")
    parser.add_argument("--learners", type=int, help="learners over all sessions (10000)")
    parser.add_argument("--requests", type=int, help="HTTP requests per figure (20)")
    parser.add_argument("--naive", type=int, help="naive reports computed (3)")
    add_run_options(parser, "small run: 10 sessions, 1,000 learners, 10 requests",
                    keep_help="keep the temporary directory")
    return fill_defaults(
        parser, parser.parse_args(argv),
        quick={"sessions": 10, "learners": 1000, "requests": 10, "naive": 2},
        full={"sessions": 50, "learners": 10000, "requests": 20, "naive": 3},
        at_least_one=("sessions", "learners", "requests", "naive"),
    )


def record_contributions(session, names, rng, revids):
    """0 to 8 contributions per learner, from the session's start to 100 days after
    its end, written where the checker writes them."""
    from wikimooc.policy.tracking.storage import Contribution
    from wikimooc.policy.tracking.storage import tracking_of

    tracking = tracking_of(session)
    span = (session.end - session.start).days + 100
    for name in names:
        for _number in range(rng.randint(0, 8)):
            day = session.start + datetime.timedelta(days=rng.randint(0, span))
            revid = next(revids)
            tracking.record(Contribution(
                revid=revid, parentid=revid - 1, username=name, namespace=0,
                title=f"Article {rng.randint(0, 5000)}", timestamp=f"{day}T12:00:00Z",
                size=1000, sizediff=rng.randint(-50, 800), new=rng.random() < 0.1,
                comment="",
            ))


def build_program(site, sessions):
    """The program: the first half of the sessions and an inner program of the
    other half plus the first session again."""
    from plone import api

    half = len(sessions) // 2
    inner = api.content.create(
        container=site["en"], type="Program", id="inner", title="Inner program",
        sessions=[s.UID() for s in [sessions[0], *sessions[half:]]])
    program = api.content.create(
        container=site["en"], type="Program", id="year", title="A year of sessions",
        organisation="Wikimedia UK", sessions=[s.UID() for s in sessions[:half]],
        programs=[inner.UID()])
    for made in (inner, program):
        api.content.transition(made, "publish")
    return program


def naive_report(sessions):
    """The report's totals as a view would make them without stored summaries."""
    from wikimooc.policy.programs.report import Tally
    from wikimooc.policy.programs.summary import summarise

    tally = Tally()
    for session in sessions:
        tally.add(summarise(session))
    return {"totals": tally.figures(), "weeks": tally.weeks_counted()}


def main(argv=None):
    args = parse_args(argv)
    faulthandler.dump_traceback_later(args.timeout, exit=True)
    when = datetime.datetime.now(datetime.UTC)
    print(f"WikiMOOC program report benchmark, {when:%Y-%m-%d %H:%M} UTC", flush=True)
    print(f"sessions {args.sessions}, learners {args.learners:,},"
          f" {args.requests} requests per figure", flush=True)
    return run_in_scratch_directory(args, run)


def make_sessions(args, site):
    """The course, its sessions, their learners and contributions; how many distinct
    learners they hold."""
    from plone import api
    from wikimooc.policy.enrollment import add_learners

    import itertools
    import transaction

    rng = random.Random(20)
    revids = itertools.count(1)
    course = api.content.create(container=site["en"], type="Course", id="course",
                                title="Course", projects=("wikipedia",))
    api.content.create(container=course, type="Module", id="about", title="About")
    api.content.transition(course, to_state="published")
    names = [name_for("Learner ", number) for number in range(args.learners)]
    per_session = len(names) // args.sessions
    sessions = []
    for number in range(args.sessions):
        session = create_session(course, f"s{number}", f"Session {number}")
        own = names[number * per_session:(number + 1) * per_session]
        shared = names[(number + 1) * per_session:][: per_session // 20]
        add_learners(session, own + shared, added_by="teacher")
        record_contributions(session, own + shared, rng, revids)
        transaction.commit()
        sessions.append(session)
    return sessions, len(set(names[: per_session * args.sessions]))


def refresh_all(sessions):
    from wikimooc.policy.programs.summary import refresh_summary

    import transaction

    started = time.perf_counter()
    for session in sessions:
        refresh_summary(session)
        transaction.commit()
    return time.perf_counter() - started


def run(args, directory, started_things):
    from webtest.http import StopableWSGIServer

    zope_conf = write_zope_instance(directory, cache_size=60000)
    started = time.perf_counter()
    wsgi_app = start_zope(zope_conf)

    from wikimooc.policy.programs.report import program_sessions
    from wikimooc.policy.site import ensure_site

    import requests
    import transaction
    import Zope2

    started_things.append(Zope2.DB)
    app = enter_zope(Zope2.app())
    site, _created = ensure_site(app, with_demo_content=False)
    transaction.commit()
    create_members(["teacher"])
    sessions, learners = make_sessions(args, site)
    program = build_program(site, sessions)
    transaction.commit()
    step(f"site, {args.sessions} sessions, {learners:,} learners and their contributions"
         f" made in {time.perf_counter() - started:.1f} s (not timed below)")
    refresh_seconds = refresh_all(sessions)
    step(f"every summary made in {refresh_seconds:.1f} s")

    server = StopableWSGIServer.create(wsgi_app, host="127.0.0.1", threads=4)
    started_things.append(server)
    assert server.wait(), "the WSGI server did not start"
    program_url = f"http://127.0.0.1:{server.adj.port}" + "/".join(program.getPhysicalPath())
    client = requests.Session()
    client.auth = ("teacher", PASSWORD)
    client.headers["Accept"] = "application/json"
    time_gets(client, program_url + "/@report", 2)  # warm the caches

    figures = []
    rest, answer = time_gets(client, program_url + "/@report", args.requests)
    figures.append(figure_row("REST @report", rest))
    client.headers["Accept"] = "text/html"
    page, _page = time_gets(client, program_url, args.requests)
    figures.append(figure_row("page with its chart", page))
    step("REST and page figures taken")

    transaction.begin()
    counted = program_sessions(program)
    naive_times, naive = [], None
    for _ in range(args.naive):
        began = time.perf_counter()
        naive = naive_report(counted)
        naive_times.append(time.perf_counter() - began)
    figures.append(figure_row("naive report (in-process)", naive_times))
    figures.append(figure_row("worker: refresh every summary", [refresh_seconds]))

    report = answer.json()
    if report["sessions_total"] != args.sessions:
        raise DataError(f"{report['sessions_total']} sessions, not {args.sessions}")
    if report["totals"]["enrolled"] != learners:
        raise DataError(f"{report['totals']['enrolled']} learners, not {learners}")
    if report["totals"] != naive["totals"] or report["weeks"] != naive["weeks"]:
        raise DataError(f"stored {report['totals']} != naive {naive['totals']}")
    print()
    print(table(["what", "requests", "p50", "p95", "min"], figures))
    print()
    print(f"{report['totals']['edits']:,} edits, {learners:,} learners;"
          f" REST p50 {ms(statistics.median(rest))} (target <= 300 ms),"
          f" naive {statistics.median(naive_times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
