"""A real WikiMOOC platform in subprocesses: scripts/start.sh on an instance rendered
into a temporary directory, for the end-to-end tests (make start, scale-out)."""

from pathlib import Path

import base64
import json
import os
import pytest
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import yaml


REPOSITORY = Path(__file__).resolve().parents[1]
ADMIN = ("admin", "a-long-test-password")


def free_ports(count):
    """``count`` consecutive free loopback ports (web instances take consecutive ones)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue


class Platform:
    """``settings`` are instance.yaml keys; ``web_instances`` as make start INSTANCES=."""

    def __init__(self, directory, settings=None, web_instances=1):
        self.directory = directory
        self.instance = directory / "instance"
        self.config = directory / "instance.yaml"
        self.port = free_ports(web_instances)
        self.urls = [
            f"http://127.0.0.1:{self.port + number}/wikimooc" for number in range(web_instances)
        ]
        self.url = self.urls[0]
        self.log = directory / "start.log"
        self.process = None
        self.config.write_text(
            yaml.safe_dump({
                "wsgi_listen": f"127.0.0.1:{self.port}",
                "initial_user_name": ADMIN[0],
                "initial_user_password": ADMIN[1],
                **(settings or {}),
            })
        )
        subprocess.run(
            [sys.executable, "scripts/instance.py", self.config, self.instance,
             str(web_instances)],
            cwd=REPOSITORY,
            check=True,
        )

    def start(self):
        environment = {
            **os.environ,
            "VENV": sys.prefix,
            "INSTANCE": str(self.instance),
            "CONFIG": str(self.config),
        }
        self.process = subprocess.Popen(
            ["bash", "scripts/start.sh"],
            cwd=REPOSITORY,
            env=environment,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 240
        waiting = list(range(len(self.urls)))
        while waiting and time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                self.get("/en", instance=waiting[0])
                waiting.pop(0)
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        if waiting:
            pytest.fail(f"the platform did not answer in time:\n{self.log.read_text()[-3000:]}")

    def interrupt(self):
        """Ctrl-C: SIGINT to the whole foreground process group."""
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=60)

    def processes_left(self):
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def request(self, path, data=None, method=None, auth=False, instance=0):
        """``auth``: True for the admin, or a (login, password) pair; ``instance``:
        which web instance answers (0 is the first)."""
        headers = {"Accept": "application/json"} if auth else {}
        if auth:
            token = base64.b64encode(":".join(ADMIN if auth is True else auth).encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        if data is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(data).encode()
        request = urllib.request.Request(
            self.urls[instance] + path, data=data, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            # Keep the server's explanation in the test report.
            error.msg = f"{error.msg}: {error.read()[:500]!r}"
            raise

    def get(self, path, instance=0):
        return self.request(path, instance=instance).decode()

    def api(self, path, data=None, method=None, instance=0):
        answer = self.request(path, data, method, auth=True, instance=instance)
        return json.loads(answer) if answer else None

    def edit_across_instances(self, document_id):
        """Create a Document through the first web instance and retitle it through the
        second: the titles the other instance read back each time."""
        self.api("/en", {"@type": "Document", "id": document_id, "title": "Created on the first"})
        seen = [self.api(f"/en/{document_id}", instance=1)["title"]]
        self.api(f"/en/{document_id}", {"title": "Edited on the second"}, "PATCH", instance=1)
        return [*seen, self.api(f"/en/{document_id}", instance=0)["title"]]
