"""Video lessons over HTTP: the lesson page's players, tracks, transcripts and
attribution (read from the cache: no host is asked per view), the REST services,
the learner's player reporting what was watched, and progress. The video hosts are
the loopback stand-in (tests/video_hosts.py, TimedMediaHandler's API as documented)."""

from html_pages import html_client
from plone import api
from video_hosts import use_hosts
from wikimooc.policy.video.cache import cached
from wikimooc.policy.video.cache import look_up
from wikimooc.policy.video.watching import watching_of

import pytest
import re
import transaction


LESSON = "/en/intro/about/watch"
VIDEOS = ["File:Lecture.webm", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
          "https://example.org/old-video.mp4"]


@pytest.fixture
def lesson(site, video_hosts, client):
    use_hosts(video_hosts.api_url, youtube_oembed=video_hosts.base_url + "/oembed")
    with api.env.adopt_roles(["Manager"]):
        for line in VIDEOS[:2]:
            look_up(line)
        lesson = api.content.create(container=site["course"]["about"], type="Lesson",
                                    id="watch", title="Watch", videos=VIDEOS, watched_share=50)
    transaction.commit()
    for login in ("ada", "bob"):
        answer = client(login).post("/en/intro/public-session/@enroll", json={})
        assert answer.status_code == 201, answer.text
    video_hosts.log.clear()
    return lesson


def test_the_page_plays_from_the_cache(lesson, client, video_hosts):
    page = html_client(client, "ada").get(LESSON)
    assert page.status_code == 200
    html = page.text
    assert video_hosts.log == []  # the page asked no host
    assert re.search(r'<source src="[^"]+/transcoded/Lecture.webm.360p.vp9.webm"', html)
    # Tracks from the platform itself, the page's language's selected.
    assert f'src="{lesson.absolute_url()}/@@video-track?video=0&amp;lang=en"' in html
    assert re.search(r'<track[^>]+srclang="en"[^>]+default="default"', html)
    assert not re.search(r'<track[^>]+srclang="fr"[^>]+default', html)
    # Attribution under the player; the author's markup is gone.
    assert 'rel="license"' in html and "CC BY-SA 4.0" in html
    assert re.search(r"By\s+<bdi>Ada</bdi>\.", html)
    assert "alert(1)" not in html
    # The transcript's cues seek; each is a button with its start.
    assert re.search(r'data-start="1.5"', html)
    assert "Voici Wikipédia ." in html
    # YouTube: nothing is loaded from it before the click.
    assert "<iframe" not in html.split('data-video-kind="youtube"')[1].split("</section>")[0]
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    # An address the platform cannot play stays a link, as before.
    assert 'href="https://example.org/old-video.mp4"' in html
    assert "wikimooc-video-authoring" not in html  # for authors only


def test_tracks_and_transcripts_are_plain(lesson, client):
    visitor = html_client(client, "ada")
    track = visitor.get(LESSON + "/@@video-track?video=0&lang=fr")
    assert track.headers["Content-Type"].startswith("text/vtt")
    assert track.text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nBonjour")
    assert "<" not in track.text.replace("-->", "")
    transcript = visitor.get(LESSON + "/@@video-transcript?video=0&lang=fr")
    assert transcript.headers["Content-Type"].startswith("text/plain")
    assert "attachment" in transcript.headers["Content-Disposition"]
    assert "[00:00:01] Voici Wikipédia ." in transcript.text
    assert visitor.get(LESSON + "/@@video-track?video=0&lang=de").status_code == 404
    assert visitor.get(LESSON + "/@@video-track?video=7&lang=fr").status_code == 404


