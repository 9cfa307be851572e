"""A session's days read as words in the page's language wherever a session is shown
(catalogue cards, the course's session list, the session page, My courses), with the
reader's country where their browser gives one, not in Plone's short numeric format."""

from datetime import date
from plone import api
from test_theme_pages import text_of

import pytest
import transaction


@pytest.fixture
def french_session(more_courses, site):
    with api.env.adopt_roles(["Manager"]):
        session = api.content.create(
            container=site["portal"]["fr"]["commons"], type="CourseSession", id="printemps",
            title="Printemps", start=date(2027, 3, 1), end=date(2027, 4, 30),
            wiki="fr.wikipedia.org",
        )
        api.content.transition(session, "open")
    transaction.commit()


@pytest.mark.parametrize(
    "login, path, browser_languages, days",
    [
        (None, "/en", "en", ("March 1, 2027", "April 30, 2027")),
        (None, "/en", "en-GB,en", ("1 March 2027", "30 April 2027")),
        (None, "/en/intro", "en", ("March 1, 2027", "April 30, 2027")),
        (None, "/en/intro/public-session", "en-GB", ("1 March 2027", "30 April 2027")),
        ("ada", "/en/@@my-courses", "en-GB", ("1 March 2027", "30 April 2027")),
        (None, "/fr", "fr", ("1 mars 2027", "30 avril 2027")),
        (None, "/fr/commons", "en", ("1 mars 2027", "30 avril 2027")),
        (None, "/fr/commons/printemps", "fr-CA,fr", ("1 mars 2027", "30 avril 2027")),
    ],
)
def test_session_days_are_written_in_the_pages_language(
    site, french_session, client, page, login, path, browser_languages, days
):
    if login:
        enrolled = client(login).post("/en/intro/public-session/@enroll", json={})
        assert enrolled.status_code == 201, enrolled.text
    text = text_of(page(login).get(path, headers={"Accept-Language": browser_languages}).text)
    for day in days:
        assert day in text
    assert "03/01/2027" not in text and "Mar 01, 2027" not in text
