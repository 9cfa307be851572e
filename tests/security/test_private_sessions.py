"""Every way of reading a private session, tried by those who may not (anonymous, a
plain member, a learner of another session) and, as the control that shows the way
works, by those who may (its learner, its teacher): pages, REST, search, navigation,
the sitemap, the feeds, the page cache, and the teacher's endpoints, reading and
writing. A refusal shows none of the private words and changes nothing."""

from security_site import actor_id
from security_site import ANONYMOUS
from security_site import HUSH
from security_site import INSIDERS
from security_site import leaks
from security_site import LEARNER
from security_site import MANAGER
from security_site import MEMBER
from security_site import OUTSIDER
from security_site import state
from security_site import STRANGERS
from security_site import TEACHER
from webtest.http import StopableWSGIServer
from wikimooc.policy.pagecache.middleware import PageCache
from ZPublisher.WSGIPublisher import publish_module

import gzip
import pytest


REFUSED = (401, 403, 404)
TEAM = (TEACHER, MANAGER)


def url_of(world, path):
    """``path`` with the question's and the work's addresses filled in."""
    return path.format(question=world.question, submission=world.submission)


def refused(response, html):
    """A refusal: an error status, or for a page the redirection to the login form."""
    if html and response.status_code == 302:
        return "/require_login" in response.headers["Location"] or "/login" in response.headers[
            "Location"]
    return response.status_code in REFUSED


# (what, path, page?, a private word the control sees there)
CONTENT = [
    ("session", HUSH, False, "Hush"),
    ("session page", HUSH, True, "Hush"),
    ("breadcrumbs", HUSH + "/@breadcrumbs", False, "Hush"),
    ("forum", HUSH + "/@forum", False, "Whisper"),
    ("forum page", HUSH + "/@@forum", True, "Whisper"),
    ("question", "{question}", False, "Whisper"),
    ("question page", "{question}", True, "Whisper"),
    ("answers", "{question}/@answers", False, "Whisper"),
    ("submissions", HUSH + "/@submissions", False, "Whisper"),
    ("submission", "{submission}", False, "Whisper"),
    ("submission page", "{submission}", True, "Whisper"),
    ("reviews", "{submission}/@reviews", False, "quillon"),
    ("session items", HUSH + "?fullobjects=1", False, "Whisper"),
]
# Only the teaching team reads these: the learners, their progress, the certificates.
TEAM_READS = [
    ("enrollments", HUSH + "/@enrollments", False, "Quillon"),
    ("learners page", HUSH + "/@@learners", True, "Quillon"),
    ("dashboard", HUSH + "/@dashboard", False, "Quillon"),
    ("dashboard page", HUSH + "/@@dashboard", True, "Quillon"),
    ("dashboard CSV", HUSH + "/@@dashboard.csv", True, "Quillon"),
    ("a learner's progress", HUSH + "/@progress?learner=Quillon", False, "Quillon"),
    ("forum blocks", HUSH + "/@forum-blocks", False, None),
    ("certificates", HUSH + "/@certificates", False, None),
    ("certificates page", HUSH + "/@@certificates", True, "Hush seminar"),
    ("create accounts page", HUSH + "/@@create-accounts", True, "Hush seminar"),
]


def ids(rows):
    return [row[0] for row in rows]


