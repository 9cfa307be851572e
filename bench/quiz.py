"""Quiz benchmark on RelStorage/PostgreSQL: 1,000 learners each submit one attempt
within one minute across two web instances; then, in the same run and at the same
pace, the same learners GET a stock Plone Document (the baseline).

    .venv/bin/python bench/quiz.py [--learners 1000] [--seconds 60] [--quick]

It prints tables; it never passes or fails on a speed. It exits with status 1 only
when the data are wrong: an attempt answered with an error, or one missing afterwards.

The platform is the real `make start INSTANCES=2` (scripts/start.sh through
tests/running_platform.py) with db_storage: relstorage on a fresh PostgreSQL database
at 127.0.0.1:5432 (dropped afterwards), the task queue in Redis database 12, two web
instances (waitress, 4 threads each) and the worker. bench/populate.py makes the
quiz, its session and the enrolled members in a zconsole process.

The load is open-loop: request i is due at i * seconds / learners after the start
(1,000 in 60 s: one every 60 ms), sent by the first free one of --clients threads
(keep-alive requests.Sessions), alternately to instance 1 and 2. Latency is from
sending to the answer; "behind" is how late the last request went out against its
due time (a server that keeps up stays near 0).

Parts:
  1  Attempts: each learner POSTs @attempts with answers of their own (seeded per
     learner: right, wrong and partly right) to a graded quiz of one attempt. Zope
     retries a request that hit a ZODB ConflictError (at most 3 times); the retries
     are counted from the 'Request will be retried.' records Products.SiteErrorLog
     writes to event.log and event-2.log during the part. Afterwards the session's
     teacher reads @attempts (every learner's attempt exactly once) and
     @quiz-statistics (learners and attempts equal to the learners who answered;
     timed, five calls).
  2  Baseline: the same learners, at the same pace, GET the stock Document of
     populate.py's `pages` (a page of the same size as a lesson, no write).
  3  Storage design, in this process on the same PostgreSQL database: --writers
     threads, each with its own ZODB connection, commit one attempt per learner as
     fast as they can, into WikiMOOC's QuizAttempts (64 small OOBTrees made at once,
     a learner in the one their name hashes to), into the one OOBTree per session
     of earlier releases (whose buckets merge concurrent inserts, but not a
     bucket's split) and, as the naive baseline, into one PersistentMapping of every
     learner's attempts (no conflict resolution). Each starts empty, as a session's
     attempts do. A ConflictError
     is retried at most 3 times after a random pause of up to 1, 2 then 4 s, as
     Zope's publisher does; an attempt still refused then is lost.
"""

from BTrees.OOBTree import OOBTree
from load import add_run_options
from load import client
from load import conflict_lines
from load import conflict_retries
from load import DataError
from load import fill_defaults
from load import finish_run
from load import load_average
from load import ms
from load import percentile
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
from persistent import Persistent
from populate import DOCUMENT
from populate import PASSWORD
from populate import QUIZ
from populate import quiz_learner_login
from populate import QUIZ_SESSION
from populate import TEACHER
from wikimooc.policy.quiz.attempts import check_limit

import argparse
import collections
import functools
import random
import requests
import sys
import threading
import time


STATISTICS_CALLS = 5
RETRIES = 3  # as Zope's publisher


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, help="learners, one attempt each (1000)")
    parser.add_argument("--seconds", type=float, help="the minute they answer in (60)")
    parser.add_argument("--clients", type=int, default=32, help="client threads (32)")
    parser.add_argument("--writers", type=int, default=16,
                        help="threads committing attempts in part 3 (16)")
    add_run_options(parser, "100 learners in 10 s")
    return fill_defaults(
        parser, parser.parse_args(argv),
        quick={"learners": 100, "seconds": 10.0},
        full={"learners": 1000, "seconds": 60.0},
        at_least_one=("learners", "clients", "writers"), positive=("seconds",),
    )


class Wave(Requests):
    """What the clients of one part saw, and how late the last request went out."""

    def __init__(self):
        super().__init__()
        self.behind = 0.0

    def row(self, label, expected_status, retries):
        return [label, self.statuses[expected_status], len(self.errors), sum(retries.values()),
                f"{self.seconds:.1f} s", f"{self.behind:.2f} s", *self.latency_cells()]


