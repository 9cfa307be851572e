"""Edit-tracking benchmark: check cycles of sessions of 100, 1,000 and 10,000 learners
against a real local MediaWiki, the naive one-request-per-learner approach in the same
run, and how long a saved edit takes to show as progress.

    .venv/bin/python bench/edit_tracking.py [--sizes 100,1000,10000] [--quick]

It prints figures (tables); it never passes or fails on a speed. It exits with status 1
only when the data are wrong: the cycle and the naive approach read different numbers
of contributions, a populated edit was not read, or the latency edit never became
progress.

The wiki. scripts/mediawiki.py installs Debian's MediaWiki into var/bench-wiki (kept
between runs) and serves it with `php -S` on a free loopback port. Learners are real
accounts, "Bench learner 00000" and so on, each with three real revisions (a user
page saved twice, an article of over 100 bytes). One PHP maintenance script creates
them in-process (User::createNew, WikiPage::doUserEditContent), 100 learners per
transaction, with the wiki's object caches, search index and job queue switched off
for that run only: about 8 ms per edit on 2 cores, where an account made by
createAndPromote.php takes 0.2 s and an edit through the API 0.45 s. A later run reuses
the wiki when it holds enough learners, and adds the missing ones otherwise. Delete
var/bench-wiki to start over.

The platform. A temporary directory holds a real ZODB FileStorage and a zope.conf like
the one scripts/instance.py renders; Zope is configured in this process with
make_wsgi_app, and the site is created with wikimooc.policy.site.ensure_site. The
registry record wikimooc.wikis points the sessions' wiki at the local one.

Parts:
  A  per size N, a session with learners 0 .. N-1 enrolled by wiki username (no member
     accounts): one check cycle of its wiki for it (read_wiki, then the commit), with
     every HTTP request counted; its window runs from the session's start to now.
  B  the naive approach in the same window: one list=usercontribs request per learner,
     with continuation.
  C  a second cycle right after the first: the window is the few seconds since then.
  D  latency, on the largest session: a learner saves a new User:<name>/Brouillon page
     through the API (an exercise asks for it); once the edit has settled
     (SETTLE_SECONDS), check_wiki runs as the worker would when the wiki is due (for
     the learners of every session of this run, all on that wiki); the time from the
     save to the committed progress record is measured. The worst case adds a whole
     check interval: computed, not waited for.
  E  two checks of the wiki for all the sessions of the run together (they share
     learners): each distinct learner read once, against one check per session.
"""

from load import enter_zope
from load import finish_run
from load import leave_zope
from load import load_script
from load import operating_system
from load import processors
from load import REPOSITORY
from load import scratch_directory
from load import start_in_process_run
from load import step
from load import table
from load import write_zope_instance
from pathlib import Path

import argparse
import contextlib
import dataclasses
import datetime
import hashlib
import importlib.metadata
import json
import logging
import math
import mwclient  # before the filter below: importing it shows every DeprecationWarning
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings


warnings.filterwarnings("ignore")
logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
logging.getLogger("wikimooc").setLevel(logging.WARNING)

WIKI_DIRECTORY = REPOSITORY / "var" / "bench-wiki"
WIKI_STATE_FILE = "bench-learners.json"
LEARNER_PREFIX = "Bench learner"
EDITS_PER_LEARNER = 3  # what POPULATE_SCRIPT saves for each learner
LEARNERS_PER_PHP_RUN = 1000
DEFAULT_SIZES = (100, 1000, 10000)
TIME_TARGET_LEARNERS = 10000
TIME_TARGET_SECONDS = 30
LATENCY_TARGET_SECONDS = 120
DRAFT_TITLE = "User:{username}/Brouillon"

