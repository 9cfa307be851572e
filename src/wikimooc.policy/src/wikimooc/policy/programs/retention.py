"""Retention at 90 days without reading every edit for longer: edit tracking reads a
session's edits until its end plus ``tracking_grace_days`` (30 by default). For the
sessions programs report on, once the session's end plus 90 days has passed, the
worker asks its wiki once which learners edited between the end plus 30 and plus 90
days (``list=usercontribs``, 50 learners a request, timestamps only; a learner found
is not asked about again). What it read is kept beside the session; the session's
summary then counts it and marks 90-day retention measured. A wiki that fails
leaves nothing stored: the next run asks again."""

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
from wikimooc.policy.tracking.schedule import tracking_days
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.wikis import connect
from wikimooc.workflows.annotations import annotation
from ZODB.POSException import ConflictError

import logging
import transaction


logger = logging.getLogger(__name__)
LATE_ANNOTATION = "wikimooc.programs.late_retention"
LATE_WINDOW_DAYS = (30, 90)  # after the session's end


class LateRetention(Persistent):
    """Who edited in the late window, read once."""

    def __init__(self, start, end, retained, read_at):
        self.start = start  # the window, as wiki timestamps
        self.end = end
        self.retained = frozenset(retained)
        self.read_at = read_at


def late_retention(session):
    return annotation(session, LATE_ANNOTATION, lambda: None, create=False)


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
    if days is None or late_retention(session) is not None:
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


def read_late_retention(session, now=None, site=None):
    """Read the session's late window and keep it; WikiUnavailable, nothing kept,
    when its wiki fails. The report of the requests made."""
    first, last = late_window(session)
    report = CycleReport(host=session.wiki)
    learners = learners_to_follow(session)
    report.learners = len(learners)
    site = site or connect(session.wiki, retries=2)
    retained = edited_between(site, session.wiki, learners, first, last, report) \
        if learners else set()
    annotation(session, LATE_ANNOTATION, lambda: LateRetention(
        first, last, retained & set(learners), wiki_timestamp(now or utc_now())))
    return report


def read_late_retentions(now=None):
    """For each session of a program whose late window has passed, unread: read it
    and commit, one session at a time. The number read."""
    now = now or utc_now()
    read = 0
    for session in sessions_in_programs():
        if not needs_late_reading(session, now.date()):
            continue
        try:
            read_late_retention(session, now)
            transaction.commit()
            read += 1
        except (WikiUnavailable, ConflictError) as error:
            transaction.abort()
            logger.info("Late retention of %s not read now: %s", session.UID(), error)
    return read