def test_rest_lists_the_videos(lesson, client):
    answer = client("ada").get(LESSON + "/@videos")
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert [item["known"] for item in items] == [True, True, False]
    assert items[0]["subtitles"] == [{"lang": "fr", "label": "français (fr)", "cues": 3},
                                     {"lang": "en", "label": "English (en)", "cues": 3}]
    assert items[1]["embed_url"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


def lesson_progress(client):
    """What the course's syllabus says of the lesson to Ada: "done", "todo" or None."""
    course = html_client(client, "ada").get("/en/intro").text
    part = re.search(r'<li class="wikimooc-syllabus__part wikimooc-syllabus__part--Lesson">'
                     r'(.*?)</li>', course, re.S).group(1)
    if "wikimooc-done" in part:
        return "done"
    return "todo" if "wikimooc-badge--todo" in part else None


def test_watching_is_reported_and_counts_as_done(lesson, client, site):
    ada = client("ada")
    first = ada.post(LESSON + "/@video-progress", json={"seconds": 1, "duration": 4})
    assert first.status_code == 200, first.text
    assert first.json() == {"session": "public-session", "threshold": 50, "share": 25.0,
                            "done": False}
    assert lesson_progress(client) == "todo"
    second = ada.post(LESSON + "/@video-progress", json={"seconds": 3, "duration": 4})
    assert second.json()["done"] is True and second.json()["share"] == 75.0
    # A smaller share later leaves the largest; done stays done.
    third = ada.post(LESSON + "/@video-progress", json={"seconds": 0.5, "duration": 4})
    assert third.json()["share"] == 75.0 and third.json()["done"] is True
    assert ada.get(LESSON + "/@video-progress").json()["items"][0]["done"] is True
    # Kept in the session, outside the lesson; Bob's is his own.
    transaction.begin()
    stored = watching_of(site["public"], create=False)
    assert stored.of(lesson.UID(), "Ada").share == 75.0
    assert stored.of(lesson.UID(), "Bob") is None
    assert client("bob").get(LESSON + "/@video-progress").json()["items"][0]["share"] == 0.0
    page = html_client(client, "ada").get(LESSON).text
    assert "the lesson is done" in page
    assert lesson_progress(client) == "done"
    # In the session's progress and its teachers' dashboard, as any item.
    [counted] = ada.get("/en/intro/public-session/@progress").json()["lessons"]
    assert (counted["title"], counted["share"], counted["done"]) == ("Watch", 75.0, True)
    dashboard = client("teacher").get("/en/intro/public-session/@dashboard").json()
    assert dashboard["lessons_counted"] == 1
    watched = {learner["wiki_username"]: learner["lessons_watched"]
               for learner in dashboard["learners"]}
    assert watched == {"Ada": 1, "Bob": 0}


@pytest.mark.parametrize(
    "login, body, status, error_type",
    [
        (None, {"seconds": 1, "duration": 4}, 401, "Unauthorized"),
        ("cleo", {"seconds": 1, "duration": 4}, 403, "Forbidden"),
        ("ada", {"seconds": "all", "duration": 4}, 400, "BadRequest"),
        ("ada", {"seconds": 1, "duration": 0}, 400, "BadRequest"),
        ("ada", {"seconds": -1, "duration": 4}, 400, "BadRequest"),
        ("ada", [1, 4], 400, "BadRequest"),
        ("ada", {"seconds": 1, "duration": 4, "session": "private-session"}, 403, "Forbidden"),
    ],
)
def test_bad_reports_change_nothing(lesson, client, site, login, body, status, error_type):
    answer = client(login).post(LESSON + "/@video-progress", json=body)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["type"] == error_type
    transaction.begin()
    assert watching_of(site["public"], create=False) is None


@pytest.mark.parametrize(
    "source, status, message",
    [
        ("File:Missing.webm", 404, "There is no file File:Missing.webm on commons.wikimedia.org."),
        ("https://en.wikipedia.org/wiki/File:Lecture.webm", 400,
         "This is a page of en.wikipedia.org, not of Wikimedia Commons: give the file's name"
         " or its page on Commons."),
        ("https://vimeo.com/1", 400, "WikiMOOC plays videos of Wikimedia Commons, PeerTube and"
         " YouTube: vimeo.com is none of them."),
    ],
)
def test_authors_look_videos_up(lesson, client, source, status, message):
    answer = client("manager").get(LESSON + "/@video-lookup", params={"source": source})
    assert answer.status_code == status
    assert answer.json()["error"] == {"type": "VideoRefused", "message": message}


def test_look_up_is_for_authors(lesson, client):
    found = client("manager").get(LESSON + "/@video-lookup", params={"source": "File:Silent.webm"})
    assert found.status_code == 200 and found.json()["subtitles"] == []
    assert client("ada").get(LESSON + "/@video-lookup",
                             params={"source": "File:Silent.webm"}).status_code in (401, 403)


def edit_form(client, videos):
    manager = html_client(client, "manager")
    form = manager.get(LESSON + "/edit")
    assert form.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form.text).group(1)
    return manager.post(LESSON + "/edit", data={
        "_authenticator": token, "form.widgets.IDublinCore.title": "Watch",
        "form.widgets.videos": "\n".join(videos), "form.widgets.watched_share": "50",
        "form.widgets.edit_mode:list": "visual",
        "form.buttons.save": "Save",
    })