def wave(running, logins, seconds, clients, send, expected_status):
    """``send(session, base_url, login)`` for each of ``logins``, request i due at
    i * seconds / len(logins), by the first free of ``clients`` threads."""
    result = Wave()
    due = iter(enumerate(logins))
    take = threading.Lock()
    started = time.perf_counter()
    interval = seconds / len(logins)

    def work(_thread_number):
        session = client()
        session.headers["Accept"] = "application/json"
        while True:
            with take:
                found = next(due, None)
            if found is None:
                break
            number, login = found
            due_at = started + number * interval
            late = time.perf_counter() - due_at
            if late < 0:
                time.sleep(-late)
            instance = number % len(running.urls)
            with result.lock:
                result.behind = max(result.behind, time.perf_counter() - due_at)
            result.send(login, instance,
                        functools.partial(send, session, running.urls[instance], login),
                        expected_status)
        session.close()

    run_threads(work, range(clients))
    result.seconds = time.perf_counter() - started
    return result


def choice_ids(running):
    """{question id: its choices' ids, in the author's order} as a learner reads them."""
    shown = requests.get(running.url + QUIZ + "/@quiz", auth=(quiz_learner_login(0), PASSWORD),
                         headers={"Accept": "application/json"}, timeout=120).json()
    return {question["id"]: [choice["id"] for choice in question.get("choices", ())]
            for question in shown["questions"]}


def learner_answers(number, choices):
    """The answers of learner ``number``: their own, the same at every run."""
    draw = random.Random(number)
    pillar, licences = choices["pillar"], choices["licences"]
    return {
        "pillar": draw.choice(pillar),
        "licences": [choice for choice in licences if draw.random() < 0.6],
        "year": draw.choice(["2001", "2001", "2000", "2 001"]),
        "word": draw.choice(["pillars", "Pillars", "pilars", "rules"]),
    }


def attempts(running, args):
    logins = [quiz_learner_login(number) for number in range(args.learners)]
    choices = choice_ids(running)
    answers = {login: learner_answers(number, choices) for number, login in enumerate(logins)}
    session_id = QUIZ_SESSION.rsplit("/", 1)[1]

    def submit(session, base_url, login):
        return session.post(base_url + QUIZ + "/@attempts", auth=(login, PASSWORD), timeout=120,
                            json={"answers": answers[login], "session": session_id})

    before = conflict_retries(running)
    result = wave(running, logins, args.seconds, args.clients, submit, 201)
    retries = conflict_retries(running) - before
    return result, retries, stored_problems(running, logins)


def teacher_get(running, path):
    return requests.get(running.url + path, auth=(TEACHER, PASSWORD),
                        headers={"Accept": "application/json"}, timeout=300)


def expected_username(login):
    return login[0].upper() + login[1:]


def stored_problems(running, logins):
    """What is wrong with the attempts stored: every learner's once, nothing more."""
    problems = []
    listed = teacher_get(running, QUIZ + "/@attempts").json()
    counted = collections.Counter(item["wiki_username"] for item in listed["items"])
    expected = {expected_username(login) for login in logins}
    missing = sorted(expected - set(counted))
    twice = sorted(name for name, count in counted.items() if count > 1)
    if missing or twice or set(counted) - expected:
        problems.append(f"@attempts lists {listed['items_total']} attempts for"
                        f" {len(logins)} learners; missing e.g. {missing[:3]},"
                        f" more than once e.g. {twice[:3]}")
    return problems


def statistics(running, learners):
    """@quiz-statistics of the session, as its teacher reads it: its timings and what
    it says."""
    timings, found = [], None
    for _call in range(STATISTICS_CALLS):
        started = time.perf_counter()
        response = teacher_get(running, QUIZ + "/@quiz-statistics")
        timings.append(time.perf_counter() - started)
        found = response.json()
    if found.get("learners") != learners or found.get("attempts") != learners:
        raise DataError(f"@quiz-statistics counts {found.get('learners')} learners and"
                        f" {found.get('attempts')} attempts, expected {learners}")
    return timings, found


