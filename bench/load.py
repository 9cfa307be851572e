"""What the benchmarks share: their command lines, figures and tables, the machine's
description; for the page, REST and scale benchmarks a running platform (the real
`make start`, through tests/running_platform.py), content made by bench/populate.py, an
HTTP load generator and server CPU accounting; for the enrollment and edit-tracking
benchmarks a Zope run in their own process."""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import collections
import contextlib
import datetime
import faulthandler
import importlib.metadata
import importlib.util
import itertools
import json
import math
import os
import platform as python_platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time


REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "tests"))

from running_platform import Platform  # noqa: E402


POSTGRESQL = "host=127.0.0.1 port=5432 user=postgres"
# Redis database 12 is the benchmarks' own: the tests use 14 and 15.
BENCH_QUEUE_URL = "redis://127.0.0.1:6379/12"
CACHING_RECORD = "plone.caching.interfaces.ICacheSettings.enabled"
RETRY_LINE = "Request will be retried."  # Products.SiteErrorLog's line for a ConflictError
LOG_RECORD_START = re.compile(r"^(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )", re.M)
RETRY_EXCEPTION = re.compile(r"\] (\w+) at \S+: ")
CONFLICTING_OID = re.compile(r"\(oid (0x[0-9a-f]+)")
CONFLICTING_CLASS = re.compile(r"\(oid 0x[0-9a-f]+, class ([\w.]+)")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class DataError(Exception):
    """The platform answered wrongly (not merely slowly): the run exits with status 1."""


# ----------------------------------------------------------------------------- command line


def add_run_options(parser, quick_help, keep_help="keep the temporary instance"):
    """--quick, --keep and --timeout: after a benchmark's own options, as its --help
    lists them."""
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument("--keep", action="store_true", help=keep_help)
    parser.add_argument("--timeout", type=int, default=900,
                        help="abort (with a traceback) after this many seconds (900)")


def fill_defaults(parser, args, quick, full, at_least_one=(), positive=()):
    """Give the options left unset their value from ``quick`` (with --quick) or
    ``full``, then stop with a usage error unless each option named in ``at_least_one``
    is at least 1 and each in ``positive`` is above 0."""
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    for name in at_least_one:
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    for name in positive:
        if getattr(args, name) <= 0:
            parser.error(f"--{name.replace('_', '-')} must be positive")
    return args


# ----------------------------------------------------------------------------- figures


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ms(seconds):
    value = seconds * 1000
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def table(headers, rows):
    """Plain text; the first column left-aligned, the others right-aligned. A short row
    leaves its last cells empty."""
    rows = [[*row, *[""] * (len(headers) - len(row))] for row in rows]
    widths = [
        max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)
    ]
    lines = []
    for index, row in enumerate([headers, *rows]):
        cells = [
            str(cell).ljust(width) if column == 0 else str(cell).rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def abort_after(seconds):
    """Raise TimeoutError in the main thread after ``seconds``, once every thread's
    traceback is on stderr. Unlike faulthandler's exit, this unwinds running_platform(),
    which stops the platform."""

    def expire(_signal_number, _frame):
        faulthandler.dump_traceback(all_threads=True)
        raise TimeoutError(f"still running after {seconds} s")

    signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)


def step(message):
    print(f"  .. {message}", flush=True)


