"""A session's grading policy, kept in an annotation of the session: the weight of
each category, the pass mark, which items count (None: every graded quiz and every
exercise) and which attempt at a quiz counts. Teachers change it with ``change``,
which checks everything before it stores anything."""

from persistent import Persistent
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.grades.computation import CATEGORIES
from wikimooc.policy.grades.events import GradingPolicyChanged
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.refusals import Refused
from zope.event import notify

import math


POLICY_ANNOTATION = "wikimooc.policy.grades.policy"
QUIZ_ATTEMPTS_COUNTED = ("best", "last")
DEFAULT_WEIGHTS = {"quizzes": 40.0, "wiki": 30.0, "peer": 30.0}


class GradingRefused(Refused):
    """A grading policy that cannot be used (400), or grades asked of whom may not."""

    error_type = "GradingRefused"


class GradingPolicy(NamedTuple):
    weights: tuple = tuple(DEFAULT_WEIGHTS.items())  # ((category, weight), …)
    pass_mark: float = 50.0
    items: tuple | None = None  # UIDs; None: the default items
    quiz_attempt: str = "best"

    def weight_of(self):
        return dict(self.weights)

    def as_dict(self):
        return {
            "weights": self.weight_of(),
            "pass_mark": self.pass_mark,
            "items": list(self.items) if self.items is not None else None,
            "quiz_attempt": self.quiz_attempt,
        }


class StoredPolicy(Persistent):
    def __init__(self):
        self.policy = GradingPolicy()


def grading_policy(session):
    stored = annotation(session, POLICY_ANNOTATION, StoredPolicy, create=False)
    return stored.policy if stored is not None else GradingPolicy()


def number(value):
    """``value`` as a finite float, or None (JSON numbers, or digits from a form)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def checked_weights(given):
    if not isinstance(given, dict):
        raise GradingRefused(400, _("Give \"weights\": an object of categories and numbers."))
    weights = {}
    for category, value in given.items():
        if category not in CATEGORIES:
            raise GradingRefused(400, _(
                "There is no category ${category}: the categories are ${categories}.",
                mapping={"category": str(category), "categories": ", ".join(CATEGORIES)},
            ))
        weight = number(value)
        if weight is None or weight < 0:
            raise GradingRefused(400, _(
                "The weight of ${category} must be a number, 0 or more.",
                mapping={"category": category},
            ))
        weights[category] = weight
    return weights


def checked_pass_mark(given):
    mark = number(given)
    if mark is None or not 0 <= mark <= 100:
        raise GradingRefused(400, _("The pass mark must be a percentage, from 0 to 100."))
    return mark


def checked_items(given, gradable_uids):
    if given is None:
        return None
    if not isinstance(given, list | tuple) or not all(isinstance(uid, str) for uid in given):
        raise GradingRefused(
            400, _("Give \"items\": a list of UIDs of the course's quizzes and exercises, or null.")
        )
    if not given:
        raise GradingRefused(400, _(
            "Choose at least one item that counts, or count the default items (null)."
        ))
    for uid in given:
        if uid not in gradable_uids:
            raise GradingRefused(400, _(
                "${item} is no quiz or exercise of this course.", mapping={"item": uid},
            ))
    return tuple(dict.fromkeys(given))


def checked_quiz_attempt(given):
    if given not in QUIZ_ATTEMPTS_COUNTED:
        raise GradingRefused(400, _("\"quiz_attempt\" must be \"best\" or \"last\"."))
    return given


def changed_policy(policy, changes, gradable_uids):
    """``policy`` with ``changes`` (a dict of some of its fields); GradingRefused for
    anything that cannot be used."""
    if not isinstance(changes, dict):
        raise GradingRefused(400, _("Give the grading policy's fields to change, as an object."))
    for name in changes:
        if name not in GradingPolicy._fields:
            raise GradingRefused(400, _(
                "The grading policy has no field ${name}.", mapping={"name": str(name)},
            ))
    fields = {}
    if "weights" in changes:
        weights = {**policy.weight_of(), **checked_weights(changes["weights"])}
        if not any(weights.values()):
            raise GradingRefused(400, _("At least one category must weigh more than 0."))
        fields["weights"] = tuple((category, weights[category]) for category in CATEGORIES)
    if "pass_mark" in changes:
        fields["pass_mark"] = checked_pass_mark(changes["pass_mark"])
    if "items" in changes:
        fields["items"] = checked_items(changes["items"], gradable_uids)
    if "quiz_attempt" in changes:
        fields["quiz_attempt"] = checked_quiz_attempt(changes["quiz_attempt"])
    return policy._replace(**fields)


def change(session, changes, gradable_uids):
    """Store the session's policy with ``changes``; return it."""
    policy = changed_policy(grading_policy(session), changes, gradable_uids)
    annotation(session, POLICY_ANNOTATION, StoredPolicy).policy = policy
    notify(GradingPolicyChanged(session))
    return policy
