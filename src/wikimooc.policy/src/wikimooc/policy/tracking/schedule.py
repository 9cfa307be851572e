"""Which sessions are checked when, and what a failing wiki does to that.

Active sessions (today between their start and their end plus a grace period) are
checked every ``wikimooc.check_interval_seconds``; each session's cycle is its own
transaction, so one failing wiki loses nothing of the others. A wiki that fails is
marked unreachable (shown on the dashboards) and left alone for a back-off that
doubles with each failure in a row (or the Retry-After it sent)."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from wikimooc.policy.content.site_sessions import every_session
from wikimooc.policy.identity.settings import wikimooc_settings
from wikimooc.policy.tracking.checker import check_session
from wikimooc.policy.tracking.checker import WikiUnavailable
from wikimooc.policy.tracking.events import ProgressChanged
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_statuses
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.tracking.storage import WikiStatus
from ZODB.POSException import ConflictError
from zope.event import notify

import logging
import transaction


logger = logging.getLogger(__name__)

FIRST_BACK_OFF_SECONDS = 60
LONGEST_BACK_OFF_SECONDS = 3600


NOT_STARTED, RUNNING, OVER = "not_started", "running", "over"


def tracking_days(session):
    """The first and the last day the session's edits are read: its start, and its
    end plus the grace period; None for a session without dates."""
    if not (session.start and session.end):
        return None
    return session.start, session.end + timedelta(days=wikimooc_settings().tracking_grace_days)


def tracking_state(session, today=None):
    """NOT_STARTED, RUNNING or OVER (or None for a session without dates): whether
    the edits a learner makes today can count."""
    days = tracking_days(session)
    if days is None:
        return None
    today = today or date.today()
    if today < days[0]:
        return NOT_STARTED
    return RUNNING if today <= days[1] else OVER


def is_active(session, today):
    return tracking_state(session, today) == RUNNING


def active_sessions(today=None):
    today = today or date.today()
    return (session for session in every_session() if is_active(session, today))


def parse(timestamp):
    return datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


# The periodic task starts at a slightly different second each minute (workers poll
# the queue): without this slack, a session due a second after a tick waits a whole
# extra minute.
TICK_SLACK_SECONDS = 15


def is_due(session, now):
    tracking = tracking_of(session, create=False)
    if tracking is None or not tracking.next_due:
        return True
    return parse(tracking.next_due) <= now + timedelta(seconds=TICK_SLACK_SECONDS)


def wiki_waits(host, now):
    status = wiki_statuses().get(host)
    return bool(status and status.retry_after and parse(status.retry_after) > now)


def record_wiki_answered(host, now):
    statuses = wiki_statuses()
    if statuses.get(host, WikiStatus(False, "")).reachable is not True:
        statuses[host] = WikiStatus(reachable=True, since=wiki_timestamp(now))


def record_wiki_failed(host, error, now):
    statuses = wiki_statuses()
    previous = statuses.get(host)
    failures = previous.failures + 1 if previous and not previous.reachable else 1
    wait = FIRST_BACK_OFF_SECONDS * 2 ** (failures - 1)
    if error.retry_after and str(error.retry_after).isdigit():
        wait = int(error.retry_after)
    statuses[host] = WikiStatus(
        reachable=False,
        since=previous.since if previous and not previous.reachable else wiki_timestamp(now),
        failures=failures,
        error=str(error.error),
        retry_after=wiki_timestamp(now + timedelta(seconds=min(wait, LONGEST_BACK_OFF_SECONDS))),
    )


def check_and_commit(session, now=None):
    """One cycle for ``session`` in its own transaction; its report, or None when the
    wiki failed (recorded in the wiki's status) or the commit conflicted. What
    the completed exercises lead to (certificates) is in the same transaction."""
    now = now or utc_now()
    try:
        report = check_session(session, now)
        if report.learners_completing:
            notify(ProgressChanged(session, sorted(report.learners_completing)))
        tracking_of(session).next_due = wiki_timestamp(
            now + timedelta(seconds=wikimooc_settings().check_interval_seconds)
        )
        record_wiki_answered(session.wiki, now)
        transaction.commit()
        return report
    except WikiUnavailable as error:
        transaction.abort()
        logger.warning("Edit check of %s failed: %s", session.absolute_url(), error)
        record_wiki_failed(error.host, error, now)
        transaction.commit()
    except ConflictError:
        transaction.abort()
        logger.info("Edit check of %s conflicted; the next cycle reads it again", session.UID())
    return None


def claim(session, now):
    """Take the session's next check for this worker: its next due time is committed
    first, so another worker claiming it at the same moment conflicts and skips it,
    and one that comes later finds it not due. A worker that dies mid-check leaves
    the session due again after one interval; the watermark did not move."""
    tracking_of(session).next_due = wiki_timestamp(
        now + timedelta(seconds=wikimooc_settings().check_interval_seconds)
    )
    try:
        transaction.commit()
    except ConflictError:
        transaction.abort()
        return False
    return True


def run_due_checks(now=None):
    """Check every active session that is due, once per interval however many
    workers run this at the same time."""
    now = now or utc_now()
    reports = []
    for session in list(active_sessions(now.date())):
        if is_due(session, now) and not wiki_waits(session.wiki, now) and claim(session, now):
            reports.append(check_and_commit(session, now))
    return reports
