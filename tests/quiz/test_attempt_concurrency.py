"""Two attempts sent at once: two ZODB connections on one FileStorage record an
attempt at the same quiz in the same session's attempts and both commit."""

from wikimooc.policy.quiz.attempts import Attempt
from wikimooc.policy.quiz.attempts import QuizAttempts
from wikimooc.workflows.refusals import Refused
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import pytest
import transaction
import ZODB


QUIZ = "quiz-uid"


def attempt(number, answer):
    return Attempt(number, "2027-03-02T10:00:00.000000+00:00", 1.0, 1.0, f'{{"q": "{answer}"}}',
                   "{}")


@pytest.fixture
def database(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield db
    db.close()


def seed(database, others, made):
    with database.transaction() as connection:
        stored = connection.root.attempts = QuizAttempts()
        for number in range(others):
            stored.record(QUIZ, f"Learner {number:05d}", attempt(1, "x"))
        for number in range(made):
            stored.record(QUIZ, "Ada", attempt(number + 1, "x"))


def two_connections(database):
    managers = [transaction.TransactionManager(), transaction.TransactionManager()]
    return managers, [database.open(manager) for manager in managers]


@pytest.mark.parametrize("others", [0, 1, 5_000])
@pytest.mark.parametrize("limit, made", [(1, 0), (2, 1), (3, 2)])
def test_two_attempts_when_one_is_left_record_exactly_one(database, others, limit, made):
    seed(database, others, made)
    managers, connections = two_connections(database)
    for connection, answer in zip(connections, ("first", "second"), strict=True):
        connection.root.attempts.record(QUIZ, "Ada", attempt(made + 1, answer), limit=limit)

    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()
    # Zope's publisher retries the request that conflicted: now nothing is left.
    managers[1].abort()
    with pytest.raises(Refused) as refused:
        connections[1].root.attempts.record(QUIZ, "Ada", attempt(made + 1, "second"),
                                            limit=limit)
    assert refused.value.status == 409
    managers[1].abort()

    with database.transaction() as connection:
        made_now = connection.root.attempts.of(QUIZ, "Ada")
        assert len(made_now) == limit
        assert '"first"' in made_now[-1].answers
    for connection in connections:
        connection.close()


@pytest.mark.parametrize("others", [0, 1, 5_000])
@pytest.mark.parametrize("first, second", [("Ada", "Bob"), ("Zoé", "Aaron")])
def test_two_learners_answering_at_once_both_commit(database, others, first, second):
    seed(database, others, 0)
    managers, connections = two_connections(database)
    for connection, name in zip(connections, (first, second), strict=True):
        connection.root.attempts.record(QUIZ, name, attempt(1, name), limit=1)

    for manager in managers:
        manager.commit()

    with database.transaction() as connection:
        stored = connection.root.attempts
        assert len(stored.of(QUIZ, first)) == 1 and len(stored.of(QUIZ, second)) == 1
    for connection in connections:
        connection.close()
