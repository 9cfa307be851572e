"""What an author pastes, read as a video source: a file on the file wiki (Wikimedia
Commons unless the ``wikimooc.video_file_wiki`` record says otherwise), a PeerTube
video or a YouTube video. Nothing is asked of any host here."""

from plone import api
from typing import NamedTuple
from urllib.parse import parse_qs
from urllib.parse import unquote
from urllib.parse import urlsplit
from wikimooc.policy import _
from wikimooc.policy.wikis import api_url
from wikimooc.workflows.refusals import Refused

import re


COMMONS = "commons.wikimedia.org"
FILE_PREFIXES = ("file:", "image:", "fichier:")
VIDEO_EXTENSIONS = (".webm", ".ogv", ".ogg", ".mp4", ".mpg", ".mpeg")
YOUTUBE_HOSTS = frozenset({
    "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be",
    "youtube-nocookie.com", "www.youtube-nocookie.com",
})
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_PATHS = re.compile(r"^/(?:embed|shorts|live|v)/([^/?#]+)")
PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([0-9A-Za-z-]{6,40})/?$")
WIKI_PATH = re.compile(r"^/(?:wiki/|w/index\.php|index\.php)")
WIKIMEDIA_DOMAINS = (
    "wikipedia.org", "wikimedia.org", "wiktionary.org", "wikibooks.org", "wikiversity.org",
    "wikisource.org", "wikiquote.org", "wikivoyage.org", "wikinews.org", "wikidata.org",
    "mediawiki.org", "wikifunctions.org",
)
MAX_SOURCE_LENGTH = 500


class VideoRefused(Refused):
    """A video that cannot be used: not found, not a video, not from a known host,
    or its host cannot be reached (docs/api.md)."""

    error_type = "VideoRefused"


class Source(NamedTuple):
    kind: str  # "commons", "peertube" or "youtube"
    host: str  # the file wiki, the PeerTube instance (scheme://host) or "youtube"
    ident: str  # "File:Name.webm", the PeerTube id, the YouTube id

    @property
    def key(self):
        return f"{self.kind}:{self.host}:{self.ident}"


def file_wiki():
    return api.portal.get_registry_record("wikimooc.video_file_wiki", default=None) or COMMONS


def file_title(name):
    """``File:Name with spaces.webm``, as MediaWiki names the file page."""
    name = unquote(name).replace("_", " ").strip()
    if name.lower().startswith(FILE_PREFIXES):
        name = name.split(":", 1)[1].strip()
    return "File:" + name[:1].upper() + name[1:] if name else ""


def file_wiki_netlocs(host):
    """Where the file wiki's pages are: its own host and, when the ``wikimooc.wikis``
    record maps it elsewhere (a local MediaWiki), that address's host."""
    return {host, host.replace("commons.", "commons.m."), urlsplit(api_url(host)).netloc}


def title_in_wiki_url(url):
    """The page title a wiki URL (/wiki/Title, index.php?title=Title) names, or ''."""
    if url.path.startswith("/wiki/"):
        return unquote(url.path[len("/wiki/"):])
    return parse_qs(url.query).get("title", [""])[0]


def unknown_host(host):
    return VideoRefused(400, _(
        "WikiMOOC plays videos of Wikimedia Commons, PeerTube and YouTube: ${host} is none"
        " of them.", mapping={"host": host}))


def read_source(text):
    """The Source ``text`` names; VideoRefused (400) when it names none."""
    text = (text or "").strip()
    if not text or len(text) > MAX_SOURCE_LENGTH:
        raise VideoRefused(400, _("Give a Commons file, a PeerTube address or a YouTube"
                                  " address."))
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        return commons_file(file_wiki(), text)
    url = urlsplit(text)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise unknown_host(text)
    host = url.netloc.lower()
    if url.hostname in YOUTUBE_HOSTS:
        return youtube_video(url)
    wiki = file_wiki()
    if host in file_wiki_netlocs(wiki):
        return commons_url(wiki, url)
    if url.hostname == "upload.wikimedia.org":
        return commons_file(wiki, url.path.rsplit("/", 1)[-1])
    if url.hostname.endswith(WIKIMEDIA_DOMAINS) or WIKI_PATH.match(url.path):
        raise VideoRefused(400, _(
            "This is a page of ${host}, not of Wikimedia Commons: give the file's name or"
            " its page on Commons.", mapping={"host": host}))
    found = PEERTUBE_PATH.match(url.path)
    if found:
        return Source("peertube", f"{url.scheme}://{host}", found.group(1))
    raise unknown_host(host)


def commons_file(wiki, name):
    title = file_title(name)
    if not title or any(character in title for character in "#<>[]|{}"):
        raise VideoRefused(400, _("Give a Commons file, a PeerTube address or a YouTube"
                                  " address."))
    return Source("commons", wiki, title)


def commons_url(wiki, url):
    title = title_in_wiki_url(url)
    if not title.replace("_", " ").lower().startswith(FILE_PREFIXES):
        raise VideoRefused(400, _(
            "This page of Wikimedia Commons is not a file: give a file's page (File:…)."))
    return commons_file(wiki, title)


def youtube_video(url):
    if url.hostname == "youtu.be":
        ident = url.path.strip("/")
    elif url.path == "/watch":
        ident = parse_qs(url.query).get("v", [""])[0]
    else:
        found = YOUTUBE_PATHS.match(url.path)
        ident = found.group(1) if found else ""
    if not YOUTUBE_ID.match(ident):
        raise VideoRefused(400, _("This YouTube address names no video."))
    return Source("youtube", "youtube", ident)
