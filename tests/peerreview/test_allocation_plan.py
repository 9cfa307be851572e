"""The allocation plan alone, without Plone: learners hand in one after the other
and each hand-in allocates what the round lacks."""

from collections import Counter
from wikimooc.workflows.peerreview.allocation import Allocator

import pytest


def arrivals(count, required, to_give, done_before_next=0):
    """``count`` learners hand in one after the other; after each hand-in, the
    first ``done_before_next`` waiting allocations are reviewed. Return the
    round's (authors, pending, counted)."""
    handed_in, pending, counted = [], {}, {}
    for number in range(count):
        handed_in.append((f"work-{number}", f"learner-{number}"))
        plan = Allocator(handed_in, pending, counted, {}, {}, required, to_give).plan()
        for change in plan:
            reviewers = pending.setdefault(change.submission, [])
            if change.allocated:
                reviewers.append(change.reviewer)
            else:
                reviewers.remove(change.reviewer)
        for uid in list(pending)[:done_before_next]:
            counted.setdefault(uid, []).extend(pending.pop(uid))
    return dict(handed_in), pending, counted


def reviewers_of(uid, pending, counted):
    return pending.get(uid, []) + counted.get(uid, [])


@pytest.mark.parametrize(
    "count, required, to_give",
    [(6, 3, 3), (4, 3, 3), (10, 3, 3), (25, 3, 3), (12, 2, 2), (9, 4, 4), (30, 5, 5)],
)
def test_everyone_gives_and_gets_exactly_what_is_asked(count, required, to_give):
    authors, pending, counted = arrivals(count, required, to_give)

    given = Counter(reviewer for reviewers in pending.values() for reviewer in reviewers)
    assert given == dict.fromkeys(authors.values(), to_give)
    for uid, author in authors.items():
        reviewers = reviewers_of(uid, pending, counted)
        assert len(reviewers) == len(set(reviewers)) == required
        assert author not in reviewers


@pytest.mark.parametrize("done_before_next", [1, 2, 100])
def test_when_reviews_come_in_fast_nobody_gives_more_than_one_extra(done_before_next):
    authors, pending, counted = arrivals(40, 3, 3, done_before_next)

    given = Counter(
        reviewer
        for tree in (pending, counted)
        for reviewers in tree.values()
        for reviewer in reviewers
    )
    assert max(given.values()) <= 4
    for uid, author in authors.items():
        reviewers = reviewers_of(uid, pending, counted)
        assert len(reviewers) == len(set(reviewers)) == 3
        assert author not in reviewers


@pytest.mark.parametrize("count", [1, 2, 3])
def test_nothing_is_allocated_until_more_hand_in_than_reviews_needed(count):
    _authors, pending, counted = arrivals(count, 3, 3)

    assert pending == {} and counted == {}


def test_fewer_reviews_to_give_than_needed_leaves_work_waiting():
    authors, pending, counted = arrivals(7, 3, 2)

    given = Counter(reviewer for reviewers in pending.values() for reviewer in reviewers)
    assert max(given.values()) <= 3
    assert any(len(reviewers_of(uid, pending, counted)) < 3 for uid in authors)


def test_a_teachers_allocation_is_never_swapped_away():
    handed_in = [(f"work-{n}", f"learner-{n}") for n in range(5)]
    # Every reviewer gives what they owe; work-4 has nobody: a swap would take
    # one of work-0's reviewers, the teacher's choice among them.
    pending = {
        "work-0": ["learner-1", "learner-2", "learner-3"],
        "work-1": ["learner-0", "learner-2", "learner-3"],
        "work-2": ["learner-0", "learner-1", "learner-3"],
        "work-3": ["learner-0", "learner-1", "learner-2"],
    }
    by_hand = {uid: tuple(reviewers) for uid, reviewers in pending.items()}

    plan = Allocator(handed_in, pending, {}, {}, by_hand, 3, 3).plan()

    assert all(change.allocated for change in plan)
    assert {change.submission for change in plan} == {"work-4"}
    assert len(plan) == 3


def test_a_cancelled_review_is_replaced_by_someone_else():
    authors, pending, counted = arrivals(5, 3, 3)
    cancelled_reviewer, *others = pending.pop("work-0")
    counted = {"work-0": others}
    cancelled = {"work-0": [cancelled_reviewer]}

    plan = Allocator(list(authors.items()), pending, counted, cancelled, {}, 3, 3).plan()

    replacements = [
        change.reviewer for change in plan if change.submission == "work-0" and change.allocated
    ]
    assert len(replacements) == 1
    assert replacements[0] not in (cancelled_reviewer, *others, authors["work-0"])
    for change in plan:
        if change.allocated:
            pending.setdefault(change.submission, []).append(change.reviewer)
        else:
            pending[change.submission].remove(change.reviewer)
    given = Counter(
        reviewer
        for tree in (pending, counted)
        for reviewers in tree.values()
        for reviewer in reviewers
    )
    assert given == dict.fromkeys(authors.values(), 3)
