"""What a session keeps of its dates, in an annotation beside the session (never
on the course, which several sessions share): the pacing, the dates the team set
(the others are defaults, computed), and learners' extensions.

Dates the team set are one immutable tuple per module or item, keyed by UID in an
OOBTree; extensions are keyed by (item UID, wiki username), so that teachers
extending different learners' dates at once change different keys, which the BTree
merges."""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.mapping import PersistentMapping
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation


DATES_ANNOTATION = "wikimooc.policy.coursedates"
PROPOSAL_ANNOTATION = "wikimooc.policy.coursedates.proposal"


class Dates(NamedTuple):
    """What the team set for one module (``opens``) or one exercise or quiz (``due``,
    ``late``). Instructor-paced: ISO dates; self-paced: days after the learner
    enrolled. None: the default."""

    opens: str | int | None = None
    due: str | int | None = None
    late: str | None = None


class Extension(NamedTuple):
    """A later due date a teacher gave one learner for one item, and why."""

    due: str  # ISO date
    reason: str
    by: str
    when: str  # ISO moment


class SessionDates(Persistent):
    def __init__(self):
        self.pacing = "instructor"
        self.dates = OOBTree()  # UID -> Dates
        self.extensions = OOBTree()  # (item UID, wiki username) -> (Extension, ...)

    def set(self, pacing, dates):
        """Store a whole checked schedule: ``dates`` is {UID: Dates} (UIDs with only
        defaults left out)."""
        if pacing != self.pacing:
            self.pacing = pacing
        for uid in [uid for uid in self.dates if uid not in dates]:
            del self.dates[uid]
        for uid, value in dates.items():
            if self.dates.get(uid) != value:
                self.dates[uid] = value

    def extend(self, item_uid, username, extension):
        key = (item_uid, username)
        self.extensions[key] = (*self.extensions.get(key, ()), extension)

    def extension(self, item_uid, username):
        """The extension in force (the latest one), or None."""
        given = self.extensions.get((item_uid, username), ())
        return given[-1] if given else None


def dates_of(session, create=True):
    return annotation(session, DATES_ANNOTATION, SessionDates, create=create)


def forget_copied_dates(session, event):
    """A copied session is a new run, with other dates and learners: it starts
    without a schedule and without extensions."""
    drop_annotation(session, DATES_ANNOTATION)


def propose_dates(course, start, dates):
    """Dates a course brings (an imported course's), offered to its first session:
    ``start`` the ISO day they count from (or None), ``dates`` {UID: Dates} of ISO
    days."""
    proposal = annotation(course, PROPOSAL_ANNOTATION, PersistentMapping)
    proposal.update({"start": start, "dates": dict(dates)})


def proposal_of(course):
    """(start, {UID: Dates}) the course proposes, or None."""
    proposal = annotation(course, PROPOSAL_ANNOTATION, PersistentMapping, create=False)
    return (proposal["start"], proposal["dates"]) if proposal else None
