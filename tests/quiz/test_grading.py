"""Each kind's grading, table-driven: right, wrong, partial, tolerance edges, regular
expressions, empty answers, answers of the wrong kind."""

from wikimooc.policy.quiz.grading import grade
from wikimooc.policy.quiz.grading import Key
from wikimooc.policy.quiz.grading import WrongKind
from wikimooc.policy.quiz.lines import Line
from wikimooc.policy.quiz.lines import parse_lines

import pytest


PILLARS = tuple(parse_lines(
    "* Neutral point of view | Yes\nOriginal research | No: none is published\nAdvertising"
))
FOUR = (Line("A", True, "a!"), Line("B", True, ""), Line("C", False, "c?"), Line("D", False, ""))
FIVE = (*FOUR, Line("E", False, ""))
THREE = FOUR[:3]


@pytest.mark.parametrize(
    "key, answer, fraction, feedback",
    [
        (Key("single", 2, PILLARS), 0, 1, ("Yes",)),
        (Key("single", 2, PILLARS), 1, 0, ("No: none is published",)),
        (Key("single", 2, PILLARS), 2, 0, ()),
        (Key("dropdown", 1, PILLARS), 0, 1, ("Yes",)),
        (Key("dropdown", 1, PILLARS), 2, 0, ()),
        # Multiple choice without partial credit: all or nothing.
        (Key("multiple", 1, FOUR), [0, 1], 1, ("a!",)),
        (Key("multiple", 1, FOUR), [1, 0], 1, ("a!",)),
        (Key("multiple", 1, FOUR), [0], 0, ("a!",)),
        (Key("multiple", 1, FOUR), [0, 1, 2], 0, ("a!", "c?")),
        # Every decision counts: a share per choice rightly ticked or left.
        (Key("multiple", 1, FOUR, "edc"), [0, 1], 1, ("a!",)),
        (Key("multiple", 1, FOUR, "edc"), [0], 0.75, ("a!",)),
        (Key("multiple", 1, FOUR, "edc"), [0, 2], 0.5, ("a!", "c?")),
        (Key("multiple", 1, FOUR, "edc"), [2, 3], 0, ("c?",)),
        # Halves: one mistake half (3 choices or more), two a quarter (5 or more).
        (Key("multiple", 1, FOUR, "halves"), [0], 0.5, ("a!",)),
        (Key("multiple", 1, FOUR, "halves"), [0, 2, 3], 0, ("a!", "c?")),
        (Key("multiple", 1, FIVE, "halves"), [0, 1, 2, 3], 0.25, ("a!", "c?")),
        (Key("multiple", 1, FIVE, "halves"), [2, 3, 4], 0, ("c?",)),
        (Key("multiple", 1, THREE, "halves"), [0], 0.5, ("a!",)),
        (Key("multiple", 1, FOUR[:2], "halves"), [0], 0, ("a!",)),
    ],
)
def test_choices(key, answer, fraction, feedback):
    result = grade(key, answer)
    assert result.answered
    assert result.fraction == fraction
    assert result.points == key.points * fraction
    assert result.feedback == feedback


@pytest.mark.parametrize(
    "number, tolerance, kind, answer, right",
    [
        (42, 0, "absolute", 42, True),
        (42, 0, "absolute", "42", True),
        (42, 0, "absolute", "42.0", True),
        (42, 0, "absolute", 42.01, False),
        (0.3, 0, "absolute", 0.1 + 0.2, True),
        (3.5, 0, "absolute", "3,5", True),
        (100, 5, "absolute", 95, True),
        (100, 5, "absolute", 105, True),
        (100, 5, "absolute", 105.001, False),
        (100, 5, "absolute", 94.999, False),
        (200, 10, "percent", 220, True),
        (200, 10, "percent", 180, True),
        (200, 10, "percent", 220.01, False),
        (-200, 10, "percent", -180, True),
        (-200, 10, "percent", -179, False),
        (0, 10, "percent", 0, True),
        (0, 10, "percent", 0.001, False),
        (1_000_000, 0.5, "absolute", "1 000 000", True),
    ],
)
def test_numbers(number, tolerance, kind, answer, right):
    key = Key("number", 3, number=number, tolerance=tolerance, tolerance_kind=kind)
    result = grade(key, answer)
    assert result.answered
    assert result.correct is right
    assert result.points == (3 if right else 0)


ACCEPTED = tuple(parse_lines("Five pillars | Right, the five pillars\n5 pillars"))


@pytest.mark.parametrize(
    "key, answer, right, feedback",
    [
        (Key("text", choices=ACCEPTED), "Five pillars", True, ("Right, the five pillars",)),
        (Key("text", choices=ACCEPTED), "  five   PILLARS ", True, ("Right, the five pillars",)),
        (Key("text", choices=ACCEPTED), "5 Pillars", True, ()),
        (Key("text", choices=ACCEPTED), "Four pillars", False, ()),
        (Key("text", choices=ACCEPTED), "Five pillars!", False, ()),
        (Key("text", pattern=r"[Pp]illars?"), "pillar", True, ()),
        (Key("text", pattern=r"[Pp]illars?"), " Pillars ", True, ()),
        (Key("text", pattern=r"[Pp]illars?"), "PILLARS", False, ()),
        (Key("text", pattern=r"[Pp]illars?"), "five pillars", False, ()),
        (Key("text", pattern=r"(?i)\d+ pillars"), "5 PILLARS", True, ()),
        # The pattern replaces the accepted answers.
        (Key("text", choices=ACCEPTED, pattern="Piliers"), "Five pillars", False, ()),
    ],
)
def test_short_text(key, answer, right, feedback):
    result = grade(key, answer)
    assert result.correct is right
    assert result.feedback == feedback


KEYS = {
    "single": Key("single", 1, PILLARS),
    "dropdown": Key("dropdown", 1, PILLARS),
    "multiple": Key("multiple", 1, FOUR, "edc"),
    "number": Key("number", 1, number=1, tolerance=1),
    "text": Key("text", 1, ACCEPTED),
}


@pytest.mark.parametrize("kind", KEYS)
@pytest.mark.parametrize("answer", [None, "", [], "   "])
def test_empty_answers_earn_nothing(kind, answer):
    if answer == "   " and kind not in ("number", "text"):
        pytest.skip("a blank string is the wrong kind for choices")
    result = grade(KEYS[kind], answer)
    assert not result.answered
    assert result.points == 0


@pytest.mark.parametrize(
    "kind, answer",
    [
        ("single", [0]),
        ("single", "0"),
        ("single", 3),
        ("single", -1),
        ("single", True),
        ("dropdown", 1.5),
        ("multiple", 0),
        ("multiple", [0, 9]),
        ("multiple", "0,1"),
        ("number", "forty-two"),
        ("number", [1]),
        ("number", "nan"),
        ("number", True),
        ("text", 5),
        ("text", ["Five pillars"]),
    ],
)
def test_answers_of_the_wrong_kind(kind, answer):
    with pytest.raises(WrongKind):
        grade(KEYS[kind], answer)


@pytest.mark.parametrize(
    "source, lines",
    [
        ("* Right | Yes\nWrong", [Line("Right", True, "Yes"), Line("Wrong", False, "")]),
        ("  *Right\n\n  Wrong |  No  ", [Line("Right", True, ""), Line("Wrong", False, "No")]),
        ("\\* a star\n* x|y", [Line("* a star", False, ""), Line("x|y", True, "")]),
        ("a | b | c", [Line("a", False, "b | c")]),
        ("", []),
        (None, []),
    ],
)
def test_lines(source, lines):
    assert parse_lines(source) == lines
