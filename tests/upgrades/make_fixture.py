"""Make the copy of an older site that test_older_site.py upgrades:
tests/upgrades/data/old-site.tar.xz (the packed Data.fs and its blobs) and
tests/upgrades/data/old-site.json (the path, type, UID, title and state of every
content object, the enrollment times and the certificate codes: what the archive
holds that old_site.py cannot know in advance).

The archive was made at commit 05162a73addab3311a05a59b3ba145d51e826c22 (main, 3
December 2026), on 3 December 2026, by running in a checkout whose code (src/,
scripts/, requirements.txt, instance.yaml) is that commit's:

    .venv/bin/python tests/upgrades/make_fixture.py

It creates the site as `make start` does (scripts/instance.py renders an instance
into a temporary directory, scripts/start.sh runs the instance's ZEO server,
scripts/create_site.py, the task worker and the web server), so the site has the
demo content of that commit. Then it adds, as the site's users do, through the REST
API of the running platform, what the demo does not have (the values are in
old_site.py): members, a teacher and learners of the private session (an
enrollment by invitation, two added by the teacher), a forum question with a
teacher's answer and a hidden learner's answer, a block and a teacher's mail
choice, a peer-reviewed exercise with its rubric, two submissions each reviewed by
the other learner and a teacher's grade override, edit tracking (a check of the
session's wiki run by the worker and two teacher decisions), two certificates (one
revoked), a guided tour draft with three steps, the lesson's practice settings, a
cover image, a page, a file, an adaptation of the course and WikiMOOC registry
settings. The session's wiki is a stand-in Action API served by this script for
the edit check; at the end every demo wiki points to old_site.NOWHERE_API.

Nothing of this runs in the tests: it documents how the archive was made. Its
value is that it is old: regenerating it with newer code tests less. To test an
upgrade from a later release as well, check that release out, run this with
ARCHIVE and MANIFEST renamed, and give the test a second archive; write the commit
here whenever an archive is made.
"""

from datetime import datetime
from datetime import UTC
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import base64
import json
import struct
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import zlib


HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from running_platform import ADMIN  # noqa: E402
from running_platform import Platform  # noqa: E402

import old_site  # noqa: E402


ARCHIVE = HERE / "data" / "old-site.tar.xz"
MANIFEST = HERE / "data" / "old-site.json"


class StandInWiki(ThreadingHTTPServer):
    """The Action API of the session's wiki, as far as an edit check and the list of
    guided tours read it: Ada created her sandbox (old_site.ADA_REVISION)."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), StandInWikiHandler)
        self.api_url = f"http://127.0.0.1:{self.server_address[1]}/w/api.php"
        threading.Thread(target=self.serve_forever, daemon=True).start()


def wiki_answer(params):
    # mwclient adds meta=userinfo to every query: ask which parts were asked for.
    meta = params.get("meta", "").split("|")
    lists = params.get("list", "").split("|")
    if "siteinfo" in meta:
        return {"query": {
            "general": {"case": "first-letter"},
            "namespaces": {
                "0": {"id": 0, "name": ""},
                "2": {"id": 2, "name": "User", "canonical": "User"},
                "3": {"id": 3, "name": "User talk", "canonical": "User talk"},
                "6": {"id": 6, "name": "File", "canonical": "File"},
                "8": {"id": 8, "name": "MediaWiki", "canonical": "MediaWiki"},
            },
            "namespacealiases": [],
        }}
    if "users" in lists:
        names = params["ususers"].split("|")
        return {"query": {"users": [
            {"userid": number, "name": name} for number, name in enumerate(names, 1)
        ]}}
    if "usercontribs" in lists:
        revision = old_site.ADA_REVISION
        found = [{
            "userid": 1, "user": "Ada", "pageid": 10, "revid": revision["revid"],
            "parentid": 0, "ns": 2, "title": revision["title"],
            "timestamp": revision["timestamp"], "new": True, "comment": revision["comment"],
            "size": revision["size"], "sizediff": revision["size"],
        }] if "Ada" in params["ucuser"].split("|") else []
        return {"batchcomplete": True, "query": {"usercontribs": found}}
    if "allpages" in lists:
        return {"batchcomplete": True, "query": {"allpages": [
            {"ns": 8, "title": "MediaWiki:Guidedtour-tour-twa1.js"},
        ]}}
    return {"batchcomplete": True, "query": {}}


class StandInWikiHandler(BaseHTTPRequestHandler):
    def answer(self, query):
        params = {key: values[-1] for key, values in parse_qs(query).items()}
        body = json.dumps(wiki_answer(params)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer(urlsplit(self.path).query)

    def do_POST(self):
        self.answer(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())

    def log_message(self, *args):
        pass


def png(size=16):
    """A small PNG (a blue square), made here: nothing is downloaded."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
        )
    rows = b"".join(b"\x00" + b"\x33\x66\xcc" * size for _ in range(size))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def upload(data, filename, content_type):
    return {"data": base64.b64encode(data).decode(), "encoding": "base64",
            "filename": filename, "content-type": content_type}


