"""Enrolling one more learner must not rewrite anything that grows with the
session: no member list, no set of all learners, not the session itself."""

from plone import api
from wikimooc.policy.enrollment import enroll
from ZODB.serialize import ObjectWriter

import transaction


LEARNERS = 1000
# A full OOBucket of enrollments is about 4 kB; a Plone group of 1,000 members is a
# 12.6 kB set rewritten by each enrollment (measured), which this must refuse.
LARGEST_STATE = 6_000


def test_one_more_enrollment_writes_only_small_objects(portal, make_session):
    session = make_session()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(session, "open")
    source_users = portal.acl_users.source_users
    for number in range(LEARNERS + 1):
        source_users.doAddUser(f"learner{number:04d}", "secret-pw-123")
    for number in range(LEARNERS):
        enroll(session, api.user.get(username=f"learner{number:04d}"))
    transaction.savepoint(optimistic=True)

    enroll(session, api.user.get(username=f"learner{LEARNERS:04d}"))

    written = portal._p_jar._registered_objects
    sizes = [(len(ObjectWriter(obj).serialize(obj)), type(obj).__name__) for obj in written]
    assert session not in written
    assert max(sizes)[0] < LARGEST_STATE, sizes
    assert len(session.enrollments) == LEARNERS + 1
