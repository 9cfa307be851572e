"""Video hosts for the video lesson tests (tests/video/, tests/chromium/), and their
pytest fixtures (a plugin of tests/conftest.py): ``lecture_on_wiki``, ``video_hosts``.

- ``make_webm``/``make_png``: small real files made with Debian's ffmpeg (VP8 WebM,
  which Debian's Chromium plays).
- ``upload_lecture``: the real local MediaWiki (tests/mediawiki_fixtures.py) gets the
  WebM as a file and TimedText pages (``TimedText:<file>.<lang>.srt``) with its
  subtitles. Debian's MediaWiki has no TimedMediaHandler: this is the platform's
  fallback path (core ``prop=imageinfo``, TimedText pages read through the API).
- ``VideoHosts``: a loopback stand-in for what cannot run here. Its ``/w/api.php`` is
  a TimedMediaHandler wiki answering exactly as TimedMediaHandler documents and
  implements (ApiQueryVideoInfo, ApiTimedText): ``action=query&prop=videoinfo`` with
  ``viprop=derivatives|timedtext`` (each track's ``src`` an ``action=timedtext`` URL
  with ``origin=*``, types ``text/x-srt`` and ``text/vtt``), ``formatversion=2`` page
  objects (``missing`` for a missing file), and ``action=timedtext&trackformat=srt|vtt``
  answering the raw subtitles (HTTP 404 for a language without any). It is also a
  PeerTube instance (``GET /api/v1/videos/{id}``, ``/api/v1/videos/{id}/captions``,
  the caption files, and the embed page ``/videos/embed/{uuid}`` with its Embed API:
  ``EMBED_PAGE``, below) and YouTube's oEmbed endpoint (``GET /oembed?url=&format=json``,
  404 for an unknown video, 401 for one that may not be embedded), and YouTube's
  IFrame Player API script (``GET /iframe_api``: ``IFRAME_API``, below). It serves
  the WebM too, and logs every request it gets.
"""

from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path
from plone import api
from urllib.parse import parse_qs
from urllib.parse import quote
from urllib.parse import urlsplit

import json
import pytest
import re
import subprocess
import threading


FRENCH_SRT = """1
00:00:00,000 --> 00:00:01,500
Bonjour et bienvenue.

2
00:00:01,500 --> 00:00:03,000
Voici <b>Wikipédia</b> <script>alert(1)</script>.

3
00:00:03,000 --> 00:00:04,000
Au revoir !
"""
ENGLISH_SRT = """1
00:00:00,000 --> 00:00:01,500
Hello and welcome.

2
00:00:01,500 --> 00:00:03,000
This is Wikipedia.

3
00:00:03,000 --> 00:00:04,000
Goodbye!
"""
GERMAN_VTT = """WEBVTT

00:00.000 --> 00:01.500
Hallo und willkommen.

00:01.500 --> 00:04.000
Das ist Wikipedia.
"""


def make_webm(path, seconds=4):
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
         "-i", f"testsrc=duration={seconds}:size=160x90:rate=10",
         "-c:v", "libvpx", "-b:v", "60k", "-y", str(path)],
        check=True,
    )
    return Path(path)


def make_png(path):
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
         "-i", "testsrc=size=32x32", "-frames:v", "1", "-y", str(path)],
        check=True,
    )
    return Path(path)


def use_hosts(commons_api_url, youtube_oembed=None):
    """The site asks Commons' API at ``commons_api_url`` (and YouTube's oEmbed at
    ``youtube_oembed``); functional tests commit after."""
    api.portal.set_registry_record("wikimooc.wikis", {"commons.wikimedia.org": commons_api_url})
    if youtube_oembed:
        api.portal.set_registry_record("wikimooc.video_youtube_oembed", youtube_oembed)


LECTURE = "WikiMOOC lecture.webm"
PICTURE = "WikiMOOC picture.png"


