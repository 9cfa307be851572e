"""A peer-review round of six learners over REST: allocation waits for enough
submissions, is balanced and never self; the grade is the median of the reviews."""

from collections import Counter
from statistics import mean
from statistics import median

import pytest


LEARNERS = ("ada", "bob", "cleo", "dan", "eve", "fay")
SESSION = "/en/intro/public-session"
# The levels each reviewer chooses, whoever they review: their totals are 0 to 5.
LEVELS = {"ada": (0, 0), "bob": (1, 1), "cleo": (2, 0), "dan": (0, 1), "eve": (1, 0), "fay": (2, 1)}
POINTS = {"ada": 0, "bob": 4, "cleo": 2, "dan": 3, "eve": 1, "fay": 5}


@pytest.fixture
def round_of_six(peer, hand_in, state):
    """Six hand-ins; checks on the way that allocation waits for the fourth."""
    urls = {}
    for login in LEARNERS[:3]:
        urls[login] = hand_in(login)
    assert {state(url) for url in urls.values()} == {"submitted"}
    for login in LEARNERS[3:]:
        urls[login] = hand_in(login)
    return urls


def test_allocation_waits_for_more_submissions_than_reviews_needed(
    peer, hand_in, allocated, state
):
    first = [hand_in(login) for login in LEARNERS[:3]]
    assert [allocated(url) for url in first] == [[], [], []]
    assert [state(url) for url in first] == ["submitted"] * 3

    fourth = hand_in("dan")

    for url in (*first, fourth):
        assert state(url) == "in_review"
        assert len(allocated(url)) == 3


def test_allocation_is_balanced_and_never_self(round_of_six, allocated, client):
    reviewers = {login: allocated(url) for login, url in round_of_six.items()}

    for author, their_reviewers in reviewers.items():
        assert author not in their_reviewers
        assert len(set(their_reviewers)) == len(their_reviewers) == 3
    given = Counter(
        reviewer for their_reviewers in reviewers.values() for reviewer in their_reviewers
    )
    assert given == dict.fromkeys(LEARNERS, 3)

    for login in LEARNERS:
        listing = client(login).get(SESSION + "/@submissions").json()
        to_review = {item["@id"] for item in listing["to_review"]}
        assert to_review == {
            round_of_six[author] for author, their in reviewers.items() if login in their
        }


def test_the_grade_is_the_median_of_the_reviews(
    round_of_six, allocated, give_review, peer_review, state
):
    reviewers = {login: allocated(url) for login, url in round_of_six.items()}
    for author, url in round_of_six.items():
        for reviewer in reviewers[author]:
            response = give_review(reviewer, url, LEVELS[reviewer])
            assert response.status_code == 201, response.text

    medians_differ_from_means = 0
    for author, url in round_of_six.items():
        points = [POINTS[reviewer] for reviewer in reviewers[author]]
        grade = peer_review(author, url)["submission"]["grade"]
        assert grade == {"points": median(points), "out_of": 5, "by_teacher": False, "reviews": 3}
        assert state(url) == "graded"
        medians_differ_from_means += median(points) != mean(points)
    assert medians_differ_from_means, "choose levels where a mean would give another grade"


@pytest.mark.parametrize("third", ["peer", "teacher"])
def test_the_third_review_grades_the_work(
    round_of_six, allocated, give_review, peer_review, state, third
):
    """A review the teacher adds counts as a peer's does."""
    url = round_of_six["ada"]
    first, second, third_peer = allocated(url)
    give_review(first, url, (0, 0))
    give_review(second, url, (1, 0))
    assert state(url) == "in_review"
    assert peer_review("ada", url)["submission"]["grade"] is None

    give_review(third_peer if third == "peer" else "teacher", url, (2, 1))

    assert state(url) == "graded"
    seen = peer_review("ada", url)
    assert seen["submission"]["grade"]["points"] == 1
    assert [item["by_teacher"] for item in seen["items"]] == [False, False, third == "teacher"]