POPULATE_SCRIPT = r"""<?php
// Written and run by bench/edit_tracking.py through maintenance/runScript.php.
use MediaWiki\MediaWikiServices;

class PopulateBenchLearners extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addDescription( 'Create learner accounts, each with three edits' );
		$this->addOption( 'prefix', 'Usernames are "<prefix> <5-digit number>"', true, true );
		$this->addOption( 'from', 'First learner number', true, true );
		$this->addOption( 'to', 'Learner number to stop before', true, true );
		$this->setBatchSize( 100 );
	}

	public function execute() {
		$pages = MediaWikiServices::getInstance()->getWikiPageFactory();
		$dbw = $this->getDB( DB_PRIMARY );
		$to = (int)$this->getOption( 'to' );
		for ( $first = (int)$this->getOption( 'from' ); $first < $to; $first += $this->getBatchSize() ) {
			// A batch commits as a whole: an account never exists without its edits,
			// and a run that stopped half-way is resumed by skipping existing accounts.
			$this->beginTransaction( $dbw, __METHOD__ );
			for ( $number = $first; $number < min( $to, $first + $this->getBatchSize() ); $number++ ) {
				$name = sprintf( '%s %05d', $this->getOption( 'prefix' ), $number );
				$user = User::createNew( $name );
				if ( !$user ) {
					continue;
				}
				$edits = [
					[ "User:$name/Sandbox", "Notes of $name." ],
					[ "User:$name/Sandbox", "Notes of $name, and a second thought." ],
					[ "Bench article $number", str_repeat( "A sentence about topic $number. ", 6 ) ],
				];
				foreach ( $edits as [ $titleText, $text ] ) {
					$title = Title::newFromText( $titleText );
					$status = $pages->newFromTitle( $title )->doUserEditContent(
						ContentHandler::makeContent( $text, $title ), $user, 'WikiMOOC benchmark'
					);
					if ( !$status->isOK() ) {
						$this->fatalError( "$titleText: " . $status->getWikiText() );
					}
				}
			}
			$this->commitTransaction( $dbw, __METHOD__ );
		}
	}
}

$maintClass = PopulateBenchLearners::class;
require_once RUN_MAINTENANCE_IF_MAIN;
"""  # noqa: E501

# The wiki's own settings, and for the populating run only: no fsync, and none of the
# side work of an edit that the benchmark never reads (object and parser caches, the
# search index, the jobs an edit queues, which the web server would otherwise run
# during the measured requests).
POPULATE_SETTINGS = r"""<?php
require %(local_settings)s;
$wgDBservers = [ [
	'host' => '', 'dbname' => $wgDBname, 'user' => '', 'password' => '',
	'type' => 'sqlite', 'load' => 1, 'flags' => DBO_DEFAULT,
	'variables' => [ 'synchronous' => 'OFF' ],
] ];
$wgMainCacheType = CACHE_NONE;
$wgParserCacheType = CACHE_NONE;
$wgMessageCacheType = CACHE_NONE;
$wgDisableSearchUpdate = true;
$wgJobTypeConf['default'] = [ 'class' => JobQueueMemory::class, 'order' => 'fifo' ];
"""

# A wiki populated by another version of the recipe is rebuilt.
RECIPE = hashlib.sha256(
    (POPULATE_SCRIPT + POPULATE_SETTINGS + LEARNER_PREFIX).encode()
).hexdigest()[:16]


mediawiki = load_script("mediawiki")


def learner_name(number):
    return f"{LEARNER_PREFIX} {number:05d}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)),
        help="learners per session, comma-separated (100,1000,10000)",
    )
    parser.add_argument("--quick", action="store_true", help="one session of 100 learners")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = "100"
    try:
        args.sizes = sorted({int(size) for size in args.sizes.split(",")})
    except ValueError:
        parser.error(f"--sizes {args.sizes!r}: comma-separated numbers expected")
    if args.sizes[0] < 1:
        parser.error("--sizes: every size must be at least 1")
    return args


def seconds(value):
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


# ----------------------------------------------------------------------------- the wiki


@dataclasses.dataclass
class WikiSetup:
    wiki: object
    created: datetime.date
    install_seconds: float | None  # None: installed by an earlier run
    populated: list  # [first, stop, seconds, this_run] per populating pass
    start_seconds: float = 0.0


def read_state(directory):
    try:
        state = json.loads((directory / WIKI_STATE_FILE).read_text())
    except (OSError, ValueError):
        return None
    return state if state.get("recipe") == RECIPE else None


def write_state(directory, state):
    (directory / WIKI_STATE_FILE).write_text(json.dumps(state, indent=1))


