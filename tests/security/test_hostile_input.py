"""Hostile and unusual input gets a 4xx with a translated message, or is handled, and
changes nothing; never a 500. First the crashes issue 21 found (non-Latin usernames,
the learners groups in Plone's user listings, search syntax, batching, a Course
without projects), then every public endpoint fed scripts, bidi controls,
non-Latin scripts, query syntax, huge values and wrong types. Each has its control:
the same call with ordinary input works."""

from security_site import HUSH
from security_site import LEARNER
from security_site import MANAGER
from security_site import MEMBER
from security_site import state
from security_site import TEACHER

import json
import pytest
import transaction


PUBLIC = "/en/intro/public-session"


class TestUsernamesInEveryScript:
    @pytest.mark.parametrize("username", [
        "عمر",  # Arabic
        "Жанна",  # Cyrillic
        "李小龙",  # Han
        "Ελένη",  # Greek
        "דוד",  # Hebrew
        "अमित",  # Devanagari, with a vowel sign (a mark)
        "ada-lovelace",  # the control
    ])
    def test_a_member_is_created_and_found_at_its_address(self, world, visitor, username):
        manager = visitor(MANAGER)
        created = manager.post("/@users", json={
            "username": username, "email": "someone@example.org", "password": "secret-pw-123",
        })
        assert created.status_code == 201, created.text[:300]
        location = created.headers["Location"]
        assert location.isascii()
        found = manager.get(location)
        assert found.status_code == 200 and found.json()["username"] == username

    @pytest.mark.parametrize("username", ["अमित कुमार", "\u093fअमित", "\u200fعمر"])
    def test_a_name_plone_does_not_take_is_a_400(self, world, visitor, username):
        """What Plone refuses in Latin (a space, a mark or an invisible character
        where a letter must be): tests/identity/test_members_in_every_script.py."""
        response = visitor(MANAGER).post("/@users", json={
            "username": username, "email": "amit@example.org", "password": "secret-pw-123",
        })
        assert response.status_code == 400
        assert "not valid" in response.json()["error"]["message"]

    def test_one_logs_in_with_it(self, world, visitor):
        assert visitor(MANAGER).post("/@users", json={
            "username": "Мария", "email": "maria@example.org", "password": "secret-pw-123",
        }).status_code == 201
        page = visitor(html=True).session.post(visitor().base_url + "/login", data={
            "__ac_name": "Мария", "__ac_password": "secret-pw-123", "buttons.login": "Log in",
        }, allow_redirects=False, timeout=30)
        assert page.status_code == 302 and "__ac" in page.cookies


class TestLearnersInPlonesUserListings:
    @pytest.mark.parametrize("path", ["/@users/quillon", "/@users", "/@users?query=quil"])
    def test_the_manager_lists_enrolled_learners(self, world, visitor, path):
        response = visitor(MANAGER).get(path)
        assert response.status_code == 200, response.text[:300]
        assert "wikimooc-learners-" + world.hush.UID() in response.text

    def test_a_learner_reads_their_own_groups(self, world, visitor):
        response = visitor(LEARNER).get("/@users/quillon")
        assert response.status_code == 200
        groups = {group["id"] for group in response.json()["groups"]["items"]}
        assert "wikimooc-learners-" + world.hush.UID() in groups

    def test_the_learners_group_resolves_with_its_members(self, world, visitor):
        group_id = "wikimooc-learners-" + world.hush.UID()
        response = visitor(MANAGER).get("/@groups/" + group_id)
        assert response.status_code == 200, response.text[:300]
        assert response.json()["title"] == "Learners of Hush seminar"
        assert response.json()["members"]["items"] == ["quillon"]

    def test_no_group_search_lists_learners_groups(self, world, visitor):
        """Found by id only: their titles are those of private sessions."""
        response = visitor(MANAGER).get("/@groups?query=Learners")
        assert response.status_code == 200 and "Hush seminar" not in response.text
        assert visitor(MANAGER).get("/@groups?query=wikimooc-learners").json() == []

    def test_another_member_does_not_read_a_learners_groups(self, world, visitor):
        response = visitor(MEMBER).get("/@users/quillon")
        assert response.status_code in (401, 403) and "Hush" not in response.text


