"""Choices and accepted answers as authors type them in a Classic UI textarea.

One choice (or accepted answer) per line. A leading ``*`` marks a right choice; the
text after `` | `` is the feedback a learner who picks it reads after answering::

    * Neutral point of view | Yes: the first pillar.
    Original research | No: Wikipedia publishes no original research.

A choice that really starts with a star is written ``\\*``. Blank lines are skipped.
"""

from typing import NamedTuple


FEEDBACK_SEPARATOR = " | "


class Line(NamedTuple):
    text: str
    right: bool
    feedback: str


def parse_lines(source):
    """The lines of ``source`` (a textarea's value, or None)."""
    found = []
    for raw in (source or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        right = False
        if line.startswith("*"):
            right, line = True, line[1:].lstrip()
        elif line.startswith("\\*"):
            line = line[1:]
        if line.startswith("|"):  # feedback without a choice
            line = " " + line
        text, _separator, feedback = line.partition(FEEDBACK_SEPARATOR)
        found.append(Line(text.strip(), right, feedback.strip()))
    return found
