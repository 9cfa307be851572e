"""Two learners handing in at the same moment: two ZODB connections on one
database each add their work to the same round and allocate it a reviewer from
the same state. The BTrees alone would merge both (different keys), giving the
same least busy reviewer both works; the round itself makes the second commit
conflict, so Zope retries it on the new state."""

from collections import Counter
from contextlib import closing
from wikimooc.workflows.peerreview.allocation import allocate
from wikimooc.workflows.peerreview.storage import Round
from ZODB.POSException import ConflictError

import pytest
import transaction
import ZODB


REQUIRED, TO_GIVE = 1, 3


def hand_in(round, number):
    round.hand_in(f"work-{number}", f"learner-{number}", f"2027-03-01T10:00:0{number}+00:00")
    return allocate(round, REQUIRED, TO_GIVE)


@pytest.fixture
def database():
    """In memory: it detects conflicts as any storage does."""
    with closing(ZODB.DB(None)) as db:
        yield db


@pytest.fixture
def round_of_four(database):
    """Four works with one reviewer each: everyone reviews one."""
    with database.transaction() as connection:
        round = connection.root.round = Round()
        for number in range(4):
            hand_in(round, number)


def test_concurrent_hand_ins_conflict_and_the_retry_stays_balanced(database, round_of_four):
    managers = [transaction.TransactionManager(), transaction.TransactionManager()]
    connections = [database.open(manager) for manager in managers]
    plans = [
        hand_in(connection.root.round, number)
        for connection, number in zip(connections, (4, 5), strict=True)
    ]
    assert plans[0][0].reviewer == plans[1][0].reviewer

    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()

    # What Zope's publisher does: abort, then run the request again.
    managers[1].abort()
    hand_in(connections[1].root.round, 5)
    managers[1].commit()

    with database.transaction() as connection:
        pending = connection.root.round.pending
        assert pending["work-4"] != pending["work-5"]
        given = Counter(reviewer for reviewers in pending.values() for reviewer in reviewers)
        assert max(given.values()) == 2
    for connection in connections:
        connection.close()
