"""Bad input and actions nobody may take now: refused over REST with the status and
message the client needs, and nothing changed."""

from plone import api

import pytest
import transaction


SESSION = "/en/intro/public-session"
VALID = [{"level": 2}, {"level": 1}]  # 5 points


@pytest.fixture
def reviewing(peer, hand_in, allocated):
    """ada, bob, cleo and dan handed in: each reviews the three others' work; eve
    is a learner who did not hand in; gus is a member who is no learner."""
    urls = {login: hand_in(login) for login in ("ada", "bob", "cleo", "dan")}
    return {"urls": urls, "ada": urls["ada"], "ada_reviewer": allocated(urls["ada"])[0]}


@pytest.fixture
def unchanged(peer_review, client):
    """Take what the teacher sees of a submission, or of the session's submissions,
    before a refusal; compare after it."""

    def snapshot(url=None):
        if url is None:
            return client("teacher").get(SESSION + "/@submissions").json()
        return peer_review("teacher", url)

    return snapshot


def refused(response, status, fragment):
    assert response.status_code == status, response.text
    if fragment:
        assert fragment in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "who, body, status, fragment",
    [
        ("reviewer", {"choices": [{"level": 0}, {"level": 5}]}, 400, "has no level 5"),
        ("reviewer", {"choices": [{"level": "Reliable"}, {"level": 1}]}, 400,
         "has no level Reliable"),
        ("reviewer", {"choices": [{"level": True}, {"level": 1}]}, 400, "has no level True"),
        ("reviewer", {"choices": [{"level": 2}]}, 400, "one per criterion of the rubric, 2 in all"),
        ("reviewer", {"choices": "2, 1"}, 400, "one per criterion"),
        ("reviewer", {"choices": VALID, "points": 99}, 400, "a number from 0 to 5"),
        ("reviewer", {"choices": VALID, "points": -1}, 400, "a number from 0 to 5"),
        ("reviewer", {"choices": VALID, "points": 4}, 400, "add up to: 5"),
        ("reviewer", {"choices": VALID, "comment": 12}, 400, "\"comment\" must be a text"),
        ("reviewer", {"choices": [{"level": 2, "comment": ["x"]}, {"level": 1}]}, 400,
         "must be a text"),
        ("eve", {"choices": VALID}, 403, "You are not allocated to review this submission."),
        ("ada", {"choices": VALID}, 403, "You cannot review your own work."),
        ("gus", {"choices": VALID}, 401, None),
        (None, {"choices": VALID}, 401, None),
    ],
)
def test_bad_reviews(reviewing, client, unchanged, who, body, status, fragment):
    login = reviewing["ada_reviewer"] if who == "reviewer" else who
    before = unchanged(reviewing["ada"])

    refused(client(login).post(reviewing["ada"] + "/@reviews", json=body), status, fragment)

    assert unchanged(reviewing["ada"]) == before


def test_a_second_review_of_the_same_work(reviewing, give_review, unchanged):
    reviewer, url = reviewing["ada_reviewer"], reviewing["ada"]
    assert give_review(reviewer, url, (2, 1)).status_code == 201
    before = unchanged(url)

    refused(give_review(reviewer, url, (0, 0)), 400, "You have already reviewed this submission.")

    assert unchanged(url) == before
    assert before["items_total"] == 1


def test_no_review_once_the_session_is_closed(reviewing, client, give_review, unchanged):
    assert client("teacher").post(SESSION + "/@workflow/close", json={}).status_code == 200
    before = unchanged(reviewing["ada"])

    refused(give_review(reviewing["ada_reviewer"], reviewing["ada"], (2, 1)), 401, None)

    assert unchanged(reviewing["ada"]) == before


@pytest.fixture
def work(peer):
    return {"exercise": peer["exercise"].UID(), "text": "Three sources added.", "links": []}


@pytest.mark.parametrize(
    "login, changes, status, fragment",
    [
        ("teacher", {}, 403, "Only the learners of this session can hand in work."),
        ("gus", {}, 403, "Only the learners of this session can hand in work."),
        (None, {}, 403, "Only the learners of this session can hand in work."),
        ("ada", {}, 400, "You already have a submission for this exercise"),
        ("eve", {"exercise": "0123456789abcdef"}, 400, "has no peer-reviewed exercise"),
        ("eve", {"exercise": None}, 400, "has no peer-reviewed exercise"),
        ("eve", {"text": "  "}, 400, "Give \"text\""),
        ("eve", {"text": None}, 400, "Give \"text\""),
        ("eve", {"links": ["javascript:alert(1)"]}, 400, "web addresses"),
        ("eve", {"links": "https://en.wikipedia.org"}, 400, "web addresses"),
    ],
)
def test_bad_submissions(reviewing, client, unchanged, work, login, changes, status, fragment):
    before = unchanged()

    response = client(login).post(SESSION + "/@submissions", json={**work, **changes})

    refused(response, status, fragment)
    assert unchanged() == before


def test_an_exercise_checked_on_the_wiki_takes_no_submission(peer, client, work, unchanged):
    with api.env.adopt_roles(["Manager"]):
        wiki_exercise = api.content.create(
            container=peer["course"]["basics"], type="Exercise", id="user-page",
            title="Your user page", check="wiki", wiki_action="create_page",
        )
    transaction.commit()
    before = unchanged()

    response = client("eve").post(
        SESSION + "/@submissions", json={**work, "exercise": wiki_exercise.UID()}
    )

    refused(response, 400, "has no peer-reviewed exercise")
    assert unchanged() == before


