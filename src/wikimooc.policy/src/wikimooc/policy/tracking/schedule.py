"""Which wikis are checked when, and what a failing wiki does to that.

Active sessions (today between their start and their end plus a grace period) are
followed; every wiki one of them follows is checked every
``wikimooc.check_interval_seconds``, for all the learners of all its sessions at
once. Each wiki's check is its own transaction, so one failing wiki loses nothing
of the others. A wiki that fails is marked unreachable (shown on the dashboards)
and left alone for a back-off that doubles with each failure in a row (or the
Retry-After it sent)."""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from wikimooc.policy.content.site_sessions import every_session
from wikimooc.policy.identity.settings import wikimooc_settings
from wikimooc.policy.tracking.checker import learners_to_follow
from wikimooc.policy.tracking.checker import read_wiki
from wikimooc.policy.tracking.checker import WikiUnavailable
from wikimooc.policy.tracking.events import ProgressChanged
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.tracking.storage import wiki_statuses
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.tracking.storage import WikiStatus
from wikimooc.policy.transactions import committed
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


def is_due(host, now):
    checks = wiki_checks(host, create=False)
    if checks is None or not checks.next_due:
        return True
    return parse(checks.next_due) <= now + timedelta(seconds=TICK_SLACK_SECONDS)


def next_interval(now):
    return wiki_timestamp(now + timedelta(seconds=wikimooc_settings().check_interval_seconds))


def sessions_following(host, today):
    return [session for session in active_sessions(today) if host in session_wikis(session)]


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


def committed_on_wiki(host, now, what, work):
    """``work()``, something done on the wiki ``host``, in its own transaction,
    committed: its result, or None when the wiki failed (recorded in the wiki's
    status) or the commit conflicted (nothing of it is then stored). ``what`` names
    the work in the log."""
    try:
        result = work()
        transaction.commit()
        return result
    except WikiUnavailable as error:
        transaction.abort()
        logger.warning("%s of %s failed: %s", what, host, error)
        record_wiki_failed(error.host, error, now)
        transaction.commit()
    except ConflictError:
        transaction.abort()
        logger.info("%s of %s conflicted; the next one reads it again", what, host)
    return None


def check_sessions_and_commit(host, sessions, usernames, now):
    """Check ``host`` for ``sessions`` (all their learners, or only ``usernames``)
    in its own transaction; its CycleReport, or None when the wiki failed (recorded
    in the wiki's status) or the commit conflicted. What the completed exercises
    lead to (certificates) is in the same transaction."""

    def check():
        report = read_wiki(host, sessions, now, usernames)
        for session in sessions:
            if completing := report.served[session.UID()].learners_completing:
                notify(ProgressChanged(session, sorted(completing)))
        if usernames is None:
            wiki_checks(host).next_due = next_interval(now)
        record_wiki_answered(host, now)
        return report

    return committed_on_wiki(host, now, "Edit check", check)


def check_wiki(host, usernames=None, now=None):
    """One check of the wiki ``host`` for the learners of every active session that
    follows it, or only for the ``usernames`` given (wiki usernames; those no such
    session follows are left out), committed; its CycleReport, or None when the
    wiki failed or the commit conflicted (nothing of it is then stored)."""
    now = now or utc_now()
    return check_sessions_and_commit(host, sessions_following(host, now.date()), usernames, now)


@dataclass
class SessionReport:
    """A check of one session's wikis, for its learners: each wiki's CycleReport
    (None where the wiki failed)."""

    session: str
    wikis: dict = field(default_factory=dict)

    def served(self):
        return [report.served[self.session] for report in self.wikis.values() if report]

    @property
    def read(self):
        return sum(report.read for report in self.wikis.values() if report)

    @property
    def new(self):
        return sum(served.new for served in self.served())

    @property
    def completed(self):
        return sum(served.completed for served in self.served())

    @property
    def learners_completing(self):
        return set().union(*(served.learners_completing for served in self.served()))


def check_and_commit(session, now=None):
    """Check each wiki of ``session`` for its learners now (a teacher asked), each
    wiki in its own transaction; the other sessions those learners are in are served
    too. A SessionReport, or None when none of its wikis answered."""
    now = now or utc_now()
    learners = learners_to_follow(session)
    report = SessionReport(session=session.UID())
    for host in session_wikis(session):
        sessions = sessions_following(host, now.date())
        if session.UID() not in {following.UID() for following in sessions}:
            sessions.append(session)
        report.wikis[host] = check_sessions_and_commit(host, sessions, learners, now)
    return report if any(report.wikis.values()) else None


def claim(host, now):
    """Take the wiki's next check for this worker: its next due time is committed
    first, so another worker claiming it at the same moment conflicts and skips it,
    and one that comes later finds it not due. A worker that dies mid-check leaves
    the wiki due again after one interval; no watermark moved."""
    wiki_checks(host).next_due = next_interval(now)
    return committed()


def followed_wikis(sessions):
    """Every wiki the ``sessions`` follow → those of the sessions that follow it."""
    found = {}
    for session in sessions:
        for host in session_wikis(session):
            found.setdefault(host, []).append(session)
    return found


def run_due_checks(now=None):
    """Check every wiki an active session follows that is due, once per interval
    however many workers run this at the same time."""
    now = now or utc_now()
    reports = []
    for host, sessions in sorted(followed_wikis(active_sessions(now.date())).items()):
        if is_due(host, now) and not wiki_waits(host, now) and claim(host, now):
            reports.append(check_sessions_and_commit(host, sessions, None, now))
    return reports
