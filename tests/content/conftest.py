from datetime import date
from plone import api

import pytest


@pytest.fixture
def course(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=portal["en"],
            type="Course",
            id="intro",
            title="Introduction to Wikipedia",
            projects=("wikipedia",),
            organisation="Wikimedia UK",
            authors=["Ada", "Grace"],
        )


@pytest.fixture
def make_session(course):
    def make_session(**fields):
        values = {
            "title": "Spring 2027",
            "start": date(2027, 3, 1),
            "end": date(2027, 4, 30),
            "wiki": "en.wikipedia.org",
            **fields,
        }
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(container=course, type="CourseSession", **values)

    return make_session