def load_average():
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def commit():
    found = subprocess.run(["git", "-C", REPOSITORY, "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True)
    return found.stdout.strip() or "unknown"


def processors():
    """Such as "2 usable cores of 4 (the CPU's model name)"."""
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = f" ({line.split(':', 1)[1].strip()})"
                break
    return f"{len(os.sched_getaffinity(0))} usable cores of {os.cpu_count()}{model}"


def operating_system():
    return (f"{python_platform.system()} {python_platform.release()};"
            f" Python {python_platform.python_version()}")


def machine_info(storage):
    memory = ""
    with contextlib.suppress(OSError, StopIteration):
        kilobytes = next(
            int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        memory = f", {kilobytes / 2**20:.0f} GiB RAM"
    versions = ", ".join(
        f"{name} {importlib.metadata.version(dist)}"
        for name, dist in (("Plone", "Products.CMFPlone"), ("Zope", "Zope"),
                           ("plone.app.caching", "plone.app.caching"),
                           ("RelStorage", "RelStorage"), ("waitress", "waitress"))
    )
    now = datetime.datetime.now(datetime.UTC)
    return (
        f"{now:%Y-%m-%d %H:%M} UTC; {processors()}{memory}; {operating_system()}\n"
        f"{versions}; WikiMOOC commit {commit()}\nstorage: {storage}; {load_average()}"
    )


def start_run(title, storage, timeout):
    """Abort the run after ``timeout`` seconds, print its title and the machine; return
    when it started, for finish_run() or print_run_time()."""
    abort_after(timeout)
    started = time.perf_counter()
    print(title)
    print(machine_info(storage))
    return started


def start_in_process_run(title, machine, measured):
    """Print the title of a run in this process with its time, the machine and what it
    measures; return when it started, for finish_run()."""
    started = time.perf_counter()
    print(f"{title}, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC", flush=True)
    print(machine, flush=True)
    print(measured, flush=True)
    return started


def print_run_time(started):
    print(f"\n{load_average()}. Run time: {time.perf_counter() - started:.0f} s.")


def finish_run(started, problems):
    """Print what was wrong with the data (the first ten problems) and the run time;
    the exit status: 1 for wrong data."""
    for problem in problems[:10]:
        print(f"FAILED: {problem}")
    print_run_time(started)
    return 1 if problems else 0


# ----------------------------------------------------------------------------- the platform


@contextlib.contextmanager
def running_platform(settings=None, web_instances=1, keep=False):
    """The real `make start` (scripts/start.sh) on an instance rendered into a temporary
    directory: its database, its worker and ``web_instances`` web instances."""
    directory = Path(tempfile.mkdtemp(prefix="wikimooc-bench-"))
    started = time.perf_counter()
    running = Platform(directory, settings, web_instances)
    try:
        running.start()
        step(f"platform started in {time.perf_counter() - started:.0f} s"
             f" ({', '.join(running.urls)})")
        yield running
    finally:
        stop(running)
        if keep:
            print(f"Kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def stop(running):
    """Stop the platform. SIGTERM rather than Platform.interrupt()'s SIGINT: a process
    started in the background inherits an ignored SIGINT, and the web instance would
    keep running. scripts/start.sh then stops the worker and the database itself."""
    if running.process is None or running.process.poll() is not None:
        return
    os.killpg(running.process.pid, signal.SIGTERM)
    try:
        running.process.wait(timeout=60)
    finally:
        if running.processes_left():
            os.killpg(running.process.pid, signal.SIGKILL)


def populate(running, *recipes):
    """Run bench/populate.py's recipes in a zconsole process against the platform's
    database (the web instances see the new content through it); return its report."""
    done = subprocess.run(
        [Path(sys.prefix) / "bin" / "zconsole", "run", running.instance / "etc" / "zope.conf",
         REPOSITORY / "bench" / "populate.py", *recipes],
        capture_output=True, text=True, cwd=REPOSITORY,
    )
    if done.returncode:
        raise DataError(f"populate.py {' '.join(recipes)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def set_caching(running, enabled):
    running.api("/@registry", {CACHING_RECORD: enabled}, "PATCH")


@contextlib.contextmanager
def fresh_postgresql_database():
    """A new PostgreSQL database for one run, dropped afterwards: yields its DSN."""
    import psycopg2

    name = f"wikimooc_bench_{secrets.token_hex(4)}"
    admin = psycopg2.connect(POSTGRESQL + " dbname=postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        yield f"{POSTGRESQL} dbname={name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@contextlib.contextmanager
def bench_queue():
    """The benchmarks' Redis database for the task queue, empty before and after."""
    import redis

    queue = redis.Redis.from_url(BENCH_QUEUE_URL)
    queue.flushdb()
    try:
        yield BENCH_QUEUE_URL
    finally:
        queue.flushdb()


SCALED_OUT = "RelStorage 4.3 on PostgreSQL (history-free), two web instances"


@contextlib.contextmanager
def scaled_out_settings():
    """A fresh PostgreSQL database and the benchmarks' task queue in Redis: yields the
    database's DSN and the platform's settings for them (RelStorage)."""
    with fresh_postgresql_database() as dsn, bench_queue() as queue_url:
        yield dsn, {"db_storage": "relstorage", "db_relstorage_postgresql_dsn": dsn,
                    "wikimooc_taskqueue_url": queue_url}


def web_instance_pids(running):
    """The runwsgi processes of this platform's instance (not its database or worker)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            if any(argument.endswith(b"/runwsgi") for argument in arguments) and any(
                argument.startswith(str(running.instance).encode()) for argument in arguments
            ):
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            # utime and stime, after the parenthesised command name
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def machine_busy_seconds():
    """CPU seconds all the machine's cores spent on anything but idling, since boot."""
    user, nice, system, _idle, _iowait, *others = (
        int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    )
    return (user + nice + system + sum(others[:3])) / CLOCK_TICKS


def conflict_retries(running):
    """Requests Zope retried after a ConflictError, from the web instances' event logs:
    Products.SiteErrorLog logs each retry it lets happen, a record ending in
    RETRY_LINE. Counted per (exception, oid, class) of the conflicting object; the oid
    or the class is empty when the error names none."""
    retries = collections.Counter()
    for log in (running.instance / "var" / "log").glob("event*.log"):
        for record in LOG_RECORD_START.split(log.read_text(errors="replace")):
            if "[Zope.SiteErrorLog" in record and record.rstrip().endswith(RETRY_LINE):
                found = [pattern.search(record) for pattern in
                         (RETRY_EXCEPTION, CONFLICTING_OID, CONFLICTING_CLASS)]
                retries[tuple(match.group(1) if match else "" for match in found)] += 1
    return retries


def conflict_lines(retries, objects):
    """Retries per exception and object: the objects populate.py named, and the others
    of each class together (the BTrees' buckets and inner nodes, made as they grew)."""
    counts, others = collections.Counter(), collections.defaultdict(set)
    for (exception, oid, class_name), count in retries.items():
        if oid in objects:
            conflicting = f"{objects[oid]} ({class_name or 'class not logged'}, {oid})"
        elif oid:
            conflicting = f"other {class_name or 'objects, class not logged'}"
            others[(exception, conflicting)].add(oid)
        else:
            conflicting = "rows read-current, locked by another commit (no oid logged)"
        counts[(exception, conflicting)] += count
    lines = []
    for (exception, conflicting), count in counts.most_common():
        several = others.get((exception, conflicting))
        lines.append(f"{count:4d} after {exception} on {conflicting}"
                     + (f" ({len(several)} of them)" if several else ""))
    return lines


# ----------------------------------------------------------------------------- Zope in this process


def load_script(name):
    """A module of scripts/, which is not a package."""
    spec = importlib.util.spec_from_file_location(
        f"wikimooc_{name}_script", REPOSITORY / "scripts" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def write_zope_instance(directory, cache_size, pool_size=7):
    """etc/site.zcml and etc/zope.conf in ``directory``, like the ones
    scripts/instance.py renders but opening a FileStorage, var/Data.fs, in-process
    instead of behind a ZEO server. ``cache_size`` is the objects a ZODB connection
    keeps, ``pool_size`` the connections the database keeps open (7 is ZODB's default).
    Returns the path of zope.conf."""
    (directory / "etc").mkdir()
    (directory / "var").mkdir()
    (directory / "etc" / "site.zcml").write_text(load_script("instance").SITE_ZCML)
    zope_conf = directory / "etc" / "zope.conf"
    zope_conf.write_text(f"""\
%define INSTANCE {directory}
instancehome $INSTANCE
clienthome $INSTANCE/var
debug-mode off
default-zpublisher-encoding utf-8

<environment>
  CHAMELEON_CACHE {directory}/var
  WIKIMOOC_TASKQUEUE_URL sqlite://{directory}/var/taskqueue.sqlite
  zope_i18n_compile_mo_files true
</environment>

<zodb_db main>
  mount-point /
  cache-size {cache_size}
  pool-size {pool_size}
  <filestorage>
    path {directory}/var/Data.fs
  </filestorage>
</zodb_db>
""")
    return zope_conf


def enter_zope(app_root):
    """Request, security manager and request globals for code run outside a request."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest

    app = makerequest(app_root)
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    return app


def leave_zope():
    from AccessControl.SecurityManagement import noSecurityManager
    from zope.component.hooks import setSite
    from zope.globalrequest import clearRequest

    setSite(None)
    clearRequest()
    noSecurityManager()


# ----------------------------------------------------------------------------- load


@dataclass
class Page:
    """A page under load: ``urls`` are asked in turn (a round-robin over instances)."""

    label: str
    urls: list
    auth: tuple | None = None
    caching: bool = False


@dataclass
class Load:
    """What one or more load runs on one page measured, added up."""

    requests: int = 0
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    page_cache_hits: int = 0
    ram_cache_hits: int = 0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    machine_cpu: float = 0.0

    def add(self, other):
        self.requests += other.requests
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.errors += other.errors
        self.page_cache_hits += other.page_cache_hits
        self.ram_cache_hits += other.ram_cache_hits
        self.server_cpu += other.server_cpu
        self.client_cpu += other.client_cpu
        self.machine_cpu += other.machine_cpu

    @property
    def per_second(self):
        return self.requests / self.seconds

    def row(self):
        return [
            f"{self.per_second:.1f}", ms(percentile(self.latencies, 0.5)),
            ms(percentile(self.latencies, 0.95)), ms(self.server_cpu / self.requests),
            ms(self.client_cpu / self.requests), f"{self.server_cpu / self.seconds:.2f}",
            f"{self.machine_cpu / self.seconds:.2f}",
            f"{100 * self.page_cache_hits / self.requests:.0f}%",
            f"{100 * self.ram_cache_hits / self.requests:.0f}%", len(self.errors),
        ]


LOAD_HEADERS = ["req/s", "p50", "p95", "server CPU/req", "client CPU/req", "server cores",
                "machine cores busy", "page-cache hits", "RAM-cache hits", "errors"]


def answered_from(response):
    """Which cache answered: WikiMOOC's page cache before Zope, plone.app.caching's RAM
    cache inside Zope, or none (rendered)."""
    if "X-WikiMOOC-Cache" in response.headers:
        return "page cache"
    return "RAM cache" if "X-RAMCache" in response.headers else "rendered"


def client(auth=None):
    import requests

    session = requests.Session()
    session.auth = auth
    return session


class Requests:
    """What client threads sending requests as members saw: each request's latency
    and status, the web instance it went to, what went wrong."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.statuses = collections.Counter()
        self.errors = []
        self.per_instance = collections.Counter()
        self.seconds = 0.0

    def send(self, login, instance, request, expected_status):
        """``request()`` for ``login`` to web instance ``instance`` (from 0), timed; an
        exception or another status than ``expected_status`` is an error."""
        sent = time.perf_counter()
        try:
            response = request()
        except Exception as error:
            with self.lock:
                self.errors.append(f"{login}: {error!r}")
            return
        with self.lock:
            self.latencies.append(time.perf_counter() - sent)
            self.statuses[response.status_code] += 1
            self.per_instance[instance + 1] += 1
            if response.status_code != expected_status:
                self.errors.append(f"{login}: HTTP {response.status_code}"
                                   f" {response.text[:200]}")

    def latency_cells(self):
        """p50, p95, max, and the requests to instance 1 / 2."""
        latencies = self.latencies or [float("nan")]
        return [ms(percentile(latencies, 0.5)), ms(percentile(latencies, 0.95)),
                ms(max(latencies)),
                " / ".join(f"{self.per_instance[number]}" for number in (1, 2))]


def run_threads(target, shares):
    """``target(share)`` in a thread for each of ``shares``; the seconds until the
    last one ended."""
    threads = [threading.Thread(target=target, args=(share,)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def hammer(page, concurrency, seconds, server_pids):
    """``concurrency`` threads, each with its own keep-alive session, ask for the page
    as fast as answers come back, for ``seconds``."""
    requests_for = itertools.count()
    ready = threading.Barrier(concurrency + 1)
    go = threading.Event()
    results = [Load() for _ in range(concurrency)]
    deadline = 0.0

    def worker(result):
        session = client(page.auth)
        session.get(page.urls[0], timeout=60)  # connected and warm before the clock starts
        ready.wait()
        go.wait()
        while time.perf_counter() < deadline:
            url = page.urls[next(requests_for) % len(page.urls)]
            started = time.perf_counter()
            try:
                response = session.get(url, timeout=60)
            except Exception as error:
                result.errors.append(repr(error))
                continue
            result.latencies.append(time.perf_counter() - started)
            result.requests += 1
            if response.status_code != 200:
                result.errors.append(f"HTTP {response.status_code} from {url}")
            source = answered_from(response)
            result.page_cache_hits += source == "page cache"
            result.ram_cache_hits += source == "RAM cache"
        session.close()

    threads = [threading.Thread(target=worker, args=(result,), daemon=True) for result in results]
    for thread in threads:
        thread.start()
    ready.wait(timeout=120)
    server_before, client_before = cpu_seconds(server_pids), time.process_time()
    machine_before = machine_busy_seconds()
    started = time.perf_counter()
    deadline = started + seconds
    go.set()
    for thread in threads:
        thread.join()
    total = Load(seconds=time.perf_counter() - started)
    for result in results:
        total.add(result)
    total.server_cpu = cpu_seconds(server_pids) - server_before
    total.client_cpu = time.process_time() - client_before
    total.machine_cpu = machine_busy_seconds() - machine_before
    return total


def compare(pages, concurrency, rounds, seconds, server_pids, switch_caching=None):
    """Short runs of each page in turn, ``rounds`` times (the order alternating), so
    that a change in the machine's load falls on all of them alike. Before a page whose
    ``caching`` differs from the last one, ``switch_caching(enabled)`` is called."""
    totals = {page.label: Load() for page in pages}
    caching = None
    for round_number in range(rounds):
        for page in pages if round_number % 2 == 0 else reversed(pages):
            if switch_caching and page.caching != caching:
                caching = page.caching
                switch_caching(caching)
            totals[page.label].add(hammer(page, concurrency, seconds, server_pids))
    return totals


def warm_up(pages, count=10):
    """Compile templates and fill the instances' object caches before measuring."""
    for page in pages:
        session = client(page.auth)
        for number in range(count):
            response = session.get(page.urls[number % len(page.urls)], timeout=120)
            if response.status_code != 200:
                raise DataError(f"{page.label}: HTTP {response.status_code} from {response.url}")
        session.close()


@contextlib.contextmanager
def scratch_directory(prefix="wikimooc-bench-"):
    """A new temporary directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix, ignore_cleanup_errors=True) as directory:
        yield Path(directory)


def run_in_scratch_directory(args, run):
    """``run(args, directory, started)`` in a new temporary directory (kept with
    ``--keep``); whatever ``run`` appended to ``started`` is stopped afterwards, what
    happens; 1 when the figures' data were wrong (DataError)."""
    directory = Path(tempfile.mkdtemp(prefix="wikimooc-bench-"))
    started = []
    try:
        return run(args, directory, started)
    except DataError as error:
        print(f"DATA ERROR: {error}", file=sys.stderr)
        return 1
    finally:
        for thing in reversed(started):
            (thing.shutdown if hasattr(thing, "shutdown") else thing.close)()
        if args.keep:
            print(f"\nKept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)
