"""Where a session keeps its peer review: one Round per exercise, in an annotation
of the session, keyed by the exercise's UID.

A Round's maps are BTrees, so that an allocation rewrites only what it changes, not
the whole round. BTrees would also merge two concurrent allocations, which could then
give someone the same work twice or more reviews than balanced: every change also
rewrites the small Round object itself (``changes``), which has no conflict
resolution, so two transactions that allocated from the same state conflict and Zope
retries the later one against the new state.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation


ANNOTATION_KEY = "wikimooc.workflows.peer_review"


class HandedIn(NamedTuple):
    """A submission in the round. A tuple: BTree values must compare."""

    author: str
    # ISO 8601, UTC: orders the round and starts the flexible-grading wait.
    time: str


class Round(Persistent):
    def __init__(self):
        self.handed_in = OOBTree()  # submission UID -> HandedIn
        self.pending = OOBTree()  # submission UID -> reviewer ids yet to review it
        self.by_hand = OOBTree()  # submission UID -> those of them a teacher chose
        self.counted = OOBTree()  # submission UID -> reviewer ids whose review counts
        self.cancelled = OOBTree()  # submission UID -> reviewer ids whose review was cancelled
        self.changes = 0

    def _changed(self):
        self.changes += 1

    def _add(self, tree, uid, reviewer):
        tree[uid] = (*tree.get(uid, ()), reviewer)

    def _remove(self, tree, uid, reviewer):
        remaining = tuple(other for other in tree.get(uid, ()) if other != reviewer)
        if remaining:
            tree[uid] = remaining
        elif uid in tree:
            del tree[uid]

    def hand_in(self, uid, author, time):
        self.handed_in[uid] = HandedIn(author, time)
        self._changed()

    def take_out(self, uid):
        """The submission leaves the round (returned for revision, cancelled,
        deleted): whoever was still to review it is freed. Counted reviews stay."""
        self.handed_in.pop(uid, None)
        freed = self.pending.pop(uid, ())
        self.by_hand.pop(uid, None)
        self._changed()
        return freed

    def allocate(self, uid, reviewer, by_hand=False):
        self._add(self.pending, uid, reviewer)
        if by_hand:
            self._add(self.by_hand, uid, reviewer)
        self._changed()

    def release(self, uid, reviewer):
        self._remove(self.pending, uid, reviewer)
        self._remove(self.by_hand, uid, reviewer)
        self._changed()

    def count(self, uid, reviewer):
        """``reviewer`` gave their review: it counts from now on."""
        self.release(uid, reviewer)
        self._add(self.counted, uid, reviewer)

    def cancel(self, uid, reviewer):
        self._remove(self.counted, uid, reviewer)
        self._add(self.cancelled, uid, reviewer)
        self._changed()

    def forget(self, uid):
        for tree in (self.counted, self.cancelled):
            tree.pop(uid, None)
        self.take_out(uid)

    def reviewers_of(self, uid):
        """Who reviews the submission or has: they may see it."""
        return (*self.pending.get(uid, ()), *self.counted.get(uid, ()))

    def involved(self, uid):
        """Who may not be allocated to the submission: those who review it or
        have, and its author."""
        entry = self.handed_in.get(uid)
        return {
            *self.reviewers_of(uid),
            *self.cancelled.get(uid, ()),
            *((entry.author,) if entry else ()),
        }

    def to_review(self, reviewer):
        """The submissions ``reviewer`` is allocated and has not reviewed yet."""
        return [uid for uid, reviewers in self.pending.items() if reviewer in reviewers]


def find_round(session, exercise_uid):
    """The exercise's round in ``session``, or None: reading creates nothing."""
    rounds = annotation(session, ANNOTATION_KEY, OOBTree, create=False)
    return rounds.get(exercise_uid) if rounds is not None else None


def round_for(session, exercise_uid):
    rounds = annotation(session, ANNOTATION_KEY, OOBTree)
    if exercise_uid not in rounds:
        rounds[exercise_uid] = Round()
    return rounds[exercise_uid]


def exercise_uids(session):
    return list(annotation(session, ANNOTATION_KEY, OOBTree, create=False) or ())


def forget_rounds(session):
    drop_annotation(session, ANNOTATION_KEY)