def upload_lecture(mediawiki, directory):
    """The WebM (with French and English TimedText pages) and a PNG, on the local
    MediaWiki; returns the WebM's path."""
    site = mediawiki.site(mediawiki.admin_user, mediawiki.admin_password)
    webm = make_webm(Path(directory) / "lecture.webm")
    png = make_png(Path(directory) / "picture.png")
    for path, name in ((webm, LECTURE), (png, PICTURE)):
        with path.open("rb") as upload:
            answer = site.upload(upload, filename=name, description="WikiMOOC test file",
                                 ignore=True)
        assert answer.get("result") == "Success", answer
    for lang, text in (("fr", FRENCH_SRT), ("en", ENGLISH_SRT)):
        site.pages[f"TimedText:{LECTURE}.{lang}.srt"].edit(text, summary="subtitles")
    return webm


# A stand-in for https://www.youtube.com/iframe_api, following the IFrame Player API
# reference (developers.google.com/youtube/iframe_api_reference): once loaded it
# calls the page's global onYouTubeIframeAPIReady(); ``new YT.Player(element,
# {host, videoId, playerVars, events})`` replaces the element with an iframe of
# ``{host}/embed/{videoId}?enablejsapi=1``, then calls events.onReady({target}); with
# playerVars.autoplay it plays, calling events.onStateChange({target, data}) with
# YT.PlayerState.PLAYING, and at the end ENDED. getCurrentTime() and getDuration()
# answer in seconds, getPlayerState() the state, getIframe() the iframe. Its video
# lasts 4 s and plays at real speed; seekTo(seconds) jumps.
IFRAME_API = """
(function () {
  var State = {UNSTARTED: -1, ENDED: 0, PLAYING: 1, PAUSED: 2, BUFFERING: 3, CUED: 5};
  function Player(element, options) {
    var self = this, events = options.events || {};
    var place = typeof element === "string" ? document.getElementById(element) : element;
    var frame = document.createElement("iframe");
    frame.src = (options.host || "https://www.youtube.com") + "/embed/" + options.videoId
      + "?enablejsapi=1";
    place.replaceWith(frame);
    var state = State.UNSTARTED, position = 0, since = null, duration = 4;
    function now() {
      if (since === null) { return position; }
      return Math.min(duration, position + (Date.now() - since) / 1000);
    }
    function change(next) {
      position = now();
      since = next === State.PLAYING ? Date.now() : null;
      state = next;
      if (events.onStateChange) { events.onStateChange({target: self, data: next}); }
      if (next === State.PLAYING) {
        setTimeout(function () { if (state === State.PLAYING) { change(State.ENDED); } },
                   (duration - position) * 1000);
      }
    }
    this.getIframe = function () { return frame; };
    this.getCurrentTime = now;
    this.getDuration = function () { return duration; };
    this.getPlayerState = function () { return state; };
    this.playVideo = function () { change(State.PLAYING); };
    this.pauseVideo = function () { change(State.PAUSED); };
    this.seekTo = function (seconds) {
      position = seconds;
      if (since !== null) { since = Date.now(); }
    };
    setTimeout(function () {
      if (events.onReady) { events.onReady({target: self}); }
      if ((options.playerVars || {}).autoplay) { self.playVideo(); }
    }, 50);
  }
  window.YT = {Player: Player, PlayerState: State, loaded: 1};
  setTimeout(function () {
    if (window.onYouTubeIframeAPIReady) { window.onYouTubeIframeAPIReady(); }
  }, 0);
})();
"""


