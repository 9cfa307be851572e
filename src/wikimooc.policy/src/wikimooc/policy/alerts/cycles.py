"""When the worker looks for alerts: every active session each quarter of an hour
(deletions and blocks are not minute matters), each session in its own transaction,
claimed first in the database so that two workers never look at once."""

from datetime import timedelta
from wikimooc.policy.alerts.storage import alerts_of
from wikimooc.policy.alerts.watching import watch_session
from wikimooc.policy.tracking.checker import WikiUnavailable
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.schedule import active_sessions
from wikimooc.policy.tracking.schedule import parse
from wikimooc.policy.tracking.schedule import record_wiki_failed
from wikimooc.policy.tracking.schedule import wiki_waits
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.transactions import committed
from ZODB.POSException import ConflictError

import logging
import transaction


logger = logging.getLogger(__name__)

WATCH_INTERVAL = timedelta(minutes=15)


def claim(session, now):
    stored = alerts_of(session)
    if stored.next_due and parse(stored.next_due) > now:
        return False
    stored.next_due = wiki_timestamp(now + WATCH_INTERVAL)
    return committed()


def watch_and_commit(session, now=None):
    """One alerts cycle for ``session`` in its own transaction: its report, or None
    when a wiki failed (recorded in the wiki's status) or the commit conflicted."""
    now = now or utc_now()
    try:
        report = watch_session(session, now)
        transaction.commit()
        return report
    except WikiUnavailable as error:
        transaction.abort()
        logger.warning("Alerts of %s: the wiki failed: %s", session.absolute_url(), error)
        record_wiki_failed(error.host, error, now)
        transaction.commit()
    except ConflictError:
        transaction.abort()
        logger.info("Alerts of %s conflicted; the next cycle looks again", session.UID())
    return None


def run_due_watches(now=None):
    now = now or utc_now()
    return [
        watch_and_commit(session, now)
        for session in list(active_sessions(now.date()))
        if not any(wiki_waits(host, now) for host in session_wikis(session))
        and claim(session, now)
    ]