class TestReadingThePrivateSession:
    @pytest.mark.parametrize("what, path, html, word", CONTENT, ids=ids(CONTENT))
    @pytest.mark.parametrize("actor", STRANGERS, ids=actor_id)
    def test_strangers_are_refused(self, world, visitor, actor, what, path, html, word):
        response = visitor(actor, html).get(url_of(world, path))
        assert refused(response, html), (response.status_code, response.text[:300])
        assert leaks(response.text) == []

    @pytest.mark.parametrize("what, path, html, word", CONTENT, ids=ids(CONTENT))
    @pytest.mark.parametrize("actor", INSIDERS, ids=actor_id)
    def test_its_learner_and_teacher_read_it(self, world, visitor, actor, what, path, html, word):
        response = visitor(actor, html).get(url_of(world, path))
        assert response.status_code == 200, response.text[:300]
        assert word.lower() in response.text.lower()

    @pytest.mark.parametrize("what, path, html, word", TEAM_READS, ids=ids(TEAM_READS))
    @pytest.mark.parametrize("actor", (*STRANGERS, LEARNER), ids=actor_id)
    def test_only_the_team_reads_learners_and_progress(
        self, world, visitor, actor, what, path, html, word
    ):
        response = visitor(actor, html).get(url_of(world, path))
        assert refused(response, html), (response.status_code, response.text[:300])
        assert leaks(response.text) == []

    @pytest.mark.parametrize("what, path, html, word", TEAM_READS, ids=ids(TEAM_READS))
    @pytest.mark.parametrize("actor", TEAM, ids=actor_id)
    def test_the_team_reads_them(self, world, visitor, actor, what, path, html, word):
        response = visitor(actor, html).get(url_of(world, path))
        assert response.status_code == 200, response.text[:300]
        if word:
            assert word.lower() in response.text.lower()

    @pytest.mark.parametrize("actor", (*STRANGERS, LEARNER, TEACHER), ids=actor_id)
    def test_only_the_manager_reads_its_local_roles(self, world, visitor, actor):
        response = visitor(actor).get(HUSH + "/@sharing")
        assert response.status_code in REFUSED and leaks(response.text) == []
        assert "quillon" not in response.text

    def test_the_manager_reads_its_local_roles(self, world, visitor):
        response = visitor(MANAGER).get(HUSH + "/@sharing")
        assert response.status_code == 200 and response.json()["available_roles"]

    @pytest.mark.parametrize("actor", STRANGERS, ids=actor_id)
    def test_others_progress_and_certificate_stay_theirs(self, world, visitor, actor):
        """The learner's own progress and certificate, asked for by someone else."""
        for path in ("/@progress", "/@certificate", "/@progress?learner=Quillon"):
            response = visitor(actor).get(HUSH + path)
            assert response.status_code in (*REFUSED, 400), (path, response.status_code)
            assert leaks(response.text) == []

    def test_the_learner_reads_their_own_progress_and_certificate(self, world, visitor):
        learner = visitor(LEARNER)
        progress = learner.get(HUSH + "/@progress")
        assert progress.status_code == 200 and progress.json()["wiki_username"] == "Quillon"
        certificate = learner.get(HUSH + "/@certificate")
        assert certificate.status_code == 200 and certificate.json()["complete"] is False


# Where a private session could show up among other things: (what, path, page?).
# Searches look for words of the private things' texts ("seminar", "sources"), not
# for the private words themselves, which a results page repeats.
LISTINGS = [
    ("search", "/@search?SearchableText=seminar", False),
    ("search by type", "/@search?portal_type=CourseSession&portal_type=ForumQuestion"
                       "&portal_type=ForumAnswer&portal_type=Submission&b_size=100", False),
    ("search of the course", "/en/intro/@search?path.depth=1", False),
    ("search with full objects", "/@search?SearchableText=sources&fullobjects=1", False),
    ("courses", "/@courses", False),
    ("course", "/en/intro", False),
    ("course with its navigation", "/en/intro?expand=navigation,breadcrumbs", False),
    ("navigation", "/en/intro/@navigation?expand.navigation.depth=4", False),
    ("context navigation", "/en/intro/@contextnavigation", False),
    ("querystring search", "/@querystring-search?query.0.i=portal_type"
                           "&query.0.o=plone.app.querystring.operation.selection.any"
                           "&query.0.v=CourseSession", False),
    ("site search page", "/en/@@search?SearchableText=sources", True),
    ("catalogue page", "/en", True),
    ("catalogue search", "/en?q=seminar", True),
    ("course page", "/en/intro", True),
    ("my courses page", "/en/@@my-courses", True),
    ("site map page", "/sitemap", True),
    ("search feed", "/search_rss?SearchableText=seminar", True),
    ("site feed", "/RSS", True),
    ("course folder contents", "/en/intro/@@folder_contents", True),
]
# The same listings, where the learner (and the teacher) find the session:
# (what, path, page?, who, the private word they see)
FOUND_BY_INSIDERS = [
    ("search", "/@search?SearchableText=seminar", False, INSIDERS, "Hush seminar"),
    ("search with full objects", "/@search?SearchableText=sources&fullobjects=1", False,
     INSIDERS, "Whisper"),
    ("courses", "/@courses", False, INSIDERS, "Hush seminar"),
    ("course", "/en/intro?fullobjects=1", False, INSIDERS, "Hush seminar"),
    ("site search page", "/en/@@search?SearchableText=sources", True, INSIDERS, "Whisper"),
    ("course page", "/en/intro", True, INSIDERS, "Hush seminar"),
    ("my courses page", "/en/@@my-courses", True, (LEARNER,), "Hush seminar"),
]
FOUND = [(what, path, html, actor, word)
         for what, path, html, actors, word in FOUND_BY_INSIDERS for actor in actors]


