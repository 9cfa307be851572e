"""A loopback stand-in for Wikimedia's EventStreams ``recentchange`` stream, fed by
the real local MediaWiki.

No EventStreams can run here, but MediaWiki publishes its recent changes itself:
with the wiki's ``rc_feed_port`` override (scripts/mediawiki.py), ``$wgRCFeeds``
sends each change as JSON (``JSONRCFeedFormatter``) in a UDP datagram to the relay.
The relay keeps them in order (as EventStreams' Kafka topic does) and serves them
over HTTP as server-sent events the way EventStreams does:

- ``GET /v2/stream/recentchange`` answers ``text/event-stream``; each event is
  ``event: message``, ``id:`` a JSON array of ``{"topic", "partition", "offset"}``,
  and ``data:`` the change's JSON with what EventStreams adds to MediaWiki's
  packet: ``$schema`` and ``meta`` (``domain``, ``dt``, ``id``, ``stream``,
  ``topic``, ``partition``, ``offset``, ``uri``);
- a ``Last-Event-ID`` header resumes after that event, ``?since=`` (ISO 8601 or
  milliseconds) starts at a time; neither: only events from now on;
- an idle connection gets a ``:`` comment line every second (a keep-alive).

``meta.domain`` is the wiki as WikiMOOC names it (``127.0.0.1:<port>``: the
fixture's ``LocalWiki.host``), where Wikimedia's is the wiki's host name.
``stop()`` is the relay killed: the port closes, open streams end, and datagrams
sent meanwhile are lost (UDP); ``start()`` again serves the events kept before.
"""

from datetime import datetime
from datetime import UTC
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import json
import socket
import threading
import time
import uuid


STREAM_PATH = "/v2/stream/recentchange"
TOPIC = "local.mediawiki.recentchange"
SCHEMA = "/mediawiki/recentchange/1.0.0"


def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecentChangesRelay:
    def __init__(self, domain, keep_alive_seconds=1.0):
        self.domain = domain
        self.keep_alive_seconds = keep_alive_seconds
        self.udp_port = free_port(socket.SOCK_DGRAM)
        self.http_port = free_port(socket.SOCK_STREAM)
        self.events = []  # (offset, milliseconds, data)
        self.changed = threading.Condition()
        self.last_event_ids = []  # the Last-Event-ID of each connection, None if none
        self.running = False
        self.server = None
        self.receiver = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}{STREAM_PATH}"

    def start(self):
        self.running = True
        self.receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.receiver.bind(("127.0.0.1", self.udp_port))
        self.receiver.settimeout(0.2)
        threading.Thread(target=self.receive, args=(self.receiver,), daemon=True).start()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.http_port), self.handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.running = False
        with self.changed:
            self.changed.notify_all()
        self.server.shutdown()
        self.server.server_close()
        self.receiver.close()

    def receive(self, receiver):
        while self.running:
            try:
                packet = receiver.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            self.append(json.loads(packet))

    def append(self, change):
        now = datetime.now(UTC)
        with self.changed:
            offset = len(self.events)
            change.update({
                "$schema": SCHEMA,
                "meta": {
                    "uri": change.get("server_url", "") + "/wiki/" + change.get("title", ""),
                    "id": str(uuid.uuid4()),
                    "dt": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "domain": self.domain,
                    "stream": "mediawiki.recentchange",
                    "topic": TOPIC,
                    "partition": 0,
                    "offset": offset,
                },
            })
            self.events.append((offset, int(now.timestamp() * 1000), json.dumps(change)))
            self.changed.notify_all()

    def first_offset(self, last_event_id, since):
        """Where a connection starts: after its Last-Event-ID, at ``since``, or now."""
        if last_event_id:
            positions = json.loads(last_event_id)
            return max(p["offset"] for p in positions if p["topic"] == TOPIC) + 1
        if since:
            moment = (int(since) if since.isdigit() else
                      int(datetime.fromisoformat(since.replace("Z", "+00:00")).timestamp() * 1000))
            with self.changed:
                later = [offset for offset, when, _data in self.events if when >= moment]
                return later[0] if later else len(self.events)
        return len(self.events)

    def stream(self, write, last_event_id, since):
        self.last_event_ids.append(last_event_id)
        offset = self.first_offset(last_event_id, since)
        while self.running:
            with self.changed:
                if offset >= len(self.events):
                    self.changed.wait(self.keep_alive_seconds)
                pending = self.events[offset:]
            if not self.running:
                return
            if not pending:
                write(":\n\n")
                continue
            for event_offset, _when, data in pending:
                event_id = json.dumps([{"topic": TOPIC, "partition": 0, "offset": event_offset}])
                write(f"event: message\nid: {event_id}\ndata: {data}\n\n")
            offset = pending[-1][0] + 1

    def handler(self):
        relay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlsplit(self.path)
                if url.path != STREAM_PATH:
                    self.send_error(404)
                    return
                since = parse_qs(url.query).get("since", [None])[0]
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()

                def write(text):
                    body = text.encode()
                    self.wfile.write(f"{len(body):x}\r\n".encode() + body + b"\r\n")
                    self.wfile.flush()

                try:
                    relay.stream(write, self.headers.get("Last-Event-ID"), since)
                except (BrokenPipeError, ConnectionResetError):
                    return
                self.close_connection = True

        return Handler

    def wait_for(self, predicate, timeout=10):
        """The first event whose change satisfies ``predicate``, within ``timeout``."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for _offset, _when, data in self.events:
                    change = json.loads(data)
                    if predicate(change):
                        return change
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no such change reached the relay")
                self.changed.wait(left)
