"""pytest plugin: `mediawiki`, a real MediaWiki for the whole test session, and
`second_mediawiki`, another one (its own database and port) for the tests of
sessions that follow two wikis, started only when a test asks for it.

Debian's mediawiki package, installed into a temporary directory and served on a
free loopback port by scripts/mediawiki.py; see LocalWiki for what tests get.
"""

from pathlib import Path

import contextlib
import importlib.util
import mwclient
import pytest
import secrets
import struct
import sys
import time
import zlib


def load_mediawiki_script():
    # scripts/ is not a package: it must run with the system Python, before any venv.
    path = Path(__file__).resolve().parents[1] / "scripts" / "mediawiki.py"
    spec = importlib.util.spec_from_file_location("wikimooc_mediawiki_script", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


mediawiki_script = load_mediawiki_script()


class LocalWiki:
    """The running test wiki, as the `mediawiki` fixture yields it.

    `wiki` is the scripts/mediawiki.py Wiki underneath; `install_seconds` and
    `first_answer_seconds` say how long the session's wiki took to install and start.
    """

    admin_user = mediawiki_script.ADMIN_USER
    captcha_question = mediawiki_script.CAPTCHA_QUESTION
    captcha_answer = mediawiki_script.CAPTCHA_ANSWER

    def __init__(self, wiki, admin_password):
        self.wiki = wiki
        self.admin_password = admin_password
        self.install_seconds = None
        self.first_answer_seconds = None

    @property
    def host(self):
        """"127.0.0.1:<port>", the form WikiMOOC's wiki names take."""
        return self.wiki.netloc

    @property
    def api_url(self):
        return self.wiki.api_url

    @property
    def index_url(self):
        return self.wiki.index_url

    def site(self, user=None, password=None):
        """An mwclient Site, logged in as `user` if given."""
        # A loopback wiki answers at once or is down: no long retries.
        site = mwclient.Site(self.host, path="/", scheme="http", max_retries=2,
                             retry_timeout=1, clients_useragent="WikiMOOC tests")
        if user is not None:
            site.clientlogin(username=user, password=password)
            # clientlogin leaves the Site's idea of who is logged in unchanged.
            site.site_init()
        return site

    def create_user(self, name, password, groups=()):
        """Create the account directly (no captcha, no throttle), or reset its
        password; groups among sysop, bureaucrat, interface-admin, bot."""
        self.wiki.create_user(name, password, groups)

    def edit_as(self, user, password, title, text, summary=""):
        """Save `text` as `title` logged in as `user`; the new revision's id."""
        result = self.site(user, password).pages[title].edit(text, summary=summary)
        if "newrevid" not in result:
            raise ValueError(f"the edit of {title!r} by {user} made no revision: {result}")
        return result["newrevid"]

    def run_jobs(self):
        """Run the wiki's queued jobs now (what its own requests do in time), e.g.
        the ``mw-reverted`` tags a rollback leaves to a job."""
        self.wiki._php("maintenance/runJobs.php", "--quiet")

    @contextlib.contextmanager
    def settings(self, **overrides):
        """Change wiki settings for the block, without a restart, e.g.
        `account_creation_throttle=1`, `createaccount_captcha=False`,
        `read_only="reason"`; see OVERRIDES in scripts/mediawiki.py. Throttle
        counters start from zero in the block and after it."""
        previous = self.wiki.read_overrides()
        self.wiki.write_overrides({**previous, **overrides})
        try:
            yield self
        finally:
            self.wiki.write_overrides(previous)

    def logged_requests(self):
        """The requests the wiki's server logged so far, each as its method and
        path with its query string (`php -S` logs every request)."""
        lines = self.wiki.server_log.read_text(errors="replace").splitlines()
        return [line.partition("]: ")[2] for line in lines if "]: " in line]

    @contextlib.contextmanager
    def stopped(self):
        """The wiki is down (nothing listens on its port) for the block."""
        self.wiki.stop()
        try:
            yield self
        finally:
            self.wiki.start()


def running_wiki(tmp_path_factory, name):
    try:
        mediawiki_script.check_requirements()
    except mediawiki_script.MissingPackages as missing:
        pytest.fail(str(missing), pytrace=False)
    wiki = mediawiki_script.Wiki(tmp_path_factory.mktemp(name),
                                 port=mediawiki_script.free_port())
    local_wiki = LocalWiki(wiki, admin_password=secrets.token_urlsafe(18))
    started = time.monotonic()
    wiki.install(local_wiki.admin_password)
    installed = time.monotonic()
    try:
        wiki.start()
        local_wiki.install_seconds = installed - started
        local_wiki.first_answer_seconds = time.monotonic() - installed
        yield local_wiki
    finally:
        wiki.stop()


@pytest.fixture(scope="session")
def mediawiki(tmp_path_factory):
    yield from running_wiki(tmp_path_factory, "mediawiki")


@pytest.fixture(scope="session")
def second_mediawiki(tmp_path_factory):
    yield from running_wiki(tmp_path_factory, "second-mediawiki")


def one_pixel_png():
    """A valid one-pixel PNG of a random colour, to upload (the wiki warns about
    duplicate files)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    pixel = b"\x00" + secrets.token_bytes(3)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(pixel)) + chunk(b"IEND", b""))
