"""A private, real MediaWiki for the tests and for developers.

Debian's `mediawiki` package (1.39) with SQLite, served by PHP's built-in web server.
Each wiki lives in a directory of its own: its LocalSettings.php, its SQLite
databases under data/, and overrides.json, which the wiki reads on every request
so that a running wiki can change a few settings without a restart (see OVERRIDES).

    python scripts/mediawiki.py serve --dir var/dev-wiki --port 8181
    python scripts/mediawiki.py create-user --dir var/dev-wiki Ada 'a long password'

Standard library only: `make dev-wiki` runs it before any virtualenv exists.
"""

from pathlib import Path

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request


MEDIAWIKI_DIR = Path("/usr/share/mediawiki")
INSTALL_HINT = "apt-get install mediawiki php-sqlite3 php-cli"
SITENAME = "WikiTest"
ADMIN_USER = "Admin"
CAPTCHA_QUESTION = "Which free encyclopedia does this test wiki stand in for?"
CAPTCHA_ANSWER = "Wikipedia"
GROUPS = ("sysop", "bureaucrat", "interface-admin", "bot")

# Settings a running wiki reads from overrides.json on every request, with their
# defaults. The throttles count per 24 hours (0: no throttle): accounts created from
# one IP, failed logins to one account from one IP. Real wikis throttle account
# creation (6 a day by default); here it is off unless a test asks for it, because
# every test creates its accounts from 127.0.0.1.
OVERRIDES = {
    "account_creation_throttle": 0,
    "password_attempt_throttle": 0,
    "createaccount_captcha": True,
    "read_only": None,
    "rc_feed_port": None,
}

SETTINGS_MARKER = "# ---- WikiMOOC test and development wiki (scripts/mediawiki.py) ----"
OUR_SETTINGS = r"""
%(marker)s
if ( getenv( 'WIKIMOOC_WIKI_SERVER' ) ) {
	$wgServer = getenv( 'WIKIMOOC_WIKI_SERVER' );
}

$wikimoocOverrides = json_decode(
	(string)@file_get_contents( __DIR__ . '/overrides.json' ), true
) ?: [];
$wikimoocOverrides += %(defaults)s;

# The throttles and rate limits count in the main object cache. The installer's
# CACHE_ACCEL is APCu: one php -S process's memory, lost at each restart, out of
# reach of Wiki.reset_throttles(), and nothing at all without php-apcu.
$wgMainCacheType = CACHE_DB;
$wgSessionCacheType = CACHE_DB;

# Uploads (video lessons play files of this wiki): WebM too, kept beside the wiki's
# data and served by img_auth.php, which php -S reaches (the files are outside its
# document root). No TimedMediaHandler: the TimedText namespace is declared as
# Commons has it, and its pages hold the subtitles of File:<name>.
$wgEnableUploads = true;
$wgFileExtensions[] = 'webm';
$wgUploadDirectory = __DIR__ . '/images';
$wgUploadPath = "$wgScriptPath/img_auth.php";
$wgExtraNamespaces[710] = 'TimedText';
$wgExtraNamespaces[711] = 'TimedText_talk';

wfLoadExtensions( [ 'ConfirmEdit', 'ConfirmEdit/QuestyCaptcha' ] );
$wgCaptchaQuestions = [ %(question)s => %(answer)s ];
# As on Wikimedia's wikis: captchas live in the object cache, not in the PHP session,
# so an API client may ask for one and answer it from another HTTP session.
$wgCaptchaStorageClass = 'CaptchaCacheStore';
$wgCaptchaTriggers['createaccount'] = (bool)$wikimoocOverrides['createaccount_captcha'];
# Tests log in with wrong passwords and edit with links on purpose: no captcha there.
$wgCaptchaTriggers['badlogin'] = false;
$wgCaptchaTriggers['badloginperuser'] = false;
$wgCaptchaTriggers['addurl'] = false;

# Debian's copy of Extension:Renameuser: bureaucrats rename accounts on
# Special:RenameUser, and the renameuser log names the new account.
wfLoadExtension( 'Renameuser' );

$wgAccountCreationThrottle = [ [
	'count' => (int)$wikimoocOverrides['account_creation_throttle'],
	'seconds' => 86400,
] ];
$wgPasswordAttemptThrottle = [ [
	'count' => (int)$wikimoocOverrides['password_attempt_throttle'],
	'seconds' => 86400,
] ];

# As MediaWiki's own DevelopmentSettings.php: the limits stay on, out of reach.
# Not $wgRateLimitsExcludedIPs: that would exempt 127.0.0.1 from the account
# creation throttle too.
foreach ( $wgRateLimits as $action => &$wikimoocLimits ) {
	foreach ( $wikimoocLimits as $group => &$wikimoocLimit ) {
		$wikimoocLimit[0] = PHP_INT_MAX;
	}
}
unset( $wikimoocLimits, $wikimoocLimit );
# ConfirmEdit adds its limit after this file has run.
$wgRateLimits['badcaptcha'] = [
	'ip' => [ PHP_INT_MAX, 60 ], 'newbie' => [ PHP_INT_MAX, 60 ], 'user' => [ PHP_INT_MAX, 60 ],
];

# Recent changes published as JSON over UDP to 127.0.0.1:<rc_feed_port>, as
# Wikimedia's wikis feed EventStreams (the tests' relay serves them as such).
if ( $wikimoocOverrides['rc_feed_port'] ) {
	$wgRCFeeds['wikimooc'] = [
		'formatter' => 'JSONRCFeedFormatter',
		'uri' => 'udp://127.0.0.1:' . (int)$wikimoocOverrides['rc_feed_port'],
	];
}

if ( $wikimoocOverrides['read_only'] ) {
	$wgReadOnly = (string)$wikimoocOverrides['read_only'];
}
"""


