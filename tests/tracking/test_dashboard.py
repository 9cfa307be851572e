"""The teacher dashboard, learners' progress and teachers' decisions, over REST and in
Classic UI, from checks run against the real MediaWiki."""

from datetime import timedelta
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.taskqueue.tasks import check_session_edits
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import check_wiki
from wikimooc.policy.tracking.storage import utc_now

import csv
import io
import pytest
import transaction


LEARNER_PASSWORD = "learner-pw-12345"


def later():
    return utc_now() + timedelta(seconds=SETTLE_SECONDS + 1)


@pytest.fixture
def worked_session(tracked_session, wiki_learner, edit, mediawiki):
    """Two learners: one did the draft exercise (and has a member account), one only
    made a small edit; their wiki checked once."""
    ada, bob = wiki_learner("Ada"), wiki_learner("Bob")
    member = api.user.create(email="ada@example.org", username="ada", password=LEARNER_PASSWORD)
    member.setMemberProperties({"wiki_username": ada})
    enroll(tracked_session, member)
    add_learners(tracked_session, [bob], added_by="coach")
    transaction.commit()
    edit(ada, f"User:{ada}/Brouillon", "Draft " + "x" * 200)
    edit(bob, "Sandbox", "Hi")
    edit(bob, "Sandbox", "")  # a blanking: negative bytes, not added
    check_wiki(mediawiki.host, now=later())
    return tracked_session, ada, bob


def test_the_dashboard_shows_each_learner_and_the_totals(worked_session, browser):
    session, ada, bob = worked_session
    data = browser().get(session.absolute_url() + "/@dashboard").json()
    learners = {learner["wiki_username"]: learner for learner in data["learners"]}
    assert learners[ada]["exercises_done"] == 1 and data["exercises_total"] == 4
    assert learners[ada]["pages_created"] == 1 and learners[ada]["bytes_added"] > 200
    assert learners[bob]["edits"] == 2 and learners[bob]["pages_edited"] == 1
    assert learners[bob]["bytes_added"] == 2  # "Hi"; the blanking adds nothing
    assert learners[bob]["wiki_links"]["contributions"].endswith(
        "Special:Contributions/" + bob.replace(" ", "_")
    )
    assert data["totals"]["edits"] == 3 and data["totals"]["learners"] == 2
    assert data["last_checked"] and data["next_due"] > data["last_checked"]
    assert data["wiki_status"]["reachable"] is True
    assert [edit["wiki_username"] for edit in data["recent_edits"]] == [bob, bob, ada]
    assert "Special:Diff/" in data["recent_edits"][0]["diff_url"]


def test_learners_and_visitors_do_not_see_the_dashboard(worked_session, browser):
    session = worked_session[0]
    assert browser("ada", LEARNER_PASSWORD).get(
        session.absolute_url() + "/@dashboard"
    ).status_code == 401
    assert browser(None).get(session.absolute_url() + "/@dashboard").status_code == 401


def test_the_dashboard_page_and_its_csv(worked_session, browser):
    session, ada, bob = worked_session
    teacher = browser()
    teacher.headers["Accept"] = "text/html"
    page = teacher.get(session.absolute_url() + "/@@dashboard").text
    assert ada in page and "1/4" in page and "Special:Diff/" in page
    exported = teacher.get(session.absolute_url() + "/@@dashboard.csv")
    assert exported.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert {row["wiki_username"]: row["exercises_done"] for row in rows} == {ada: "1", bob: "0"}


def test_a_learner_sees_their_own_progress(worked_session, browser):
    session, ada, bob = worked_session
    own = browser("ada", LEARNER_PASSWORD).get(session.absolute_url() + "/@progress").json()
    assert own["wiki_username"] == ada and own["exercises_done"] == 1
    [draft] = [item for item in own["items"] if item["title"] == "draft"]
    assert draft["done"] and draft["revid"] and "Special:Diff/" in draft["diff_url"]
    other = browser("ada", LEARNER_PASSWORD).get(
        session.absolute_url() + "/@progress", params={"learner": bob}
    )
    assert other.status_code == 403
    by_teacher = browser().get(
        session.absolute_url() + "/@progress", params={"learner": bob}
    ).json()
    assert by_teacher["wiki_username"] == bob and by_teacher["exercises_done"] == 0
    assert browser(None).get(session.absolute_url() + "/@progress").status_code == 401


