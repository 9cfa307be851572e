from datetime import date
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.programs.summary import refresh_summary
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import trail_of

import pytest
import transaction


def session_maker(course):
    """``tracked(id, learners, contributions, elsewhere, **fields)``: a session of
    ``course`` with those learners and those contributions recorded (``elsewhere``:
    host → those recorded on another wiki it follows), its summary refreshed."""

    def tracked(session_id, learners, contributions=(), elsewhere=None, **fields):
        values = {"title": session_id, "start": date(2027, 3, 1), "end": date(2027, 3, 31),
                  "wiki": "en.wikipedia.org", **fields}
        with api.env.adopt_roles(["Manager"]):
            session = api.content.create(container=course, type="CourseSession",
                                         id=session_id, **values)
            add_learners(session, list(learners), added_by="admin")
            tracking = tracking_of(session)
            for found in contributions:
                tracking.record(found)
            for host, found in (elsewhere or {}).items():
                for each in found:
                    trail_of(session, host).record(each)
            refresh_summary(session)
        return session

    return tracked


@pytest.fixture
def tracked(course):
    return session_maker(course)


@pytest.fixture
def committed_tracked(site):
    """As ``tracked``, in the functional layer (for what commits: the worker)."""
    made = session_maker(site["course"])

    def tracked(*args, **fields):
        session = made(*args, **fields)
        transaction.commit()
        return session

    return tracked


@pytest.fixture
def make_program(portal):
    def make_program(program_id, sessions=(), programs=(), container=None, **fields):
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(
                container=container or portal["en"], type="Program", id=program_id,
                title=fields.pop("title", program_id),
                sessions=[s.UID() for s in sessions], programs=[p.UID() for p in programs],
                **fields,
            )

    return make_program
