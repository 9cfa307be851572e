"""Authors see the reviews of their work; their reviewers' names only if the session
says so. The teaching team always sees them; nothing else gives them away."""

from plone import api

import pytest
import transaction


@pytest.fixture
def reviewed(peer, hand_in, allocated, give_review):
    """ada's work reviewed by two of her three reviewers."""
    urls = [hand_in(login) for login in ("ada", "bob", "cleo", "dan")]
    url = urls[0]
    reviewers = allocated(url)
    for reviewer in reviewers[:2]:
        assert give_review(reviewer, url, (2, 1), comment=f"Signed, {reviewer}.").status_code == 201
    return {"url": url, "reviewers": reviewers}


@pytest.fixture
def show_names(peer):
    def show_names(shown):
        transaction.begin()  # see what the server committed
        with api.env.adopt_roles(["Manager"]):
            peer["session"].show_reviewer_names = shown
        transaction.commit()

    return show_names


@pytest.mark.parametrize("shown", [False, True])
def test_the_author_sees_the_reviews_named_as_the_session_says(
    reviewed, show_names, peer_review, shown
):
    show_names(shown)

    items = peer_review("ada", reviewed["url"])["items"]

    assert [item["number"] for item in items] == [1, 2]
    assert [item["points"] for item in items] == [5, 5]
    names = [item["reviewer"] and item["reviewer"]["id"] for item in items]
    assert names == (reviewed["reviewers"][:2] if shown else [None, None])
    assert all("@id" not in item for item in items)


def test_the_team_sees_every_name(reviewed, peer_review):
    items = peer_review("teacher", reviewed["url"])["items"]

    assert [item["reviewer"]["id"] for item in items] == reviewed["reviewers"][:2]


def test_a_reviewer_sees_their_own_review_only(reviewed, peer_review):
    first, _second, third = reviewed["reviewers"]

    mine = peer_review(first, reviewed["url"])

    assert [item["reviewer"]["id"] for item in mine["items"]] == [first]
    assert mine["submission"]["grade"] is None
    assert "allocations" not in mine and "history" not in mine
    assert peer_review(third, reviewed["url"])["items"] == []
    assert peer_review(third, reviewed["url"])["can_review"] is True


def test_nothing_else_tells_the_author_who_reviews(reviewed, client, peer_review):
    ada = client("ada")
    url = reviewed["url"]
    teacher_view = peer_review("teacher", url)
    review_urls = [item["@id"] for item in teacher_view["items"]]
    reviewers = set(reviewed["reviewers"])

    assert all(ada.get(review).status_code == 401 for review in review_urls)
    assert ada.get(url).json()["items"] == []
    workflow = ada.get(url + "/@workflow").json()
    actors = {entry["actor"] for entry in workflow["history"]}
    assert actors == {"ada", None}
    assert "allocations" not in peer_review("ada", url)
    history = ada.get(url + "/@history").json()
    assert {entry["action"] for entry in history} == {"Create", "submit", "start_review"}
    assert not reviewers & {(entry["actor"] or {}).get("id") for entry in history}


def test_the_team_sees_people_by_wiki_username_with_their_wiki_links(reviewed, peer_review):
    answer = peer_review("teacher", reviewed["url"])
    author = answer["submission"]["author"]
    # The test members' wiki username is their login, first letter capitalised.
    assert author["wiki_username"] == "Ada"
    assert author["wiki_links"]["talk_page"] == "https://en.wikipedia.org/wiki/User_talk:Ada"
    reviewer = answer["items"][0]["reviewer"]
    assert reviewer["wiki_username"] == reviewer["id"].capitalize()
    assert reviewer["wiki_links"]["contributions"].endswith(
        "Special:Contributions/" + reviewer["id"].capitalize()
    )