def test_the_exercise_page_shows_progress_and_polls(worked_session, browser):
    session = worked_session[0]
    learner = browser("ada", LEARNER_PASSWORD)
    learner.headers["Accept"] = "text/html"
    page = learner.get(session.__parent__["m"]["draft"].absolute_url()).text
    assert 'class="wikimooc-done"' in page and "see the edit" in page
    assert f'data-progress-url="{session.absolute_url()}/@progress"' in page
    waiting = learner.get(session.__parent__["m"]["reference"].absolute_url()).text
    assert 'class="wikimooc-done" hidden' in waiting
    lesson = learner.get(session.__parent__["m"]["lesson"].absolute_url()).text
    assert lesson.count("data-progress-url=") == 4  # the module's four exercises


@pytest.mark.parametrize(
    "decision, status, message",
    [
        ({"done": True}, 400, "Give the reason"),
        ({"done": "yes", "reason": "r"}, 400, "must be true or false"),
        ({"done": True, "reason": "r", "exercise": "nope"}, 400, "must be the UID"),
        ({"done": True, "reason": "r", "learner": "Not Enrolled"}, 400, "is not a learner"),
    ],
)
def test_bad_decisions_are_refused(worked_session, browser, decision, status, message):
    session, _ada, bob = worked_session
    body = {"learner": bob, "exercise": session.__parent__["m"]["draft"].UID(), **decision}
    answer = browser().post(session.absolute_url() + "/@progress", json=body)
    assert answer.status_code == status and message in answer.json()["error"]["message"]


def test_a_teacher_marks_done_or_not_done_with_a_reason(worked_session, browser):
    session, ada, _bob = worked_session
    draft = session.__parent__["m"]["draft"].UID()
    answer = browser().post(session.absolute_url() + "/@progress", json={
        "learner": ada, "exercise": draft, "done": False, "reason": "Copied from another page",
    }).json()
    [item] = [item for item in answer["items"] if item["uid"] == draft]
    assert item["done"] is False and item["marked_by"] == "coach"
    assert item["reason"] == "Copied from another page"
    learner = browser("ada", LEARNER_PASSWORD)
    assert learner.post(session.absolute_url() + "/@progress", json={
        "learner": ada, "exercise": draft, "done": True, "reason": "me",
    }).status_code == 401


def test_check_edits_is_queued_only_when_the_request_commits(tracked_session, browser):
    huey.flush()
    answer = browser().post(tracked_session.absolute_url() + "/@check-edits")
    assert answer.status_code == 202
    assert huey.pending_count() == 1
    enqueue_after_commit(check_session_edits, "plone", tracked_session.UID())
    transaction.abort()
    assert huey.pending_count() == 1
    huey.flush()


def test_the_queued_check_runs_as_the_worker_and_records_the_edit(
    tracked_session, wiki_learner, edit, browser, monkeypatch
):
    import wikimooc.policy.tracking.checker as checker

    ada = wiki_learner()
    add_learners(tracked_session, [ada], added_by="coach")
    transaction.commit()
    revision = edit(ada, f"User:{ada}/Brouillon", "Draft")
    monkeypatch.setattr(checker, "SETTLE_SECONDS", -SETTLE_SECONDS)  # no need to wait here
    huey.flush()
    browser().post(tracked_session.absolute_url() + "/@check-edits")
    huey.execute(huey.dequeue())
    transaction.begin()
    progress = browser().get(
        tracked_session.absolute_url() + "/@progress", params={"learner": ada}
    ).json()
    [draft] = [item for item in progress["items"] if item["title"] == "draft"]
    assert draft["revid"] == revision
