"""Which sessions the periodic check reads, and when."""

from datetime import date
from datetime import timedelta
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.taskqueue.tasks import check_active_sessions
from wikimooc.policy.tracking.schedule import is_active
from wikimooc.policy.tracking.schedule import run_due_checks
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_statuses

import pytest
import transaction


TODAY = date(2027, 6, 15)


@pytest.mark.parametrize(
    "start, end, active",
    [
        (date(2027, 6, 1), date(2027, 6, 30), True),
        (date(2027, 7, 1), date(2027, 7, 30), False),  # not started
        (date(2027, 4, 1), date(2027, 5, 20), True),  # ended 26 days ago: grace
        (date(2027, 4, 1), date(2027, 5, 10), False),  # ended 36 days ago
    ],
)
def test_active_sessions_include_the_grace_period(tracked_session, start, end, active):
    tracked_session.start, tracked_session.end = start, end
    assert is_active(tracked_session, TODAY) is active


def test_a_session_is_checked_once_per_interval(tracked_session):
    first = run_due_checks()
    assert [report.session for report in first] == [tracked_session.UID()]
    assert run_due_checks() == []  # a second worker a moment later finds nothing due
    tracking_of(tracked_session).next_due = "2000-01-01T00:00:00Z"
    transaction.commit()
    assert len(run_due_checks()) == 1


def test_a_failing_wiki_is_left_alone_during_its_back_off(tracked_session, mediawiki):
    add_learners(tracked_session, ["Someone"], added_by="coach")
    transaction.commit()
    with mediawiki.stopped():
        assert run_due_checks() == [None]
    retry_after = wiki_statuses()[mediawiki.host].retry_after
    assert retry_after > utc_now().strftime("%Y-%m-%dT%H:%M:%SZ")
    assert run_due_checks() == []  # back: but its back-off has not passed yet


def test_only_one_worker_runs_the_periodic_check(tracked_session):
    with huey.lock_task("check-active-sessions"):
        check_active_sessions.call_local()
    transaction.begin()
    assert tracking_of(tracked_session, create=False) is None
