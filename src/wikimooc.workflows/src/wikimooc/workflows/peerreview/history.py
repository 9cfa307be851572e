"""What happened to a submission besides its transitions (which its workflow history
keeps): allocations, reviews, cancelled reviews, grade overrides."""

from datetime import datetime
from datetime import UTC
from plone import api
from typing import NamedTuple


class HistoryEntry(NamedTuple):
    action: str  # allocate, withdraw, review, cancel_review, override_grade
    actor: str | None  # None: the platform itself, allocating
    time: str  # ISO 8601, UTC
    comments: str
    reviewer: str | None = None
    points: float | None = None


def now():
    # Full precision: events of one request must keep their order in the history.
    return datetime.now(UTC).isoformat()


def record(submission, action, comments="", reviewer=None, points=None, automatic=False):
    actor = None if automatic else api.user.get_current().getId()
    entry = HistoryEntry(action, actor, now(), comments, reviewer, points)
    submission.history = (*submission.history, entry)
