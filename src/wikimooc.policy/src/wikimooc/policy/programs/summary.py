"""A session's summary for programs: what edit tracking, certificates and grades
store of it, reduced once (by the worker) to the sets and figures a program adds
up, so that a program page never reads a contribution.

Learners are kept as sets of wiki usernames, revisions by revision id per wiki
(a revision id is unique on its wiki only): a program whose sessions share learners
or wikis counts each learner and each edit once. A summary has a part per wiki the
session follows (its home wiki first); its learner sets count the edits of every
one. Usernames stay in the stored summary; no report ever shows one.

A summary stored before sessions followed several wikis has no parts: it holds the
home wiki's figures itself, and ``wiki_parts`` reads it as its one part until the
worker's next refresh (within the day) replaces it.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.policy.certificates.storage import session_certificates
from wikimooc.policy.grades.results import SessionResults
from wikimooc.policy.programs.retention import late_by_wiki
from wikimooc.policy.programs.retention import late_retention
from wikimooc.policy.programs.retention import LATE_WINDOW_DAYS
from wikimooc.policy.tracking.checker import learners_to_follow
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.schedule import tracking_days
from wikimooc.policy.tracking.storage import contributions_on
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation

import re


SUMMARY_ANNOTATION = "wikimooc.programs.summary"
RETENTION_DAYS = (30, 90)
FILE_NAMESPACE = 6
COMMONS = "commons.wikimedia.org"
WIKIDATA = "www.wikidata.org"
# Wikibase writes the API module of an edit in its automatic summary:
# "/* wbcreateclaim-create:1| */ ..." for a statement added.
STATEMENT_SUMMARY = re.compile(r"/\* *(wbcreateclaim|wbsetclaim-create)")


class Revision(NamedTuple):
    """What a program counts of one contribution."""

    week: str  # the Monday of its week, YYYY-MM-DD
    new: bool
    bytes_added: int
    title: str
    upload: bool
    statement: bool


EDIT_COUNTS = ("edits", "pages_created", "bytes_added", "uploads", "statements")


def counted(revision):
    """What ``revision`` adds to each of EDIT_COUNTS."""
    return {"edits": 1, "pages_created": int(revision.new), "bytes_added": revision.bytes_added,
            "uploads": int(revision.upload), "statements": int(revision.statement)}


class Revisions(Persistent):
    """revid → Revision: a record of its own, loaded only when a program finds a
    revision that another of its sessions counted too."""

    def __init__(self, revisions):
        self.by_revid = revisions


WIKI_LEARNERS = ("editing", *(f"retained_{days}" for days in RETENTION_DAYS))


class WikiPart:
    """What a session's learners did on one wiki: its sums, the revision ids and
    titles a program counts once, and ``learners``, the learner sets of
    WIKI_LEARNERS of that wiki alone. Stored inside its summary's record."""

    def __init__(self, revisions, learners):
        self.learners = learners
        self.revids = frozenset(revisions)
        self.titles = frozenset(revision.title for revision in revisions.values())
        self.counts = dict.fromkeys(EDIT_COUNTS, 0)
        self.weeks = {}  # Monday → edits
        for revision in revisions.values():
            for name, value in counted(revision).items():
                self.counts[name] += value
            self.weeks[revision.week] = self.weeks.get(revision.week, 0) + 1
        self.revisions = Revisions(revisions)


class SessionSummary(Persistent):
    """Replaced whole at each refresh (one record, no merge to resolve): the sums
    a program adds up, and what it needs to count a learner or an edit once."""

    def __init__(self, wiki, refreshed, learners, parts, retention_measured):
        self.wiki = wiki  # the home wiki
        self.refreshed = refreshed
        self.learners = learners  # kind → frozenset of wiki usernames, every wiki
        self.retention_measured = retention_measured  # days → bool
        self.parts = parts  # host → WikiPart, the home wiki first


def wiki_parts(summary):
    """host → the summary's part on that wiki; a summary stored before several
    wikis is its home wiki's only part (it has the same attributes)."""
    parts = getattr(summary, "parts", None)
    return parts if parts is not None else {summary.wiki: summary}


def week_of(timestamp):
    day = datetime.strptime(timestamp[:10], "%Y-%m-%d").date()
    return (day - timedelta(days=day.weekday())).isoformat()


def revision_of(wiki, contribution):
    return Revision(
        week=week_of(contribution.timestamp),
        new=contribution.new,
        bytes_added=max(contribution.sizediff, 0),
        title=contribution.title,
        upload=wiki == COMMONS and contribution.namespace == FILE_NAMESPACE and contribution.new,
        statement=wiki == WIKIDATA and bool(STATEMENT_SUMMARY.match(contribution.comment or "")),
    )


