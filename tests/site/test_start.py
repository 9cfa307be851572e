"""`make start` for real: scripts/start.sh on a fresh instance (ZEO over FileStorage,
the task worker, waitress), stopped with Ctrl-C and started again."""

from pathlib import Path
from wikimooc.policy.demo import DEMO_COURSES

import base64
import json
import os
import pytest
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import yaml


REPOSITORY = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "a-long-test-password")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Platform:
    def __init__(self, directory):
        self.directory = directory
        self.instance = directory / "instance"
        self.config = directory / "instance.yaml"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/wikimooc"
        self.log = directory / "start.log"
        self.process = None
        self.config.write_text(
            yaml.safe_dump({
                "wsgi_listen": f"127.0.0.1:{self.port}",
                "initial_user_name": ADMIN[0],
                "initial_user_password": ADMIN[1],
            })
        )
        subprocess.run(
            [sys.executable, "scripts/instance.py", self.config, self.instance],
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
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                self.get("/en")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
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

    def request(self, path, data=None, method=None, auth=False):
        headers = {"Accept": "application/json"} if auth else {}
        if auth:
            token = base64.b64encode(":".join(ADMIN).encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        if data is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(data).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers=headers
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def get(self, path):
        return self.request(path).decode()

    def api(self, path, data=None, method=None):
        return json.loads(self.request(path, data, method, auth=True))


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    platform = Platform(tmp_path_factory.mktemp("platform"))
    platform.start()
    yield platform
    if platform.process.poll() is None:
        platform.interrupt()


@pytest.mark.parametrize("language, title", [
    ("en", "Learn to contribute to the Wikimedia projects"),
    ("fr", "Apprenez à contribuer aux projets Wikimedia"),
])
def test_language_roots_are_served(platform, language, title):
    """Each language root's home page is its course catalogue."""
    html = platform.get(f"/{language}")
    assert re.search(rf'<html[^>]*\blang="{language}"', html)
    assert re.search(rf"<h1[^>]*>\s*{title}\s*</h1>", html)


@pytest.mark.parametrize("course", DEMO_COURSES, ids=lambda course: course.id)
def test_demo_course_is_visible_to_anonymous_visitors(platform, course):
    html = platform.get(f"/{course.language}/{course.id}")
    assert re.search(rf'<html[^>]*\blang="{course.language}"', html)
    assert course.title in html


def test_private_session_is_not_visible_to_anonymous_visitors(platform):
    path = "/en/how-to-contribute-to-wikipedia/university-session-2027"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(
            urllib.request.Request(platform.url + path, headers={"Accept": "application/json"}),
            timeout=30,
        )
    assert refused.value.code == 401
    assert platform.api(path)["title"] == "University session, spring 2027"


def test_worker_runs_tasks_inside_the_site(platform):
    result = subprocess.run(
        [
            str(Path(sys.prefix) / "bin" / "wikimooc-worker"),
            "--ping",
            "--timeout",
            "60",
            str(platform.instance / "etc" / "zope.conf"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "reached 'WikiMOOC' as wikimooc-worker" in result.stdout


def test_uploaded_files_are_stored_as_blobs(platform):
    payload = bytes(range(256)) * 64
    platform.api(
        "/en",
        {
            "@type": "File",
            "id": "syllabus.bin",
            "file": {
                "data": base64.b64encode(payload).decode(),
                "encoding": "base64",
                "filename": "syllabus.bin",
                "content-type": "application/octet-stream",
            },
        },
    )
    download = platform.request("/en/syllabus.bin/@@download/file", auth=True)
    assert download == payload
    assert any((platform.instance / "var" / "blobstorage").rglob("*.blob"))


def test_restart_keeps_what_was_created_through_the_web(platform):
    created = platform.api(
        "/fr", {"@type": "Document", "id": "notes-atelier", "title": "Notes de l'atelier"}
    )
    assert created["language"]["token"] == "fr"
    courses_before = platform.api("/@search?portal_type=Folder&b_size=100")["items_total"]

    platform.interrupt()
    assert not platform.processes_left()
    platform.start()

    assert platform.api("/fr/notes-atelier")["title"] == "Notes de l'atelier"
    courses_after = platform.api("/@search?portal_type=Folder&b_size=100")["items_total"]
    assert courses_after == courses_before
    assert "is up to date; its content was kept" in platform.log.read_text()
