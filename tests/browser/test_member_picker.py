"""The teachers picker of a session's form: members by wiki username, for whoever
may edit the session only (learners and visitors cannot list members)."""

from plone import api
from wikimooc.policy.enrollment import add_learners

import json
import pytest
import transaction


PICKER = "/en/intro/public-session/@@getVocabulary?name=wikimooc.members&field=teachers"


@pytest.fixture
def grace(site):
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="gus").setMemberProperties({"wiki_username": "Grace Hopper"})
        add_learners(site["public"], ["ada"], added_by="teacher")
    transaction.commit()


def found(page, login, query):
    answer = page(login).get(PICKER, params={"query": query})
    return json.loads(answer.text)


def test_the_teaching_team_finds_members_by_wiki_username(grace, page):
    assert found(page, "teacher", "grace")["results"] == [{"id": "gus", "text": "Grace Hopper"}]
    assert found(page, "teacher", "Grace_Hop")["results"] == [{"id": "gus", "text": "Grace Hopper"}]
    # Members without a wiki identity of their own are found by their login.
    assert {"id": "eve", "text": "Eve"} in found(page, "teacher", "eve")["results"]


@pytest.mark.parametrize("login", [None, "ada"])
def test_visitors_and_learners_cannot_list_members(grace, page, login):
    answer = found(page, login, "grace")
    assert "results" not in answer and "not allowed" in answer["error"]
