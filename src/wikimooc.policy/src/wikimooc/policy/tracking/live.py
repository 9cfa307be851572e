"""Live mode: follow the wikis' recent changes as they happen.

Wikimedia publishes every change of its wikis on EventStreams' ``recentchange``
stream, server-sent events (W3C) whose data is the JSON of MediaWiki's RC feed, with
``meta.domain`` (the wiki's host name) added. The follower (run by the worker,
``policy/worker.py``) keeps the changes of learners followed by an active session on
that wiki (``meta.domain`` or ``server_name``, then ``user``) and queues an immediate
check of just those learners on that wiki.

The position in the stream is the last event id, stored in the site: after a
disconnect or a restart the follower sends it back as ``Last-Event-ID`` and the
stream resumes after it. A matched change is queued before its id is stored, so a
crash between the two queues it again (a check is idempotent) rather than losing it.
The check (``schedule.check_wiki`` for those learners) runs once the change is
``SETTLE_SECONDS`` old: the wiki's replicas may lag that much behind, and the window
a check reads stops that much before now.
Polling goes on beside it: it reconciles, and it is all there is while the stream is
down, which the dashboards show ("polling since …").
"""

from datetime import timedelta
from persistent import Persistent
from plone import api
from wikimooc.policy.identity.settings import wikimooc_settings
from wikimooc.policy.taskqueue.site import task_site
from wikimooc.policy.tracking.checker import learners_to_follow
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.schedule import active_sessions
from wikimooc.policy.tracking.schedule import parse
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.wikis import user_agent
from wikimooc.workflows.annotations import annotation

import json
import logging
import requests
import threading
import time


logger = logging.getLogger(__name__)

STREAM_ANNOTATION = "wikimooc.tracking.stream"
# The follower stores its position and says it is alive this often; the dashboards
# call it live while it said so within HEARTBEAT_SECONDS * 3.
HEARTBEAT_SECONDS = 10
FOLLOWED_REFRESH_SECONDS = 60
READ_TIMEOUT_SECONDS = 60
LONGEST_RETRY_SECONDS = 60
# Categorization changes repeat the edit that made them.
CHECKED_TYPES = frozenset({"edit", "new", "log"})


class StreamState(Persistent):
    """Where the follower is in the stream, and whether it is connected."""

    def __init__(self):
        self.last_event_id = None
        self.connected = False
        self.since = None  # when it last connected, or last went down
        self.heartbeat = None


def stream_state():
    return annotation(api.portal.get(), STREAM_ANNOTATION, StreamState)


def live_status(now=None):
    """``{"mode": "live", "since": …}`` while the follower is connected and alive,
    ``{"mode": "polling", "since": …}`` otherwise (``since`` None: never live);
    None when live mode is off."""
    if not wikimooc_settings().live_stream_enabled:
        return None
    now = now or utc_now()
    state = annotation(api.portal.get(), STREAM_ANNOTATION, StreamState, create=False)
    if state is None or state.heartbeat is None:
        return {"mode": "polling", "since": None}
    alive = parse(state.heartbeat) > now - timedelta(seconds=HEARTBEAT_SECONDS * 3)
    if state.connected and alive:
        return {"mode": "live", "since": state.since}
    # A follower that died said nothing more after its last heartbeat.
    return {"mode": "polling", "since": state.since if not state.connected else state.heartbeat}


def server_sent_events(lines):
    """(id, event type, data) of each event of a ``text/event-stream``, as the W3C
    EventSource interpretation has it: fields up to a blank line, comments (``:``)
    ignored, the type ``message`` by default, the last id kept for later events."""
    last_id, kind, data = None, None, []
    for line in lines:
        if not line:
            if data:
                yield last_id, kind or "message", "\n".join(data)
            kind, data = None, []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data.append(value)
        elif name == "event":
            kind = value
        elif name == "id" and "\0" not in value:
            last_id = value


def change_of(data):
    """The recent change an event's data holds; None for canary events and anything
    that is not a change."""
    try:
        change = json.loads(data)
    except ValueError:
        return None
    if not isinstance(change, dict):
        return None
    meta = change.get("meta") if isinstance(change.get("meta"), dict) else {}
    if meta.get("domain") == "canary":
        return None
    return change


