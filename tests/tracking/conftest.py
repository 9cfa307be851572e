from plone import api

import pytest
import requests
import secrets
import transaction


WIKI_PASSWORD = "Tracked-Learner-Pass-42"


@pytest.fixture
def wiki_course(functional_portal, mediawiki):
    """A published course with exercises checked on the test session's MediaWiki."""
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=functional_portal["en"], type="Course", id="tracked", title="Tracked",
            projects=("wikipedia",),
        )
        module = api.content.create(container=course, type="Module", id="m", title="M")
        api.content.create(container=module, type="Lesson", id="lesson", title="Lesson")
        exercises = {
            "draft": {"wiki_action": "create_page", "title_pattern": "User:{username}/Brouillon"},
            "long_edit": {"wiki_action": "edit_page", "namespace": 0, "min_bytes": 100},
            "reference": {"wiki_action": "add_reference", "namespace": 0},
            "category": {"wiki_action": "edit_page", "required_text": "[[Category:",
                         "title_pattern": "User:{username}/Brouillon"},
        }
        for exercise_id, criteria in exercises.items():
            api.content.create(container=module, type="Exercise", id=exercise_id,
                               title=exercise_id, check="wiki", **criteria)
        api.content.transition(course, to_state="published")
    transaction.commit()
    return course


COACH_PASSWORD = "coach-pw-12345"


@pytest.fixture
def tracked_session(wiki_course, mediawiki, open_wiki_session):
    """An open session on the test wiki, started yesterday, taught by ``coach``."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="coach@example.org", username="coach", password=COACH_PASSWORD)
    return open_wiki_session(wiki_course, mediawiki.host, "coach", title="Tracked session")


@pytest.fixture
def browser(functional_portal):
    """A requests session logged in as ``login`` (the coach by default)."""

    def browser(login="coach", password=COACH_PASSWORD):
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        if login:
            session.auth = (login, password)
        return session

    return browser


@pytest.fixture
def wiki_learner(mediawiki):
    """A new account on the test wiki: its name (the password is WIKI_PASSWORD)."""

    def wiki_learner(prefix="Tracked"):
        name = f"{prefix} {secrets.token_hex(3)}"
        mediawiki.create_user(name, WIKI_PASSWORD)
        return name

    return wiki_learner


@pytest.fixture
def edit(mediawiki):
    def edit(user, title, text, summary="WikiMOOC test"):
        return mediawiki.edit_as(user, WIKI_PASSWORD, title, text, summary)

    return edit