@pytest.mark.parametrize(
    "bad, error",
    [
        ("File:Missing.webm", "There is no file File:Missing.webm on commons.wikimedia.org."),
        ("https://vimeo.com/1", "vimeo.com is none of them."),
        ("https://fr.wikipedia.org/wiki/Fichier:Lecture.webm",
         "This is a page of fr.wikipedia.org, not of Wikimedia Commons"),
    ],
)
def test_the_form_refuses_what_it_cannot_play(lesson, client, bad, error):
    answer = edit_form(client, ["File:Silent.webm", bad])
    assert answer.status_code == 200
    assert error in answer.text.replace("&#x27;", "'").replace("&#39;", "'")
    transaction.begin()
    assert lesson.videos == VIDEOS


def test_the_form_saves_and_shows_what_the_hosts_said(lesson, client):
    videos = ["File:Lecture.webm", "https://commons.wikimedia.org/wiki/File:Silent.webm"]
    answer = edit_form(client, videos)
    assert answer.status_code == 200
    assert "invalid-feedback" not in answer.text
    transaction.begin()
    assert lesson.videos == videos
    for shown in (LESSON, LESSON + "/edit"):  # the page, and the form again
        page = html_client(client, "manager").get(shown).text
        authoring = re.sub(r"\s+", " ", page.split('class="wikimooc-video-authoring"', 1)[1])
        authoring = authoring.replace("&#x27;", "'")
        assert "No subtitles in the course's language (<bdi>en</bdi>)." in authoring
        assert "TimedText:Silent.webm.en.srt" in authoring and "action=edit" in authoring
        lecture = authoring.split("<li>")[1]
        for said in ("Lecture one", "00:04", "CC BY-SA 4.0", "Ada", "fr, en"):
            assert said in lecture
        assert "No subtitles" not in lecture


@pytest.mark.parametrize("where", [LESSON, "/en/intro/about"])  # edit form, add form
def test_what_the_hosts_say_while_the_author_types(lesson, client, where):
    answer = html_client(client, "manager").get(
        where + "/@@video-lookup-summary",
        params={"source:list": ["File:Silent.webm", "https://vimeo.com/1", "File:Missing.webm"]})
    assert answer.status_code == 200
    said = re.sub(r"\s+", " ", answer.text).replace("&#x27;", "'")
    assert "File:Silent.webm</code> — <strong>Silent.webm</strong> <span>00:04</span>" in said
    assert "No subtitles in the course's language (<bdi>en</bdi>)." in said
    assert "— WikiMOOC plays videos of Wikimedia Commons, PeerTube and YouTube: vimeo.com" in said
    assert "— There is no file File:Missing.webm on commons.wikimedia.org." in said
    transaction.begin()
    assert cached("File:Silent.webm") is None  # kept only when the lesson is saved


def test_only_authors_ask_the_hosts(lesson, client):
    answer = html_client(client, "ada").get(LESSON + "/@@video-lookup-summary",
                                            params={"source:list": "File:Silent.webm"},
                                            allow_redirects=False)
    assert answer.status_code in (302, 401, 403)
