"""Fixtures of the grade book tests: the course and session of grade_world.py, in
the integration layer (``world``, ``results``) and over HTTP (``served``,
``served_results``)."""

from grade_world import build_course
from grade_world import Results

import pytest
import transaction


@pytest.fixture
def world(portal):
    return build_course(portal)


@pytest.fixture
def results(portal, world):
    return Results(portal, world)


# Over HTTP (the functional layer's server): the same course, committed.


@pytest.fixture
def served(functional_portal):
    world = build_course(functional_portal)
    transaction.commit()
    return world


@pytest.fixture
def served_results(functional_portal, served):
    """As ``results``; commit after recording."""
    return Results(functional_portal, served)
