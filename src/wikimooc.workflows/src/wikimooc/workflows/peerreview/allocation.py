"""Who reviews whom in a round: planned in memory, then written to the Round."""

from collections import Counter
from typing import NamedTuple


class Change(NamedTuple):
    submission: str
    reviewer: str
    # False: the allocation was taken back and given to someone else (a swap).
    allocated: bool


class Allocator:
    """Plans the reviewers of the round's submissions that still lack some.

    Nothing is allocated until the round holds more submissions than the reviews
    each needs, so that the first one can get them all from different people. Then,
    neediest submission first (fewest reviewers, then oldest), each step gives it:

    1. a reviewer who still owes reviews (fewest allocated, then earliest hand-in);
    2. else, through a swap, the reviewer of another submission's waiting
       allocation, which a reviewer who still owes reviews takes over: so a late
       submission is reviewed without anybody reviewing more than they owe;
    3. else someone who already gives what they owe: one more review, never two.

    A learner who hands in when nothing lacks reviewers waits: the next
    submissions are theirs to review.

    Nobody reviews their own work, nor the same work twice; an allocation a teacher
    made by hand is never swapped away.
    """

    def __init__(self, handed_in, pending, counted, cancelled, by_hand, required, to_give):
        """``handed_in``: (submission UID, author) pairs, oldest first; ``pending``,
        ``counted``, ``cancelled``, ``by_hand``: submission UID -> reviewer ids."""
        self.required = required
        self.to_give = to_give
        self.authors = dict(handed_in)
        self.age = {uid: rank for rank, uid in enumerate(self.authors)}
        self.reviewers = list(dict.fromkeys(self.authors.values()))
        self.rank = {reviewer: rank for rank, reviewer in enumerate(self.reviewers)}
        self.pending = {uid: list(pending.get(uid, ())) for uid in self.authors}
        self.by_hand = by_hand
        self.involved = {
            uid: {author, *pending.get(uid, ()), *counted.get(uid, ()), *cancelled.get(uid, ())}
            for uid, author in self.authors.items()
        }
        self.received = {
            uid: len(pending.get(uid, ())) + len(counted.get(uid, ())) for uid in self.authors
        }
        self.load = Counter(
            reviewer
            for reviewers in (*pending.values(), *counted.values())
            for reviewer in reviewers
        )
        self.changes = []

    def plan(self):
        if len(self.authors) <= self.required:
            return []
        while self.step():
            pass
        return self.changes

    def step(self):
        needy = sorted(
            (uid for uid in self.authors if self.received[uid] < self.required),
            key=lambda uid: (self.received[uid], self.age[uid]),
        )
        if not needy:
            return False
        owing = self.below(self.to_give)
        if any(self.give(uid, owing) for uid in needy):
            return True
        if any(self.swap(uid, owing) for uid in needy):
            return True
        one_more = self.below(self.to_give + 1)
        return any(self.give(uid, one_more) for uid in needy)

    def below(self, limit):
        """Reviewers allocated fewer than ``limit`` reviews, least loaded first."""
        return sorted(
            (reviewer for reviewer in self.reviewers if self.load[reviewer] < limit),
            key=lambda reviewer: (self.load[reviewer], self.rank[reviewer]),
        )

    def give(self, uid, candidates):
        for reviewer in candidates:
            if reviewer not in self.involved[uid]:
                self.allocate(uid, reviewer)
                return True
        return False

    def swap(self, uid, owing):
        for newcomer in owing:
            for other in self.authors:
                if other == uid or newcomer in self.involved[other]:
                    continue
                for reviewer in self.pending[other]:
                    if reviewer in self.involved[uid] or reviewer in self.by_hand.get(other, ()):
                        continue
                    self.withdraw(other, reviewer)
                    self.allocate(other, newcomer)
                    self.allocate(uid, reviewer)
                    return True
        return False

    def allocate(self, uid, reviewer):
        self.pending[uid].append(reviewer)
        self.involved[uid].add(reviewer)
        self.received[uid] += 1
        self.load[reviewer] += 1
        self.changes.append(Change(uid, reviewer, True))

    def withdraw(self, uid, reviewer):
        self.pending[uid].remove(reviewer)
        self.involved[uid].discard(reviewer)
        self.received[uid] -= 1
        self.load[reviewer] -= 1
        self.changes.append(Change(uid, reviewer, False))


def allocate(round, required, to_give):
    """Allocate what ``round`` lacks; return the changes made."""
    handed_in = sorted(round.handed_in.items(), key=lambda item: (item[1].time, item[0]))
    changes = Allocator(
        [(uid, entry.author) for uid, entry in handed_in],
        dict(round.pending.items()),
        dict(round.counted.items()),
        dict(round.cancelled.items()),
        dict(round.by_hand.items()),
        required,
        to_give,
    ).plan()
    for change in changes:
        if change.allocated:
            round.allocate(change.submission, change.reviewer)
        else:
            round.release(change.submission, change.reviewer)
    return changes
