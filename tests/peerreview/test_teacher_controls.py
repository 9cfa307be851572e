"""The teaching team's controls over REST: cancel a review (a replacement reviewer is
allocated), review themselves, allocate an extra reviewer, override the grade,
return work for revision, cancel a submission; each recorded in the history."""

from collections import Counter

import pytest


LEARNERS = ("ada", "bob", "cleo", "dan", "eve", "fay")
SESSION = "/en/intro/public-session"


@pytest.fixture
def six(peer, hand_in):
    return {login: hand_in(login) for login in LEARNERS}


def last(history, action):
    return [entry for entry in history if entry["action"] == action][-1]


def given(allocated, urls):
    """How many reviews each learner gives or gave, cancelled ones left out."""
    return Counter(
        reviewer
        for url in urls.values()
        for reviewer in allocated(url, "pending") + allocated(url, "counted")
    )


@pytest.mark.parametrize(
    "endpoint, reason_key", [("@cancel", "reason"), ("@workflow/cancel", "comment")]
)
def test_a_cancelled_review_stops_counting_and_is_replaced(
    six, allocated, give_review, peer_review, client, endpoint, reason_key
):
    url = six["ada"]
    first, second, third = allocated(url)
    for reviewer, levels in ((first, (0, 0)), (second, (2, 1)), (third, (2, 1))):
        assert give_review(reviewer, url, levels).status_code == 201
    assert peer_review("ada", url)["submission"]["grade"]["points"] == 5
    review = [
        item for item in peer_review("teacher", url)["items"] if item["reviewer"]["id"] == second
    ]

    response = client("teacher").post(
        f"{review[0]['@id']}/{endpoint}", json={reason_key: "Copied from another review."}
    )

    assert response.status_code == 200, response.text
    after = peer_review("teacher", url)
    assert after["submission"]["review_state"] == "in_review"
    assert after["submission"]["grade"] is None
    cancelled = [item for item in after["items"] if item["review_state"] == "cancelled"]
    assert [item["reviewer"]["id"] for item in cancelled] == [second]
    assert cancelled[0]["cancelled"]["reason"] == "Copied from another review."
    (replacement,) = allocated(url, "pending")
    assert replacement not in ("ada", first, second, third)
    assert allocated(url, "cancelled") == [second]
    assert set(given(allocated, six).values()) == {3}
    entry = last(after["history"], "cancel_review")
    assert entry["actor"]["id"] == "teacher"
    assert entry["reviewer"]["id"] == second
    assert entry["comments"] == "Copied from another review."
    assert entry["time"]
    assert [
        item["@id"]
        for item in client(replacement).get(SESSION + "/@submissions").json()["to_review"]
    ].count(url) == 1

    assert give_review(replacement, url, (2, 1)).status_code == 201
    assert peer_review("ada", url)["submission"]["grade"] == {
        "points": 5, "out_of": 5, "by_teacher": False, "reviews": 3,
    }


def test_the_teacher_reviews_work_themselves(peer, hand_in, give_review, peer_review, state):
    url = hand_in("ada")
    assert state(url) == "submitted"

    response = give_review("teacher", url, (1, 1), comment="Good start.")

    assert response.status_code == 201, response.text
    (review,) = response.json()["items"]
    assert review["by_teacher"] is True
    assert review["points"] == 4
    assert review["reviewer"]["id"] == "teacher"
    assert state(url) == "in_review"
    assert last(peer_review("teacher", url)["history"], "review")["reviewer"]["id"] == "teacher"


def test_an_extra_reviewer(six, allocated, client, peer_review):
    url = six["ada"]
    outsider = next(login for login in LEARNERS if login not in ("ada", *allocated(url)))
    uid = peer_review("teacher", url)["submission"]["UID"]

    response = client("teacher").post(
        SESSION + "/@allocate-reviews", json={"submission": uid, "reviewer": outsider}
    )

    assert response.status_code == 200, response.text
    [item] = response.json()["items"]
    assert (item["submission"], item["allocated"]) == (url, True)
    reviewer = item["reviewer"]
    assert (reviewer["id"], reviewer["wiki_username"]) == (outsider, outsider.capitalize())
    reviewers = peer_review("teacher", url)["allocations"]
    assert len(reviewers) == 4
    assert [item["by_hand"] for item in reviewers if item["reviewer"]["id"] == outsider] == [True]
    entry = last(peer_review("teacher", url)["history"], "allocate")
    assert (entry["actor"]["id"], entry["reviewer"]["id"]) == ("teacher", outsider)
    assert url in [
        item["@id"]
        for item in client(outsider).get(SESSION + "/@submissions").json()["to_review"]
    ]


