"""++add++<type> where the visitor may not add that type: Plone's own add form raises a
ValueError there (a server error page); ours answers as Plone does for any page the
visitor may not open, or "not found" when the type never goes in that place."""

from html_pages import html_client
from plone import api

import pytest
import transaction


@pytest.fixture
def course_author(site):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="dan", roles=["Course Author"])
        own = api.content.create(
            container=site["portal"]["en"], type="Course", id="dans-course",
            title="Dan's course", projects=("wikipedia",), organisation="Wikimedia UK",
        )
        api.content.create(container=own, type="Module", id="start", title="Start")
        own.changeOwnership(api.user.get(username="dan").getUser())
        own.manage_setLocalRoles("dan", ["Owner"])
        own.reindexObjectSecurity()
    transaction.commit()
    return "dan"


@pytest.mark.parametrize(
    "login, path, expected",
    [
        # Someone else's published course: no add permission there.
        ("dan", "/en/intro/about/++add++Exercise", "refused"),
        ("dan", "/en/intro/about/++add++Lesson", "refused"),
        ("dan", "/en/intro/about/++add++Quiz", "refused"),
        ("dan", "/en/intro/++add++Module", "refused"),
        ("ada", "/en/intro/about/++add++Exercise", "refused"),
        # The author's own course.
        ("dan", "/en/dans-course/start/++add++Exercise", 200),
        ("dan", "/en/dans-course/++add++Module", 200),
        ("manager", "/en/intro/about/++add++Exercise", 200),
        # Types that never go there.
        ("manager", "/en/intro/++add++Exercise", 404),
        ("manager", "/en/intro/about/++add++Course", 404),
    ],
)
def test_add_form_answers(course_author, client, login, path, expected):
    response = html_client(client, login).get(path, allow_redirects=False)
    if expected == "refused":
        assert response.status_code == 302, response.status_code
        assert "require_login" in response.headers["Location"]
    else:
        assert response.status_code == expected
