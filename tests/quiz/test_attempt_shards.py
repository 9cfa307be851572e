"""A session's attempts are spread over SHARDS BTrees by learner, read back in
username order; upgrade 20261203060 moves the attempts of the single BTree of
earlier releases into them."""

from BTrees.OOBTree import OOBTree
from plone import api
from wikimooc.policy.quiz.attempts import attempts_of
from wikimooc.policy.quiz.attempts import shard_number
from wikimooc.policy.quiz.attempts import SHARDS
from wikimooc.policy.quiz.attempts import submit

import pytest


POLICY = "wikimooc.policy:default"
NAMES = [f"Learner {number:03d}" for number in range(200)]


@pytest.fixture
def answered(make_quiz, session):
    quiz = make_quiz(questions=("year",), attempts_allowed=0)
    for name in reversed(NAMES):
        submit(quiz, session, name, {"year": 2001})
    submit(quiz, session, NAMES[7], {"year": 1999})
    return quiz


def test_learners_are_spread_and_read_back_by_username(answered, session):
    stored = attempts_of(session)
    assert len(stored.shards) == SHARDS
    sizes = [len(shard) for shard in stored.shards]
    assert sum(sizes) == len(NAMES) and max(sizes) < 15  # none splits its bucket
    assert [name for name, _attempts in stored.of_quiz(answered.UID())] == NAMES
    assert len(stored.of(answered.UID(), NAMES[7])) == 2
    assert (answered.UID(), NAMES[7]) in stored.shards[shard_number(NAMES[7])]
    assert list(stored.of_quiz("another quiz")) == []


def test_the_upgrade_moves_one_tree_into_shards(answered, session, make_session, portal):
    stored = attempts_of(session)
    expected = list(stored.of_quiz(answered.UID()))
    # A session's attempts as earlier releases stored them: one OOBTree.
    stored.attempts = OOBTree({key: attempts for shard in stored.shards
                               for key, attempts in shard.items()})
    del stored.shards
    untouched = make_session(id="autumn", title="Autumn")
    setup = portal.portal_setup
    setup.setLastVersionForProfile(POLICY, "20261203040")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(POLICY)
        assert setup.getLastVersionForProfile(POLICY) == ("20261203060",)
        assert not hasattr(stored, "attempts")
        assert list(stored.of_quiz(answered.UID())) == expected
        assert attempts_of(untouched, create=False) is None
        shards = stored.shards
        setup.setLastVersionForProfile(POLICY, "20261203040")
        setup.upgradeProfile(POLICY)  # again: nothing left to move
        assert stored.shards is shards
