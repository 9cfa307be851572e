"""Two web instances and a worker on real engines: RelStorage on the machine's
PostgreSQL, the task queue in Redis (make start INSTANCES=2 with db_storage:
relstorage), checks against the real local MediaWiki."""

from datetime import date
from datetime import timedelta
from running_platform import Platform
from urllib.parse import quote

import psycopg2
import pytest
import re
import redis
import requests
import secrets
import signal
import subprocess
import sys
import time


POSTGRESQL = "host=127.0.0.1 port=5432 user=postgres"
CHECK_TASK = "wikimooc.policy.taskqueue.tasks.check_session_edits"
LEARNER_PASSWORD = "learner-password-42"
WIKI_PASSWORD = "Scaled-Learner-Pass-42"


@pytest.fixture(scope="module")
def database():
    """A fresh PostgreSQL database for this module's platform, dropped afterwards."""
    name = f"wikimooc_test_{secrets.token_hex(4)}"
    try:
        admin = psycopg2.connect(POSTGRESQL + " dbname=postgres")
    except psycopg2.OperationalError as error:
        pytest.fail(f"These tests need PostgreSQL at 127.0.0.1:5432 (trust auth): {error}")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    yield f"{POSTGRESQL} dbname={name}"
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


@pytest.fixture(scope="module")
def queue_url(redis_url):
    url = redis_url.rsplit("/", 1)[0] + "/14"
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(scope="module")
def platform(tmp_path_factory, database, queue_url, mediawiki):
    platform = Platform(
        tmp_path_factory.mktemp("scaled"),
        settings={
            "db_storage": "relstorage",
            "db_relstorage_postgresql_dsn": database,
            "wikimooc_taskqueue_url": queue_url,
        },
        web_instances=2,
    )
    platform.start()
    platform.api("/@registry", {"wikimooc.wikis": {mediawiki.host: mediawiki.api_url}}, "PATCH")
    yield platform
    if platform.process.poll() is None:
        platform.interrupt()


def worker_pids(platform):
    found = subprocess.run(
        ["pgrep", "-f", f"wikimooc-worker {platform.instance}/etc/zope.conf"],
        capture_output=True, text=True,
    )
    return [int(pid) for pid in found.stdout.split()]


def eventually(check, seconds=120, interval=1):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def test_content_created_through_one_instance_is_seen_through_the_other(platform):
    assert platform.edit_across_instances("shared-notes") == [
        "Created on the first", "Edited on the second"
    ]


def page_cache_answer(platform, path, instance):
    page = requests.get(platform.urls[instance] + path, timeout=30)
    page.raise_for_status()
    return page.headers.get("X-WikiMOOC-Cache"), page.text


def test_a_page_cached_by_one_instance_shows_a_change_saved_through_the_other(platform):
    platform.api("/en", {"@type": "Document", "id": "cached-notes", "title": "Cached notes"})
    platform.api("/en/cached-notes/@workflow/publish", {})
    page_cache_answer(platform, "/en/cached-notes", instance=1)
    assert page_cache_answer(platform, "/en/cached-notes", instance=1)[0] == "hit"
    platform.api("/en/cached-notes", {"title": "Saved on the first"}, "PATCH", instance=0)
    hit, page = page_cache_answer(platform, "/en/cached-notes", instance=1)
    assert hit is None and "Saved on the first" in page


@pytest.fixture(scope="module")
def scaled_session(platform, mediawiki):
    """A course with a wiki-checked exercise and an open session on the local wiki."""
    platform.api("/en", {"@type": "Course", "id": "scaled", "title": "Scaled",
                         "projects": ["wikipedia"], "organisation": "Wikimédia France",
                         "authors": ["Ada"]})
    platform.api("/en/scaled", {"@type": "Module", "id": "m", "title": "M"})
    platform.api("/en/scaled/m", {
        "@type": "Exercise", "id": "draft", "title": "Draft", "check": "wiki",
        "wiki_action": "create_page", "title_pattern": "User:{username}/Brouillon",
        "instructions": {"data": "<p>Start your draft.</p>", "content-type": "text/html"},
    })
    platform.api("/en/scaled/@workflow/submit", {})
    platform.api("/en/scaled/@workflow/publish", {})
    platform.api("/en/scaled", {
        "@type": "CourseSession", "id": "session", "title": "Session",
        "start": (date.today() - timedelta(days=1)).isoformat(),
        "end": (date.today() + timedelta(days=30)).isoformat(),
        "wiki": mediawiki.host, "enrollment_policy": "open",
    })
    platform.api("/en/scaled/session/@workflow/open", {})
    return "/en/scaled/session"


