"""Asking a video host: one HTTP client with Wikimedia's User-Agent etiquette,
bounded time, and a refusal that says which host could not be reached."""

from wikimooc.policy import _
from wikimooc.policy.video.sources import VideoRefused
from wikimooc.policy.wikis import user_agent

import requests


TIMEOUT_SECONDS = 10
MAX_BYTES = 2_000_000  # subtitles and API answers are far smaller


def unreachable(host):
    return VideoRefused(503, _("${host} cannot be reached now: try again later.",
                               mapping={"host": host}))


def get(url, params=None, host=None):
    """The response to a GET (any status); VideoRefused (503) when ``host`` does
    not answer."""
    try:
        response = requests.get(url, params=params, timeout=TIMEOUT_SECONDS,
                                headers={"User-Agent": user_agent()}, stream=True)
        content = response.raw.read(MAX_BYTES + 1, decode_content=True)
    except (requests.RequestException, OSError) as error:
        raise unreachable(host or url) from error
    if len(content) > MAX_BYTES:
        raise unreachable(host or url)
    response._content = content
    return response


def get_json(url, params=None, host=None):
    """The JSON answer of a GET, or None when it is not JSON or not a 200."""
    response = get(url, params, host)
    if response.status_code != 200:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def utf8_text(response):
    """The body as text: subtitles are UTF-8 (WebVTT says so; MediaWiki's are), whatever
    charset the Content-Type header gives or omits."""
    return response.content.decode("utf-8", "replace")