def completed_learners(session, learners):
    """Who holds a valid certificate of the session, or reached its pass mark."""
    done = {c.wiki_username for c in session_certificates(session) if c and c.status == "valid"}
    results = SessionResults(session)
    if results.items:
        results.read_every_submission()
        for username in set(learners) - done:
            enrollment = session.enrollments.learners[username]
            if results.learner(username, enrollment.user_id).passed:
                done.add(username)
    return done & set(learners)


def registered_within(session, learners):
    """Learners whose wiki account was registered between the session's start and
    end (the ``wiki_registered`` the login or our registration form stored)."""
    if not (session.start and session.end):
        return set()
    first, last = session.start.isoformat(), session.end.isoformat()
    found = set()
    for username in learners:
        user_id = session.enrollments.learners[username].user_id
        member = api.user.get(userid=user_id) if user_id else None
        registered = (member.getProperty("wiki_registered", "") or "") if member else ""
        if registered and first <= registered[:10] <= last:
            found.add(username)
    return found


def retention_marks(session):
    """days → the first timestamp an edit must reach to count as still editing
    (the start of the day that many days after the session's last day)."""
    if not session.end:
        return {}
    end = datetime.combine(session.end, datetime.min.time(), UTC)
    return {days: wiki_timestamp(end + timedelta(days=days)) for days in RETENTION_DAYS}


def retention_measured(session, marks):
    """Edits are read until the session's end plus the grace period (tracking's
    setting): retention after more days than that cannot be measured."""
    days = tracking_days(session)
    last = wiki_timestamp(datetime.combine(days[1], datetime.max.time(), UTC)) if days else ""
    return {str(n): bool(last) and mark <= last for n, mark in marks.items()}


def wiki_part(host, contributions, marks, late_retained):
    """The part of the learners' ``contributions`` on ``host``; ``late_retained``:
    who edited there in the late window, if it was read."""
    sets = {"editing": {c.username for c in contributions}}
    for days, mark in marks.items():
        sets[f"retained_{days}"] = {c.username for c in contributions if c.timestamp >= mark}
    if late_retained is not None:
        sets[f"retained_{LATE_WINDOW_DAYS[1]}"] |= late_retained
    return WikiPart(
        revisions={c.revid: revision_of(host, c) for c in contributions},
        learners={kind: frozenset(names) for kind, names in sets.items()},
    )


def summarise(session, now=None):
    """Read the session's stores once and return its summary."""
    learners = set(learners_to_follow(session))
    marks = retention_marks(session)
    late = late_retention(session)
    late_read = late_by_wiki(session, late) if late is not None else {}
    parts = {}
    for host in session_wikis(session):
        contributions = [c for c in contributions_on(session, host) if c.username in learners]
        retained = late_read[host] & learners if host in late_read else None
        parts[host] = wiki_part(host, contributions, marks, retained)
    sets = {
        "enrolled": learners,
        "completed": completed_learners(session, learners),
        "new_editors": registered_within(session, learners),
    }
    for kind in WIKI_LEARNERS:
        sets[kind] = set().union(*(part.learners.get(kind, ()) for part in parts.values()))
    measured = retention_measured(session, marks)
    if late is not None and set(parts) <= set(late_read):
        measured[str(LATE_WINDOW_DAYS[1])] = True
    return SessionSummary(
        wiki=session.wiki,
        refreshed=wiki_timestamp(now or utc_now()),
        learners={kind: frozenset(names) for kind, names in sets.items()},
        parts=parts,
        retention_measured=measured,
    )


def part_figures(part):
    return (part.learners, part.revids, part.counts, part.weeks)


def same_figures(summary, other):
    if other is None or (summary.learners, summary.retention_measured) != (
            other.learners, other.retention_measured):
        return False
    mine, theirs = wiki_parts(summary), wiki_parts(other)
    return list(mine) == list(theirs) and all(
        part_figures(part) == part_figures(theirs[host]) for host, part in mine.items())


def refresh_summary(session, now=None):
    """Store the session's summary anew, replacing the previous one. New figures
    count as a catalogued change: the public pages kept in RAM (plone.app.caching,
    the page cache), whose ETags follow the catalog's change counter, are then
    made again."""
    summary = summarise(session, now)
    if not same_figures(summary, summary_of(session)):
        api.portal.get_tool("portal_catalog")._increment_counter()
    drop_annotation(session, SUMMARY_ANNOTATION)
    return annotation(session, SUMMARY_ANNOTATION, lambda: summary)


def summary_of(session):
    """The stored summary, or None before the worker's first refresh."""
    return annotation(session, SUMMARY_ANNOTATION, lambda: None, create=False)