def test_a_teacher_allocates_when_the_round_waits(peer, hand_in, client, allocated, state):
    url = hand_in("ada")
    hand_in("bob")
    uid = client("teacher").get(url + "/@reviews").json()["submission"]["UID"]

    response = client("teacher").post(
        SESSION + "/@allocate-reviews", json={"submission": uid, "reviewer": "bob"}
    )

    assert response.status_code == 200, response.text
    assert allocated(url) == ["bob"]
    assert state(url) == "in_review"


def test_the_teacher_grade_wins(six, allocated, give_review, client, peer_review, state):
    url = six["ada"]
    for reviewer in allocated(url):
        give_review(reviewer, url, (0, 0))
    assert peer_review("ada", url)["submission"]["grade"]["points"] == 0

    response = client("teacher").post(
        url + "/@grade-override",
        json={"points": 4.5, "reason": "The reviewers missed the sources."},
    )

    assert response.status_code == 200, response.text
    assert peer_review("ada", url)["submission"]["grade"] == {
        "points": 4.5, "out_of": 5, "by_teacher": True, "reviews": 3,
    }
    assert state(url) == "graded"
    entry = last(response.json()["history"], "override_grade")
    assert entry["actor"]["id"] == "teacher"
    assert entry["points"] == 4.5
    assert entry["comments"] == "The reviewers missed the sources."


def test_an_override_grades_work_still_waiting(peer, hand_in, client, state):
    url = hand_in("ada")

    client("teacher").post(
        url + "/@grade-override", json={"points": 2, "reason": "Graded in class."}
    )

    assert state(url) == "graded"


def test_a_cancelled_submission_frees_its_reviewers(six, allocated, client, peer_review, state):
    url = six["ada"]
    reviewers = allocated(url)

    response = client("teacher").post(url + "/@workflow/cancel", json={"comment": "Plagiarism."})

    assert response.status_code == 200, response.text
    assert state(url) == "cancelled"
    assert allocated(url) == []
    history = peer_review("teacher", url)["history"]
    cancel = last(history, "cancel")
    assert (cancel["actor"]["id"], cancel["comments"]) == ("teacher", "Plagiarism.")
    since = history[history.index(cancel):]
    assert sorted(
        entry["reviewer"]["id"] for entry in since if entry["action"] == "withdraw"
    ) == sorted(reviewers)
    for reviewer in reviewers:
        to_review = client(reviewer).get(SESSION + "/@submissions").json()["to_review"]
        assert url not in [item["@id"] for item in to_review]
        assert client(reviewer).get(url).status_code == 401
    assert client("ada").get(url + "/@reviews").json()["submission"]["grade"] is None


def test_returned_work_is_revised_and_handed_in_again(six, allocated, give_review, client, state):
    url = six["ada"]
    first, *waiting = allocated(url)
    give_review(first, url, (2, 1))

    response = client("teacher").post(
        url + "/@workflow/return_for_revision", json={"comment": "Link the diff, not the page."}
    )

    assert response.status_code == 200, response.text
    assert state(url) == "draft"
    assert allocated(url, "pending") == []
    assert allocated(url, "counted") == [first]
    assert client("ada").patch(
        url, json={"links": ["https://en.wikipedia.org/w/index.php?diff=2"]}
    ).status_code == 204
    assert client(waiting[0]).post(
        url + "/@reviews", json={"choices": [{"level": 0}, {"level": 0}]}
    ).status_code == 401

    assert client("ada").post(url + "/@workflow/submit", json={}).status_code == 200

    assert state(url) == "in_review"
    assert len(allocated(url, "pending")) == 2
    assert first not in allocated(url, "pending")