def accounts_in_database(wiki):
    """Learner accounts the wiki's database holds (each has all its edits)."""
    database = wiki.directory / "data" / "wikidb.sqlite"
    with contextlib.closing(sqlite3.connect(database)) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM user WHERE user_name LIKE ?", (LEARNER_PREFIX + " %",)
        ).fetchone()
    return count


def populate(wiki, first, stop):
    """Create learners first .. stop-1 with their edits, a PHP process per thousand."""
    with tempfile.TemporaryDirectory(prefix="wikimooc-bench-php-") as scratch:
        script = Path(scratch) / "populate.php"
        script.write_text(POPULATE_SCRIPT)
        settings = Path(scratch) / "settings.php"
        settings.write_text(
            POPULATE_SETTINGS % {"local_settings": mediawiki.php_string(str(wiki.local_settings))}
        )
        started = time.perf_counter()
        for chunk in range(first, stop, LEARNERS_PER_PHP_RUN):
            done = subprocess.run(
                ["php", "maintenance/runScript.php", str(script), "--prefix", LEARNER_PREFIX,
                 "--from", str(chunk), "--to", str(min(stop, chunk + LEARNERS_PER_PHP_RUN))],
                cwd=mediawiki.MEDIAWIKI_DIR, env={**os.environ, "MW_CONFIG_FILE": str(settings)},
                capture_output=True, text=True,
            )
            if done.returncode:
                raise mediawiki.WikiError(
                    f"populating the wiki failed ({done.returncode}):\n{done.stdout}{done.stderr}"
                )
            step(f"wiki: {min(stop, chunk + LEARNERS_PER_PHP_RUN):,} of {stop:,} learners"
                 f" ({time.perf_counter() - started:.0f} s)")
    return time.perf_counter() - started


def prepare_wiki(learners):
    """The cached wiki with at least ``learners`` learners, served; install and
    populate what is missing."""
    mediawiki.check_requirements()
    directory = WIKI_DIRECTORY
    wiki = mediawiki.Wiki(directory, port=mediawiki.free_port())
    state = read_state(directory) if wiki.is_installed() else None
    install_seconds = None
    if state is None:
        if directory.exists():
            step(f"wiki: {directory} is not a complete benchmark wiki: rebuilding it")
            shutil.rmtree(directory)
        started = time.perf_counter()
        password = secrets.token_urlsafe(18)
        wiki.install(password)
        # Where `scripts/mediawiki.py serve --dir var/bench-wiki` finds it.
        wiki.admin_password_file.write_text(password + "\n")
        wiki.admin_password_file.chmod(0o600)
        install_seconds = time.perf_counter() - started
        state = {"recipe": RECIPE, "learners": 0, "populated": [],
                 "created": datetime.datetime.now(datetime.UTC).date().isoformat()}
        write_state(directory, state)
        step(f"wiki: installed in {directory} ({install_seconds:.1f} s)")
    populated = [[*entry, False] for entry in state["populated"]]
    # More accounts than recorded: a populating run stopped half-way; it is resumed.
    wanted = max(learners, accounts_in_database(wiki))
    if state["learners"] < wanted:
        first, stop = state["learners"], wanted
        spent = populate(wiki, first, stop)
        state["learners"] = stop
        state["populated"].append([first, stop, spent])
        populated.append([first, stop, spent, True])
        write_state(directory, state)
    if accounts_in_database(wiki) != state["learners"]:
        raise mediawiki.WikiError(
            f"{directory} has {accounts_in_database(wiki):,} learner accounts,"
            f" {state['learners']:,} expected: delete it and run again"
        )
    wiki.server_log.unlink(missing_ok=True)  # one run's requests, not every run's
    started = time.perf_counter()
    wiki.start()
    setup = WikiSetup(wiki, datetime.date.fromisoformat(state["created"]), install_seconds,
                      populated, time.perf_counter() - started)
    return setup, state["learners"]


@contextlib.contextmanager
def served_wiki(learners):
    """prepare_wiki()'s setup and learners, the wiki stopped afterwards."""
    setup, available = prepare_wiki(learners)
    try:
        yield setup, available
    finally:
        setup.wiki.stop()


