"""The course review workflow, end to end with its actors over REST."""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.i18n import translate

import pytest
import transaction


COURSE = {"@type": "Course", "title": "Sources on Wikipedia", "projects": ["wikipedia"],
          "organisation": "Wikimedia UK"}


@pytest.fixture
def actors(site):
    """ada writes courses; cleo reviews them; bob is a member."""
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="ada", roles=["Course Author"])
        api.user.grant_roles(username="cleo", roles=["Course Reviewer"])
    transaction.commit()


@pytest.fixture
def draft(actors, client):
    created = client("ada").post("/en", json=COURSE)
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    module = client("ada").post(url, json={"@type": "Module", "title": "Why cite"})
    assert module.status_code == 201, module.text
    return url


EMPTY = "A course needs at least one module before it can be submitted for review"


@pytest.mark.parametrize("login", ["ada", "manager"])
def test_a_course_without_a_module_cannot_be_submitted(actors, client, login):
    author = client("ada")
    empty = author.post("/en", json=COURSE).json()["@id"]
    refused = client(login).post(empty + "/@workflow/submit", json={})
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"]["message"].startswith(EMPTY)
    assert state(client, empty) == "draft"

    assert author.post(empty, json={"@type": "Module", "title": "Why cite"}).status_code == 201
    assert client(login).post(empty + "/@workflow/submit", json={}).status_code == 200
    assert state(client, empty) == "pending"


def test_not_even_a_manager_publishes_an_empty_course(portal):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=portal["en"], type="Course", id="empty",
                                    title="Empty", projects=("wikipedia",), organisation="X")
        with pytest.raises(WorkflowException, match=EMPTY):
            portal.portal_workflow.doActionFor(course, "submit")
    assert api.content.get_state(course) == "draft"


def test_the_empty_course_message_in_french(actors, client):
    created = client("ada").post("/fr", json={**COURSE, "title": "Les sources"}).json()["@id"]
    refused = client("ada").post(created + "/@workflow/submit", json={})
    assert refused.json()["error"]["message"] == (
        "Un cours doit avoir au moins un module avant d’être soumis à relecture :"  # noqa: RUF001
        " ajoutez un module, puis soumettez-le."
    )


def state(client, url):
    return client("manager").get(url).json()["review_state"]


@pytest.mark.parametrize(
    "login, sees", [(None, False), ("bob", False), ("cleo", False), ("ada", True)]
)
def test_a_draft_is_visible_to_its_authors_only(draft, client, login, sees):
    assert (client(login).get(draft).status_code == 200) is sees


def test_review_round(draft, client):
    ada, cleo = client("ada"), client("cleo")
    assert ada.post(draft + "/@workflow/submit", json={}).status_code == 200
    assert state(client, draft) == "pending"

    queue = cleo.get("/@search", params={"review_state": "pending", "portal_type": "Course"}).json()
    assert [item["@id"] for item in queue["items"]] == [draft]
    assert client("bob").get(draft).status_code == 401

    assert ada.post(draft + "/@workflow/publish", json={}).status_code in (400, 401, 403)
    assert state(client, draft) == "pending"

    refused = cleo.post(draft + "/@workflow/reject", json={})
    assert refused.status_code == 400
    assert "needs a comment" in refused.json()["error"]["message"]
    assert state(client, draft) == "pending"

    assert cleo.post(
        draft + "/@workflow/reject", json={"comment": "Cite the sources of module 2."}
    ).status_code == 200
    assert state(client, draft) == "draft"
    history = ada.get(draft + "/@history").json()
    rejection = [entry for entry in history if entry.get("action") == "reject"]
    assert rejection[0]["comments"] == "Cite the sources of module 2."
    assert rejection[0]["actor"]["id"] == "cleo"

    ada.post(draft + "/@workflow/submit", json={"comment": "Sources added."})
    assert cleo.post(draft + "/@workflow/publish", json={}).status_code == 200
    assert client().get(draft).status_code == 200

    assert ada.post(draft + "/@workflow/retract", json={}).status_code == 200
    assert client().get(draft).status_code == 401


def test_the_rejection_message_in_french(actors, client):
    created = client("ada").post("/fr", json={**COURSE, "title": "Les sources"}).json()["@id"]
    client("ada").post(created, json={"@type": "Module", "title": "Pourquoi citer"})
    client("ada").post(created + "/@workflow/submit", json={})
    refused = client("cleo").post(created + "/@workflow/reject", json={})
    assert refused.json()["error"]["message"] == (
        "Un refus doit être accompagné d’un commentaire pour les auteurs et autrices."  # noqa: RUF001
    )


def titles():
    for workflow_id in TITLES:
        yield workflow_id, "workflow", workflow_id
        for kind in ("states", "transitions"):
            for item_id in TITLES[workflow_id][kind]:
                yield workflow_id, kind, item_id


TITLES = {
    "wikimooc_course_workflow": {
        "states": ("draft", "pending", "published"),
        "transitions": ("submit", "publish", "reject", "retract"),
    },
    **{
        workflow_id: {
            "states": ("draft", "open", "closed"),
            "transitions": ("open", "close", "reopen", "retract"),
        }
        for workflow_id in ("wikimooc_public_session_workflow", "wikimooc_private_session_workflow")
    },
    "wikimooc_submission_workflow": {
        "states": ("draft", "submitted", "in_review", "graded", "cancelled"),
        "transitions": (
            "submit", "start_review", "grade", "resume_review", "return_for_revision", "cancel",
        ),
    },
    "wikimooc_review_workflow": {
        "states": ("counted", "cancelled"),
        "transitions": ("cancel",),
    },
}


@pytest.mark.parametrize("workflow_id, kind, item_id", list(titles()))
def test_every_state_and_transition_has_a_french_title(portal, workflow_id, kind, item_id):
    workflow = portal.portal_workflow[workflow_id]
    item = workflow if kind == "workflow" else getattr(workflow, kind)[item_id]
    french = translate(item.title, domain="plone", target_language="fr")
    assert item.title and french != item.title


@pytest.mark.parametrize("workflow_id", TITLES)
def test_the_titles_table_lists_every_state_and_transition(portal, workflow_id):
    workflow = portal.portal_workflow[workflow_id]
    for kind in ("states", "transitions"):
        assert set(getattr(workflow, kind).objectIds()) == set(TITLES[workflow_id][kind])


def test_upgrade_keeps_the_visibility_of_existing_courses(portal):
    workflow_tool = portal.portal_workflow
    workflow_tool.setChainForPortalTypes(["Course"], "simple_publication_workflow")
    with api.env.adopt_roles(["Manager"]):
        public = api.content.create(container=portal["en"], type="Course", id="public",
                                    title="Public", projects=("wikipedia",), organisation="X")
        api.content.transition(public, "publish")
        hidden = api.content.create(container=portal["en"], type="Course", id="hidden",
                                    title="Hidden", projects=("wikipedia",), organisation="X")
        portal.portal_setup.setLastVersionForProfile("wikimooc.policy:default", "20261124002")
        portal.portal_setup.upgradeProfile("wikimooc.policy:default")
    assert workflow_tool.getChainForPortalType("Course") == ("wikimooc_course_workflow",)
    assert api.content.get_state(public) == "published"
    assert api.content.get_state(hidden) == "draft"