class TestListings:
    @pytest.mark.parametrize("what, path, html", LISTINGS, ids=ids(LISTINGS))
    @pytest.mark.parametrize("actor", STRANGERS, ids=actor_id)
    def test_strangers_never_find_it(self, world, visitor, actor, what, path, html):
        response = visitor(actor, html).get(path)
        assert response.status_code < 500, response.text[:300]
        assert leaks(response.text) == []

    @pytest.mark.parametrize("what, path, html, actor, word", FOUND,
                             ids=[f"{row[3]}-{row[0]}" for row in FOUND])
    def test_its_learner_and_teacher_find_it(self, world, visitor, what, path, html, actor, word):
        response = visitor(actor, html).get(path)
        assert response.status_code == 200, response.text[:300]
        assert word in response.text

    def test_the_public_session_is_found_by_anyone(self, world, visitor):
        """The listings work for strangers too: they list what is public."""
        assert "Open session" in visitor(html=True).get("/en/intro").text
        found = visitor().get("/@search?portal_type=CourseSession").json()["items"]
        assert [item["title"] for item in found] == ["Open session"]

    def test_the_sitemap_lists_the_public_session_only(self, world, visitor):
        response = visitor().get("/sitemap.xml.gz?page=1")
        assert response.status_code == 200
        sitemap = gzip.decompress(response.content).decode()
        assert "/en/intro/public-session" in sitemap
        assert "/en/intro/hush" not in sitemap and "/en/intro/elsewhere" not in sitemap


@pytest.fixture(scope="class")
def page_cache(functional_portal_class):
    """The platform's page cache (as in zope.ini's pipeline) in front of the test
    site's Zope, on a server of its own: the URL of the site through it."""
    server = StopableWSGIServer.create(PageCache(publish_module, 1000), host="localhost")
    yield f"http://localhost:{server.effective_port}/plone"
    server.shutdown()


PAGES_A_LEARNER_SEES = ["/en/intro", "/en", HUSH, "/en/@@my-courses", HUSH + "/@@forum"]


class TestPageCache:
    @pytest.mark.parametrize("path", PAGES_A_LEARNER_SEES)
    @pytest.mark.parametrize("insider", INSIDERS, ids=actor_id)
    def test_an_anonymous_visit_after_theirs_shows_nothing_private(
        self, world, visitor, page_cache, insider, path
    ):
        seen = visitor(insider, html=True).get(page_cache + path)
        assert seen.status_code == 200
        for _ in range(2):  # the second may come from the cache
            response = visitor(html=True).get(page_cache + path)
            assert leaks(response.text) == [], response.headers.get("X-WikiMOOC-Cache")

    def test_the_cache_answers_anonymous_visitors(self, world, visitor, page_cache):
        """The control: the page cache does keep the course page for anonymous visitors."""
        for _ in range(2):
            response = visitor(html=True).get(page_cache + "/en/intro")
        assert response.headers.get("X-WikiMOOC-Cache") == "hit"
        assert "Open session" in response.text