# Query syntax: each endpoint reads it as words where it can (the forum and @search
# quote operators and brackets), else refuses it; ")( is refused everywhere.
SEARCH_SYNTAX = ['")(', "AND", "NOT", "(", "OR OR", '"', "a*b", "NEAR"]
SEARCHES = [
    ("@courses", "/@courses", "q", None),
    ("@forum", PUBLIC + "/@forum", "q", None),
    ("@forum of the private session", HUSH + "/@forum", "q", LEARNER),
    ("@search", "/@search", "SearchableText", None),
]


PAGES_WITH_SEARCH = [(PUBLIC + "/@@forum", None), (HUSH + "/@@forum", LEARNER), ("/en", None)]
PAGE_IDS = ["forum", "private forum", "catalogue"]


class TestSearchSyntax:
    @pytest.mark.parametrize("what, path, parameter, actor", SEARCHES, ids=[s[0] for s in SEARCHES])
    def test_rest_answers_400(self, world, visitor, what, path, parameter, actor):
        response = visitor(actor).get(path, params={parameter: '")('})
        assert response.status_code == 400, response.text[:300]
        assert response.json()["error"] == {
            "type": "BadRequest", "message": "This search text cannot be understood.",
        }

    @pytest.mark.parametrize("text", SEARCH_SYNTAX)
    @pytest.mark.parametrize("what, path, parameter, actor", SEARCHES, ids=[s[0] for s in SEARCHES])
    def test_rest_searches_or_refuses(self, world, visitor, what, path, parameter, actor, text):
        response = visitor(actor).get(path, params={parameter: text})
        assert response.status_code in (200, 400), response.text[:300]
        if response.status_code == 400:
            assert "cannot be understood" in response.json()["error"]["message"]

    @pytest.mark.parametrize("what, path, parameter, actor", SEARCHES, ids=[s[0] for s in SEARCHES])
    def test_a_search_text_twice_is_a_400(self, world, visitor, what, path, parameter, actor):
        response = visitor(actor).get(path, params=[(parameter, "sources"), (parameter, "Cite")])
        assert response.status_code == 400, response.text[:300]

    @pytest.mark.parametrize("what, path, parameter, actor", SEARCHES, ids=[s[0] for s in SEARCHES])
    def test_words_are_searched(self, world, visitor, what, path, parameter, actor):
        response = visitor(actor).get(path, params={parameter: "sources"})
        assert response.status_code == 200, response.text[:300]

    @pytest.mark.parametrize("text", SEARCH_SYNTAX)
    @pytest.mark.parametrize("path, actor", PAGES_WITH_SEARCH, ids=PAGE_IDS)
    def test_pages_search_or_say_they_cannot(self, world, visitor, path, actor, text):
        response = visitor(actor, html=True).get(path, params={"q": text})
        assert response.status_code == 200
        if text == '")(':
            assert "This search text cannot be understood." in response.text

    def test_the_forum_page_finds_words(self, world, visitor):
        response = visitor(LEARNER, html=True).get(HUSH + "/@@forum", params={"q": "sources"})
        assert "Whisper question" in response.text
        assert "cannot be understood" not in response.text

    def test_the_message_is_in_the_sections_language(self, world, visitor):
        response = visitor().get("/fr/@search", params={"SearchableText": '")('})
        assert response.json()["error"]["message"] == (
            "Ce texte de recherche n’est pas compréhensible."  # noqa: RUF001
        )


BATCHED = [
    ("@courses", "/@courses", None),
    ("@forum", PUBLIC + "/@forum", None),
    ("@enrollments", HUSH + "/@enrollments", TEACHER),
    ("@submissions", HUSH + "/@submissions", LEARNER),
    ("@search", "/@search", None),
]
BAD_BATCHING = [
    ("b_size", "-1"), ("b_size", "0"), ("b_size", "abc"), ("b_size", "1.5"), ("b_size", "٣"),
    ("b_start", "abc"), ("b_start", "-1"), ("b_start", "1e3"),
]


