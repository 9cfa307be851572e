"""Exercise pages say what is checked as a learner reads it: a page called "Your
username/sandbox" in your user space, "a few sentences (200 bytes)", never the
title pattern's placeholder or a namespace number."""

from html import unescape
from plone import api

import pytest
import re
import transaction


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def checked(html):
    """The "How your work is checked" section's text."""
    return text_of(html.split('id="wikimooc-check-heading"', 1)[1].split("</section>", 1)[0])


@pytest.fixture
def exercises(site):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="The basics")
        for exercise_id, fields in {
            "sandbox": {"title_pattern": "User:{username}/sandbox", "namespace": 2,
                        "min_bytes": 200},
            "article": {"namespace": 0, "min_bytes": 3000, "wiki_action": "edit_page"},
            "portal": {"namespace": 100},
        }.items():
            api.content.create(
                container=module, type="Exercise", id=exercise_id, title=exercise_id,
                check="wiki", **{"wiki_action": "create_page", **fields},
            )
        api.user.get(username="ada").setMemberProperties({"wiki_username": "Ada Lovelace"})
    transaction.commit()


def test_a_visitor_reads_a_page_called_your_username_in_the_user_space(exercises, page):
    words = checked(page().get("/en/intro/basics/sandbox").text)
    assert "on a page called Your username/sandbox in your user space" in words
    assert "adding at least a few sentences (200 bytes)" in words
    for machine_terms in ("{username}", "User:", "namespace", "adding at least 200 bytes"):
        assert machine_terms not in words


def test_a_learner_reads_their_own_page(exercises, page):
    words = checked(page("ada").get("/en/intro/basics/sandbox").text)
    assert "on a page called Ada Lovelace/sandbox in your user space" in words


def test_namespaces_and_sizes_in_words(exercises, page):
    article = checked(page().get("/en/intro/basics/article").text)
    assert "among the articles" in article and "namespace 0" not in article
    assert "adding at least several paragraphs (3000 bytes)" in article
    assert "in namespace 100 of the wiki" in checked(page().get("/en/intro/basics/portal").text)


def test_the_french_page_says_it_in_french(site, page):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=site["portal"]["fr"], type="Course", id="cours",
                                    title="Cours", projects=("wikipedia",), organisation="WMFr")
        module = api.content.create(container=course, type="Module", id="bases", title="Bases")
        api.content.create(
            container=module, type="Exercise", id="brouillon", title="Brouillon", check="wiki",
            wiki_action="create_page", title_pattern="Utilisateur:{username}/Brouillon",
            min_bytes=200,
        )
        api.content.transition(course, to_state="published")
    transaction.commit()
    words = checked(page().get("/fr/cours/bases/brouillon").text)
    assert (
        "sur une page nommée Votre nom d’utilisateur/Brouillon"  # noqa: RUF001
        " dans votre espace utilisateur" in words
    )
    assert "au moins quelques phrases (200 octets)" in words
