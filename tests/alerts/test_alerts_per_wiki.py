"""Alerts looked for once per wiki, for every session that follows it, against real
MediaWikis (Debian's package on loopback; a second instance mapped as
commons.wikimedia.org for the stopped wiki): two sessions sharing their learners
cost the requests of one (counted in the wiki's own access log), every alert is
filed in both, a retry or a second worker looking at the same moment adds nothing,
and a stopped wiki keeps nothing and stops no other."""

from datetime import date
from datetime import timedelta
from plone import api
from wikimooc.policy.alerts.cycles import run_due_watches
from wikimooc.policy.alerts.cycles import watch_and_commit
from wikimooc.policy.alerts.storage import alerts_of
from wikimooc.policy.alerts.watching import watch_wiki
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import wiki_statuses
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite

import pytest
import threading
import transaction


COMMONS = "commons.wikimedia.org"
DEE_PASSWORD = "Blocked-Learner-Pass-42"


@pytest.fixture
def shared(french_course, french_session, open_wiki_session, make_trouble, mediawiki):
    """Two sessions of the French course on the test wiki (the second started a day
    earlier) with the same three learners, in trouble."""
    spring = open_wiki_session(french_course, mediawiki.host, "enseignante", id="printemps",
                               title="Session de printemps",
                               start=date.today() - timedelta(days=2))
    trouble = make_trouble([french_session, spring])
    return french_session, spring, trouble


def filed(session, host=None):
    return sorted((alert.kind, alert.username, alert.title, alert.detail, alert.exercises)
                  for alert in alerts_of(session).alerts.values()
                  if host in (None, alert.host))


def long_edit_uid(session):
    return session.__parent__["m"]["long"].UID()


def api_requests(wiki, since):
    return sum(1 for line in wiki.logged_requests()[since:] if "/api.php" in line)


def test_one_look_asks_once_for_every_session_and_files_in_each(shared, mediawiki, later):
    winter, spring, trouble = shared
    host, now = mediawiki.host, later()
    # A learner of the spring session only, blocked: an alert of that session only.
    dee = trouble.ada.replace("Ada", "Dee")
    mediawiki.create_user(dee, DEE_PASSWORD)
    add_learners(spring, [dee], added_by="test")
    transaction.commit()
    trouble.admin.api("block", user=dee, reason="essai", expiry="1 day",
                      token=trouble.admin.get_token("csrf"))
    # What the look would cost for the winter session alone (then dropped).
    since = len(mediawiki.logged_requests())
    alone = watch_wiki(host, [winter], now)
    transaction.abort()
    alone_requests = api_requests(mediawiki, since)

    since = len(mediawiki.logged_requests())
    both = watch_and_commit(host, [winter, spring], now)
    assert api_requests(mediawiki, since) == alone_requests == sum(both.requests.values())
    assert both.requests == alone.requests
    assert (both.requests["users"], both.requests["reverted"], both.requests["pages"],
            both.requests["logevents"]) == (1, 1, 1, 3)
    assert (alone.learners, both.learners) == (3, 4)  # distinct learners

    exercise = long_edit_uid(winter)
    assert filed(winter) == [alert for alert in filed(spring) if alert[1] != dee] == sorted([
        ("blocked", trouble.bob, "", "vandalisme", ()),
        ("deleted", trouble.ada, trouble.deleted, "", ()),
        ("moved", trouble.ada, trouble.moved, trouble.moved_to, ()),
        ("nominated", trouble.ada, trouble.nominated, "Category:Page proposée à la suppression",
         ()),
        ("nominated", trouble.ada, trouble.templated, "Template:Suppression", ()),
        ("renamed", trouble.cyd, "", trouble.renamed, ()),
        ("reverted", trouble.bob, trouble.shared, "", (exercise,)),
    ])
    assert ("blocked", dee, "", "essai", ()) in filed(spring)
    assert {uid: len(alerts) for uid, alerts in both.raised.items()} == {
        winter.UID(): 7, spring.UID(): 8}
    for session in (winter, spring):
        assert tracking_of(session).progress[(trouble.bob, exercise)].done
        assert alerts_of(session).pages[(host, trouble.moved)].detail == trouble.moved_to

    # A retry finds everything filed; the periodic task looks at the wiki once, then
    # leaves it alone for a quarter of an hour.
    retry = watch_and_commit(host, [winter, spring], later())
    assert retry.new == 0
    assert retry.requests["logevents"] == 0  # what moved, was deleted or renamed is known
    assert [(report.host, report.new) for report in run_due_watches(later())] == [(host, 0)]
    assert run_due_watches(later()) == []
    assert (len(alerts_of(winter).alerts), len(alerts_of(spring).alerts)) == (7, 8)


def test_two_workers_looking_at_once_file_each_alert_once(shared, mediawiki, later):
    """This worker looks; another (a thread with its own database connection) looks
    at the same wiki and commits first: this one's commit conflicts, and what it
    found is the other's already."""
    winter, spring, _trouble = shared
    host, now = mediawiki.host, later()
    portal_path = api.portal.get().getPhysicalPath()
    paths = [session.getPhysicalPath() for session in (winter, spring)]
    other = {}

    def other_worker():
        connection = winter._p_jar.db().open()
        try:
            application = connection.root()["Application"]
            setSite(application.unrestrictedTraverse(portal_path))
            sessions = [application.unrestrictedTraverse(path) for path in paths]
            other["report"] = watch_and_commit(host, sessions, now)
        finally:
            setSite(None)
            transaction.abort()
            connection.close()

    mine = watch_wiki(host, [winter, spring], now)
    assert mine.new == 14
    worker = threading.Thread(target=other_worker)
    worker.start()
    worker.join()
    assert other["report"].new == 14
    with pytest.raises(ConflictError):
        transaction.commit()
    transaction.abort()
    assert len(alerts_of(winter).alerts) == len(alerts_of(spring).alerts) == 7


def test_a_stopped_wiki_keeps_nothing_and_stops_no_other(
    shared, mediawiki, second_mediawiki, later
):
    winter, spring, _trouble = shared
    home = mediawiki.host
    api.portal.set_registry_record("wikimooc.wikis", {home: mediawiki.api_url,
                                                      COMMONS: second_mediawiki.api_url})
    for session in (winter, spring):
        session.other_wikis = [COMMONS]
    transaction.commit()
    now = later()

    with second_mediawiki.stopped():
        looks = dict(zip(sorted([home, COMMONS]), run_due_watches(now), strict=True))
    assert looks[COMMONS] is None
    assert looks[home].host == home and looks[home].new == 14
    status = wiki_statuses()[COMMONS]
    assert (status.reachable, status.failures) == (False, 1)
    for session in (winter, spring):
        assert len(filed(session, home)) == 7 and filed(session, COMMONS) == []
        assert [host for host, _title in alerts_of(session).pages] == [home] * 5
    # Back, but during its back-off: neither wiki is looked at again.
    assert run_due_watches(now) == []
    # A quarter of an hour later both are looked at again (its claim counted as a look).
    after = run_due_watches(now + timedelta(minutes=16))
    assert [(look.host, look.learners, look.new) for look in after] == [
        (home, 3, 0), (COMMONS, 3, 0)]
