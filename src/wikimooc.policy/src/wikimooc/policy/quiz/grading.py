"""Grading one answer to one question: pure functions on plain values, so that every
rule is tested by a table (tests/quiz/test_grading.py).

A question's ``Key`` holds what grading needs and learners never see. Answers are
as the REST layer hands them over: a choice's position for single choice and
dropdown, a list of positions for multiple choice, a number or a string for number
questions, a string for short text. ``None`` (or an empty string or list) is no
answer: no credit. An answer of the wrong kind raises ``WrongKind``.
"""

from typing import NamedTuple
from wikimooc.policy.quiz.lines import Line

import math
import re


KINDS = ("single", "multiple", "dropdown", "number", "text")
CHOICE_KINDS = ("single", "multiple", "dropdown")
PARTIAL_CREDIT = ("none", "edc", "halves")
TOLERANCE_KINDS = ("absolute", "percent")


class WrongKind(ValueError):
    """The answer is not of the question's kind (a list for a single choice, a word
    for a number, a position that is no choice)."""


class Key(NamedTuple):
    kind: str
    points: float = 1.0
    choices: tuple[Line, ...] = ()  # choices, or a text question's accepted answers
    partial_credit: str = "none"
    number: float | None = None
    tolerance: float = 0.0
    tolerance_kind: str = "absolute"
    pattern: str | None = None


class Result(NamedTuple):
    fraction: float  # share of the points earned, 0 to 1
    points: float  # points earned
    answered: bool
    feedback: tuple[str, ...] = ()  # the feedback of what the learner chose or typed

    @property
    def correct(self):
        return self.fraction >= 1


def unanswered(answer):
    return answer is None or answer == "" or answer == [] or answer == ()


def result(key, fraction, feedback=()):
    fraction = max(0.0, min(1.0, fraction))
    return Result(fraction, round(key.points * fraction, 4), True,
                  tuple(text for text in feedback if text))


def grade(key, answer):
    """The ``Result`` of ``answer`` to the question ``key``."""
    if key.kind not in KINDS:
        raise ValueError(f"Unknown question kind {key.kind!r}")
    if unanswered(answer):
        return Result(0.0, 0.0, False)
    return GRADERS[key.kind](key, answer)


def position(key, answer):
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise WrongKind(answer)
    if not 0 <= answer < len(key.choices):
        raise WrongKind(answer)
    return answer


def grade_single(key, answer):
    chosen = key.choices[position(key, answer)]
    return result(key, 1.0 if chosen.right else 0.0, (chosen.feedback,))


def grade_multiple(key, answer):
    if not isinstance(answer, (list, tuple)):
        raise WrongKind(answer)
    chosen = {position(key, item) for item in answer}
    errors = sum(
        1 for index, choice in enumerate(key.choices) if choice.right != (index in chosen)
    )
    count = len(key.choices)
    if key.partial_credit == "edc":
        # Open edX's "every decision counts": each choice rightly ticked or left.
        fraction = (count - errors) / count
    elif key.partial_credit == "halves":
        # Open edX's "halves": one wrong decision is half the credit (3 choices or
        # more), two a quarter (5 choices or more), more nothing.
        fraction = {0: 1.0, 1: 0.5 if count >= 3 else 0.0,
                    2: 0.25 if count >= 5 else 0.0}.get(errors, 0.0)
    else:
        fraction = 1.0 if errors == 0 else 0.0
    return result(key, fraction, [key.choices[index].feedback for index in sorted(chosen)])


def parse_number(answer):
    """A number from a number or a string (decimal comma or point); WrongKind else."""
    if isinstance(answer, bool):
        raise WrongKind(answer)
    if isinstance(answer, (int, float)):
        value = float(answer)
    elif isinstance(answer, str):
        try:
            value = float(answer.strip().replace(",", ".").replace(" ", ""))
        except ValueError:
            raise WrongKind(answer) from None
    else:
        raise WrongKind(answer)
    if not math.isfinite(value):
        raise WrongKind(answer)
    return value


def allowed_difference(key):
    tolerance = abs(key.tolerance or 0.0)
    if key.tolerance_kind == "percent":
        tolerance = abs(key.number) * tolerance / 100
    # Decimal numbers are not exact in binary: 0.1 + 0.2 must be within 0.3 ± 0.
    return tolerance + 1e-9 * max(1.0, abs(key.number))


def grade_number(key, answer):
    if isinstance(answer, str) and not answer.strip():
        return Result(0.0, 0.0, False)
    value = parse_number(answer)
    right = abs(value - key.number) <= allowed_difference(key)
    return result(key, 1.0 if right else 0.0)


def normalised_text(text):
    return " ".join(text.split()).casefold()


def grade_text(key, answer):
    if not isinstance(answer, str):
        raise WrongKind(answer)
    if not answer.strip():
        return Result(0.0, 0.0, False)
    if key.pattern:
        right = re.fullmatch(key.pattern, answer.strip()) is not None
        return result(key, 1.0 if right else 0.0)
    given = normalised_text(answer)
    for accepted in key.choices:
        if normalised_text(accepted.text) == given:
            return result(key, 1.0, (accepted.feedback,))
    return result(key, 0.0)


GRADERS = {
    "single": grade_single,
    "dropdown": grade_single,
    "multiple": grade_multiple,
    "number": grade_number,
    "text": grade_text,
}
