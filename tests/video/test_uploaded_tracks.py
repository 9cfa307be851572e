"""Subtitle tracks uploaded for a lesson's video (SubRip files: hostile input read
strictly), kept as plain cues and served by the lesson's own @@video-track and
@@video-transcript; the authors' form in the authoring box (CSRF, edit permission).
The YouTube video here is never asked of YouTube: its id is enough to embed it."""

from html_pages import authenticator
from html_pages import html_client
from plone import api
from wikimooc.policy.video.sources import VideoRefused
from wikimooc.policy.video.uploaded import as_srt
from wikimooc.policy.video.uploaded import MAX_TRACK_BYTES
from wikimooc.policy.video.uploaded import read_srt
from wikimooc.policy.video.uploaded import store_track
from wikimooc.policy.video.uploaded import uploaded_tracks
from wikimooc.policy.video.uploaded import video_tracks
from zope.i18n import translate

import pytest
import transaction


SRT_FR = ("1\n00:00:00,000 --> 00:00:02,500\nBienvenue sur <b>Wikipédia</b>.\n\n"
          "2\n00:00:02,500 --> 00:00:05,000\nCliquez sur « Modifier ».\n")
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
LINKED = "https://example.org/old-video.mp4"
LESSON = "/en/intro/about/subtitled"


@pytest.mark.parametrize(("data", "cues"), [
    (SRT_FR.encode(), [(0.0, 2.5, "Bienvenue sur Wikipédia ."),
                       (2.5, 5.0, "Cliquez sur « Modifier ».")]),
    # Windows line ends, a byte-order mark, no cue numbers, two lines in a cue.
    ("\ufeff00:00:01,000 --> 00:00:02,000\r\nOne\r\ntwo\r\n\r\n".encode(),
     [(1.0, 2.0, "One two")]),
    # Markup and scripts never come through: the cue is plain text.
    (b"1\n00:00:01,000 --> 00:00:02,000\n<script>alert(1)</script>Hi <i>there</i>\n",
     [(1.0, 2.0, "Hi there")]),
])
def test_subrip_is_read_into_plain_cues(data, cues):
    assert read_srt(data) == cues


