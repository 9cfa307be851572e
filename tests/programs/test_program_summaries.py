"""Sessions' summaries: who completed (a valid certificate or the pass mark), and
when the worker makes them again."""

from datetime import timedelta
from plone import api
from recorded_edits import contribution
from wikimooc.policy.certificates.storage import Certificate
from wikimooc.policy.certificates.storage import Revocation
from wikimooc.policy.certificates.storage import store
from wikimooc.policy.programs.refreshing import refresh_stale_summaries
from wikimooc.policy.programs.summary import refresh_summary
from wikimooc.policy.programs.summary import summary_of
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp

import pytest
import transaction


def certificate(session, username, code, revocation=None):
    return Certificate(
        code=code, session_uid=session.UID(), wiki_username=username, user_id=None,
        name=username, course="Course", session=session.Title(), start="2027-03-01",
        end="2027-03-31", organisation="", language="en", wiki=session.wiki, exercises=(),
        pages=(), issued="2027-04-01T00:00:00Z", revocation=revocation,
    )


@pytest.mark.parametrize(("revocation", "completed"), [
    (None, 1),
    (Revocation(reason="Copied work", by="teacher", when="2027-04-02T00:00:00Z"), 0),
])
def test_a_valid_certificate_completes(committed_tracked, revocation, completed):
    session = committed_tracked("s", ["Ada", "Bob"])
    store(session, certificate(session, "Ada", "CODE-1", revocation))
    transaction.commit()
    refresh_stale_summaries(utc_now() + timedelta(days=2))
    assert len(summary_of(session).learners["completed"]) == completed


@pytest.mark.parametrize(("done", "completed"), [(True, 1), (False, 0)])
def test_the_pass_mark_completes(committed_tracked, site, done, completed):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="m", title="M")
        exercise = api.content.create(container=module, type="Exercise", id="draft",
                                      title="Draft", check="wiki", wiki_action="create_page",
                                      title_pattern="User:{username}/Draft")
    session = committed_tracked("s", ["Ada", "Bob"])
    tracking_of(session).progress[("Ada", exercise.UID())] = Progress(
        done=done, when="2027-03-03T10:00:00Z")
    transaction.commit()
    refresh_stale_summaries(utc_now() + timedelta(days=2))
    assert len(summary_of(session).learners["completed"]) == completed


def test_the_worker_refreshes_only_stale_summaries(committed_tracked):
    session = committed_tracked("s", ["Ada"], [contribution("Ada", "2027-03-02T10:00:00Z")])
    now = utc_now() + timedelta(minutes=5)
    assert refresh_stale_summaries(now) == 2  # the site's two other sessions had none
    assert refresh_stale_summaries(now) == 0  # made a moment ago, no check since
    tracking = tracking_of(session)
    tracking.record(contribution("Ada", "2027-03-03T10:00:00Z"))
    tracking.last_checked = wiki_timestamp(now)
    transaction.commit()
    assert refresh_stale_summaries(now + timedelta(seconds=1)) == 1
    assert len(summary_of(session).parts["en.wikipedia.org"].revids) == 2
    assert refresh_stale_summaries(now + timedelta(days=1, seconds=2)) == 3  # a day old: all


def test_new_figures_count_as_a_catalogued_change(tracked):
    session = tracked("s", ["Ada"], [contribution("Ada", "2027-03-02T10:00:00Z")])
    catalog = api.portal.get_tool("portal_catalog")
    counter = catalog.getCounter()
    refresh_summary(session)
    assert catalog.getCounter() == counter  # the same figures: cached pages stay
    tracking_of(session).record(contribution("Ada", "2027-03-03T10:00:00Z"))
    refresh_summary(session)
    assert catalog.getCounter() == counter + 1