def baseline(running, args):
    logins = [quiz_learner_login(number) for number in range(args.learners)]

    def read(session, base_url, login):
        return session.get(base_url + DOCUMENT, auth=(login, PASSWORD), timeout=120)

    before = conflict_retries(running)
    result = wave(running, logins, args.seconds, args.clients, read, 200)
    return result, conflict_retries(running) - before


def open_database(dsn):
    from ZODB.config import databaseFromString

    return databaseFromString(f"""
        %import relstorage
        <zodb>
          <relstorage>
            keep-history false
            <postgresql>
              dsn {dsn}
            </postgresql>
          </relstorage>
        </zodb>
    """)


class Commits:
    def __init__(self, label):
        self.label = label
        self.lock = threading.Lock()
        self.latencies = []
        self.conflicts = 0
        self.lost = 0
        self.seconds = 0.0

    def row(self, learners):
        latencies = self.latencies or [float("nan")]
        return [self.label, len(self.latencies), self.conflicts, self.lost,
                f"{self.seconds:.1f} s", f"{learners / self.seconds:.0f}",
                ms(percentile(latencies, 0.5)), ms(percentile(latencies, 0.95)),
                ms(max(latencies))]


def commit_attempts(database, key, logins, writers, store):
    """``store(container, username, attempt)`` for each of ``logins`` in its own
    transaction, by ``writers`` threads; a ConflictError retried RETRIES times, as
    Zope's publisher does."""
    from wikimooc.policy.quiz.attempts import Attempt
    from ZODB.POSException import ConflictError

    import transaction

    result = Commits(key)
    start = threading.Barrier(writers)

    def write(share):
        manager = transaction.TransactionManager()
        connection = database.open(transaction_manager=manager)
        start.wait(timeout=120)
        for login in share:
            attempt = Attempt(1, "2027-03-02T10:00:00.000000+00:00", 3.0, 5.0,
                              '{"pillar": "c0123456789"}', '{"pillar": {"points": 2.0}}')
            started = time.perf_counter()
            for tries in range(RETRIES + 1):
                manager.begin()
                store(connection.root()["bench-quiz"][key], login, attempt)
                try:
                    manager.commit()
                    break
                except ConflictError:
                    manager.abort()
                    with result.lock:
                        result.conflicts += 1
                        result.lost += tries == RETRIES
                    if tries < RETRIES:
                        time.sleep(random.uniform(0, 2**tries))
            with result.lock:
                result.latencies.append(time.perf_counter() - started)
        connection.close()

    result.seconds = run_threads(write, [logins[index::writers] for index in range(writers)])
    return result


class OneTreeAttempts(Persistent):
    """The attempts storage of releases before 20261203060: one OOBTree per session
    keyed by (quiz UID, username), whose buckets merge concurrent inserts but not
    their splits."""

    def __init__(self):
        self.attempts = OOBTree()

    def record(self, quiz_uid, username, attempt, limit=0):
        made = self.attempts.get((quiz_uid, username), ())
        check_limit(limit, len(made))
        self.attempts[(quiz_uid, username)] = (*made, attempt)

    def of_quiz(self, quiz_uid):
        yield from self.attempts.items(min=(quiz_uid, ""), max=(quiz_uid, "\uffff"))


def into_quiz_attempts(stored, username, attempt):
    stored.record("quiz-uid", username, attempt, limit=1)


def count_quiz_attempts(stored):
    return len(list(stored.of_quiz("quiz-uid")))


def into_mapping(stored, username, attempt):
    stored[username] = (*stored.get(username, ()), attempt)


def storage_design(dsn, args):
    """Part 3: WikiMOOC's attempts storage against earlier and naive ones; each count of
    stored attempts afterwards."""
    from persistent.mapping import PersistentMapping
    from wikimooc.policy.quiz.attempts import QuizAttempts
    from wikimooc.policy.quiz.attempts import SHARDS

    import transaction

    logins = [expected_username(quiz_learner_login(number)) for number in range(args.learners)]
    designs = {
        f"QuizAttempts ({SHARDS} shards by learner)":
            (QuizAttempts(), into_quiz_attempts, count_quiz_attempts),
        "one OOBTree (before 20261203060)":
            (OneTreeAttempts(), into_quiz_attempts, count_quiz_attempts),
        "naive: one PersistentMapping": (PersistentMapping(), into_mapping, len),
    }
    database = open_database(dsn)
    try:
        with database.transaction() as connection:
            connection.root()["bench-quiz"] = PersistentMapping(
                {key: stored for key, (stored, _store, _count) in designs.items()})
        results = [commit_attempts(database, key, logins, args.writers, store)
                   for key, (_stored, store, _count) in designs.items()]
        transaction.begin()
        with database.transaction() as connection:
            stored = connection.root()["bench-quiz"]
            counts = [count(stored[key]) for key, (_stored, _store, count) in designs.items()]
    finally:
        database.close()
    return [[*result.row(args.learners), count] for result, count in zip(results, counts,
                                                                             strict=True)]


