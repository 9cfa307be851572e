from html_pages import authenticator as form_token
from html_pages import html_client
from plone import api

import pytest
import transaction


@pytest.fixture
def page(client):
    """An HTML client: pages as a person's browser gets them."""

    def page(login=None):
        return html_client(client, login)

    return page


@pytest.fixture
def authenticator():
    """The CSRF token a page's forms carry."""
    return form_token


@pytest.fixture
def more_courses(site):
    """A Wikidata course for educators in English and a French course."""
    with api.env.adopt_roles(["Manager"]):
        for root, course_id, title, projects, audience in (
            ("en", "wikidata", "Wikidata for teachers", ("wikidata",), ("educators",)),
            ("fr", "commons", "Illustrer avec Commons", ("commons",), ("students",)),
        ):
            course = api.content.create(
                container=site["portal"][root], type="Course", id=course_id, title=title,
                projects=projects, audience=audience, organisation="Wikimédia France",
            )
            api.content.create(container=course, type="Module", id="about", title="About")
            api.content.transition(course, to_state="published")
    transaction.commit()
