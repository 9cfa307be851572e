"""Players of two learners reporting at once: two ZODB connections on one
FileStorage record watching of the same lesson in the same session, and both commit
(the BTree merges changes to different keys)."""

from wikimooc.policy.video.watching import Watching
from ZODB.FileStorage import FileStorage

import pytest
import transaction
import ZODB


LESSON = "lesson-uid"


@pytest.fixture
def database(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield db
    db.close()


@pytest.mark.parametrize("others", [0, 1, 5_000])
@pytest.mark.parametrize("first, second", [("Ada", "Bob"), ("Zoé", "Aaron")])
def test_two_learners_reporting_at_once_both_commit(database, others, first, second):
    with database.transaction() as connection:
        stored = connection.root.watching = Watching()
        for number in range(others):
            stored.record(LESSON, f"Learner {number:05d}", 10.0, 80)
    managers = [transaction.TransactionManager(), transaction.TransactionManager()]
    connections = [database.open(manager) for manager in managers]
    for connection, name, share in zip(connections, (first, second), (90.0, 40.0), strict=True):
        connection.root.watching.record(LESSON, name, share, 80)
    for manager in managers:
        manager.commit()
    with database.transaction() as connection:
        watching = connection.root.watching
        assert watching.of(LESSON, first).done and watching.of(LESSON, first).share == 90.0
        assert not watching.of(LESSON, second).done
        assert len(watching.watched) == others + 2
    for connection in connections:
        connection.close()


@pytest.mark.parametrize(
    "reports, share, done",
    [
        ([50.0, 85.0, 20.0], 85.0, True),  # the largest share stays, done stays done
        ([50.0, 50.5], 50.0, False),  # a gain under a point is not written
        ([79.9, 80.0], 80.0, True),  # reaching the threshold is
    ],
)
def test_what_is_kept(reports, share, done):
    watching = Watching()
    for reported in reports:
        watching.record(LESSON, "Ada", reported, 80)
    kept = watching.of(LESSON, "Ada")
    assert (kept.share, kept.done) == (share, done)
