"""Whether a session's edits count now, as its pages say it: learners whose session
has not started (or whose session's tracking is over) are told when their edits
count, instead of a promise that the page updates by itself."""

from wikimooc.policy.tracking.schedule import NOT_STARTED
from wikimooc.policy.tracking.schedule import OVER
from wikimooc.policy.tracking.schedule import tracking_days
from wikimooc.policy.tracking.schedule import tracking_state
from wikimooc.theme import _
from wikimooc.theme.dates import long_date


def counts_now(session):
    """Whether edits made today count (sessions without dates are never checked)."""
    return tracking_state(session) not in (NOT_STARTED, OVER)


def learner_note(session, request):
    """What a learner is told while their edits do not count; None while they do."""
    state, days = tracking_state(session), tracking_days(session)
    if state == NOT_STARTED:
        return _(
            "Your edits count from ${date}, when the session starts.",
            mapping={"date": long_date(days[0], request)},
        )
    if state == OVER:
        return _(
            "Your edits no longer count: the session's tracking ended on ${date}.",
            mapping={"date": long_date(days[1], request)},
        )
    return None


def teacher_note(session, request):
    """What the dashboard says while nothing is checked; None while checks run."""
    state, days = tracking_state(session), tracking_days(session)
    if state == NOT_STARTED:
        return _("Tracking starts on ${date}.", mapping={"date": long_date(days[0], request)})
    if state == OVER:
        return _("Tracking ended on ${date}.", mapping={"date": long_date(days[1], request)})
    return None