def test_no_submission_to_a_closed_session(peer, client, work, unchanged):
    assert client("teacher").post(SESSION + "/@workflow/close", json={}).status_code == 200
    before = unchanged()

    response = client("eve").post(SESSION + "/@submissions", json=work)

    refused(response, 403, "This session is not open: it takes no submissions.")
    assert unchanged() == before


def test_a_draft_cannot_be_handed_in_once_the_session_is_closed(peer, draft, client, state):
    url = draft("eve")
    assert client("teacher").post(SESSION + "/@workflow/close", json={}).status_code == 200

    refused(client("eve").post(url + "/@workflow/submit", json={}), 400, None)
    refused(client("eve").patch(url, json={"text": "Changed after closing."}), 401, None)

    assert state(url) == "draft"


@pytest.mark.parametrize(
    "login, transition, body, fragment",
    [
        ("ada", "submit", {}, None),
        ("ada", "return_for_revision", {}, None),
        ("ada", "cancel", {"comment": "I give up."}, None),
        ("ada", "grade", {}, None),
        ("teacher", "grade", {}, None),
        ("dan", "return_for_revision", {}, None),
        ("teacher", "cancel", {}, "Cancelling a submission needs a reason."),
        ("teacher", "cancel", {"comment": "   "}, "Cancelling a submission needs a reason."),
    ],
)
def test_transitions_not_allowed_now(
    reviewing, client, unchanged, login, transition, body, fragment
):
    url = reviewing["ada"]
    before = unchanged(url)

    response = client(login).post(f"{url}/@workflow/{transition}", json=body)

    refused(response, 400, fragment)
    assert unchanged(url) == before
    assert before["submission"]["review_state"] == "in_review"


@pytest.fixture
def counted_review(reviewing, give_review, peer_review):
    give_review(reviewing["ada_reviewer"], reviewing["ada"], (2, 1))
    return peer_review("teacher", reviewing["ada"])["items"][0]["@id"]


@pytest.mark.parametrize(
    "body, fragment",
    [
        ({}, "Cancelling a review needs a reason."),
        ({"reason": ""}, "Cancelling a review needs a reason."),
        ({"reason": 42}, "\"reason\" must be a text"),
    ],
)
def test_cancelling_a_review_needs_a_reason(
    reviewing, counted_review, client, unchanged, body, fragment
):
    before = unchanged(reviewing["ada"])

    refused(client("teacher").post(counted_review + "/@cancel", json=body), 400, fragment)

    assert unchanged(reviewing["ada"]) == before


def test_a_review_is_cancelled_once(reviewing, counted_review, client, unchanged):
    teacher = client("teacher")
    assert teacher.post(
        counted_review + "/@cancel", json={"reason": "Off topic."}
    ).status_code == 200
    before = unchanged(reviewing["ada"])

    refused(
        teacher.post(counted_review + "/@cancel", json={"reason": "Again."}),
        400, "This review is already cancelled.",
    )

    assert unchanged(reviewing["ada"]) == before


@pytest.mark.parametrize(
    "body, fragment",
    [
        ({"points": 3}, "Overriding a grade needs a reason."),
        ({"points": 3, "reason": " "}, "Overriding a grade needs a reason."),
        ({"points": 6, "reason": "Excellent."}, "a number from 0 to 5"),
        ({"points": "3", "reason": "Excellent."}, "a number from 0 to 5"),
        ({"reason": "Excellent."}, "a number from 0 to 5"),
    ],
)
def test_bad_grade_overrides(reviewing, client, unchanged, body, fragment):
    before = unchanged(reviewing["ada"])

    response = client("teacher").post(reviewing["ada"] + "/@grade-override", json=body)

    refused(response, 400, fragment)
    assert unchanged(reviewing["ada"]) == before


def test_a_draft_cannot_be_graded(peer, draft, client, unchanged):
    url = draft("eve")
    before = unchanged(url)

    response = client("teacher").post(
        url + "/@grade-override", json={"points": 3, "reason": "Seen in class."}
    )

    refused(response, 400, "Only work that was handed in can be graded.")
    assert unchanged(url) == before


@pytest.mark.parametrize(
    "submission, reviewer, fragment",
    [
        ("ada", "gus", "gus is not a learner of this session."),
        ("ada", "nobody-here", "is not a learner of this session."),
        ("ada", "ada", "Nobody reviews their own work."),
        ("ada", "reviewer", "already reviews this submission, or has."),
        ("0123456789abcdef", "eve", "This session has no submission"),
    ],
)
def test_bad_allocations_by_hand(reviewing, client, unchanged, submission, reviewer, fragment):
    uid = unchanged(reviewing["ada"])["submission"]["UID"] if submission == "ada" else submission
    reviewer = reviewing["ada_reviewer"] if reviewer == "reviewer" else reviewer
    before = unchanged(reviewing["ada"])

    response = client("teacher").post(
        SESSION + "/@allocate-reviews", json={"submission": uid, "reviewer": reviewer}
    )

    refused(response, 400, fragment)
    assert unchanged(reviewing["ada"]) == before


@pytest.mark.parametrize(
    "on, endpoint, body",
    [
        ("submission", "@grade-override", {"points": 5, "reason": "I say so."}),
        ("session", "@allocate-reviews", {}),
    ],
)
def test_learners_have_no_teacher_controls(reviewing, client, unchanged, on, endpoint, body):
    url = reviewing["ada"] if on == "submission" else SESSION
    before = unchanged(reviewing["ada"])

    response = client("ada").post(f"{url}/{endpoint}", json=body)

    refused(response, 401, None)
    assert unchanged(reviewing["ada"]) == before