@pytest.mark.parametrize(("data", "refusal"), [
    (b"", "Choose a subtitle file"),
    (b"1\n00:00:01,000 --> 00:00:02,000\n" + b"a" * MAX_TRACK_BYTES, "at most 512 KB"),
    ("1\n00:00:01,000 --> 00:00:02,000\nÉté\n".encode("latin-1"), "not UTF-8 text"),
    (b"1\n00:00:01,000 --> 00:00:02,000\nA\x00B\n", "not UTF-8 text"),
    (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", "subtitle 1 has no timing line"),
    (b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nno timing here\n",
     "subtitle 2 has no timing line"),
    (b"<html><body>Not subtitles</body></html>", "not a SubRip"),
    (b"1\n00:00:05,000 --> 00:00:01,000\nEnds before it starts\n", "holds no subtitle"),
])
def test_hostile_subtitle_files_are_refused(data, refusal):
    with pytest.raises(VideoRefused) as refused:
        read_srt(data)
    assert refused.value.status == 400
    assert refusal in translate(refused.value.message)


def test_srt_written_back_reads_the_same():
    cues = read_srt(SRT_FR.encode())
    assert read_srt(as_srt(cues)) == cues
    assert as_srt(cues).startswith(b"1\n00:00:00,000 --> 00:00:02,500\n")


def test_an_uploaded_track_replaces_the_hosts_in_its_language(portal, course):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", id="m", title="M")
        lesson = api.content.create(container=module, type="Lesson", id="l", title="L",
                                    videos=[YOUTUBE])
        store_track(lesson, YOUTUBE, "FR", [(0.0, 1.0, "Nouveau")])
    host = {"tracks": [{"lang": "fr", "label": "français", "cues": [(0.0, 1.0, "Ancien")]},
                       {"lang": "de", "label": "Deutsch", "cues": [(0.0, 1.0, "Alt")]}]}
    tracks = video_tracks(lesson, YOUTUBE, host)
    assert [(track["lang"], track["cues"]) for track in tracks] == [
        ("de", [(0.0, 1.0, "Alt")]), ("fr", [(0.0, 1.0, "Nouveau")])]
    with pytest.raises(VideoRefused):
        store_track(lesson, "https://www.youtube.com/watch?v=xxxxxxxxxxx", "fr", [])
    with pytest.raises(VideoRefused):
        store_track(lesson, YOUTUBE, "not a language", [])
    assert list(uploaded_tracks(lesson, YOUTUBE)) == ["fr"]


@pytest.fixture
def lesson(site):
    with api.env.adopt_roles(["Manager"]):
        lesson = api.content.create(container=site["course"]["about"], type="Lesson",
                                    id="subtitled", title="Subtitled",
                                    videos=[YOUTUBE, LINKED])
    transaction.commit()
    return lesson


def upload(visitor, data, language="fr", video=YOUTUBE, token=None):
    if token is None:
        token = authenticator(visitor.get(LESSON).text)
    return visitor.post(LESSON + "/@@video-subtitles-upload",
                        data={"_authenticator": token, "video": video, "language": language},
                        files={"subtitles": ("welcome.srt", data, "application/x-subrip")})


def test_an_author_uploads_and_learners_get_the_player_tracks_and_transcript(lesson, client):
    author = html_client(client, "manager")
    page = upload(author, SRT_FR.encode())
    assert page.status_code == 200
    assert "The fr subtitles are kept." in page.text
    visitor = html_client(client)
    html = visitor.get(LESSON).text
    assert 'data-video-kind="youtube"' in html  # played from its id, YouTube never asked
    assert 'class="wikimooc-transcript"' in html and 'data-start="2.5"' in html
    assert "Cliquez sur « Modifier »." in html and "<b>Wikipédia" not in html
    track = visitor.get(LESSON + "/@@video-track?video=0&lang=fr")
    assert track.text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nBienvenue")
    transcript = visitor.get(LESSON + "/@@video-transcript?video=0&lang=fr")
    assert "[00:00:02] Cliquez sur « Modifier »." in transcript.text
    listed = client().get(LESSON + "/@videos").json()["items"][0]
    assert (listed["kind"], listed["subtitles"]) == (
        "youtube", [{"lang": "fr", "label": "fr", "cues": 2}])
    # Sent again in the same language, it replaces the first.
    upload(author, "1\n00:00:00,000 --> 00:00:01,000\nRemplacé\n".encode())
    track = visitor.get(LESSON + "/@@video-track?video=0&lang=fr")
    assert "Remplacé" in track.text and "Bienvenue" not in track.text


@pytest.mark.parametrize(("video", "data", "language", "shown"), [
    (YOUTUBE, "Été".encode("latin-1"), "fr", "is not UTF-8 text"),
    (YOUTUBE, b"just words", "fr", "This is not a SubRip (.srt) file"),
    (YOUTUBE, SRT_FR.encode(), "fr<script>", "as a code (fr, en, pt-br)"),
    (LINKED, SRT_FR.encode(), "fr", "only linked from the lesson"),
    ("File:Elsewhere.webm", SRT_FR.encode(), "fr", "This lesson has no such video."),
])
def test_a_refused_upload_says_why_and_keeps_nothing(lesson, client, video, data, language,
                                                     shown):
    page = upload(html_client(client, "manager"), data, language, video)
    assert shown in page.text
    transaction.begin()
    assert all(uploaded_tracks(lesson, line) == {} for line in (YOUTUBE, LINKED, video))


def test_the_form_needs_its_token_and_the_right_to_edit(lesson, client):
    author = html_client(client, "manager")
    assert 'action="http' in author.get(LESSON).text  # the authoring box has the form
    assert upload(author, SRT_FR.encode(), token="forged").status_code == 403
    member = html_client(client, "ada")
    assert "wikimooc-subtitles-upload" not in member.get(LESSON).text
    refused = member.post(LESSON + "/@@video-subtitles-upload", allow_redirects=False,
                          data={"video": YOUTUBE, "language": "fr"},
                          files={"subtitles": ("a.srt", SRT_FR.encode())})
    assert refused.status_code in (302, 401, 403)
    transaction.begin()
    assert uploaded_tracks(lesson, YOUTUBE) == {}
