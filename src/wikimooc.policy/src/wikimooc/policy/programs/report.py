"""A program's report, added up from its sessions' stored summaries (summary.py):
totals, per wiki, per session and per week, over the sessions the viewer may see.

Programs inside programs are followed once each (a cycle ends where it closes);
a session reached twice, a learner in two sessions and an edit recorded by two
sessions following its wiki count once. A session counts on each wiki it follows:
on a wiki's row, its enrolled, completed and new learners, and those who edited
there. A report names no learner.
"""

from collections import Counter
from plone import api
from plone.app.uuid.utils import uuidToObject
from wikimooc.policy.programs.summary import counted
from wikimooc.policy.programs.summary import EDIT_COUNTS
from wikimooc.policy.programs.summary import RETENTION_DAYS
from wikimooc.policy.programs.summary import summary_of
from wikimooc.policy.programs.summary import WIKI_LEARNERS
from wikimooc.policy.programs.summary import wiki_parts
from wikimooc.policy.tracking.followed import session_wikis


LEARNER_FIGURES = ("enrolled", "editing", "completed", "new_editors",
                   *(f"retained_{days}" for days in RETENTION_DAYS))


def visible(uid):
    """The content of ``uid`` if the current user may see it, else None."""
    found = uuidToObject(uid, unrestricted=True) if uid else None
    if found is None or not api.user.has_permission("View", obj=found):
        return None
    return found


def program_sessions(program):
    """Every session the program counts (its own and its programs'), each once, in
    the order they are first reached; only those the current user may see."""
    sessions, seen_programs, seen_sessions = [], set(), set()

    def follow(current):
        if current.UID() in seen_programs:
            return
        seen_programs.add(current.UID())
        for uid in current.sessions or ():
            session = visible(uid) if uid not in seen_sessions else None
            if session is not None and session.portal_type == "CourseSession":
                seen_sessions.add(uid)
                sessions.append(session)
        for uid in current.programs or ():
            inner = visible(uid)
            if inner is not None and inner.portal_type == "Program":
                follow(inner)

    follow(program)
    return sessions


def learner_figures(learner_sets):
    return {kind: len(learner_sets.get(kind, ())) for kind in LEARNER_FIGURES}


class Tally:
    """Learner sets and edit sums of several sessions' wikis, merged: an edit two
    sessions following its wiki recorded (the same revision id there) is taken out
    of the second's sums."""

    def __init__(self):
        self.learners = {kind: set() for kind in LEARNER_FIGURES}
        self.counts = Counter()
        self.weeks = Counter()
        self.revids = {}  # wiki → revision ids counted
        self.titles = {}  # wiki → titles of the pages edited

    def add_learners(self, learner_sets):
        for kind in LEARNER_FIGURES:
            self.learners[kind].update(learner_sets.get(kind, ()))

    def add_part(self, wiki, part):
        """The edits of a session's part on ``wiki`` (see summary.wiki_parts)."""
        counted_here = self.revids.setdefault(wiki, set())
        self.counts.update(part.counts)
        self.weeks.update(part.weeks)
        for revid in counted_here & part.revids:
            revision = part.revisions.by_revid[revid]
            self.counts.subtract(counted(revision))
            self.weeks[revision.week] -= 1
        counted_here |= part.revids
        self.titles.setdefault(wiki, set()).update(part.titles)

    def add(self, summary):
        """A session's summary, all its wikis."""
        self.add_learners(summary.learners)
        for wiki, part in wiki_parts(summary).items():
            self.add_part(wiki, part)

    def figures(self):
        pages_edited = sum(len(titles) for titles in self.titles.values())
        return {**learner_figures(self.learners),
                **{name: self.counts[name] for name in EDIT_COUNTS},
                "pages_edited": pages_edited}

    def weeks_counted(self):
        return [{"week": week, "edits": edits} for week, edits in sorted(self.weeks.items())
                if edits]


def add_per_wiki(per_wiki, summary):
    """The summary's part on each of its wikis into that wiki's Tally: the session's
    learner sets, those of WIKI_LEARNERS as found on that wiki."""
    for wiki, part in wiki_parts(summary).items():
        tally = per_wiki.setdefault(wiki, Tally())
        tally.add_learners({**summary.learners,
                            **{kind: part.learners.get(kind, ()) for kind in WIKI_LEARNERS}})
        tally.add_part(wiki, part)


def summary_figures(summary):
    tally = Tally()
    tally.add(summary)
    return tally.figures()


def retention_note(summaries):
    """days → whether every counted session's tracking reached that far."""
    return {str(days): all(s.retention_measured.get(str(days)) for s in summaries)
            for days in RETENTION_DAYS}


def session_row(session, summary):
    course = session.__parent__
    figures = summary_figures(summary) if summary else None
    return {
        "@id": session.absolute_url(),
        "uid": session.UID(),
        "title": session.Title(),
        "course": course.Title(),
        "kind": session.kind,
        "wiki": session.wiki,
        "wikis": session_wikis(session),
        "start": session.start.isoformat() if session.start else None,
        "end": session.end.isoformat() if session.end else None,
        "refreshed": summary.refreshed if summary else None,
        "figures": figures,
    }


def program_report(program):
    """The program's figures for the current user."""
    sessions = program_sessions(program)
    summaries = {session.UID(): summary_of(session) for session in sessions}
    known = [summary for summary in summaries.values() if summary is not None]
    total, per_wiki = Tally(), {}
    for summary in known:
        total.add(summary)
        add_per_wiki(per_wiki, summary)
    return {
        "@id": program.absolute_url() + "/@report",
        "title": program.Title(),
        "description": program.Description(),
        "organisation": program.organisation,
        "period_start": program.period_start.isoformat() if program.period_start else None,
        "period_end": program.period_end.isoformat() if program.period_end else None,
        "sessions_total": len(sessions),
        "sessions_waiting": len(sessions) - len(known),
        "totals": total.figures(),
        "retention_measured": retention_note(known),
        "wikis": [{"wiki": wiki, **tally.figures()} for wiki, tally in sorted(per_wiki.items())],
        "sessions": [session_row(session, summaries[session.UID()]) for session in sessions],
        "weeks": total.weeks_counted(),
    }
