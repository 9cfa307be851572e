"""Which sessions the periodic check reads, and when."""

from datetime import date
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.tracking.schedule import claim
from wikimooc.policy.tracking.schedule import is_active
from wikimooc.policy.tracking.schedule import is_due
from wikimooc.policy.tracking.schedule import run_due_checks
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.tracking.storage import wiki_statuses
from zope.component.hooks import setSite

import pytest
import threading
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


def test_a_wiki_is_checked_once_per_interval(tracked_session, mediawiki):
    first = run_due_checks()
    assert [report.host for report in first] == [mediawiki.host]
    assert list(first[0].served) == [tracked_session.UID()]
    assert run_due_checks() == []  # a second worker a moment later finds nothing due
    wiki_checks(mediawiki.host).next_due = "2000-01-01T00:00:00Z"
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


def test_two_workers_claiming_a_wiki_at_once_check_it_once(tracked_session, mediawiki):
    """Two workers (two threads, two database connections) find the wiki due at
    the same moment: the one that commits its claim second conflicts and skips it."""
    tracking_of(tracked_session)
    wiki_checks(mediawiki.host)
    transaction.commit()
    host = mediawiki.host
    both_read, first_claimed = threading.Barrier(2, timeout=30), threading.Event()
    claims = {}
    portal_path = api.portal.get().getPhysicalPath()

    def other_worker():
        connection = tracked_session._p_jar.db().open()
        try:
            application = connection.root()["Application"]
            setSite(application.unrestrictedTraverse(portal_path))
            due = is_due(host, now)
            both_read.wait()
            first_claimed.wait(timeout=30)
            claims["other"] = due and claim(host, now)
        finally:
            setSite(None)
            transaction.abort()
            connection.close()

    now = utc_now()
    worker = threading.Thread(target=other_worker)
    worker.start()
    assert is_due(host, now)
    both_read.wait()
    claims["first"] = claim(host, now)
    first_claimed.set()
    worker.join()
    assert claims == {"first": True, "other": False}
