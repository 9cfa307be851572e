"""Retention at 90 days without reading every edit for longer: edit tracking reads a
session's edits until its end plus ``tracking_grace_days`` (30 by default). For the
sessions programs report on, once the session's end plus 90 days has passed, the
worker asks each wiki the session follows once which learners edited there between
the end plus 30 and plus 90 days (``list=usercontribs``, 50 learners a request,
timestamps only; a learner found is not asked about again on that wiki). What it
read is kept beside the session, per wiki; the session's summary then counts it and
marks 90-day retention measured once every followed wiki was read. A wiki that fails
leaves nothing stored for it: the next run asks it again (and only it).

A reading kept before sessions followed several wikis has no ``by_wiki``: it was
the home wiki's; the next run reads the session's other wikis."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent import Persistent
from plone import api
from plone.app.uuid.utils import uuidToObject
from wikimooc.policy.tracking.checker import chunks
from wikimooc.policy.tracking.checker import CycleReport
from wikimooc.policy.tracking.checker import learners_to_follow
from wikimooc.policy.tracking.checker import USERS_PER_REQUEST
from wikimooc.policy.tracking.checker import wiki_query
from wikimooc.policy.tracking.checker import WikiUnavailable
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.schedule import tracking_days
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.wikis import connect
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation
from ZODB.POSException import ConflictError

import logging
import transaction


logger = logging.getLogger(__name__)
LATE_ANNOTATION = "wikimooc.programs.late_retention"
LATE_WINDOW_DAYS = (30, 90)  # after the session's end


class LateRetention(Persistent):
    """Who edited in the late window, on each wiki read so far."""

    by_wiki = None  # a reading kept before several wikis: ``retained``, the home wiki's

    def __init__(self, start, end, by_wiki, read_at):
        self.start = start  # the window, as wiki timestamps
        self.end = end
        self.by_wiki = by_wiki  # host → frozenset of wiki usernames
        self.retained = frozenset().union(*by_wiki.values())
        self.read_at = read_at


def late_retention(session):
    return annotation(session, LATE_ANNOTATION, lambda: None, create=False)


def late_by_wiki(session, late):
    """host → who edited in ``late``'s window on that wiki, for each wiki read."""
    return late.by_wiki if late.by_wiki is not None else {session.wiki: late.retained}


def wikis_to_read(session):
    """The session's wikis whose late window was not read yet."""
    late = late_retention(session)
    read = late_by_wiki(session, late) if late is not None else {}
    return [host for host in session_wikis(session) if host not in read]


def late_window(session):
    """(first, last) wiki timestamps of the late window, or None without an end."""
    if not session.end:
        return None
    end = datetime.combine(session.end, datetime.min.time(), UTC)
    first, last = (end + timedelta(days=days) for days in LATE_WINDOW_DAYS)
    return wiki_timestamp(first), wiki_timestamp(last - timedelta(seconds=1))


def needs_late_reading(session, today):
    """Its window has passed, tracking did not read it, and it was not read yet."""
    days = tracking_days(session)
    if days is None or not wikis_to_read(session):
        return False
    last_day = session.end + timedelta(days=LATE_WINDOW_DAYS[1])
    return days[1] < last_day < today


def sessions_in_programs():
    """Every session some program counts (directly or through its programs)."""
    found = {}
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="Program"):
        program = brain._unrestrictedGetObject()
        for uid in program.sessions or ():
            session = uuidToObject(uid, unrestricted=True)
            if session is not None and session.portal_type == "CourseSession":
                found[uid] = session
    return list(found.values())


def edited_between(site, host, usernames, first, last, report):
    """Which of ``usernames`` made at least one edit between ``first`` and ``last``.
    Answers come grouped by user: after each page, the users found are dropped and
    the others asked again, so nobody's edits are paged through."""
    found = set()
    for batch in chunks(sorted(usernames), USERS_PER_REQUEST):
        remaining = batch
        while remaining:
            answer = wiki_query(host, report, "usercontribs", site, list="usercontribs",
                                ucuser="|".join(remaining), ucstart=first, ucend=last,
                                ucdir="newer", uclimit="max", ucprop="timestamp")
            seen = {contribution["user"] for contribution in answer["query"]["usercontribs"]}
            found |= seen
            if "continue" not in answer or not seen:
                break
            remaining = [name for name in remaining if name not in seen]
    return found


def read_late_retention(session, now=None):
    """Read the session's late window on each of its wikis not read yet and keep
    what was read. host → the CycleReport of the requests made there, None for a
    wiki that failed (nothing kept for it)."""
    first, last = late_window(session)
    learners = learners_to_follow(session)
    late = late_retention(session)
    kept = late_by_wiki(session, late) if late is not None else {}
    by_wiki = dict(kept)
    reports = {}
    for host in wikis_to_read(session):
        report = reports[host] = CycleReport(host=host, learners=len(learners))
        try:
            site = connect(host, retries=2)
            retained = edited_between(site, host, learners, first, last, report) \
                if learners else set()
        except WikiUnavailable as error:
            logger.info("Late retention of %s on %s not read now: %s", session.UID(), host,
                        error)
            reports[host] = None
            continue
        by_wiki[host] = frozenset(retained & set(learners))
    if len(by_wiki) > len(kept):
        drop_annotation(session, LATE_ANNOTATION)
        annotation(session, LATE_ANNOTATION, lambda: LateRetention(
            first, last, by_wiki, wiki_timestamp(now or utc_now())))
    return reports


def read_late_retentions(now=None):
    """For each session of a program whose late window has passed on a wiki not
    read yet: read it and commit, one session at a time. The number of sessions
    for which some wiki was read."""
    now = now or utc_now()
    read = 0
    for session in sessions_in_programs():
        if not needs_late_reading(session, now.date()):
            continue
        try:
            reports = read_late_retention(session, now)
            transaction.commit()
        except ConflictError as error:
            transaction.abort()
            logger.info("Late retention of %s not kept now: %s", session.UID(), error)
            continue
        read += any(report is not None for report in reports.values())
    return read