def versions(wiki):
    general = wiki.api(action="query", meta="siteinfo")["query"]["general"]
    php = subprocess.run(["php", "-r", "echo PHP_VERSION;"], capture_output=True, text=True)
    return f"{general['generator']}, PHP {php.stdout.strip()} (php -S, one process), SQLite"


def machine_info():
    return (
        f"{processors()}; {operating_system()};"
        f" Plone {importlib.metadata.version('Products.CMFPlone')},"
        f" mwclient {importlib.metadata.version('mwclient')}"
    )


# ----------------------------------------------------------------------------- Plone


def start_plone(directory):
    """A Plone site on a FileStorage in ``directory``, Zope configured in-process."""
    from wikimooc.policy.site import ensure_site
    from Zope2.Startup.run import make_wsgi_app

    import transaction
    import Zope2

    make_wsgi_app({}, str(write_zope_instance(directory, cache_size=100000)))
    site, _created = ensure_site(enter_zope(Zope2.app()), with_demo_content=False)
    transaction.commit()
    return site


def stop_plone():
    import transaction
    import Zope2

    transaction.abort()
    leave_zope()
    Zope2.DB.close()


def create_course(site, wiki):
    """A course whose exercises are checked on the local wiki: a draft to create
    (the latency part's) and an article edit of at least 100 bytes (each learner's third
    populated edit)."""
    from plone import api

    import transaction

    api.portal.set_registry_record("wikimooc.wikis", {wiki.netloc: wiki.api_url})
    api.user.create(email="teacher@example.org", username="teacher", password="bench-pw-123")
    course = api.content.create(
        container=site["en"], type="Course", id="tracked", title="Tracked",
        projects=("wikipedia",),
    )
    module = api.content.create(container=course, type="Module", id="m", title="Module")
    api.content.create(container=module, type="Exercise", id="draft", title="Draft",
                       check="wiki", wiki_action="create_page", title_pattern=DRAFT_TITLE)
    api.content.create(container=module, type="Exercise", id="article", title="Article",
                       check="wiki", wiki_action="edit_page", namespace=0, min_bytes=100)
    api.content.transition(course, to_state="published")
    transaction.commit()
    return course


def create_session(course, wiki, learners, start, session_id=None):
    """A session (``learners-<learners>`` unless ``session_id`` says) on the local
    wiki with learners 0 .. learners-1, enrolled by a teacher by wiki username."""
    from plone import api
    from wikimooc.policy.enrollment import add_learners

    import transaction

    session = api.content.create(
        container=course, type="CourseSession", id=session_id or f"learners-{learners}",
        title=f"{learners:,} learners", kind="public", enrollment_policy="open",
        start=start, end=start + datetime.timedelta(days=365), wiki=wiki.netloc,
        teachers=["teacher"],
    )
    api.content.transition(session, "open")
    results = add_learners(session, [learner_name(n) for n in range(learners)], added_by="teacher")
    assert all(result["status"] == "added" for result in results), results[:3]
    transaction.commit()
    return session


# ----------------------------------------------------------------------------- measuring


class HttpLog:
    """A response hook: every HTTP request a client made, and the time until each
    answer's headers came back."""

    def __init__(self):
        self.requests = 0
        self.continuations = 0
        self.wiki_seconds = 0.0

    def __call__(self, response, *args, **kwargs):
        self.requests += 1
        self.wiki_seconds += response.elapsed.total_seconds()
        if "uccontinue=" in response.request.url:
            self.continuations += 1


def logged_site(host):
    """The client read_wiki makes for itself (wikis.connect), logged."""
    from wikimooc.policy.wikis import connect

    site = connect(host, retries=2)
    log = HttpLog()
    site.connection.hooks["response"].append(log)
    return site, log


@dataclasses.dataclass
class Cycle:
    report: object
    http: HttpLog
    check_seconds: float
    commit_seconds: float
    window: tuple

    @property
    def seconds(self):
        return self.check_seconds + self.commit_seconds

    @property
    def usercontribs(self):
        return self.report.requests["usercontribs"]

    def time_cells(self):
        """Tables A and C's last columns: wiki, check, commit, cycle."""
        return [seconds(self.http.wiki_seconds), seconds(self.check_seconds),
                seconds(self.commit_seconds), seconds(self.seconds)]


