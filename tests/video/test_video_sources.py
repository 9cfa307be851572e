"""What authors paste is read as a Commons file, a PeerTube or a YouTube video, or
refused with a reason, without asking any host."""

from wikimooc.policy.video.sources import read_source
from wikimooc.policy.video.sources import VideoRefused
from zope.i18n import translate

import pytest


@pytest.mark.parametrize(
    "text, kind, host, ident",
    [
        ("File:Wikipedia_Tutorial.webm", "commons", "commons.wikimedia.org",
         "File:Wikipedia Tutorial.webm"),
        ("wikipedia tutorial.webm", "commons", "commons.wikimedia.org",
         "File:Wikipedia tutorial.webm"),
        ("https://commons.wikimedia.org/wiki/File:Wikipedia_Tutorial.webm", "commons",
         "commons.wikimedia.org", "File:Wikipedia Tutorial.webm"),
        ("https://commons.m.wikimedia.org/wiki/File:Caf%C3%A9.ogv", "commons",
         "commons.wikimedia.org", "File:Café.ogv"),
        ("https://commons.wikimedia.org/w/index.php?title=File:Demo.webm&oldid=1", "commons",
         "commons.wikimedia.org", "File:Demo.webm"),
        ("https://upload.wikimedia.org/wikipedia/commons/1/12/Demo.webm", "commons",
         "commons.wikimedia.org", "File:Demo.webm"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "youtube", "youtube",
         "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "youtube",
         "dQw4w9WgXcQ"),
        ("https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv", "peertube", "https://framatube.org",
         "kkGMgK9ZtnKfYAgnEtQxbv"),
        ("https://peertube.example/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d",
         "peertube", "https://peertube.example", "9c9de5e8-0a1e-484a-b099-e80766180a6d"),
    ],
)
def test_sources_read(portal, text, kind, host, ident):
    source = read_source(text)
    assert (source.kind, source.host, source.ident) == (kind, host, ident)


@pytest.mark.parametrize(
    "text, message",
    [
        ("https://fr.wikipedia.org/wiki/Fichier:Demo.webm",
         "C’est une page de fr.wikipedia.org, pas de Wikimedia Commons : donnez le nom du"  # noqa: RUF001
         " fichier ou sa page sur Commons."),
        ("https://wiki.example.org/wiki/File:Demo.webm",
         "C’est une page de wiki.example.org, pas de Wikimedia Commons : donnez le nom du"  # noqa: RUF001
         " fichier ou sa page sur Commons."),
        ("https://vimeo.com/123456",
         "WikiMOOC lit les vidéos de Wikimedia Commons, de PeerTube et de YouTube :"
         " vimeo.com n’en est pas."),  # noqa: RUF001
        ("ftp://example.org/video.webm",
         "WikiMOOC lit les vidéos de Wikimedia Commons, de PeerTube et de YouTube :"
         " ftp://example.org/video.webm n’en est pas."),  # noqa: RUF001
        ("https://www.youtube.com/watch?v=short", "Cette adresse YouTube ne désigne aucune vidéo."),
        ("https://commons.wikimedia.org/wiki/Main_Page",
         "Cette page de Wikimedia Commons n’est pas un fichier : donnez la page d’un fichier"  # noqa: RUF001
         " (File:…)."),
        ("", "Donnez un fichier de Commons, une adresse PeerTube ou une adresse YouTube."),
        ("File:", "Donnez un fichier de Commons, une adresse PeerTube ou une adresse YouTube."),
    ],
)
def test_sources_refused_in_french(portal, text, message):
    with pytest.raises(VideoRefused) as refused:
        read_source(text)
    assert refused.value.status == 400
    assert translate(refused.value.message, target_language="fr") == message