class Site:
    """REST calls to the running platform, as the admin or as a member."""

    def __init__(self, platform):
        self.platform = platform

    def call(self, path, data=None, method=None, login=None, expect=(200, 201, 204)):
        auth = ADMIN if login is None else (login, old_site.MEMBERS[login][1])
        try:
            answer = self.platform.request(path, data, method, auth=auth)
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{method or ('POST' if data is not None else 'GET')} {path}"
                             f" as {auth[0]}: {error.code} {error.msg}") from error
        return json.loads(answer) if answer else None

    def uid(self, path):
        return self.call(path)["UID"]


def add_user_data(site, wiki):
    registry = {
        **old_site.REGISTRY,
        "wikimooc.wikis": {"en.wikipedia.org": wiki.api_url},
    }
    site.call("/@registry", registry, "PATCH")
    for login, (fullname, password) in old_site.MEMBERS.items():
        site.call("/@users", {"username": login, "fullname": fullname, "password": password,
                              "email": f"{login}@example.org"})

    # The course: a cover, a page and a file, a peer-reviewed exercise, a tour draft
    # and the lesson's practice settings.
    site.call(old_site.COURSE, {"image": upload(png(), old_site.COVER_FILENAME, "image/png")},
              "PATCH")
    site.call(old_site.COURSE, {
        "@type": "Document", "id": old_site.READING_LIST.rsplit("/", 1)[1],
        "title": old_site.READING_LIST_TITLE, "text": old_site.READING_LIST_TEXT,
    })
    site.call(old_site.COURSE, {
        "@type": "File", "id": old_site.SYLLABUS.rsplit("/", 1)[1], "title": "Syllabus",
        "file": upload(old_site.SYLLABUS_TEXT.encode(), "syllabus.txt", "text/plain"),
    })
    site.call(old_site.MODULE, {
        "@type": "Exercise", "id": old_site.PEER_EXERCISE.rsplit("/", 1)[1],
        "title": old_site.PEER_EXERCISE_TITLE, "instructions": old_site.PEER_INSTRUCTIONS,
        "check": "peer", "rubric": old_site.RUBRIC, **old_site.PEER_SETTINGS,
    })
    site.call(old_site.COURSE, {
        "@type": "GuidedTourDraft", "id": old_site.TOUR.rsplit("/", 1)[1],
        "title": old_site.TOUR_TITLE, "description": old_site.TOUR_DESCRIPTION,
        "tour_name": old_site.TOUR_NAME,
    })
    for step in old_site.TOUR_STEPS:
        site.call(old_site.TOUR, {"@type": "GuidedTourStep", **step})
    site.call(old_site.LESSON, old_site.LESSON_PRACTICE, "PATCH")

    # The private session: its teacher, invitations, peer review and certificate.
    site.call(old_site.SESSION, {
        **old_site.SESSION_SETTINGS,
        "certificate_exercises": [site.uid(path) for path in old_site.CERTIFICATE_EXERCISES],
    }, "PATCH")
    site.call(old_site.SESSION + "/@enroll", {}, login="ada")
    site.call(old_site.SESSION + "/@enrollments", {"usernames": "Bob\nGrace Hopper"},
              login="tina")

    # The forum.
    site.call(old_site.SESSION + "/@forum", {
        "title": old_site.QUESTION_TITLE, "text": old_site.QUESTION_TEXT,
        "lesson": site.uid(old_site.LESSON), "wiki_link": old_site.QUESTION_WIKI_LINK,
    }, login="ada")
    site.call(old_site.QUESTION + "/@answers",
              {"text": '<p>Use <a href="https://en.wikipedia.org/wiki/Template:Cite_book">'
                       "{{Cite book}}</a>.</p>"}, login="tina")
    site.call(old_site.QUESTION + "/@answers", {"text": old_site.LEARNER_ANSWER_TEXT},
              login="bob")
    site.call(old_site.QUESTION + "/@answered", {"answered": True}, login="ada")
    site.call(old_site.LEARNER_ANSWER + "/@hide", {"reason": old_site.HIDE_REASON},
              login="tina")
    learner, reason = old_site.BLOCKED
    site.call(old_site.SESSION + "/@forum-blocks", {"learner": learner, "reason": reason},
              login="tina")
    site.call(old_site.SESSION + "/@forum-notifications", {"questions": "daily"}, login="tina")

    # Edit tracking: Bob and Grace Hopper by the teacher's decisions.
    wiki_exercise = site.uid(old_site.WIKI_EXERCISE)
    for learner, (done, reason) in old_site.DECISIONS.items():
        site.call(old_site.SESSION + "/@progress",
                  {"learner": learner, "exercise": wiki_exercise, "done": done, "reason": reason},
                  login="tina")

    # Peer review: both hand in, which allocates each to the other's work.
    exercise = site.uid(old_site.PEER_EXERCISE)
    urls = {}
    for login, work in old_site.SUBMISSIONS.items():
        created = site.call(old_site.SESSION + "/@submissions",
                            {"exercise": exercise, "text": work["text"], "links": work["links"]},
                            login=login)
        urls[login] = created["@id"]
        site.call(path_of(site, created["@id"]) + "/@workflow/submit", {}, login=login)
    for author, work in old_site.SUBMISSIONS.items():
        site.call(path_of(site, urls[author]) + "/@reviews", {
            "choices": [{"level": level} for level in work["levels"]],
            "comment": work["review_comment"],
        }, login=work["reviewer"])
    author, points, reason = old_site.OVERRIDE
    site.call(path_of(site, urls[author]) + "/@grade-override",
              {"points": points, "reason": reason}, login="tina")

    # Ada's sandbox, found by the worker on the (stand-in) wiki: her certificate.
    site.call(old_site.SESSION + "/@check-edits", {}, login="tina")
    deadline = time.monotonic() + 120
    ada = old_site.SESSION + "/@progress?learner=Ada"
    while not site.call(ada, login="tina")["items"][0]["done"]:
        if time.monotonic() > deadline:
            raise SystemExit("The worker did not check the session's edits in time.")
        time.sleep(1)
    certificates = site.call(old_site.SESSION + "/@certificates", login="tina")["items"]
    issued = {item["learner"]["wiki_username"]: item["code"] for item in certificates}
    if sorted(issued) != sorted(old_site.CERTIFICATES):
        raise SystemExit(
            f"Certificates issued to {sorted(issued)}, not {sorted(old_site.CERTIFICATES)}"
        )
    site.call(old_site.SESSION + "/@revoke-certificate",
              {"code": issued["Bob"], "reason": old_site.REVOKE_REASON}, login="tina")

    # An adaptation of the course, in French.
    site.call(old_site.COURSE + "/@adapt", {
        "container": "/fr", "title": old_site.ADAPTED_TITLE,
        "organisation": old_site.ADAPTED_ORGANISATION,
    })

    # Last: no demo wiki answers any more, the stand-in included.
    site.call("/@registry", {
        "wikimooc.wikis": dict.fromkeys(old_site.DEMO_WIKIS, old_site.NOWHERE_API),
    }, "PATCH")