def run_cycle(sessions):
    """One check of the sessions' wiki for ``sessions`` as the worker runs it
    (read_wiki, then the commit); its window is the first session's."""
    from wikimooc.policy.tracking.checker import read_wiki
    from wikimooc.policy.tracking.storage import tracking_of
    from wikimooc.policy.tracking.storage import utc_now

    import transaction

    host = sessions[0].wiki
    site, log = logged_site(host)
    window_start = tracking_of(sessions[0]).watermark
    started = time.perf_counter()
    report = read_wiki(host, sessions, utc_now(), site=site)
    checked = time.perf_counter()
    transaction.commit()
    committed = time.perf_counter()
    return Cycle(report, log, checked - started, committed - checked,
                 (window_start, tracking_of(sessions[0]).watermark))


@dataclasses.dataclass
class WikiCheck:
    """Part E: two checks of the wiki for all the run's sessions at once, and the
    usercontribs requests one check per session would make."""

    sessions: int
    per_session: int
    first: Cycle
    next: Cycle


def run_wiki_checks(sessions):
    from wikimooc.policy.tracking.checker import learners_to_follow
    from wikimooc.policy.tracking.checker import USERS_PER_REQUEST

    per_session = sum(math.ceil(len(learners_to_follow(session)) / USERS_PER_REQUEST)
                      for session in sessions)
    return WikiCheck(len(sessions), per_session, run_cycle(sessions), run_cycle(sessions))


@dataclasses.dataclass
class Naive:
    requests: int
    continuations: int
    read: int
    wiki_seconds: float
    seconds: float


def run_naive(session, window):
    """One list=usercontribs request per learner (and its continuation pages), in the
    window a cycle read, with the checker's own client and properties."""
    from wikimooc.policy.tracking.checker import CONTRIBUTION_PROPERTIES
    from wikimooc.policy.tracking.checker import learners_to_follow

    site, log = logged_site(session.wiki)
    read = 0
    started = time.perf_counter()
    for name in learners_to_follow(session):
        params = {
            "list": "usercontribs", "ucuser": name, "ucstart": window[0], "ucend": window[1],
            "ucdir": "newer", "uclimit": "max", "ucprop": CONTRIBUTION_PROPERTIES,
        }
        while True:
            answer = site.get("query", formatversion=2, **params)
            read += len(answer["query"]["usercontribs"])
            if "continue" not in answer:
                break
            params.update(answer["continue"])
    return Naive(log.requests, log.continuations, read, log.wiki_seconds,
                 time.perf_counter() - started)


@dataclasses.dataclass
class Latency:
    learners: int
    learner: str
    settle_wait: float
    cycle: float
    saved_to_progress: float
    interval: int
    settle: int

    @property
    def worst_case(self):
        """The edit saved just after a cycle's window closed: it waits for the next
        cycle, a check interval later, and that cycle's run."""
        return self.interval + self.settle + self.cycle

    @property
    def worst_case_tick_skipped(self):
        """The same when the next tick finds the session not yet due (see the report)."""
        return 2 * self.interval + self.settle + self.cycle

    @property
    def average(self):
        return self.interval / 2 + self.settle + self.cycle


def learner_without_draft(wiki, session):
    """The first learner whose draft page does not exist yet (earlier runs made some)."""
    from wikimooc.policy.tracking.checker import chunks
    from wikimooc.policy.tracking.checker import learners_to_follow
    from wikimooc.policy.tracking.checker import USERS_PER_REQUEST

    for batch in chunks(learners_to_follow(session), USERS_PER_REQUEST):
        titles = {DRAFT_TITLE.format(username=name): name for name in batch}
        answer = wiki.api(action="query", titles="|".join(titles))
        missing = {page["title"] for page in answer["query"]["pages"] if page.get("missing")}
        for title, name in titles.items():
            if title in missing:
                return name
    raise mediawiki.WikiError("every learner of the session already has a draft page")