def test_enrollments_sent_alternately_to_both_instances_are_all_recorded(platform, scaled_session):
    logins = [f"scaled-{number:02}" for number in range(20)]
    for login in logins:
        platform.api("/@users", {"username": login, "email": f"{login}@example.org",
                                 "password": LEARNER_PASSWORD})
    for number, login in enumerate(logins):
        platform.request(scaled_session + "/@enroll", {}, auth=(login, LEARNER_PASSWORD),
                         instance=number % 2)
    learners = platform.api(scaled_session + "/@enrollments?b_size=100", instance=1)
    assert learners["items_total"] == 20
    assert {item["user_id"] for item in learners["items"]} == set(logins)


def done_in(platform, session, learner, instance):
    progress = platform.api(f"{session}/@progress?learner={quote(learner)}", instance=instance)
    return progress["items"][0]["done"]


def test_a_check_asked_on_one_instance_is_run_by_the_worker(platform, scaled_session, mediawiki):
    learner = f"Scaled {secrets.token_hex(3)}"
    mediawiki.create_user(learner, WIKI_PASSWORD)
    platform.api(scaled_session + "/@enrollments", {"usernames": [learner]}, instance=0)
    mediawiki.edit_as(learner, WIKI_PASSWORD, f"User:{learner}/Brouillon", "Draft")
    time.sleep(6)  # past the check window's settling margin

    platform.api(scaled_session + "/@check-edits", {}, instance=1)
    assert eventually(lambda: done_in(platform, scaled_session, learner, 0), seconds=60)


def test_a_worker_killed_during_a_check_loses_nothing(platform, scaled_session, mediawiki):
    learner = f"Killed {secrets.token_hex(3)}"
    mediawiki.create_user(learner, WIKI_PASSWORD)
    # Thousands of learners (mostly unknown to the wiki) make the check take seconds.
    crowd = [f"Crowd {number:05}" for number in range(6000)]
    platform.api(scaled_session + "/@enrollments", {"usernames": [learner, *crowd]})
    # The periodic check runs at each minute: edit, queue and kill within one minute,
    # well after its start, so that only the queued check can see the edit.
    while not 15 <= time.localtime().tm_sec <= 25:
        time.sleep(0.5)
    mediawiki.edit_as(learner, WIKI_PASSWORD, f"User:{learner}/Brouillon", "Draft")
    time.sleep(6)  # past the check window's settling margin
    [pid] = worker_pids(platform)
    log_start = platform.log.stat().st_size
    platform.api(scaled_session + "/@check-edits", {})

    def worker_log():
        return platform.log.read_text()[log_start:]

    assert eventually(lambda: "Executing " + CHECK_TASK in worker_log(), seconds=20, interval=0.05)
    subprocess.run(["kill", "-KILL", str(pid)], check=True)
    assert not re.search(CHECK_TASK + r": \S+ executed in", worker_log())  # killed mid-check
    assert not done_in(platform, scaled_session, learner, 1)

    replacement = subprocess.Popen(
        [f"{sys.prefix}/bin/wikimooc-worker", f"{platform.instance}/etc/zope.conf"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        # The killed check committed nothing, so the next periodic check reads the
        # same window again (once the killed worker's periodic lock, if it held it,
        # has expired).
        assert eventually(lambda: done_in(platform, scaled_session, learner, 1), seconds=240)
    finally:
        replacement.send_signal(signal.SIGTERM)
        replacement.wait(timeout=60)
