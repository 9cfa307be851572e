"""A Commons file through TimedMediaHandler's API. No TimedMediaHandler runs here:
the loopback stand-in (tests/video_hosts.py) answers ``prop=videoinfo`` with
``viprop=derivatives|timedtext`` and ``action=timedtext`` exactly as
TimedMediaHandler documents and implements them (ApiQueryVideoInfo, ApiTimedText)."""

from video_hosts import FRENCH_SRT
from video_hosts import use_hosts
from wikimooc.policy.video.cache import cached
from wikimooc.policy.video.cache import look_up
from wikimooc.policy.video.sources import VideoRefused
from zope.i18n import translate

import pytest


@pytest.fixture
def tmh_commons(portal, video_hosts):
    use_hosts(video_hosts.api_url)
    video_hosts.log.clear()
    return video_hosts


def test_derivatives_original_licence_and_tracks(tmh_commons):
    found = look_up("https://commons.wikimedia.org/wiki/File:Lecture.webm")
    # The derivatives, the original once (TimedMediaHandler lists it among them).
    assert [source["type"] for source in found["sources"]] == [
        'video/webm; codecs="vp9, opus"', "video/webm"]
    assert found["sources"][0]["src"].endswith("/transcoded/Lecture.webm.360p.vp9.webm")
    assert found["duration"] == 4.0
    # extmetadata is HTML from the wiki: kept as plain text, without its scripts.
    assert found["title"] == "Lecture one"
    assert found["author"] == "Ada"
    assert (found["licence"], found["licence_url"]) == (
        "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0")
    tracks = {track["lang"]: track for track in found["tracks"]}
    assert sorted(tracks) == ["en", "fr"]
    assert tracks["fr"]["label"] == "français (fr)"
    assert tracks["fr"]["cues"][0][2] == "Bonjour et bienvenue."
    assert len(tracks["fr"]["cues"]) == FRENCH_SRT.count("-->")
    # One query, then one timedtext request per language (its first format only).
    asked = tmh_commons.requests_to("/w/api.php")
    assert len(asked) == 3
    assert "prop=videoinfo" in asked[0] and "viprop=url%7Cmime" in asked[0]
    assert all("action=timedtext" in entry and "trackformat=srt" in entry
               for entry in asked[1:])


def test_a_file_without_subtitles_has_no_tracks(tmh_commons):
    found = look_up("File:Silent.webm")
    assert found["tracks"] == []
    assert found["licence"] == ""


def test_a_missing_file_is_refused(tmh_commons):
    with pytest.raises(VideoRefused) as refused:
        look_up("File:Missing.webm")
    assert refused.value.status == 404
    assert translate(refused.value.message, target_language="fr") == (
        "Il n’y a pas de fichier File:Missing.webm sur commons.wikimedia.org.")  # noqa: RUF001
    assert cached("File:Missing.webm") is None