# (what, method, path, body): the teaching team's writes. A workflow transition the
# caller may not make answers 400 (plone.restapi's WorkflowException), or 401.
WORKFLOW_REFUSED = (*REFUSED, 400)
TEAM_WRITES = [
    ("add learners", "post", HUSH + "/@enrollments", {"usernames": ["Intruder"]}),
    ("check edits now", "post", HUSH + "/@check-edits", {}),
    ("mark progress", "post", HUSH + "/@progress",
     {"learner": "Quillon", "exercise": "{exercise}", "done": True, "reason": "Took over"}),
    ("block a learner", "post", HUSH + "/@forum-blocks", {"learner": "Quillon", "reason": "x"}),
    ("unblock a learner", "delete", HUSH + "/@forum-blocks/Quillon", None),
    ("hide a question", "post", "{question}/@hide", {"reason": "Taken over"}),
    ("revoke a certificate", "post", HUSH + "/@revoke-certificate", {"code": "x", "reason": "x"}),
    ("allocate reviews", "post", HUSH + "/@allocate-reviews", {}),
    ("override a grade", "post", "{submission}/@grade-override", {"points": 2, "reason": "x"}),
    ("return work", "post", "{submission}/@workflow/return_for_revision", {"comment": "x"}),
    ("rename the session", "patch", HUSH, {"title": "Taken over"}),
    ("change its teachers", "patch", HUSH, {"teachers": ["osric"]}),
    ("close the session", "post", HUSH + "/@workflow/close", {}),
    ("share the session", "post", HUSH + "/@sharing",
     {"entries": [{"id": "osric", "type": "user", "roles": {"Teacher": True}}]}),
    ("delete the question", "delete", "{question}", None),
    ("add a page", "post", HUSH, {"@type": "Document", "title": "Taken over"}),
]


def body_of(world, body):
    if body is None:
        return None
    return {key: value.format(exercise=world.exercise.UID()) if isinstance(value, str) else value
            for key, value in body.items()}


class TestTeacherEndpoints:
    @pytest.mark.parametrize("what, method, path, body", TEAM_WRITES, ids=ids(TEAM_WRITES))
    @pytest.mark.parametrize("actor", (*STRANGERS, LEARNER), ids=actor_id)
    def test_only_the_team_acts(self, world, visitor, actor, what, method, path, body):
        before = state(world)
        response = getattr(visitor(actor), method)(url_of(world, path), json=body_of(world, body))
        expected = WORKFLOW_REFUSED if "/@workflow/" in path else REFUSED
        assert response.status_code in expected, (response.status_code, response.text[:300])
        assert leaks(response.text) == []
        assert state(world) == before


# The controls, each on something the others leave alone. (Checking edits reads the
# wiki: tests/tracking does it against a real MediaWiki.)
TEAM_WRITES_DONE = [
    ("add learners", "post", HUSH + "/@enrollments", {"usernames": ["Newcomer"]}, "learners"),
    ("mark progress", "post", HUSH + "/@progress",
     {"learner": "Quillon", "exercise": "{exercise}", "done": True, "reason": "Seen in class"},
     None),
    ("block a learner", "post", HUSH + "/@forum-blocks", {"learner": "Quillon", "reason": "x"},
     "blocked"),
    ("hide a question", "post", "{question}/@hide", {"reason": "Off topic"}, "question"),
    ("override a grade", "post", "{submission}/@grade-override", {"points": 2, "reason": "x"},
     "submission"),
    ("rename the session", "patch", HUSH, {"title": "Hush seminar, renamed"}, "title"),
]


class TestTeacherEndpointsWork:
    @pytest.mark.parametrize("what, method, path, body, changed", TEAM_WRITES_DONE,
                             ids=ids(TEAM_WRITES_DONE))
    def test_the_teacher_acts(self, world, visitor, what, method, path, body, changed):
        before = state(world)
        response = getattr(visitor(TEACHER), method)(url_of(world, path), json=body_of(world, body))
        assert response.status_code in (200, 201, 204), response.text[:300]
        if changed:
            assert state(world)[changed] != before[changed]


class TestTheActors:
    def test_they_are_who_the_tests_say(self, world, visitor):
        """A refusal above proves something only if the strangers are real members:
        each of them logs in, and the learner of another session is one."""
        for actor in (MEMBER, OUTSIDER):
            me = visitor(actor).get("/@users/" + actor)
            assert me.status_code == 200 and me.json()["username"] == actor
        assert visitor(OUTSIDER).get("/en/intro/elsewhere").status_code == 200
        assert visitor(ANONYMOUS).get("/en/intro/elsewhere").status_code == 401
