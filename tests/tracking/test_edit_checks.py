"""Edit checks against a real MediaWiki (Debian's package on loopback): learners'
edits made through the API, a check cycle run, and what it recorded."""

from datetime import timedelta
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.tracking.checker import read_wiki
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.reports import dashboard
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.tracking.storage import wiki_statuses

import transaction


def later():
    """When a check runs after the edits just made have settled (checks leave the
    last SETTLE_SECONDS of edits to the next cycle)."""
    return utc_now() + timedelta(seconds=SETTLE_SECONDS + 1)


def enroll(session, *names):
    add_learners(session, list(names), added_by="teacher")
    transaction.commit()


def exercise_uid(course, exercise_id):
    return course["m"][exercise_id].UID()


def done(session, username, exercise_id):
    progress = tracking_of(session).progress.get(
        (username, exercise_uid(session.__parent__, exercise_id))
    )
    return progress


def test_the_right_exercises_are_done_with_their_evidence(
    tracked_session, wiki_learner, edit, mediawiki
):
    ada, bob = wiki_learner("Ada"), wiki_learner("Bob")
    enroll(tracked_session, ada, bob)
    draft_revision = edit(ada, f"User:{ada}/Brouillon", "My draft [[Category:Drafts]]")
    edit(bob, f"User:{ada}/Brouillon", "Bob edits Ada's draft: not his own.")
    reference_revision = edit(ada, "Sandbox article", "A claim.<ref>A source</ref> " + "x" * 120)
    edit(bob, "Sandbox article two", "Too short")

    report = check_and_commit(tracked_session, later())
    assert report.new == 4

    draft = done(tracked_session, ada, "draft")
    assert draft.done and draft.revid == draft_revision
    assert draft.diff_url == (
        f"{mediawiki.api_url.rpartition('/')[0]}/index.php?title=Special:Diff/{draft_revision}"
    )
    assert done(tracked_session, ada, "category").revid == draft_revision
    assert done(tracked_session, ada, "reference").revid == reference_revision
    assert done(tracked_session, ada, "long_edit").revid == reference_revision
    for exercise_id in ("draft", "category", "long_edit", "reference"):
        assert done(tracked_session, bob, exercise_id) is None, exercise_id


def test_two_cycles_record_the_same_once(tracked_session, wiki_learner, edit):
    ada = wiki_learner()
    enroll(tracked_session, ada)
    edit(ada, f"User:{ada}/Brouillon", "Draft")
    check_and_commit(tracked_session, later())
    tracking = tracking_of(tracked_session)
    first = dict(tracking.contributions.items()), dict(tracking.progress.items())
    tracking.watermark = "2000-01-01T00:00:00Z"  # read everything again
    transaction.commit()
    report = check_and_commit(tracked_session, later())
    assert report.read == 1 and report.new == 0
    assert (dict(tracking.contributions.items()), dict(tracking.progress.items())) == first


def test_a_crash_before_the_commit_leaves_no_gap(tracked_session, wiki_learner, edit, mediawiki):
    ada = wiki_learner()
    enroll(tracked_session, ada)
    before = tracking_of(tracked_session).watermark
    first = edit(ada, f"User:{ada}/Brouillon", "Draft")
    read_wiki(mediawiki.host, [tracked_session], later())  # read, then the process dies
    transaction.abort()
    assert tracking_of(tracked_session).watermark == before
    second = edit(ada, "Another page", "More work")
    check_and_commit(tracked_session, later())
    assert set(tracking_of(tracked_session).contributions.keys()) == {first, second}


def test_teachers_edits_are_not_counted(tracked_session, wiki_learner, edit):
    teacher_name = wiki_learner("Teacher")
    teacher = api.user.create(
        email="t@example.org", username="the-teacher", password="secret-pw-123"
    )
    teacher.setMemberProperties({"wiki_username": teacher_name})
    tracked_session.teachers = ["the-teacher"]
    learner = wiki_learner()
    enroll(tracked_session, teacher_name, learner)
    edit(teacher_name, f"User:{teacher_name}/Brouillon", "The teacher's example")
    edit(learner, f"User:{learner}/Brouillon", "The learner's draft")
    check_and_commit(tracked_session, later())
    users = {c.username for c in tracking_of(tracked_session).contributions.values()}
    assert users == {learner}


def test_a_learner_added_by_name_is_followed_without_logging_in(
    tracked_session, wiki_learner, edit
):
    never_logged_in = wiki_learner("Offline")
    enroll(tracked_session, never_logged_in)
    assert tracked_session.enrollments.learners[never_logged_in].user_id is None
    edit(never_logged_in, f"User:{never_logged_in}/Brouillon", "Draft")
    check_and_commit(tracked_session, later())
    assert done(tracked_session, never_logged_in, "draft").done


def test_unknown_usernames_are_flagged(tracked_session, wiki_learner, mediawiki):
    real = wiki_learner()
    enroll(tracked_session, real, "Nobody Has This Name 123")
    check_and_commit(tracked_session, later())
    checks = wiki_checks(mediawiki.host)
    assert list(checks.unknown_usernames) == ["Nobody Has This Name 123"]
    assert real in checks.confirmed_usernames


def test_a_wiki_down_records_nothing_and_recovers(tracked_session, wiki_learner, edit, mediawiki):
    ada = wiki_learner()
    enroll(tracked_session, ada)
    revision = edit(ada, f"User:{ada}/Brouillon", "Draft")
    watermark = tracking_of(tracked_session).watermark
    with mediawiki.stopped():
        assert check_and_commit(tracked_session, later()) is None
    status = wiki_statuses()[mediawiki.host]
    assert not status.reachable and status.failures == 1 and status.retry_after
    assert tracking_of(tracked_session).watermark == watermark
    assert not tracking_of(tracked_session).contributions
    assert dashboard(tracked_session)["wiki_status"]["reachable"] is False

    report = check_and_commit(tracked_session, later())
    assert report.new == 1 and done(tracked_session, ada, "draft").revid == revision
    assert wiki_statuses()[mediawiki.host].reachable


def test_learners_go_fifty_per_request(tracked_session, wiki_learner, edit, mediawiki):
    workers = [wiki_learner() for _ in range(3)]
    names = workers + [f"Learner {number:03}" for number in range(117)]
    enroll(tracked_session, *names)
    for worker in workers:
        edit(worker, f"User:{worker}/Brouillon", "Draft")
    http_requests = []
    site = mediawiki_site(mediawiki, http_requests)
    report = read_wiki(mediawiki.host, [tracked_session], later(), site=site)
    transaction.commit()
    assert report.learners == 120
    assert report.requests["usercontribs"] == 3
    assert report.new == 3
    contribution_requests = [r for r in http_requests if "usercontribs" in r]
    assert len(contribution_requests) == 3


def mediawiki_site(mediawiki, log):
    from wikimooc.policy.wikis import connect

    site = connect(mediawiki.host)
    site.connection.hooks["response"].append(
        lambda response, *args, **kwargs: log.append(response.request.body or response.request.url)
    )
    return site