class TestBatching:
    @pytest.mark.parametrize("name, value", BAD_BATCHING, ids=[f"{n}={v}" for n, v in BAD_BATCHING])
    @pytest.mark.parametrize("what, path, actor", BATCHED, ids=[b[0] for b in BATCHED])
    def test_rest_answers_400(self, world, visitor, what, path, actor, name, value):
        response = visitor(actor).get(path, params={name: value})
        assert response.status_code == 400, response.text[:300]
        minimum = 1 if name == "b_size" else 0
        assert response.json()["error"] == {
            "type": "BadRequest",
            "message": f'"{name}" must be a whole number, {minimum} or more.',
        }

    @pytest.mark.parametrize("what, path, actor", BATCHED, ids=[b[0] for b in BATCHED])
    def test_whole_numbers_page(self, world, visitor, what, path, actor):
        response = visitor(actor).get(path, params={"b_size": "1", "b_start": "0"})
        assert response.status_code == 200, response.text[:300]
        assert len(response.json()["items"]) <= 1

    def test_the_message_is_in_the_sections_language(self, world, visitor):
        response = visitor().get("/fr/@search", params={"b_size": "-1"})
        assert response.json()["error"]["message"] == (
            "« b_size » doit être un nombre entier, 1 ou plus."
        )

    @pytest.mark.parametrize("b_start", ["abc", "-5", "1e3", "", "0"])
    @pytest.mark.parametrize("path, actor, first", [
        ("/en", None, "Introduction"),
        ("/en/@@catalogue", None, "Introduction"),
        (HUSH + "/@@forum", LEARNER, "Whisper question"),
        (HUSH + "/@@learners", TEACHER, "Quillon"),
    ], ids=["catalogue", "catalogue view", "forum", "learners"])
    def test_pages_show_the_first_page(self, world, visitor, path, actor, first, b_start):
        response = visitor(actor, html=True).get(path, params={"b_start": b_start})
        assert response.status_code == 200
        assert first in response.text


class TestCourseWithoutProjects:
    def test_rest_says_projects_are_required(self, world, visitor):
        response = visitor(MANAGER).post("/en", json={
            "@type": "Course", "id": "no-projects", "title": "No projects", "organisation": "WMUK",
        })
        assert response.status_code == 400
        assert "Required input is missing." in response.text and "'projects'" in response.text
        assert "wrong type" not in response.text
        transaction.begin()
        assert "no-projects" not in world.portal["en"]

    def test_with_projects_it_is_created(self, world, visitor):
        response = visitor(MANAGER).post("/en", json={
            "@type": "Course", "id": "with-projects", "title": "With projects",
            "organisation": "WMUK", "projects": ["wikipedia"],
        })
        assert response.status_code == 201, response.text[:300]


# Strings a visitor may type anywhere.
HOSTILE = {
    "script": "<script>alert('xss')</script>",
    "markup": '"><img src=x onerror=alert(1)>',
    "bidi": "\u202eAdmin\u202c",
    "zero-width": "Ad\u200bmin",
    "arabic": "ويكيبيديا",
    "han": "维基百科",
    "query syntax": '")( AND NOT *',
    "huge": "x" * 20000,
    "nul": "\x00",
    "percent": "%00%0d%0a",
    "path": "../../../etc/passwd",
}
# (what, path, parameter, page?)
PUBLIC_GETS = [
    ("courses q", "/@courses", "q", False),
    ("courses language", "/@courses", "language", False),
    ("courses project", "/@courses", "project", False),
    ("courses audience", "/@courses", "audience", False),
    ("search", "/@search", "SearchableText", False),
    ("search sort", "/@search", "sort_on", False),
    ("search order", "/@search", "sort_order", False),
    ("search type", "/@search", "portal_type", False),
    ("search path", "/@search", "path", False),
    ("search fields", "/@search", "metadata_fields", False),
    ("search limit", "/@search", "sort_limit", False),
    ("forum", PUBLIC + "/@forum", "q", False),
    ("navigation depth", "/@navigation", "expand.navigation.depth", False),
    ("verify", "/@verify/{value}", None, False),
    ("catalogue q", "/en", "q", True),
    ("catalogue language", "/en", "language", True),
    ("catalogue project", "/en", "project", True),
    ("site search page", "/en/@@search", "SearchableText", True),
    ("search feed", "/search_rss", "SearchableText", True),
    ("forum page", PUBLIC + "/@@forum", "q", True),
    ("login form", "/login", "came_from", True),
    ("registration form", "/@@wiki-register", "came_from", True),
    ("verify page", "/@@verify/{value}", None, True),
    ("unsubscribe page", "/@@forum-unsubscribe", "token", True),
    ("announcements unsubscribe page", "/en/@@announcements-unsubscribe", "token", True),
    ("course page", "/en/intro", "b_start", True),
]


