"""A learner's grade from their results, as pure functions of plain values.

Every item gives a share between 0 and 1: a wiki exercise 1 once done, a
peer-reviewed exercise its grade over its rubric's maximum, a quiz its best or last
attempt's score over the quiz's maximum; an item not done (yet) gives 0. A
category's result is the mean of its items' shares; the grade is the mean of the
categories' results weighted by the policy, leaving out the categories that have no
items counted (and those weighted 0)."""

from typing import NamedTuple


CATEGORIES = ("quizzes", "wiki", "peer")


class ItemResult(NamedTuple):
    uid: str
    category: str
    # 0..1 once there is something to count, else None (counts as 0 in the grade)
    share: float | None
    done: bool


class Attempted(NamedTuple):
    """What the grade needs of one quiz attempt."""

    score: float
    max_score: float


def quiz_share(attempts, which):
    """The share of the ``best`` or ``last`` of ``attempts`` (in order); None for none."""
    if not attempts:
        return None
    shares = [attempt.score / attempt.max_score if attempt.max_score else 1.0
              for attempt in attempts]
    return shares[-1] if which == "last" else max(shares)


def peer_share(points, maximum):
    """A peer-reviewed exercise's grade over its rubric's maximum; None before a grade."""
    if points is None:
        return None
    return min(1.0, points / maximum) if maximum else 1.0


def wiki_share(done):
    return 1.0 if done else 0.0


def category_results(results):
    """{category: the mean share of its items} for the categories with items."""
    totals = {}
    for result in results:
        total, count = totals.get(result.category, (0.0, 0))
        totals[result.category] = (total + (result.share or 0.0), count + 1)
    return {category: total / count for category, (total, count) in totals.items()}


def weighted_grade(weights, results):
    """The grade in percent (0..100), or None when no category with items weighs."""
    by_category = category_results(results)
    counted = {category: weights.get(category, 0) for category in by_category}
    total_weight = sum(counted.values())
    if total_weight <= 0:
        return None
    return 100.0 * sum(by_category[category] * weight
                       for category, weight in counted.items()) / total_weight


def passed(grade, pass_mark):
    return grade is not None and grade >= pass_mark - 1e-9
