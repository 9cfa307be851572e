"""`make start` on a site made by an older WikiMOOC upgrades it and keeps all its
content.

data/old-site.tar.xz is such a site: the packed Data.fs and blobs of a site created
by commit 05162a7 with its demo content and the user data of old_site.py
(make_fixture.py made it). Here it is unpacked into an instance rendered into a
temporary directory, and scripts/start.sh runs as `make start` does (the instance's
ZEO server, scripts/create_site.py, which runs the pending upgrade steps, the task
worker and the web server, on a free port). Then, over HTTP: no upgrade step is
left, every object of the old site is still there with its values (read through the
REST API that docs/api.md documents) and the main pages render.

Nothing here imports the demo content's code: what the site must hold comes from
old_site.py and data/old-site.json, written when the archive was made.
"""

from pathlib import Path
from running_platform import ADMIN
from running_platform import Platform
from urllib.parse import urlencode

import base64
import json
import old_site
import pytest
import re
import struct
import tarfile
import urllib.error
import urllib.request


DATA = Path(__file__).parent / "data"
MANIFEST = json.loads((DATA / "old-site.json").read_text(encoding="utf-8"))
PROFILES = ("wikimooc.workflows", "wikimooc.theme", "wikimooc.policy")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    platform = Platform(tmp_path_factory.mktemp("old-site"))
    var = platform.instance / "var"
    assert not (var / "filestorage" / "Data.fs").exists()
    with tarfile.open(DATA / "old-site.tar.xz") as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(var, filter="data")
        else:  # Python before 3.11.4
            archive.extractall(var)
    platform.start()
    yield platform
    if platform.process.poll() is None:
        platform.interrupt()


