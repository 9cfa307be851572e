"""When the worker refreshes sessions' summaries: a session whose tracking read
edits since its summary was made, and any summary a day old (certificates and
grades change without new edits). Each session commits on its own."""

from datetime import timedelta
from wikimooc.policy.content.site_sessions import every_session
from wikimooc.policy.programs.retention import late_retention
from wikimooc.policy.programs.summary import refresh_summary
from wikimooc.policy.programs.summary import summary_of
from wikimooc.policy.tracking.schedule import parse
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from ZODB.POSException import ConflictError

import logging
import transaction


logger = logging.getLogger(__name__)
LONGEST_AGE = timedelta(days=1)


def is_stale(session, now):
    summary = summary_of(session)
    if summary is None:
        return True
    tracking = tracking_of(session, create=False)
    if tracking is not None and tracking.last_checked and tracking.last_checked > summary.refreshed:
        return True
    late = late_retention(session)
    if late is not None and late.read_at > summary.refreshed:
        return True
    return parse(summary.refreshed) + LONGEST_AGE <= now


def refresh_stale_summaries(now=None):
    """Refresh every stale summary; the number refreshed."""
    now = now or utc_now()
    refreshed = 0
    for session in list(every_session()):
        if not is_stale(session, now):
            continue
        refresh_summary(session, now)
        try:
            transaction.commit()
            refreshed += 1
        except ConflictError:
            transaction.abort()
            logger.info("Summary of %s conflicted; the next run makes it", session.UID())
    return refreshed