class TestHostileStringsOnPublicEndpoints:
    @pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
    @pytest.mark.parametrize("what, path, parameter, html", PUBLIC_GETS,
                             ids=[row[0] for row in PUBLIC_GETS])
    def test_never_a_500_never_a_script(self, world, visitor, what, path, parameter, html, value):
        params = {parameter: value} if parameter else None
        response = visitor(html=html).get(path.format(value=value[:1000]), params=params)
        assert response.status_code < 500, response.text[:300]
        if html:
            assert HOSTILE["script"] not in response.text
            assert "<img src=x onerror" not in response.text

    @pytest.mark.parametrize("what, path, parameter, html", PUBLIC_GETS,
                             ids=[row[0] for row in PUBLIC_GETS])
    def test_the_same_with_two_values(self, world, visitor, what, path, parameter, html):
        if parameter is None:
            pytest.skip("the value is in the path")
        response = visitor(html=html).get(path, params=[(parameter, "a"), (parameter, "b")])
        assert response.status_code < 500, response.text[:300]

    @pytest.mark.parametrize("what, path, parameter, html", PUBLIC_GETS,
                             ids=[row[0] for row in PUBLIC_GETS])
    def test_the_control_ordinary_input(self, world, visitor, what, path, parameter, html):
        params = {parameter: "wikipedia" if "project" in what else "en"} if parameter else None
        response = visitor(html=html).get(path.format(value="unknown-code"), params=params)
        assert response.status_code in (200, 302, 400, 404), response.text[:300]
        assert response.status_code < 500


NOT_TEXT = [["x"], 5, {"a": 1}, True]
# (what, who, path, the body's fields, the field given wrong types)
POSTS = [
    ("enrollment key", MEMBER, HUSH + "/@enroll", {}, "key"),
    ("question title", LEARNER, HUSH + "/@forum", {"text": "<p>Hello</p>"}, "title"),
    ("question text", LEARNER, HUSH + "/@forum", {"title": "Hello"}, "text"),
    ("question lesson", LEARNER, HUSH + "/@forum", {"title": "Hello", "text": "Hi"}, "lesson"),
    ("question wiki link", LEARNER, HUSH + "/@forum", {"title": "Hello", "text": "Hi"},
     "wiki_link"),
    ("answer", LEARNER, "{question}/@answers", {}, "text"),
    ("answered", LEARNER, "{question}/@answered", {}, "answered"),
    ("forum mails", LEARNER, HUSH + "/@forum-notifications", {}, "answers"),
    ("submission exercise", LEARNER, HUSH + "/@submissions", {"text": "Mine"}, "exercise"),
    ("added learners", TEACHER, HUSH + "/@enrollments", {}, "usernames"),
    ("progress learner", TEACHER, HUSH + "/@progress",
     {"exercise": "{exercise}", "done": True, "reason": "r"}, "learner"),
    ("progress done", TEACHER, HUSH + "/@progress",
     {"learner": "Quillon", "exercise": "{exercise}", "reason": "r"}, "done"),
    ("blocked learner", TEACHER, HUSH + "/@forum-blocks", {"reason": "r"}, "learner"),
    ("hiding reason", TEACHER, "{question}/@hide", {}, "reason"),
    ("revoked certificate", TEACHER, HUSH + "/@revoke-certificate", {"reason": "r"}, "code"),
    ("grade points", TEACHER, "{submission}/@grade-override", {"reason": "r"}, "points"),
    ("allocated submission", TEACHER, HUSH + "/@allocate-reviews", {"reviewer": "quillon"},
     "submission"),
    ("adapt container", MEMBER, "/en/intro/@adapt", {}, "container"),
    ("announcement subject", TEACHER, HUSH + "/@announcements", {"text": "Hi"}, "subject"),
    ("announcement audience", TEACHER, HUSH + "/@announcements", {"subject": "S", "text": "Hi"},
     "audience"),
    ("announcement time", TEACHER, HUSH + "/@announcements", {"subject": "S", "text": "Hi"},
     "send_at"),
    ("reminder choices", MEMBER, "/en/@reminders", {}, "kinds"),
    ("oauth answer", None, "/@login-authomatic", {}, "qs"),
]
NOT_OBJECTS = [[1], "x", 5, None]
# Fields that take one of NOT_TEXT's types.
TAKES = {"answered": bool, "done": bool, "usernames": list}