# A stand-in for PeerTube's embed page (/videos/embed/{uuid}), following the PeerTube
# Embed API's documentation (docs.joinpeertube.org/api/embed-player) and the jschannel
# protocol it is built on (github.com/mozilla/jschannel, PROTOCOL.md): with ``api=1``
# in its address it builds a channel to window.parent, origin "*", of the scope given
# by ``scope=`` ("peertube" without): messages are JSON text through postMessage,
# methods "{scope}::{name}"; once listening it posts {"method": "{scope}::__ready",
# "params": "ping"}, answers a ping with "pong", and holds its other messages until
# one of them (then sends them, last held first, as jschannel does). Requests {id,
# method, params} are answered {id, result} ({id, error, message} when they fail):
# play, pause, seek, isReady, getVolume, setVolume, getPlaybackRate. It notifies
# "ready" (true), "playbackStatusUpdate" every half second ({position, volume,
# duration, playbackState}, the duration as text, as in the documentation's
# example; playbackState "unstarted", "playing", "paused" or "ended") and
# "playbackStatusChange" at each change. With ``autoplay=1`` it plays. The video is a
# real <video> of the tests' WebM (4 s), played by Chromium.
EMBED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>PeerTube embed</title></head>
<body>
<video src="/static/web-videos/%(uuid)s-90.webm" controls playsinline></video>
<script>
(function () {
  var query = new URLSearchParams(location.search);
  var video = document.querySelector("video");
  var scope = query.get("scope") || "peertube";
  var state = "unstarted", ready = false, held = [], apiReady = false;
  function post(message, force) {
    if (!ready && !force) { held.push(message); return; }
    window.parent.postMessage(JSON.stringify(message), "*");
  }
  function notify(method, params) { post({method: scope + "::" + method, params: params}); }
  var methods = {
    play: function () { video.play(); },
    pause: function () { video.pause(); },
    seek: function (seconds) { video.currentTime = seconds; },
    isReady: function () { return apiReady; },
    getVolume: function () { return video.volume; },
    setVolume: function (value) { video.volume = value; },
    getPlaybackRate: function () { return video.playbackRate; }
  };
  function onReady(kind) {
    if (ready) { return; }
    ready = true;
    if (kind === "ping") { notify("__ready", "pong"); }
    while (held.length) { post(held.pop()); }
  }
  function receive(event) {
    if (event.source !== window.parent) { return; }
    var message;
    try { message = JSON.parse(event.data); } catch (error) { return; }
    if (typeof message !== "object" || message === null || typeof message.method !== "string") {
      return;
    }
    var parts = message.method.split("::");
    if (parts.length !== 2 || parts[0] !== scope) { return; }
    if (parts[1] === "__ready") { onReady(message.params); return; }
    if (message.id && methods.hasOwnProperty(parts[1])) {
      try {
        post({id: message.id, result: methods[parts[1]](message.params)});
      } catch (error) {
        post({id: message.id, error: "runtime_error", message: String(error)});
      }
    }
  }
  function change(next) {
    state = next;
    notify("playbackStatusChange", next);
  }
  if (query.get("api") === "1") {
    window.addEventListener("message", receive);
    setTimeout(function () { post({method: scope + "::__ready", params: "ping"}, true); }, 0);
    video.addEventListener("play", function () { change("playing"); });
    video.addEventListener("pause", function () { if (!video.ended) { change("paused"); } });
    video.addEventListener("ended", function () { change("ended"); });
    setInterval(function () {
      notify("playbackStatusUpdate", {position: video.currentTime, volume: video.volume,
                                      duration: String(video.duration), playbackState: state});
    }, 500);
    apiReady = true;
    notify("ready", true);
  }
  if (query.get("autoplay") === "1") { video.play().catch(function () {}); }
})();
</script>
</body></html>
"""


class VideoHosts(ThreadingHTTPServer):
    """See the module's docstring. ``files`` maps TimedMediaHandler file titles to
    their description; ``peertube`` PeerTube ids to theirs; ``youtube`` YouTube ids
    to (title, channel) or to a status."""

    def __init__(self, webm):
        super().__init__(("127.0.0.1", 0), VideoHostsHandler)
        self.webm = Path(webm).read_bytes()
        self.log = []
        self.files = {
            "File:Lecture.webm": {
                "subtitles": {"fr": FRENCH_SRT, "en": ENGLISH_SRT},
                "extmetadata": {
                    "ObjectName": {"value": "Lecture <i>one</i>", "source": "original"},
                    "LicenseShortName": {"value": "CC BY-SA 4.0", "source": "commons-desc-page"},
                    "LicenseUrl": {"value": "https://creativecommons.org/licenses/by-sa/4.0",
                                   "source": "commons-desc-page"},
                    "Artist": {"value": '<a href="//commons.wikimedia.org/wiki/User:Ada">Ada'
                                        '</a> <script>alert(1)</script>',
                               "source": "commons-desc-page"},
                },
            },
            "File:Silent.webm": {"subtitles": {}, "extmetadata": {}},
        }
        self.peertube = {
            "9c9de5e8-0a1e-484a-b099-e80766180a6d": {
                "short": "kkGMgK9ZtnKfYAgnEtQxbv", "name": "Apprendre à <b>contribuer</b>",
                "duration": 4, "licence": {"id": 2, "label": "Attribution - Share Alike"},
                "account": {"name": "wikimooc", "displayName": "WikiMOOC team"},
                "captions": {"fr": FRENCH_SRT.replace(",", ".")},
            },
        }
        self.youtube = {"dQw4w9WgXcQ": ("A lecture on YouTube", "Wiki channel"),
                        "AAAAAAAAAAA": 401}
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.server_port}"

    @property
    def api_url(self):
        return self.base_url + "/w/api.php"

    @property
    def netloc(self):
        return f"127.0.0.1:{self.server_port}"

    def requests_to(self, prefix):
        return [entry for entry in self.log if entry.startswith(prefix)]

    # TimedMediaHandler

    def track_src(self, title, lang, trackformat):
        return (f"{self.api_url}?action=timedtext&title={quote(title)}&lang={lang}"
                f"&trackformat={trackformat}&origin=%2A")

    def videoinfo(self, title):
        described = self.files[title]
        name = title.split(":", 1)[1]
        tracks = []
        for lang in described["subtitles"]:
            for trackformat, kind in (("srt", "text/x-srt"), ("vtt", "text/vtt")):
                tracks.append({
                    "src": self.track_src(title, lang, trackformat), "kind": "subtitles",
                    "type": kind, "srclang": lang, "dir": "ltr",
                    "label": {"fr": "français (fr)", "en": "English (en)"}[lang],
                })
        return {
            "size": len(self.webm), "width": 160, "height": 90, "duration": 4.0,
            "url": f"{self.base_url}/images/{quote(name)}",
            "descriptionurl": f"{self.base_url}/wiki/{quote(title)}",
            "mime": "video/webm", "mediatype": "VIDEO",
            "extmetadata": described["extmetadata"],
            "derivatives": [
                {"src": f"{self.base_url}/transcoded/{quote(name)}.360p.vp9.webm",
                 "type": 'video/webm; codecs="vp9, opus"', "transcodekey": "360p.vp9.webm",
                 "width": 160, "height": 90, "bandwidth": 60000},
                {"src": f"{self.base_url}/images/{quote(name)}", "type": "video/webm",
                 "transcodekey": "", "width": 160, "height": 90, "bandwidth": 60000},
            ],
            "timedtext": tracks,
        }

    def query(self, params):
        title = params.get("titles", "")
        if params.get("prop") != "videoinfo":
            return 400, "application/json", json.dumps({"error": {"code": "badvalue"}})
        if title in self.files:
            page = {"pageid": 1, "ns": 6, "title": title, "imagerepository": "local",
                    "videoinfo": [self.videoinfo(title)]}
        else:
            page = {"ns": 6, "title": title, "missing": True, "imagerepository": ""}
        return 200, "application/json", json.dumps(
            {"batchcomplete": True, "query": {"pages": [page]}})

    def timedtext(self, params):
        described = self.files.get(params.get("title"))
        text = described["subtitles"].get(params.get("lang")) if described else None
        if text is None:
            return 404, "application/json", json.dumps(
                {"error": {"code": "timedtext-notfound"}})
        if params.get("trackformat") == "vtt":
            return 200, "text/vtt", "WEBVTT\n\n" + text.replace(",", ".")
        return 200, "text/srt", text

    # PeerTube

    def peertube_video(self, ident):
        for uuid, described in self.peertube.items():
            if ident in (uuid, described["short"]):
                return uuid, described
        return None, None

    def peertube_answer(self, path):
        parts = path.split("/")  # "", api, v1, videos, id[, captions]
        uuid, described = self.peertube_video(parts[4])
        if described is None:
            return 404, "application/json", json.dumps({"status": 404, "error": "not found"})
        if len(parts) == 6 and parts[5] == "captions":
            data = [{"language": {"id": lang, "label": {"fr": "French"}.get(lang, lang)},
                     "captionPath": f"/lazy-static/video-captions/{uuid}-{lang}.vtt"}
                    for lang in described["captions"]]
            return 200, "application/json", json.dumps({"total": len(data), "data": data})
        return 200, "application/json", json.dumps({
            "id": 1, "uuid": uuid, "shortUUID": described["short"], "name": described["name"],
            "duration": described["duration"], "licence": described["licence"],
            "account": described["account"], "embedPath": f"/videos/embed/{uuid}",
        })

    def peertube_caption(self, path):
        name = path.rsplit("/", 1)[1].removesuffix(".vtt")
        uuid, _dash, lang = name.rpartition("-")
        described = self.peertube.get(uuid)
        if described is None or lang not in described["captions"]:
            return 404, "text/plain", "not found"
        return 200, "text/vtt", "WEBVTT\n\n" + described["captions"][lang]

    # YouTube

    def oembed(self, params):
        url = urlsplit(params.get("url", ""))
        found = self.youtube.get(parse_qs(url.query).get("v", [""])[0])
        if isinstance(found, int):
            return found, "text/plain", "Unauthorized"
        if found is None:
            return 404, "text/plain", "Not Found"
        title, channel = found
        return 200, "application/json", json.dumps({
            "title": title, "author_name": channel, "type": "video", "version": "1.0",
            "provider_name": "YouTube", "html": "<iframe></iframe>",
        })

    def answer(self, path, params):
        if path == "/w/api.php":
            if params.get("action") == "timedtext":
                return self.timedtext(params)
            return self.query(params)
        if path.startswith("/api/v1/videos/"):
            return self.peertube_answer(path)
        if path.startswith("/lazy-static/video-captions/"):
            return self.peertube_caption(path)
        if path.startswith("/videos/embed/"):
            uuid, described = self.peertube_video(path.rsplit("/", 1)[1])
            if described is None:
                return 404, "text/html", "<!DOCTYPE html><p>Video not found</p>"
            return 200, "text/html", EMBED_PAGE % {"uuid": uuid}
        if path == "/oembed":
            return self.oembed(params)
        if path == "/iframe_api":
            return 200, "text/javascript", IFRAME_API
        if path.startswith(("/images/", "/transcoded/", "/static/web-videos/")):
            return 200, "video/webm", self.webm
        return 404, "text/plain", "not found"


class VideoHostsHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        self.server.log.append(self.path)
        params = {key: values[0] for key, values in parse_qs(url.query).items()}
        status, kind, body = self.server.answer(url.path, params)
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        asked = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if kind == "video/webm" and asked:
            # As the web servers of Commons and PeerTube: byte ranges, which the
            # browser asks for to seek.
            start = int(asked.group(1))
            end = min(int(asked.group(2) or len(data) - 1), len(data) - 1)
            status, whole, data = 206, len(data), data[start:end + 1]
        self.send_response(status)
        # As MediaWiki's API (ApiFormatBase) and PeerTube: text is UTF-8 and says so.
        self.send_header("Content-Type", kind if kind == "video/webm" else f"{kind}; charset=utf-8")
        if kind == "video/webm":
            self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{whole}")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextmanager
def serving_video_hosts(webm):
    server = VideoHosts(webm)
    server.thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def lecture_on_wiki(mediawiki, tmp_path_factory):
    """The real local MediaWiki with the WebM, its TimedText pages and a PNG."""
    return upload_lecture(mediawiki, tmp_path_factory.mktemp("videos"))


@pytest.fixture(scope="session")
def video_hosts(lecture_on_wiki):
    """The loopback stand-in (TimedMediaHandler wiki, PeerTube, YouTube oEmbed)."""
    with serving_video_hosts(lecture_on_wiki) as hosts:
        yield hosts