class Site:
    """The upgraded site over HTTP, as the admin, a member or anonymous (None)."""

    def __init__(self, platform):
        self.platform = platform

    def open(self, path, login, accept=None, data=None):
        headers = {"Accept": accept} if accept else {}
        if data is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(data).encode()
        if login is not None:
            user = ADMIN if login == "admin" else (login, old_site.MEMBERS[login][1])
            headers["Authorization"] = "Basic " + base64.b64encode(":".join(user).encode()).decode()
        request = urllib.request.Request(self.platform.url + path, data, headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                assert response.status == 200, path
                return response.read()
        except urllib.error.HTTPError as error:
            # Keep the server's explanation in the test report.
            error.msg = f"{error.msg}: {error.read()[:500]!r}"
            raise

    def api(self, path, login="admin"):
        return json.loads(self.open(path, login, "application/json"))

    def page(self, path, login=None):
        """The HTML page at ``path`` (its status must be 200)."""
        return self.open(path, login).decode()

    def download(self, path):
        return self.open(path, "admin")

    def path(self, url):
        assert url.startswith(self.platform.url), url
        return url[len(self.platform.url):]


@pytest.fixture(scope="module")
def site(platform):
    return Site(platform)


def uid(path):
    return MANIFEST["content"][path]["UID"]


def tokens(value):
    """Choice values as their tokens (their titles are texts that may be reworded)."""
    if isinstance(value, list):
        return [tokens(item) for item in value]
    return value["token"] if isinstance(value, dict) and "token" in value else value


def test_start_upgraded_the_old_site_instead_of_creating_one(platform):
    log = platform.log.read_text()
    assert "is up to date; its content was kept" in log
    assert "Created the site" not in log


def test_no_upgrade_step_is_left(site):
    addons = {item["id"]: item for item in site.api("/@addons")["items"]}
    for package in PROFILES:
        assert package in addons, f"@addons does not list {package}"
        info = addons[package]["upgrade_info"]
        assert addons[package]["is_installed"], package
        assert not info["available"] and not info["required"], (package, info)
        assert info["installedVersion"] == info["newVersion"], (package, info)
    assert site.api("/@upgrade")["upgrade_steps"] == {}


def test_every_content_object_is_still_there(site):
    """Each object of the old site, at its path with its type and UID, and in the
    catalog with its title and state too."""
    for path, expected in MANIFEST["content"].items():
        found = site.api(path or "/")
        assert (found["@type"], found["UID"]) == (expected["@type"], expected["UID"]), path
    keys = ("@type", "UID", "title", "review_state")
    listed = site.api("/@search?b_size=10000&sort_on=path&metadata_fields=UID")["items"]
    catalogued = {
        site.path(item["@id"]): {key: item[key] for key in keys}
        for item in listed
    }
    assert {path: catalogued.get(path) for path in MANIFEST["content"]} == MANIFEST["content"]


@pytest.mark.parametrize("course", old_site.DEMO_COURSES, ids=lambda course: course[1])
def test_demo_courses_keep_their_parts_and_sessions(site, course):
    language, course_id, title, module, lesson, exercise, sessions = course
    path = f"/{language}/{course_id}"
    found = site.api(path)
    assert found["title"] == title
    assert found["review_state"] == "published"
    assert tokens(found["language"]) == language
    assert site.api(f"{path}/{module}/{lesson}")["@type"] == "Lesson"
    assert tokens(site.api(f"{path}/{module}/{exercise}")["check"]) == "wiki"
    for session_id, (session_title, kind) in sessions.items():
        session = site.api(f"{path}/{session_id}")
        assert session["title"] == session_title
        assert tokens(session["kind"]) == kind
        assert (session["start"], session["end"]) == old_site.SESSION_DATES
        assert session["review_state"] == "open"


def test_private_session_keeps_its_settings(site):
    session = site.api(old_site.SESSION)
    for key, value in old_site.SESSION_SETTINGS.items():
        assert session[key] == value, key
    assert tokens(session["enrollment_policy"]) == "invitation"
    assert session["capacity"] == 200
    assert session["wiki"] == "en.wikipedia.org"
    assert sorted(tokens(session["certificate_exercises"])) == sorted(
        uid(path) for path in old_site.CERTIFICATE_EXERCISES
    )


def test_enrollments_keep_their_learners(site):
    items = site.api(old_site.SESSION + "/@enrollments?b_size=100", login="tina")["items"]
    found = {item["wiki_username"]: (item["user_id"], item["added_by"], item["enrolled"])
             for item in items}
    assert found == {
        name: (user_id, added_by, MANIFEST["enrolled"][name])
        for name, (user_id, added_by) in old_site.ENROLLMENTS.items()
    }


def test_learners_still_see_their_private_session(site):
    assert site.api(old_site.SESSION, login="ada")["title"] == "University session, spring 2027"
    with pytest.raises(urllib.error.HTTPError) as refused:
        site.api(old_site.SESSION, login=None)
    assert refused.value.code == 401


def test_members_keep_their_names_and_passwords(site):
    for login, (fullname, _password) in old_site.MEMBERS.items():
        # @users/<learner> answers 500 on that commit already (plone.restapi finds
        # no group object for the learners groups): Plone's own page instead.
        page = site.page(f"/@@user-information?userid={login}", login="admin")
        assert f'value="{fullname}"' in page and f'value="{login}@example.org"' in page
        password = old_site.MEMBERS[login][1]
        login_data = {"login": login, "password": password}
        assert site.open("/@login", None, "application/json", login_data)


def test_registry_settings_are_kept(site):
    for name, value in old_site.REGISTRY.items():
        assert site.api(f"/@registry/{name}") == value, name
    assert site.api("/@registry/wikimooc.wikis") == dict.fromkeys(
        old_site.DEMO_WIKIS, old_site.NOWHERE_API
    )
    # Alerts' per-wiki settings came beside it, with their defaults.
    assert site.api("/@registry/wikimooc.deletion_watch")["fr.wikipedia.org"] == (
        "Catégorie:Page proposée à la suppression"
        "|Catégorie:Page soumise à une procédure de suppression"
    )


def test_forum_keeps_its_questions_answers_and_moderation(site):
    listed = site.api(old_site.SESSION + "/@forum", login="ada")["items"]
    assert [site.path(item["@id"]) for item in listed] == [old_site.QUESTION]
    question = site.api(old_site.QUESTION + "/@answers", login="tina")
    assert question["title"] == old_site.QUESTION_TITLE
    assert question["text"] == old_site.QUESTION_TEXT
    assert question["wiki_link"] == old_site.QUESTION_WIKI_LINK
    assert question["lesson"]["UID"] == uid(old_site.LESSON)
    assert question["answered"] is True
    assert (question["author"]["id"], question["author"]["wiki_username"]) == ("ada", "Ada")
    answers = [
        (site.path(item["@id"]), item["author"]["id"], item["author"]["teacher"], item["text"],
         item["hidden"] and item["hidden"]["reason"])
        for item in question["answers"]
    ]
    assert answers == [
        (old_site.TEACHER_ANSWER, "tina", True, old_site.TEACHER_ANSWER_TEXT, None),
        (old_site.LEARNER_ANSWER, "bob", False, old_site.LEARNER_ANSWER_TEXT, old_site.HIDE_REASON),
    ]
    # Learners do not see the hidden answer.
    shown = site.api(old_site.QUESTION + "/@answers", login="ada")["answers"]
    assert [site.path(item["@id"]) for item in shown] == [old_site.TEACHER_ANSWER]
    blocks = site.api(old_site.SESSION + "/@forum-blocks", login="tina")["items"]
    assert [(item["wiki_username"], item["reason"], item["by"]) for item in blocks] == [
        (*old_site.BLOCKED, "tina")
    ]
    choices = site.api(old_site.SESSION + "/@forum-notifications", login="tina")
    expected = old_site.TEACHER_MAIL_CHOICE
    assert {key: choices[key] for key in expected} == expected


def test_peer_reviewed_exercise_keeps_its_rubric_and_settings(site):
    exercise = site.api(old_site.PEER_EXERCISE)
    assert exercise["title"] == old_site.PEER_EXERCISE_TITLE
    assert tokens(exercise["check"]) == "peer"
    assert exercise["rubric"] == old_site.RUBRIC
    assert exercise["instructions"]["data"] == old_site.PEER_INSTRUCTIONS
    for key, value in old_site.PEER_SETTINGS.items():
        assert exercise[key] == value, key


@pytest.mark.parametrize("author", sorted(old_site.SUBMISSIONS))
def test_submissions_keep_their_reviews_and_grade(site, author):
    work = old_site.SUBMISSIONS[author]
    path = f"{old_site.SESSION}/write-a-neutral-paragraph-{author}"
    submission = site.api(path)
    assert (submission["text"], submission["links"]) == (work["text"], work["links"])
    assert submission["review_state"] == "graded"
    reviews = site.api(path + "/@reviews", login="tina")
    assert reviews["rubric"] == old_site.RUBRIC
    assert reviews["reviews_required"] == old_site.PEER_SETTINGS["reviews_required"]
    (review,) = reviews["items"]
    criteria = old_site.RUBRIC["criteria"]
    assert review["choices"] == [
        {"criterion": criterion["title"], "level": criterion["levels"][level]["title"],
         "points": criterion["levels"][level]["points"], "comment": ""}
        for criterion, level in zip(criteria, work["levels"], strict=True)
    ]
    assert (review["points"], review["comment"], review["reviewer"]["id"], review["review_state"],
            review["by_teacher"]) == (work["points"], work["review_comment"], work["reviewer"],
                                      "counted", False)
    overridden, points, reason = old_site.OVERRIDE
    if author == overridden:
        expected_grade = {"points": points, "out_of": 5, "by_teacher": True}
        assert ("override_grade", reason, points) in [
            (entry["action"], entry["comments"], entry.get("points"))
            for entry in reviews["history"]
        ]
    else:
        expected_grade = {"points": work["points"], "out_of": 5, "by_teacher": False}
    grade = reviews["submission"]["grade"]
    assert {key: grade[key] for key in expected_grade} == expected_grade
    # The author reads the reviews of their work, with the reviewer's name (the
    # session shows them).
    own = site.api(path + "/@reviews", login=author)
    assert [(item["points"], item["reviewer"]["id"]) for item in own["items"]] == [
        (work["points"], work["reviewer"])
    ]


def progress(site, learner):
    answer = site.api(
        old_site.SESSION + "/@progress?" + urlencode({"learner": learner}), login="tina"
    )
    return {site.path(item["@id"]): item for item in answer["items"]}


def test_edit_tracking_keeps_the_progress_found_and_decided(site):
    found = progress(site, "Ada")[old_site.WIKI_EXERCISE]
    revision = old_site.ADA_REVISION
    assert (found["done"], found["revid"], found["when"], found["marked_by"]) == (
        True, revision["revid"], revision["timestamp"], None
    )
    assert found["diff_url"].endswith(f"Special:Diff/{revision['revid']}")
    for learner, (done, reason) in old_site.DECISIONS.items():
        decided = progress(site, learner)[old_site.WIKI_EXERCISE]
        assert (decided["done"], decided["marked_by"], decided["reason"]) == (done, "tina", reason)
    dashboard = site.api(old_site.SESSION + "/@dashboard", login="tina")
    ada = next(item for item in dashboard["learners"] if item["wiki_username"] == "Ada")
    assert (ada["edits"], ada["pages_created"], ada["bytes_added"]) == (1, 1, revision["size"])
    assert [edit["revid"] for edit in dashboard["recent_edits"]] == [revision["revid"]]


def test_certificates_are_kept_and_verified(site):
    certificates = site.api(old_site.SESSION + "/@certificates", login="tina")["items"]
    by_learner = {item["learner"]["wiki_username"]: item for item in certificates}
    assert {name: item["code"] for name, item in by_learner.items()} == MANIFEST["certificates"]
    for name, expected in old_site.CERTIFICATES.items():
        certificate = by_learner[name]
        assert certificate["learner"]["name"] == expected["name"]
        assert certificate["valid"] is expected["valid"]
        assert [page["title"] for page in certificate["pages"]] == expected["pages"]
        assert certificate["exercises"] == [
            old_site.DEMO_EXERCISE_TITLE, old_site.PEER_EXERCISE_TITLE
        ]
        assert (certificate["course"], certificate["session"]) == (
            old_site.DEMO_COURSES[0][2], "University session, spring 2027"
        )
        assert (certificate["start"], certificate["end"]) == old_site.SESSION_DATES
        verified = site.api(f"/@verify/{certificate['code']}", login=None)
        assert (verified["valid"], verified["learner"]["name"]) == (
            expected["valid"], expected["name"]
        )
    assert by_learner["Bob"]["revocation"]["reason"] == old_site.REVOKE_REASON
    own = site.api(old_site.SESSION + "/@certificate", login="ada")
    assert own["complete"] is True
    assert own["certificate"]["code"] == MANIFEST["certificates"]["Ada"]


def test_guided_tour_draft_keeps_its_steps(site):
    draft = site.api(old_site.TOUR)
    assert (draft["title"], draft["description"], draft["tour_name"]) == (
        old_site.TOUR_TITLE, old_site.TOUR_DESCRIPTION, old_site.TOUR_NAME
    )
    assert [site.path(item["@id"]) for item in draft["items"]] == [
        f"{old_site.TOUR}/{step['id']}" for step in old_site.TOUR_STEPS
    ]
    for step in old_site.TOUR_STEPS:
        found = site.api(f"{old_site.TOUR}/{step['id']}")
        assert {key: tokens(found[key]) for key in step if key != "id"} == {
            key: value for key, value in step.items() if key != "id"
        }


def test_lesson_keeps_its_practice_settings(site):
    lesson = site.api(old_site.LESSON)
    expected = old_site.LESSON_PRACTICE
    assert {key: tokens(lesson[key]) for key in expected} == expected


def test_files_and_images_keep_their_blobs(site):
    assert site.download(old_site.SYLLABUS + "/@@download/file").decode() == old_site.SYLLABUS_TEXT
    cover = site.download(old_site.COVER + "/@@download/image")
    assert cover[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", cover[16:24]) == (16, 16)
    page = site.api(old_site.READING_LIST)
    assert (page["title"], page["text"]["data"]) == (
        old_site.READING_LIST_TITLE, old_site.READING_LIST_TEXT
    )


def test_adapted_course_still_derives_from_its_original(site):
    adapted = site.api(old_site.ADAPTED)
    assert (adapted["title"], adapted["organisation"]) == (
        old_site.ADAPTED_TITLE, old_site.ADAPTED_ORGANISATION
    )
    assert adapted["derived_from"]["UID"] == uid(old_site.COURSE)
    assert tokens(adapted["language"]) == "fr"
    assert site.api(old_site.ADAPTED + "/getting-started/write-a-neutral-paragraph")[
        "rubric"
    ] == old_site.RUBRIC


def test_anonymous_visitors_get_the_course_lesson_and_public_session_pages(site):
    course = site.page(old_site.COURSE)
    assert old_site.DEMO_COURSES[0][2] in course
    assert "Public session, spring 2027" in course
    assert "University session, spring 2027" not in course
    assert old_site.DEMO_LESSON_TEXT in site.page(old_site.LESSON)
    assert re.search(r"<h1[^>]*>\s*Public session, spring 2027\s*</h1>",
                     site.page(old_site.COURSE + "/public-session-2027"))


def test_learner_pages_of_the_private_session(site):
    session = site.page(old_site.SESSION, login="ada")
    assert re.search(r"<h1[^>]*>\s*University session, spring 2027\s*</h1>", session)
    assert old_site.QUESTION_TITLE in site.page(old_site.SESSION + "/@@forum", login="ada")
    question = site.page(old_site.QUESTION, login="ada")
    assert "{{Cite book}}" in question
    assert "I asked the same thing last week" not in question  # hidden
    assert "University session, spring 2027" in site.page("/en/@@my-courses", login="ada")
    submission = site.page(old_site.SESSION + "/write-a-neutral-paragraph-ada", login="ada")
    assert old_site.SUBMISSIONS["ada"]["text"] in submission
    exercise = site.page(old_site.PEER_EXERCISE, login="ada")
    assert old_site.PEER_EXERCISE_TITLE in exercise


def test_teacher_pages_of_the_private_session(site):
    dashboard = site.page(old_site.SESSION + "/@@dashboard", login="tina")
    assert old_site.ADA_REVISION["title"] in dashboard
    assert "Bob Builder" in site.page(old_site.SESSION + "/@@certificates", login="tina")
    assert old_site.TOUR_NAME in site.page(old_site.TOUR, login="tina")


def test_certificate_verification_page(site):
    page = site.page("/@@verify/" + MANIFEST["certificates"]["Ada"])
    assert "Ada Lovelace" in page
