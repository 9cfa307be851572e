"""Flexible grading: work that waited longer than the session's setting is graded
with the reviews it has, as long as it has one."""

from plone import api

import pytest
import transaction


SESSION = "/en/intro/public-session"


@pytest.fixture
def waiting(peer, hand_in, allocated):
    """Four hand-ins, so ada's work has three reviewers; it waits for their reviews."""
    urls = [hand_in(login) for login in ("ada", "bob", "cleo", "dan")]
    return {"url": urls[0], "reviewers": allocated(urls[0])}


@pytest.mark.parametrize(
    "setting, waited, reviews, graded",
    [
        (7, 8, 1, True),
        (7, 8, 2, True),
        (7, 6, 2, False),
        (7, 8, 0, False),
        (2, 3, 1, True),
        (10, 8, 1, False),
    ],
)
def test_waiting_work_is_graded_with_fewer_reviews(
    peer, waiting, give_review, backdate, client, peer_review, state, setting, waited, reviews,
    graded,
):
    transaction.begin()  # see what the server committed
    with api.env.adopt_roles(["Manager"]):
        peer["session"].flexible_grading_days = setting
    transaction.commit()
    url = waiting["url"]
    for reviewer in waiting["reviewers"][:reviews]:
        give_review(reviewer, url, (1, 1))
    assert state(url) == "in_review"

    backdate(url, waited)
    # Anything that moves the round checks what waited: here the teacher's call.
    assert client("teacher").post(SESSION + "/@allocate-reviews", json={}).status_code == 200

    assert state(url) == ("graded" if graded else "in_review")
    grade = peer_review("ada", url)["submission"]["grade"]
    assert grade == (
        {"points": 4, "out_of": 5, "by_teacher": False, "reviews": reviews} if graded else None
    )


def test_a_review_after_the_wait_grades_at_once(peer, waiting, give_review, backdate, state):
    url = waiting["url"]
    backdate(url, 8)
    assert state(url) == "in_review"

    give_review(waiting["reviewers"][0], url, (2, 0))

    assert state(url) == "graded"


def test_later_reviews_still_count(peer, waiting, give_review, backdate, peer_review):
    url = waiting["url"]
    first, second, _third = waiting["reviewers"]
    backdate(url, 8)
    give_review(first, url, (0, 0))

    give_review(second, url, (2, 1))

    assert peer_review("ada", url)["submission"]["grade"]["points"] == 2.5


def test_the_hourly_task_grades_work_that_waited_without_anything_else_happening(
    peer, waiting, give_review, backdate, state, monkeypatch
):
    from wikimooc.policy.taskqueue import tasks

    url = waiting["url"]
    give_review(waiting["reviewers"][0], url, (1, 1))
    backdate(url, 8)
    assert state(url) == "in_review"
    # The worker's own code path, on the test site, as the worker's user.
    monkeypatch.setattr(tasks, "SITE_ID", api.portal.get().getId())
    session_path = "/".join(peer["session"].getPhysicalPath())
    # The session runs in 2027: make it the active one, found in the worker's own
    # connection to the site.
    monkeypatch.setattr(
        tasks, "active_sessions", lambda: [api.content.get(path=session_path)]
    )
    tasks.grade_work_that_waited.call_local()
    transaction.begin()
    assert state(url) == "graded"
