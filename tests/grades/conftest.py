"""Fixtures of the grade book tests: the course of grade_course.py and what its
learners did (``results``)."""

from grade_course import build_course
from grade_course import Results

import pytest


@pytest.fixture
def world(portal):
    return build_course(portal)


@pytest.fixture
def results(portal, world):
    return Results(portal, world)


# Over HTTP (the functional layer's server): the same course, committed.


@pytest.fixture
def served(functional_portal):
    import transaction

    world = build_course(functional_portal)
    transaction.commit()
    return world


@pytest.fixture
def served_results(functional_portal, served):
    """As ``results``; commit after recording."""
    return Results(functional_portal, served)