def question_lines(found):
    for question in found["questions"]:
        first = question["first_attempt"]
        picks = " ".join(f"{choice['picked']}" for choice in question.get("choices", ()))
        wrong = ", ".join(f"{entry['answer']} x{entry['count']}"
                          for entry in question.get("wrong_answers", ()))
        yield (f"  {question['id']}: right at the first attempt {first['correct']:.0%},"
               f" average {first['average_points']:.2f} of {question['points']:g}"
               + (f"; picks per choice {picks}" if picks else "")
               + (f"; wrong: {wrong}" if wrong else ""))


def main(argv=None):
    args = parse_args(argv)
    run_started = start_run("WikiMOOC quiz benchmark", SCALED_OUT, args.timeout)
    problems = []
    with scaled_out_settings() as (dsn, settings):
        with running_platform(settings, web_instances=2, keep=args.keep) as running:
            report = populate(running, "pages", f"quiz={args.learners}")
            step(f"the quiz and {args.learners} enrolled learners created in"
                 f" {sum(report['seconds'].values()):.0f} s")
            set_caching(running, False)
            for url in running.urls:  # compile the quiz's code paths and templates
                for path in (QUIZ, QUIZ + "/@quiz", DOCUMENT):
                    requests.get(url + path, auth=(quiz_learner_login(0), PASSWORD), timeout=120)
            attempted, retries, stored = attempts(running, args)
            problems += attempted.errors + stored
            step(f"attempts done; {load_average()}")
            try:
                timings, found = statistics(running, attempted.statuses[201])
            except DataError as error:
                problems.append(str(error))
                timings, found = [], None
            read, read_retries = baseline(running, args)
            problems += read.errors
            step(f"baseline done; {load_average()}")
        designs = storage_design(dsn, args)
        step(f"storage designs done; {load_average()}")

    print()
    print(f"1. {args.learners} learners, one attempt each within {args.seconds:g} s,"
          f" alternately to two instances on RelStorage ({args.clients} client threads)")
    headers = ["requests", "answered", "errors", "conflict retries", "wall", "behind",
               "p50", "p95", "max", "instance 1 / 2"]
    print(table(headers, [
        attempted.row("POST @attempts", 201, retries),
        read.row("baseline: GET a stock Document", 200, read_retries),
    ]))
    for line in conflict_lines(retries, report["objects"]):
        print(f"  {line}")
    print("answered: 201 (attempts) or 200 (Document). conflict retries: lines 'Request will"
          " be retried.' in the\n  instances' event logs during the part. behind: how late"
          " the last request went out.")
    if timings:
        print()
        print(f"2. @quiz-statistics of the session afterwards ({found['learners']} learners,"
              f" {found['attempts']} attempts), {STATISTICS_CALLS} calls by its teacher:"
              f" p50 {ms(percentile(timings, 0.5))}, max {ms(max(timings))}")
        for line in question_lines(found):
            print(line)
    print()
    print(f"3. Storage design: {args.learners} attempts committed by {args.writers} threads"
          " at once, same PostgreSQL, in this process")
    print(table(["stored in", "commits", "ConflictErrors", "lost", "wall", "attempts/s",
                 "p50", "p95", "max", "stored after"], designs))
    print(f"A ConflictError is retried at most {RETRIES} times after a random pause of up to"
          " 1, 2, 4 s; lost: still refused\n  then. p50/p95: one attempt from its first try"
          " to its commit, pauses and retries included.")
    return finish_run(run_started, problems)


if __name__ == "__main__":
    sys.exit(main())
