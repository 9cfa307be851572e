"""Live mode end to end: the real local MediaWiki publishes its recent changes over
UDP ($wgRCFeeds, JSON), tests/rc_feed_relay.py serves them as EventStreams does
(a loopback stand-in: no EventStreams runs here), the follower of
wikimooc.policy.tracking.live reads them in a thread, and the checks it queues run
as the worker would run them (huey.execute, in a connection of their own)."""

from datetime import timedelta
from plone import api
from plone.registry.interfaces import IRegistry
from rc_feed_relay import RecentChangesRelay
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.taskqueue.tasks import queue_live_check
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.live import change_of
from wikimooc.policy.tracking.live import Followed
from wikimooc.policy.tracking.live import live_status
from wikimooc.policy.tracking.live import server_sent_events
from wikimooc.policy.tracking.live import stream_state
from wikimooc.policy.tracking.live import StreamFollower
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.upgrades import v20261203210
from zope.component import getUtility
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest

import contextlib
import pytest
import threading
import time
import transaction


@pytest.fixture(scope="module")
def relay(mediawiki):
    relay = RecentChangesRelay(domain=mediawiki.host)
    relay.start()
    with mediawiki.settings(rc_feed_port=relay.udp_port):
        yield relay
    if relay.running:
        relay.stop()


@pytest.fixture
def live(tracked_session, relay, functional_portal):
    """The stream's address in the registry; ``follow()`` runs a follower in a
    thread for a block, as the worker does, and yields the (host, usernames) of the
    checks it queued."""
    api.portal.set_registry_record("wikimooc.live_stream_url", relay.url)
    api.portal.set_registry_record("wikimooc.live_stream_enabled", True)
    transaction.commit()
    huey.flush()
    site_id = functional_portal.getId()

    @contextlib.contextmanager
    def follow():
        queued = []

        def queue_check(host, usernames, made):
            queued.append((host, usernames))
            queue_live_check(site_id, host, usernames, made)

        follower = StreamFollower(site_id, queue_check, first_retry_seconds=0.2)
        thread = threading.Thread(target=follower.run, daemon=True)
        thread.start()
        try:
            yield queued
        finally:
            follower.stop()
            thread.join(10)
            assert not thread.is_alive()

    return follow


def eventually(predicate, timeout=15):
    """Run the queued tasks as the worker would until ``predicate()`` holds; its
    value, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    site, request = getSite(), getRequest()
    while time.monotonic() < deadline:
        transaction.abort()  # the tasks' connections join this thread's transaction
        for task in huey.read_schedule():
            huey.enqueue(task)
        while huey.pending_count():
            huey.execute(huey.dequeue())
            setSite(site)  # the task's site ends with the task
            setRequest(request)
        transaction.begin()
        if value := predicate():
            return value
        time.sleep(0.1)
    pytest.fail(f"not within {timeout} s: {predicate.__doc__ or predicate}")


def enroll(session, *names):
    add_learners(session, list(names), added_by="teacher")
    transaction.commit()


def done(session, username, exercise_id):
    """The exercise is done."""
    uid = session.__parent__["m"][exercise_id].UID()
    tracking = tracking_of(session, create=False)
    return tracking and tracking.progress.get((username, uid))


def draft_done(session, username):
    """The draft exercise is done."""
    return done(session, username, "draft")


def mode():
    """The dashboards' live status."""
    return live_status()["mode"]


def test_an_edit_is_done_within_seconds_through_the_stream(
    live, tracked_session, wiki_learner, edit, browser, mediawiki
):
    ada, other = wiki_learner("Ada"), wiki_learner("Other")
    enroll(tracked_session, ada)
    with live() as queued:
        eventually(lambda: mode() == "live")
        edit(other, f"User:{other}/Brouillon", "Not a learner of the session")
        revision = edit(ada, f"User:{ada}/Brouillon", "My draft")
        # No periodic check runs here: only the stream can lead to this.
        progress = eventually(lambda: draft_done(tracked_session, ada))
        dashboard = browser().get(tracked_session.absolute_url() + "/@dashboard").json()
    assert progress.revid == revision
    assert queued == [(mediawiki.host, [ada])]
    checks = wiki_checks(mediawiki.host, create=False)
    assert checks is None or checks.last_checked is None  # no periodic check ran
    assert dashboard["updates"]["mode"] == "live"


