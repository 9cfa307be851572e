"""A Commons file through the platform's fallback path, for real: the local
MediaWiki (Debian's, without TimedMediaHandler) has the WebM ffmpeg made, uploaded
through its API, and TimedText pages (namespace 710) with French and English
subtitles; the platform asks ``prop=videoinfo``, sees the wiki does not know it,
then reads core's ``prop=imageinfo`` and the TimedText pages."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from video_hosts import GERMAN_VTT
from video_hosts import LECTURE
from video_hosts import PICTURE
from video_hosts import use_hosts
from wikimooc.policy.content.lesson import usable_videos
from wikimooc.policy.content.lesson import VideoNotUsable
from wikimooc.policy.video.cache import cached
from wikimooc.policy.video.cache import look_up
from wikimooc.policy.video.cache import refresh_stale
from wikimooc.policy.video.sources import VideoRefused
from zope.i18n import translate

import pytest
import requests


@pytest.fixture
def local_commons(portal, mediawiki, lecture_on_wiki):
    use_hosts(mediawiki.api_url)
    return mediawiki


def test_webm_on_the_wiki_is_found_with_its_subtitles(local_commons, lecture_on_wiki):
    found = look_up(f"File:{LECTURE.replace(' ', '_')}")
    assert found["kind"] == "commons"
    assert found["title"] == "WikiMOOC lecture"  # core's extmetadata ObjectName
    [original] = found["sources"]  # no derivatives without TimedMediaHandler
    assert original["type"] == "video/webm"
    # The original's address serves the very file that was uploaded.
    assert requests.get(original["src"], timeout=10).content == lecture_on_wiki.read_bytes()
    tracks = {track["lang"]: track["cues"] for track in found["tracks"]}
    assert sorted(tracks) == ["en", "fr"]
    assert tuple(tracks["fr"][0]) == (0.0, 1.5, "Bonjour et bienvenue.")
    # Subtitles are untrusted: markup goes, words stay.
    assert tracks["fr"][1][2] == "Voici Wikipédia ."
    assert "index.php?title=File:WikiMOOC_lecture.webm" in found["page_url"]


def test_the_page_url_form_finds_the_same_file(local_commons, lecture_on_wiki):
    by_name = look_up(f"File:{LECTURE}")
    by_url = look_up("https://commons.wikimedia.org/wiki/File:" + LECTURE.replace(" ", "_"))
    assert by_url["sources"] == by_name["sources"]


@pytest.mark.parametrize(
    "text, status, message",
    [
        (f"File:{PICTURE}", 400,
         "File:WikiMOOC picture.png n’est pas une vidéo (c’est image/png)."),  # noqa: RUF001
        ("File:No such lecture.webm", 404,
         "Il n’y a pas de fichier File:No such lecture.webm sur commons.wikimedia.org."),  # noqa: RUF001
    ],
)
def test_files_that_are_not_videos_are_refused(local_commons, text, status, message):
    with pytest.raises(VideoRefused) as refused:
        look_up(text)
    assert refused.value.status == status
    assert translate(refused.value.message, target_language="fr") == message
    assert cached(text) is None


def test_refresh_finds_new_subtitles_and_keeps_what_was_known_when_down(
        local_commons, lecture_on_wiki):
    text = f"File:{LECTURE}"
    look_up(text)
    site = local_commons.site(local_commons.admin_user, local_commons.admin_password)
    page = site.pages[f"TimedText:{LECTURE}.de.vtt"]
    page.edit(GERMAN_VTT, summary="German")
    try:
        later = datetime.now(UTC) + timedelta(days=8)
        assert refresh_stale(now=later, commit=False) == (1, 0)
        assert [track["lang"] for track in cached(text)["tracks"]] == ["de", "en", "fr"]
        with local_commons.stopped():
            assert refresh_stale(now=later + timedelta(days=8), commit=False) == (0, 1)
        kept = cached(text)
        assert [track["lang"] for track in kept["tracks"]] == ["de", "en", "fr"]
    finally:
        page.delete(reason="test done")


def test_an_unreachable_wiki_is_refused_with_the_reason(local_commons):
    with local_commons.stopped(), pytest.raises(VideoRefused) as refused:
        look_up("File:Anything.webm")
    assert refused.value.status == 503
    assert translate(refused.value.message, target_language="fr") == (
        "commons.wikimedia.org est injoignable pour l’instant : réessayez plus tard.")  # noqa: RUF001


def test_a_known_video_stays_usable_while_the_wiki_is_down(local_commons):
    known = f"File:{LECTURE}"
    look_up(known)
    with local_commons.stopped():
        assert usable_videos([known])
        with pytest.raises(VideoNotUsable) as refused:
            usable_videos([known, "File:Never looked up.webm"])
    assert translate(refused.value.doc(), target_language="fr") == (
        "commons.wikimedia.org est injoignable pour l’instant : réessayez plus tard.")  # noqa: RUF001
