"""PeerTube and YouTube videos. PeerTube's REST API (``/api/v1/videos/{id}``, its
captions) and YouTube's oEmbed endpoint are the loopback stand-in's
(tests/video_hosts.py), which answers as they document; its PeerTube is reached as
``localhost``, its wiki as ``127.0.0.1``."""

from video_hosts import use_hosts
from wikimooc.policy.video.cache import look_up
from wikimooc.policy.video.sources import VideoRefused
from zope.i18n import translate

import pytest


UUID = "9c9de5e8-0a1e-484a-b099-e80766180a6d"


@pytest.fixture
def hosts(portal, video_hosts):
    use_hosts(video_hosts.api_url, youtube_oembed=video_hosts.base_url + "/oembed")
    video_hosts.log.clear()
    return video_hosts


def peertube_url(hosts, path):
    return f"http://localhost:{hosts.server_port}{path}"


@pytest.mark.parametrize("path", ["/w/kkGMgK9ZtnKfYAgnEtQxbv", f"/videos/watch/{UUID}"])
def test_peertube_video(hosts, path):
    found = look_up(peertube_url(hosts, path))
    assert found["kind"] == "peertube"
    assert found["title"] == "Apprendre à contribuer"
    assert (found["author"], found["licence"]) == ("WikiMOOC team", "Attribution - Share Alike")
    assert found["duration"] == 4.0
    assert found["embed_url"] == peertube_url(hosts, f"/videos/embed/{UUID}")
    assert found["page_url"] == peertube_url(hosts, "/w/kkGMgK9ZtnKfYAgnEtQxbv")
    [track] = found["tracks"]
    assert track["lang"] == "fr" and track["cues"][0][2] == "Bonjour et bienvenue."


def test_peertube_video_that_does_not_exist(hosts):
    with pytest.raises(VideoRefused) as refused:
        look_up(peertube_url(hosts, "/w/nothingHere123"))
    assert refused.value.status == 404
    assert translate(refused.value.message, target_language="fr") == (
        f"Il n’y a pas de vidéo à cette adresse sur localhost:{hosts.server_port}.")  # noqa: RUF001


def test_youtube_video(hosts):
    found = look_up("https://youtu.be/dQw4w9WgXcQ")
    assert (found["title"], found["author"]) == ("A lecture on YouTube", "Wiki channel")
    assert found["embed_url"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert found["page_url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    [asked] = hosts.requests_to("/oembed")
    assert "url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ" in asked


@pytest.mark.parametrize(
    "ident, message",
    [
        ("BBBBBBBBBBB", "Il n’y a pas de vidéo YouTube BBBBBBBBBBB."),  # noqa: RUF001
        ("AAAAAAAAAAA", "Cette vidéo YouTube ne peut pas être intégrée à d’autres sites."),  # noqa: RUF001
    ],
)
def test_youtube_videos_refused(hosts, ident, message):
    with pytest.raises(VideoRefused) as refused:
        look_up(f"https://www.youtube.com/watch?v={ident}")
    assert translate(refused.value.message, target_language="fr") == message
