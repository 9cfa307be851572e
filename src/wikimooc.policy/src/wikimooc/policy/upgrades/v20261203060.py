"""Quiz attempts move from one OOBTree per session into 64 made at once, a learner's
attempts in the one their wiki username hashes to (CRC-32 modulo 64), so that learners
answering at once share no BTree node. The storage's layout is written here as it was
at this release: the annotation's key, the number of shards and the hash."""

from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations

import zlib


ANNOTATION = "wikimooc.policy.quiz.attempts"
SHARDS = 64


def sharded(tree):
    shards = tuple(OOBTree() for _shard in range(SHARDS))
    for key, attempts in tree.items():
        _quiz_uid, username = key
        shards[zlib.crc32(username.encode()) % SHARDS][key] = attempts
    return shards


def upgrade(setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="CourseSession"):
        stored = IAnnotations(brain._unrestrictedGetObject()).get(ANNOTATION)
        tree = getattr(stored, "attempts", None)
        if tree is None:
            continue
        stored.shards = sharded(tree)
        del stored.attempts