def followed_learners(now=None):
    """host → the usernames followed there by active sessions."""
    now = now or utc_now()
    followed = {}
    for session in active_sessions(now.date()):
        learners = learners_to_follow(session)
        for host in session_wikis(session):
            followed.setdefault(host, set()).update(learners)
    return followed


class Followed:
    """What a change must match: learners of active sessions on its wiki."""

    def __init__(self, learners):
        self.learners = learners

    def match(self, change):
        """(host, username, when it was made: a Unix time), or None when nobody
        follows it."""
        if change.get("type") not in CHECKED_TYPES:
            return None
        meta = change.get("meta") if isinstance(change.get("meta"), dict) else {}
        host = meta.get("domain") or change.get("server_name")
        user = change.get("user")
        if user not in self.learners.get(host, ()):
            return None
        made = change.get("timestamp")
        return host, user, made if isinstance(made, int) else int(time.time())


class StreamFollower:
    """Follows the stream of the site ``site_id`` until ``stop()``; ``queue_check(host,
    usernames, made)`` queues the check of a matched change made at ``made``."""

    def __init__(self, site_id, queue_check, first_retry_seconds=1.0):
        self.site_id = site_id
        self.queue_check = queue_check
        self.first_retry_seconds = first_retry_seconds
        self.stopping = threading.Event()
        self.response = None
        self.agent = None

    def stop(self):
        self.stopping.set()
        response = self.response
        if response is not None:
            response.close()

    def run(self):
        retry = self.first_retry_seconds
        while not self.stopping.is_set():
            try:
                if self.follow():
                    retry = self.first_retry_seconds
            except requests.RequestException as error:
                if not self.stopping.is_set():
                    logger.warning("The recent changes stream failed: %s", error)
            except Exception:
                # Closing the response from stop() breaks the read in many ways; any
                # other failure (the database, a bug) must not end the follower.
                if not self.stopping.is_set():
                    logger.exception("Following the recent changes stream failed")
            self.record(connected=False)
            self.stopping.wait(retry)
            retry = min(retry * 2, LONGEST_RETRY_SECONDS)

    def settings(self):
        """(stream URL or None when live mode is off, last event id, who is followed)."""
        with task_site(self.site_id):
            settings = wikimooc_settings()
            url = settings.live_stream_url if settings.live_stream_enabled else None
            return url, stream_state().last_event_id, Followed(followed_learners())

    def record(self, connected, last_event_id=None):
        with task_site(self.site_id):
            state = stream_state()
            now = wiki_timestamp(utc_now())
            if connected != state.connected or state.since is None:
                state.connected, state.since = connected, now
            state.heartbeat = now
            if last_event_id is not None:
                state.last_event_id = last_event_id

    def connect(self, url, last_event_id):
        headers = {"Accept": "text/event-stream", "User-Agent": self.agent}
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        response = requests.get(url, headers=headers, stream=True,
                                timeout=(10, READ_TIMEOUT_SECONDS))
        response.raise_for_status()
        self.response = response
        return response

    def follow(self):
        """One connection, until it ends or fails; whether it ever received."""
        url, last_event_id, followed = self.settings()
        if url is None or not any(followed.learners.values()):
            return False  # live mode off, or no learner to follow: asked again later
        with task_site(self.site_id):
            self.agent = user_agent()
        response = self.connect(url, last_event_id)
        if self.stopping.is_set():
            return False
        self.record(connected=True)
        stored = position = last_event_id
        heartbeat = refreshed = time.monotonic()
        for event_id, kind, data in server_sent_events(response.iter_lines(decode_unicode=True)):
            if self.stopping.is_set():
                break
            position = event_id or position
            change = change_of(data) if kind == "message" else None
            matched = followed.match(change) if change else None
            if matched:
                host, user, made = matched
                self.queue_check(host, [user], made)
            now = time.monotonic()
            if matched or now - heartbeat >= HEARTBEAT_SECONDS:
                self.record(connected=True, last_event_id=position)
                stored, heartbeat = position, now
            if now - refreshed >= FOLLOWED_REFRESH_SECONDS:
                followed, refreshed = self.settings()[2], now
        if position != stored:
            self.record(connected=True, last_event_id=position)
        return True