def path_of(site, url):
    return url[len(site.platform.url):]


def manifest(site):
    """Every content object (path → type, UID, title, state), and the ids of what
    lives outside content: enrollment times and certificate codes."""
    found = site.call("/@search?b_size=10000&sort_on=path&metadata_fields=UID")
    content = {
        path_of(site, item["@id"]): {
            "@type": item["@type"], "UID": item["UID"], "title": item["title"],
            "review_state": item["review_state"],
        }
        for item in found["items"]
    }
    enrollments = site.call(old_site.SESSION + "/@enrollments?b_size=100")["items"]
    certificates = site.call(old_site.SESSION + "/@certificates", login="tina")["items"]
    return {
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "HEAD"),
        # The last commit that changed the code the site was made with.
        "code_commit": git("log", "-1", "--format=%H", "--", *CODE),
        "content": content,
        "enrolled": {item["wiki_username"]: item["enrolled"] for item in enrollments},
        "certificates": {item["learner"]["wiki_username"]: item["code"] for item in certificates},
    }


def git(*arguments):
    return subprocess.run(["git", *arguments], capture_output=True, text=True,
                          cwd=HERE.parents[1], check=True).stdout.strip()


CODE = ("src", "scripts", "requirements.txt", "instance.yaml")


def pack(var):
    """Pack the FileStorage (the platform is stopped): no history, no unused blobs."""
    from ZODB.DB import DB
    from ZODB.FileStorage import FileStorage

    storage = FileStorage(str(var / "filestorage" / "Data.fs"),
                          blob_dir=str(var / "blobstorage"))
    db = DB(storage)
    db.pack(days=0)
    db.close()


def archive(var):
    def kept(info):
        name = Path(info.name).name
        if name.endswith((".lock", ".index", ".tmp", ".old")) or name == "tmp":
            return None
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = 0
        return info

    ARCHIVE.parent.mkdir(exist_ok=True)
    with tarfile.open(ARCHIVE, "w:xz", preset=9) as tar:
        tar.add(var / "filestorage" / "Data.fs", "filestorage/Data.fs", filter=kept)
        tar.add(var / "blobstorage", "blobstorage", filter=kept)


def main():
    if changed := git("status", "--porcelain", "--", *CODE):
        raise SystemExit(f"Commit or stash these first: the archive names its commit.\n{changed}")
    with tempfile.TemporaryDirectory(prefix="wikimooc-old-site-") as directory:
        platform = Platform(Path(directory))
        wiki = StandInWiki()
        platform.start()
        try:
            site = Site(platform)
            add_user_data(site, wiki)
            written = manifest(site)
        finally:
            platform.interrupt()
            wiki.shutdown()
        var = platform.instance / "var"
        pack(var)
        archive(var)
        MANIFEST.write_text(
            json.dumps(written, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
    print(f"Wrote {ARCHIVE} ({ARCHIVE.stat().st_size / 1e6:.2f} MB) and {MANIFEST}.")


if __name__ == "__main__":
    main()