def test_polling_takes_over_when_the_relay_dies_and_a_restart_resumes(
    live, tracked_session, wiki_learner, edit, relay, browser
):
    ada, bob = wiki_learner("Ada"), wiki_learner("Bob")
    enroll(tracked_session, ada, bob)
    with live() as queued:
        eventually(lambda: mode() == "live")
        edit(ada, f"User:{ada}/Brouillon", "Seen live")
        eventually(lambda: draft_done(tracked_session, ada))

        relay.stop()
        eventually(lambda: mode() == "polling")
        page = browser().get(tracked_session.absolute_url() + "/@@dashboard").text
        edit(bob, f"User:{bob}/Brouillon", "Made while the stream is down")
        transaction.begin()  # as the worker's periodic check, which starts afresh
        check_and_commit(tracked_session, utc_now() + timedelta(seconds=SETTLE_SECONDS + 1))
        assert draft_done(tracked_session, bob)
        relay.start()
        eventually(lambda: mode() == "live")
        assert queued == [(relay.domain, [ada])]
    assert "polling since" in page
    stored = stream_state().last_event_id
    assert stored is not None and relay.last_event_ids[-1] == stored  # it reconnected there

    revision = edit(ada, "Bridges", "Made while no follower runs. " + "x" * 100)
    relay.wait_for(lambda change: change.get("revision", {}).get("new") == revision)
    with live() as queued:
        eventually(lambda: done(tracked_session, ada, "long_edit"))
        assert relay.last_event_ids[-1] == stored
    assert done(tracked_session, ada, "long_edit").revid == revision
    assert queued == [(relay.domain, [ada])]  # nothing lost, nothing seen twice


@pytest.mark.parametrize(("lines", "expected"), [
    (["event: message", "id: [1]", "data: {}", ""], [("[1]", "message", "{}")]),
    ([": keep-alive", "", "data: a", "data: b", ""], [(None, "message", "a\nb")]),
    (["id: 7", "data: x", "", "data: y", ""], [("7", "message", "x"), ("7", "message", "y")]),
    (["event: canary", "data:z", "", "id: 3", ""], [(None, "canary", "z")]),
])
def test_server_sent_events_are_read_as_eventsource_does(lines, expected):
    assert list(server_sent_events(lines)) == expected


def test_the_upgrade_step_adds_the_stream_records(portal):
    registry = getUtility(IRegistry)
    for name in ("wikimooc.live_stream_enabled", "wikimooc.live_stream_url"):
        del registry.records[name]
    v20261203210.upgrade(api.portal.get_tool("portal_setup"))
    assert registry["wikimooc.live_stream_enabled"] is True
    assert registry["wikimooc.live_stream_url"] == (
        "https://stream.wikimedia.org/v2/stream/recentchange"
    )
    assert live_status() == {"mode": "polling", "since": None}  # no follower ever ran


FOLLOWED = {"fr.wikipedia.org": {"Ada"}, "commons.wikimedia.org": {"Bob"}}


@pytest.mark.parametrize(("data", "expected"), [
    ('{"type": "edit", "user": "Ada", "timestamp": 1764700000,'
     ' "meta": {"domain": "fr.wikipedia.org"}}', ("fr.wikipedia.org", "Ada", 1764700000)),
    ('{"type": "log", "user": "Bob", "timestamp": 1764700001,'
     ' "server_name": "commons.wikimedia.org"}', ("commons.wikimedia.org", "Bob", 1764700001)),
    ('{"type": "edit", "user": "Ada", "meta": {"domain": "en.wikipedia.org"}}', None),
    ('{"type": "edit", "user": "Eve", "meta": {"domain": "fr.wikipedia.org"}}', None),
    ('{"type": "categorize", "user": "Ada", "meta": {"domain": "fr.wikipedia.org"}}', None),
    ('{"type": "edit", "user": "Ada", "meta": {"domain": "canary"}}', None),
    ("not json", None),
    ("[1, 2]", None),
])
def test_only_followed_learners_changes_on_their_wikis_match(data, expected):
    change = change_of(data)
    assert (Followed(FOLLOWED).match(change) if change else None) == expected
