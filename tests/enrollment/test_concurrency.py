"""Two learners enrolling at the same moment: two ZODB connections on one FileStorage
each add a learner to the same session's enrollments and both commit."""

from wikimooc.policy.enrollment import Enrollments
from ZODB.FileStorage import FileStorage

import pytest
import transaction
import ZODB


@pytest.fixture
def database(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield db
    db.close()


def seed(database, existing):
    with database.transaction() as connection:
        enrollments = connection.root.enrollments = Enrollments()
        for number in range(existing):
            enrollments.add(f"Learner {number:05d}", None, "seed")


@pytest.mark.parametrize("existing", [0, 1, 5_000])
@pytest.mark.parametrize("first, second", [("Ada", "Bob"), ("Zoé", "Aaron")])
def test_concurrent_enrollments_both_commit(database, existing, first, second):
    seed(database, existing)
    managers = [transaction.TransactionManager(), transaction.TransactionManager()]
    connections = [database.open(manager) for manager in managers]
    for connection, name in zip(connections, (first, second), strict=True):
        connection.root.enrollments.add(name, None, name)

    for manager in managers:
        manager.commit()

    with database.transaction() as connection:
        enrollments = connection.root.enrollments
        assert first in enrollments and second in enrollments
        assert len(enrollments) == existing + 2
        assert len(enrollments.learners) == existing + 2
    for connection in connections:
        connection.close()