def measure_latency(wiki, session):
    """Save a draft as a learner, then run check_wiki once the edit has settled;
    seconds from the save to the committed progress record."""
    from wikimooc.policy.identity.settings import wikimooc_settings
    from wikimooc.policy.tracking.checker import SETTLE_SECONDS
    from wikimooc.policy.tracking.schedule import check_wiki
    from wikimooc.policy.tracking.schedule import is_due
    from wikimooc.policy.tracking.schedule import parse
    from wikimooc.policy.tracking.storage import tracking_of
    from wikimooc.policy.tracking.storage import utc_now

    learner = learner_without_draft(wiki, session)
    password = secrets.token_urlsafe(18)
    wiki.create_user(learner, password)
    client = mwclient.Site(wiki.netloc, path="/", scheme="http",
                           clients_useragent="WikiMOOC benchmark")
    client.clientlogin(username=learner, password=password)
    client.site_init()  # clientlogin leaves the client's idea of who is logged in unchanged
    draft = session.__parent__["m"]["draft"]

    result = client.pages[DRAFT_TITLE.format(username=learner)].edit(
        "My draft, saved by the WikiMOOC benchmark.", summary="WikiMOOC benchmark"
    )
    saved = time.perf_counter()
    settled_at = parse(result["newtimestamp"]) + datetime.timedelta(seconds=SETTLE_SECONDS)
    while utc_now() < settled_at:
        time.sleep(0.1)
    settled = time.perf_counter()
    now = utc_now()
    assert is_due(session.wiki, now), "the wiki is not due: the measured cycle would not run"
    report = check_wiki(session.wiki, now=now)
    done = time.perf_counter()
    progress = tracking_of(session).progress.get((learner, draft.UID()))
    if report is None or progress is None or progress.revid != result["newrevid"]:
        raise AssertionError(f"{learner}'s draft (revision {result['newrevid']}) is not"
                             f" progress after a cycle: {report}, {progress}")
    return Latency(report.learners, learner, settled - saved, done - settled, done - saved,
                   wikimooc_settings().check_interval_seconds, SETTLE_SECONDS)


# ----------------------------------------------------------------------------- main


@dataclasses.dataclass
class SizeResult:
    learners: int
    first: Cycle
    second: Cycle
    naive: Naive


def main(argv=None):
    args = parse_args(argv)
    run_started = start_in_process_run(
        "WikiMOOC edit-tracking benchmark", machine_info(),
        f"sessions of {', '.join(f'{size:,}' for size in args.sizes)} learners,"
        f" {EDITS_PER_LEARNER} populated edits each",
    )
    with scratch_directory() as directory, served_wiki(max(args.sizes)) as (setup, available):
        print(versions(setup.wiki), flush=True)
        results, wiki_checks, latency, failures = run(args.sizes, setup.wiki, setup.created,
                                                      directory)
    print_report(setup, available, results, wiki_checks, latency)
    return finish_run(run_started, failures)


def start_plone_with_course(directory, wiki):
    """start_plone, then create_course: the course."""
    started = time.perf_counter()
    course = create_course(start_plone(directory), wiki)
    step(f"Zope configured, site and course created in {time.perf_counter() - started:.1f} s")
    return course


def run(sizes, wiki, start, directory):
    """Parts A to E; their figures, and what was wrong with the data."""
    course = start_plone_with_course(directory, wiki)
    from wikimooc.policy.tracking.checker import USERS_PER_REQUEST

    results, sessions, failures = [], [], []
    try:
        for size in sizes:
            started = time.perf_counter()
            session = create_session(course, wiki, size, start)
            step(f"{size:,} learners enrolled in {time.perf_counter() - started:.1f} s")
            first = run_cycle([session])
            step(f"{size:,}: first cycle {seconds(first.seconds)}")
            second = run_cycle([session])
            step(f"{size:,}: second cycle {seconds(second.seconds)}")
            naive = run_naive(session, first.window)
            step(f"{size:,}: naive approach {seconds(naive.seconds)}")
            results.append(SizeResult(size, first, second, naive))
            sessions.append(session)
            if naive.read != first.report.read:
                failures.append(f"{size:,} learners: the cycle read {first.report.read:,}"
                                f" contributions, the naive approach {naive.read:,}")
            if first.report.read < EDITS_PER_LEARNER * size:
                failures.append(f"{size:,} learners: {first.report.read:,} contributions read,"
                                f" at least {EDITS_PER_LEARNER * size:,} expected")
        wiki_checks = run_wiki_checks(sessions)
        step(f"{len(sessions)} sessions: two checks of their wiki together")
        quiet = math.ceil(max(sizes) / USERS_PER_REQUEST)
        if wiki_checks.next.usercontribs != quiet:
            failures.append(f"the quiet check of the wiki for all the sessions made"
                            f" {wiki_checks.next.usercontribs} usercontribs requests, not {quiet}")
        latency = measure_latency(wiki, session)
        step(f"{size:,}: latency measured")
    finally:
        stop_plone()
    return results, wiki_checks, latency, failures