class WikiError(RuntimeError):
    pass


class MissingPackages(WikiError):
    pass


def check_requirements():
    """Raise MissingPackages naming the Debian packages to install."""
    problems = []
    if not shutil.which("php"):
        problems.append("php is not installed")
    else:
        modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout
        if "pdo_sqlite" not in modules.lower():
            problems.append("PHP has no pdo_sqlite module")
    if not (MEDIAWIKI_DIR / "maintenance" / "install.php").is_file():
        problems.append(f"MediaWiki is not installed in {MEDIAWIKI_DIR}")
    if problems:
        raise MissingPackages(
            f"The local MediaWiki needs Debian's mediawiki package, PHP and its SQLite"
            f" driver ({'; '.join(problems)}): {INSTALL_HINT}"
        )


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def php_string(value):
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def php_array(mapping):
    return "[ " + ", ".join(
        f"{php_string(key)} => {json.dumps(value) if value is not None else 'null'}"
        for key, value in mapping.items()
    ) + " ]"


class Wiki:
    """One private wiki: its directory, and the PHP server that serves it."""

    def __init__(self, directory, host="127.0.0.1", port=8181):
        self.directory = Path(directory).resolve()
        self.host = host
        self.port = port
        self.server = None

    @property
    def netloc(self):
        return f"{self.host}:{self.port}"

    @property
    def base_url(self):
        return f"http://{self.netloc}"

    @property
    def api_url(self):
        return f"{self.base_url}/api.php"

    @property
    def index_url(self):
        return f"{self.base_url}/index.php"

    @property
    def local_settings(self):
        return self.directory / "LocalSettings.php"

    @property
    def admin_password_file(self):
        return self.directory / "admin-password"

    @property
    def server_log(self):
        return self.directory / "php-server.log"

    def is_installed(self):
        return (self.local_settings.is_file()
                and SETTINGS_MARKER in self.local_settings.read_text())

    # Installing

    def install(self, admin_password):
        """Create the wiki's databases and LocalSettings.php, with ADMIN_USER as
        sysop, bureaucrat and interface-admin."""
        check_requirements()
        if self.local_settings.exists():
            raise WikiError(f"{self.local_settings} exists: this directory has a wiki")
        self.directory.mkdir(parents=True, exist_ok=True)
        # --passfile keeps the password out of the process list.
        with tempfile.NamedTemporaryFile("w", dir=self.directory) as password_file:
            password_file.write(admin_password)
            password_file.flush()
            self._php(
                "maintenance/install.php", "--quiet",
                "--dbtype=sqlite", f"--dbpath={self.directory / 'data'}",
                "--dbname=wikidb", f"--server={self.base_url}", "--scriptpath=",
                "--lang=en", "--skins=Vector", f"--passfile={password_file.name}",
                f"--confpath={self.directory}", SITENAME, ADMIN_USER,
                config=False,
            )
        settings = OUR_SETTINGS % {
            "marker": SETTINGS_MARKER,
            "defaults": php_array(OVERRIDES),
            "question": php_string(CAPTCHA_QUESTION),
            "answer": php_string(CAPTCHA_ANSWER),
        }
        with self.local_settings.open("a") as local_settings:
            local_settings.write(settings)
        self.local_settings.chmod(0o600)  # it holds the wiki's secret key
        self.write_overrides(OVERRIDES)
        # install.php makes the administrator sysop and bureaucrat only.
        self._php("maintenance/createAndPromote.php", "--force", "--interface-admin",
                  ADMIN_USER)

    def _php(self, script, *args, config=True):
        env = dict(os.environ)
        if config:
            env["MW_CONFIG_FILE"] = str(self.local_settings)
        done = subprocess.run(
            ["php", script, *args], cwd=MEDIAWIKI_DIR, env=env,
            capture_output=True, text=True,
        )
        if done.returncode:
            raise WikiError(
                f"php {script} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
            )
        return done.stdout

    def create_user(self, name, password, groups=()):
        """Create an account directly (no captcha, no throttle), or set the password
        of an existing one; and add it to the groups, among GROUPS."""
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"no such group: {', '.join(sorted(unknown))} (known: {GROUPS})")
        self._php("maintenance/createAndPromote.php", "--force",
                  *(f"--{group}" for group in groups), name, password)

    # Per-request settings

    @property
    def overrides_file(self):
        return self.directory / "overrides.json"

    def read_overrides(self):
        return {**OVERRIDES, **json.loads(self.overrides_file.read_text())}

    def write_overrides(self, values):
        unknown = set(values) - set(OVERRIDES)
        if unknown:
            raise ValueError(f"no such wiki setting: {', '.join(sorted(unknown))}"
                             f" (known: {', '.join(OVERRIDES)})")
        # Written aside and renamed: a request never reads half a file.
        staged = self.overrides_file.with_suffix(".json.new")
        staged.write_text(json.dumps({**OVERRIDES, **values}, indent=1))
        staged.replace(self.overrides_file)
        self.reset_throttles()

    def reset_throttles(self):
        """Forget the account creation and login attempts counted so far."""
        cache = self.directory / "data" / "wikicache.sqlite"
        with contextlib.closing(sqlite3.connect(cache, timeout=30)) as db, db:
            # MediaWiki creates the table on its first use of the cache.
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'objectcache'").fetchone():
                db.execute("DELETE FROM objectcache WHERE keyname LIKE '%:throttler:%'")

    # Serving

    def start(self, timeout=60):
        """Serve the wiki with `php -S` and return once the API answers."""
        check_requirements()
        if not self.is_installed():
            raise WikiError(f"no wiki in {self.directory}: install it first")
        if self.server and self.server.poll() is None:
            raise WikiError(f"the wiki is already served on {self.base_url}")
        env = {**os.environ,
               "MW_CONFIG_FILE": str(self.local_settings),
               "WIKIMOOC_WIKI_SERVER": self.base_url}
        with self.server_log.open("ab") as log:
            self.server = subprocess.Popen(
                ["php", "-S", self.netloc, "-t", str(MEDIAWIKI_DIR)],
                cwd=MEDIAWIKI_DIR, env=env, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT,
            )
        self.wait_until_ready(timeout)

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            if self.server and self.server.poll() is not None:
                raise WikiError(
                    f"php -S stopped (exit {self.server.returncode}), see {self.server_log}:"
                    f"\n{self.server_log.read_text()[-2000:]}"
                )
            try:
                general = self.api(action="query", meta="siteinfo", timeout=5)
                if general["query"]["general"]["sitename"] == SITENAME:
                    return
            except (OSError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                raise WikiError(f"the wiki at {self.api_url} did not answer in {timeout}s")
            time.sleep(0.05)

    def stop(self):
        if self.server is None:
            return
        if self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server = None

    def api(self, timeout=30, **params):
        """A GET on api.php, its JSON answer."""
        query = urllib.parse.urlencode({**params, "format": "json", "formatversion": 2})
        with urllib.request.urlopen(f"{self.api_url}?{query}", timeout=timeout) as answer:
            return json.load(answer)


def serve(args):
    wiki = Wiki(args.dir, args.host, args.port)
    if not wiki.is_installed():
        password = secrets.token_urlsafe(18)
        started = time.monotonic()
        wiki.install(password)
        wiki.admin_password_file.write_text(password + "\n")
        wiki.admin_password_file.chmod(0o600)
        print(f"Installed a new wiki in {wiki.directory} ({time.monotonic() - started:.1f}s)")
    wiki.start()
    if wiki.admin_password_file.exists():
        login = (f"Log in as {ADMIN_USER} with {wiki.admin_password_file.read_text().strip()}"
                 f"  (kept in {wiki.admin_password_file})")
    else:
        login = f"{ADMIN_USER}'s password is not kept in {wiki.directory}"
    print(f"MediaWiki {MEDIAWIKI_DIR} on {wiki.base_url} (API: {wiki.api_url})\n{login}\n"
          f"Captcha on account creation: {CAPTCHA_QUESTION!r} -> {CAPTCHA_ANSWER!r}\n"
          f"Requests are logged to {wiki.server_log}. Ctrl-C stops.", flush=True)
    # Explicitly: a shell's background jobs start with SIGINT ignored.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, lambda *_: sys.exit(0))
    try:
        wiki.server.wait()
    finally:
        wiki.stop()


def create_user(args):
    wiki = Wiki(args.dir)
    if not wiki.is_installed():
        raise WikiError(f"no wiki in {wiki.directory}: run serve first")
    wiki.create_user(args.name, args.password, groups=args.groups)
    print(f"{args.name} can log in" + (f" ({', '.join(args.groups)})" if args.groups else ""))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve_command = commands.add_parser(
        "serve", help="install the wiki if DIR has none, serve it until Ctrl-C")
    serve_command.add_argument("--dir", required=True, type=Path)
    serve_command.add_argument("--host", default="127.0.0.1")
    serve_command.add_argument("--port", type=int, default=8181)
    serve_command.set_defaults(run=serve)
    user_command = commands.add_parser(
        "create-user", help="create an account directly, no captcha or throttle")
    user_command.add_argument("--dir", required=True, type=Path)
    user_command.add_argument("--group", dest="groups", action="append", default=[],
                              choices=GROUPS)
    user_command.add_argument("name")
    user_command.add_argument("password")
    user_command.set_defaults(run=create_user)
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except WikiError as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main()