def filled(world, text):
    return text.format(question=world.question, submission=world.submission,
                       exercise=world.exercise.UID())


class TestWrongTypes:
    @pytest.mark.parametrize("wrong", NOT_TEXT, ids=lambda value: type(value).__name__)
    @pytest.mark.parametrize("what, actor, path, body, field", POSTS, ids=[row[0] for row in POSTS])
    def test_a_field_of_the_wrong_type_is_refused(self, world, visitor, what, actor, path, body,
                                                  field, wrong):
        if isinstance(wrong, TAKES.get(field, ())):
            pytest.skip("this field takes it")
        before = state(world)
        data = {key: filled(world, value) if isinstance(value, str) else value
                for key, value in body.items()}
        response = visitor(actor).post(filled(world, path), json={**data, field: wrong})
        assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
        assert state(world) == before

    @pytest.mark.parametrize("wrong", NOT_OBJECTS, ids=lambda value: type(value).__name__)
    @pytest.mark.parametrize("what, actor, path, body, field", POSTS, ids=[row[0] for row in POSTS])
    def test_a_body_that_is_no_object_is_refused(self, world, visitor, what, actor, path, body,
                                                 field, wrong):
        before = state(world)
        response = visitor(actor).post(filled(world, path), data=json.dumps(wrong),
                                       headers={"Content-Type": "application/json"})
        assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
        assert state(world) == before

    @pytest.mark.parametrize("usernames", [[5], [None], [["Ada"]], [{"name": "Ada"}]])
    def test_usernames_that_are_no_text_are_refused(self, world, visitor, usernames):
        before = state(world)
        response = visitor(TEACHER).post(HUSH + "/@enrollments", json={"usernames": usernames})
        assert response.status_code == 400
        assert state(world) == before

    def test_the_control_the_right_types_work(self, world, visitor):
        """One of each kind, with what the endpoint takes."""
        member = visitor(MEMBER)
        assert member.post(HUSH + "/@enroll", json={"key": "pillars"}).status_code == 201
        learner = visitor(LEARNER)
        asked = learner.post(HUSH + "/@forum", json={"title": "Hello", "text": "Hi"})
        assert asked.status_code == 201
        assert learner.post(asked.json()["@id"] + "/@answered", json={"answered": True}).json()[
            "answered"] is True
        teacher = visitor(TEACHER)
        added = teacher.post(HUSH + "/@enrollments", json={"usernames": ["Zed"]}).json()
        assert added["items"][0]["status"] == "added"


class TestStoredScripts:
    @pytest.mark.parametrize("title, text", [
        (HOSTILE["script"], "<p>Hi<script>alert(1)</script></p>"),
        ("Images", '<p>Hi<img src="x" onerror="alert(1)"></p>'),
        ("Links", '<p>Hi<a href="javascript:alert(1)">there</a></p>'),
        ("Styles", '<p style="background:url(javascript:alert(1))">Hi</p>'),
        ("Frames", '<p>Hi</p><iframe src="https://evil.example"></iframe>'),
    ], ids=["script", "handler", "javascript link", "style", "frame"])
    def test_a_question_shows_its_text_without_its_scripts(self, world, visitor, title, text):
        asked = visitor(LEARNER).post(HUSH + "/@forum", json={"title": title, "text": text})
        assert asked.status_code == 201, asked.text[:300]
        stored = asked.json()["text"]
        assert "Hi" in stored
        for dangerous in ("<script", "onerror", "javascript:", "style=", "<iframe"):
            assert dangerous not in stored
        for page in (asked.json()["@id"], HUSH + "/@@forum"):
            html = visitor(TEACHER, html=True).get(page).text
            assert HOSTILE["script"] not in html and "alert(1)" not in html
        assert "&lt;script&gt;" in visitor(TEACHER, html=True).get(HUSH + "/@@forum").text or (
            title != HOSTILE["script"])

    @pytest.mark.parametrize("title", [HOSTILE["arabic"], HOSTILE["han"], "Ça, c’est « ça »"])  # noqa: RUF001
    def test_other_scripts_are_shown_as_written(self, world, visitor, title):
        asked = visitor(LEARNER).post(HUSH + "/@forum", json={"title": title, "text": "Hi"})
        assert asked.status_code == 201
        assert title in visitor(TEACHER, html=True).get(asked.json()["@id"]).text