def print_report(setup, available, results, wiki_checks, latency):
    from wikimooc.policy.tracking.checker import USERS_PER_REQUEST

    print()
    print(f"Wiki setup ({WIKI_DIRECTORY.relative_to(REPOSITORY)}, {available:,} learners,"
          f" created {setup.created})")
    rows = []
    if setup.install_seconds is not None:
        rows.append(["install (install.php)", "", "", seconds(setup.install_seconds), "", ""])
    for first, stop, spent, this_run in setup.populated:
        learners = stop - first
        edits = learners * EDITS_PER_LEARNER
        rows.append([
            f"populate learners {first:,}-{stop - 1:,}" + ("" if this_run else " (an earlier run)"),
            f"{learners:,}", f"{edits:,}", seconds(spent),
            f"{1000 * spent / learners:.1f} ms", f"{1000 * spent / edits:.1f} ms",
        ])
    rows.append(
        ["start (php -S until the API answers)", "", "", seconds(setup.start_seconds), "", ""]
    )
    print(table(["step", "learners", "edits", "seconds", "per learner", "per edit"], rows))

    print()
    print("A. First cycle of each session: everything since the session started"
          " (read_wiki + commit)")
    rows = []
    for result in results:
        size, first = result.learners, result.first
        requests = first.report.requests
        rows.append([
            f"{size:,}", f"{math.ceil(size / USERS_PER_REQUEST):,}", f"{first.usercontribs:,}",
            f"{first.http.continuations:,}", f"{requests['users']:,}",
            f"{sum(requests.values()):,}", f"{first.http.requests:,}",
            f"{first.report.read:,}", f"{first.report.new:,}", f"{first.report.completed:,}",
            *first.time_cells(),
        ])
    print(table(["learners", "ceil(N/50)", "usercontribs", "continued", "users", "all",
                 "HTTP", "read", "new", "done", "wiki", "check", "commit", "cycle"], rows))
    print("usercontribs: requests for contributions, 'continued' of them continuation pages;"
          " users: list=users, each\n  username is checked until the wiki has confirmed it"
          " once; all: every request the cycle counted (also\n  siteinfo, once per process,"
          " and revision texts, for exercises that need them: none here); HTTP: requests\n"
          "  seen on the wire, retries included. read / new / done: contributions read,"
          " stored, exercises completed.\n  wiki: time until the wiki's answers came back"
          " (part of check); cycle = check + commit.")

    print()
    print("B. The naive approach in the same run: one list=usercontribs request per"
          " learner, same window")
    rows = []
    for result in results:
        size, first, naive = result.learners, result.first, result.naive
        rows.append([
            f"{size:,}", f"{naive.requests:,}", f"{naive.continuations:,}", f"{naive.read:,}",
            seconds(naive.wiki_seconds), seconds(naive.seconds),
            f"{naive.requests / first.usercontribs:.0f}x",
            f"{naive.seconds / first.seconds:.1f}x",
        ])
    print(table(["learners", "requests", "continued", "read", "wiki", "seconds",
                 "requests vs A", "seconds vs A"], rows))
    print("seconds: the requests alone; A's cycle also stores what it read and commits."
          " 'vs A': against A's usercontribs\n  requests and A's whole cycle.")

    print()
    print("C. Second cycle right after the first (window: the seconds since the first)")
    rows = []
    for result in results:
        size, second = result.learners, result.second
        requests = second.report.requests
        rows.append([
            f"{size:,}", f"{second.usercontribs:,}", f"{requests['users']:,}",
            f"{sum(requests.values()):,}", f"{second.report.read:,}", *second.time_cells(),
        ])
    print(table(["learners", "usercontribs", "users", "all", "read", "wiki", "check",
                 "commit", "cycle"], rows))

    print()
    print(f"D. Latency: one of the {latency.learners:,} learners on the wiki saves a"
          f" draft ({latency.learner}); check interval {latency.interval} s,"
          f" settle {latency.settle} s")
    print(table(["measure", "seconds"], [
        ["save -> settled (the window reaches the edit)", seconds(latency.settle_wait)],
        ["check_wiki (the cycle that finds it)", seconds(latency.cycle)],
        ["save -> progress committed, cycle right after settle (measured)",
         seconds(latency.saved_to_progress)],
        ["worst case: interval + settle + cycle (computed)", seconds(latency.worst_case)],
        ["average: interval / 2 + settle + cycle (computed)", seconds(latency.average)],
        ["worst case, a tick skipped: 2 x interval + settle + cycle (computed)",
         seconds(latency.worst_case_tick_skipped)],
    ]))
    print("Worst case: the edit is saved just after a cycle's window closed (settle seconds"
          " before that cycle ran);\n  the next cycle comes one interval later. A tick is"
          " skipped when it starts earlier in its minute than\n  the one before (huey's idle"
          " workers poll the queue every 0.1 to 10 s): the wiki's next_due, set to\n"
          "  the previous tick's start + interval, is then a few seconds ahead and the wiki"
          " waits a whole interval more.")

    print()
    print(f"E. One check of the wiki for the {wiki_checks.sessions} sessions together (they"
          " share learners: 0 .. N-1 each)")
    rows = [[name, f"{cycle.report.learners:,}", f"{cycle.usercontribs:,}",
             f"{wiki_checks.per_session:,}", f"{cycle.report.read:,}", *cycle.time_cells()]
            for name, cycle in (("first", wiki_checks.first), ("next", wiki_checks.next))]
    print(table(["check", "learners", "usercontribs", "one check per session", "read",
                 "wiki", "check", "commit", "cycle"], rows))
    print("learners: distinct learners on the wiki. The first check reads each learner from"
          " the oldest watermark\n  of their sessions (these differ after A and C); from then"
          " on the sessions share one window:\n  ceil(learners / 50) requests.")

    print()
    print("Targets")
    for result in results:
        size, first = result.learners, result.first
        batches = math.ceil(size / USERS_PER_REQUEST)
        met = first.usercontribs <= batches + first.http.continuations
        print(f"  {size:,} learners: usercontribs requests <= ceil(N/50) + continuation pages:"
              f" {'met' if met else 'NOT MET'} ({first.usercontribs:,} <="
              f" {batches:,} + {first.http.continuations:,})")
        if size == TIME_TARGET_LEARNERS:
            met = first.seconds < TIME_TARGET_SECONDS
            print(f"  {size:,}-learner cycle under {TIME_TARGET_SECONDS} s:"
                  f" {'met' if met else 'NOT MET'} (first cycle {seconds(first.seconds)},"
                  f" second {seconds(result.second.seconds)})")
    met = latency.worst_case < LATENCY_TARGET_SECONDS
    met_skipped = latency.worst_case_tick_skipped < LATENCY_TARGET_SECONDS
    print(f"  edit shown as progress within {LATENCY_TARGET_SECONDS // 60} minutes"
          f" ({latency.learners:,} learners): {'met' if met else 'NOT MET'} (worst case"
          f" {seconds(latency.worst_case)}, measured {seconds(latency.saved_to_progress)}"
          f" with the cycle right after settle);\n    with a tick skipped:"
          f" {'met' if met_skipped else 'NOT MET'}"
          f" (worst case {seconds(latency.worst_case_tick_skipped)})")


if __name__ == "__main__":
    sys.exit(main())
