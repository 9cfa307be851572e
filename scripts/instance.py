"""Render the Zope instance (etc/zope.conf, etc/zope.ini, etc/site.zcml, inituser)
from instance.yaml.

The keys follow cookiecutter-zope-instance's names, so Plone people know them; the
template itself lives only on GitHub, which our machines cannot reach, so the
rendering is done here. Usage: python scripts/instance.py [instance.yaml] [target]
"""

from AuthEncoding.AuthEncoding import pw_encrypt
from dataclasses import dataclass
from pathlib import Path

import ipaddress
import sys
import yaml


STORAGES = ("direct", "relstorage", "zeo")
BLOB_MODES = ("shared", "cache")
QUEUE_SCHEMES = ("sqlite", "redis", "rediss")

DEFAULTS = {
    "wsgi_listen": "localhost:8080",
    "wsgi_threads": 4,
    "initial_user_name": "admin",
    "initial_user_password": "admin",
    "debug_mode": False,
    "environment": {},
    "db_storage": "direct",
    "db_cache_size": 30000,
    "db_filestorage_location": "var/filestorage/Data.fs",
    "db_blob_location": "var/blobstorage",
    "db_blob_mode": "cache",
    "db_relstorage": "postgresql",
    "db_relstorage_postgresql_dsn": "",
    "db_relstorage_keep_history": False,
    "db_zeo_server": "localhost:8100",
    "db_zeo_name": "1",
    "wikimooc_taskqueue_url": "",
    "wikimooc_page_cache_entries": 1000,
}


class InstanceConfigError(ValueError):
    def __init__(self, key, problem):
        super().__init__(f"instance.yaml: {key}: {problem}")
        self.key = key


@dataclass(frozen=True)
class Listen:
    host: str
    port: int

    @property
    def is_loopback(self):
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def parse_listen(key, value):
    host, separator, port = str(value).rpartition(":")
    host = host.strip("[]")
    if not separator or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InstanceConfigError(
            key, f"{value!r} is not HOST:PORT (for example localhost:8080)"
        )
    return Listen(host, int(port))


def require_choice(settings, key, choices):
    if settings[key] not in choices:
        raise InstanceConfigError(
            key, f"{settings[key]!r} is not one of {', '.join(choices)}"
        )


def require_type(settings, key, kind, description):
    value = settings[key]
    # bool is an int in Python; a number key must not accept "yes"/"no".
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InstanceConfigError(key, f"{value!r} is not {description}")


def validate(raw):
    """Merge ``raw`` over the defaults; raise InstanceConfigError naming a bad key."""
    if not isinstance(raw, dict):
        raise InstanceConfigError("(top level)", "expected a mapping of keys to values")
    unknown = sorted(set(raw) - set(DEFAULTS))
    if unknown:
        raise InstanceConfigError(unknown[0], "unknown key")
    settings = {**DEFAULTS, **raw}
    for key in ("wsgi_threads", "db_cache_size"):
        require_type(settings, key, int, "a whole number")
        if settings[key] < 1:
            raise InstanceConfigError(key, "must be at least 1")
    require_type(settings, "wikimooc_page_cache_entries", int, "a whole number")
    if settings["wikimooc_page_cache_entries"] < 0:
        raise InstanceConfigError("wikimooc_page_cache_entries", "must be 0 (off) or more")
    for key in ("debug_mode", "db_relstorage_keep_history"):
        require_type(settings, key, bool, "true or false")
    require_type(settings, "environment", dict, "a mapping of names to values")
    require_choice(settings, "db_storage", STORAGES)
    require_choice(settings, "db_blob_mode", BLOB_MODES)
    require_choice(settings, "db_relstorage", ("postgresql",))
    listen = parse_listen("wsgi_listen", settings["wsgi_listen"])
    if not settings["initial_user_name"]:
        raise InstanceConfigError("initial_user_name", "must not be empty")
    if not settings["initial_user_password"]:
        raise InstanceConfigError("initial_user_password", "must not be empty")
    if settings["initial_user_password"] == "admin" and not listen.is_loopback:
        raise InstanceConfigError(
            "initial_user_password",
            "the default password is only allowed while wsgi_listen is on loopback",
        )
    if settings["db_storage"] == "relstorage" and not settings["db_relstorage_postgresql_dsn"]:
        raise InstanceConfigError(
            "db_relstorage_postgresql_dsn",
            "required with db_storage: relstorage"
            " (for example \"host=127.0.0.1 dbname=wikimooc user=postgres\")",
        )
    if settings["db_storage"] == "zeo":
        parse_listen("db_zeo_server", settings["db_zeo_server"])
    queue_url = settings["wikimooc_taskqueue_url"]
    if queue_url and queue_url.partition("://")[0] not in QUEUE_SCHEMES:
        raise InstanceConfigError(
            "wikimooc_taskqueue_url",
            f"{queue_url!r} must start with one of"
            f" {', '.join(scheme + '://' for scheme in QUEUE_SCHEMES)}",
        )
    return settings, listen


def absolute(target, location):
    path = Path(location)
    return path if path.is_absolute() else target / path


def zeo_socket(target):
    return target / "var" / "zeo.sock"


def zeo_client_section(server, storage, blobs, shared_blobs):
    # server-sync (a key of ZEO's own <clientstorage>, not ZODB's older <zeoclient>):
    # each transaction first waits for the server's pending invalidations, so a
    # request answered by one instance sees what another has just committed.
    return f"""  <clientstorage>
    server {server}
    storage {storage}
    name main
    server-sync true
    blob-dir {blobs}
    shared-blob-dir {"true" if shared_blobs else "false"}
  </clientstorage>"""


def storage_section(settings, target):
    storage = settings["db_storage"]
    blobs = absolute(target, settings["db_blob_location"])
    shared_blobs = settings["db_blob_mode"] == "shared"
    if storage == "direct":
        # The web instance and the worker are two processes: they share the
        # FileStorage through the instance's own ZEO server (etc/zeo.conf).
        return zeo_client_section(zeo_socket(target), "1", blobs, shared_blobs=True)
    if storage == "zeo":
        return zeo_client_section(
            settings["db_zeo_server"], settings["db_zeo_name"], blobs, shared_blobs
        )
    keep_history = "true" if settings["db_relstorage_keep_history"] else "false"
    return f"""  <relstorage>
    keep-history {keep_history}
    blob-dir {blobs}
    shared-blob-dir {"true" if shared_blobs else "false"}
    <postgresql>
      dsn {settings["db_relstorage_postgresql_dsn"]}
    </postgresql>
  </relstorage>"""


def zeo_conf(settings, target):
    return f"""# Rendered from instance.yaml by scripts/instance.py: edit instance.yaml instead.
# The instance's own ZEO server: it alone opens the FileStorage (db_storage: direct).
<zeo>
  address {zeo_socket(target)}
</zeo>

<filestorage 1>
  path {absolute(target, settings["db_filestorage_location"])}
  blob-dir {absolute(target, settings["db_blob_location"])}
</filestorage>

<eventlog>
  <logfile>
    path {target / "var" / "log" / "zeo.log"}
    format %(asctime)s %(message)s
  </logfile>
</eventlog>
"""


def zope_conf(settings, target):
    queue_url = settings["wikimooc_taskqueue_url"] or (
        f"sqlite://{target / 'var' / 'taskqueue.sqlite'}"
    )
    environment = {
        "CHAMELEON_CACHE": str(target / "var" / "cache"),
        "WIKIMOOC_TASKQUEUE_URL": queue_url,
        # Compile the packages' .po catalogues at start-up (no .mo in the repository).
        "zope_i18n_compile_mo_files": "true",
        **{str(name): str(value) for name, value in settings["environment"].items()},
    }
    environment_lines = "\n".join(
        f"  {name} {value}" for name, value in environment.items()
    )
    # ZConfig wants %import before the sections that use it.
    imports = "%import relstorage\n" if settings["db_storage"] == "relstorage" else "%import ZEO\n"
    return f"""# Rendered from instance.yaml by scripts/instance.py: edit instance.yaml instead.
{imports}%define INSTANCE {target}
instancehome $INSTANCE
clienthome $INSTANCE/var
debug-mode {"on" if settings["debug_mode"] else "off"}
default-zpublisher-encoding utf-8

<environment>
{environment_lines}
</environment>

<dos_protection>
  form-memory-limit 4MB
</dos_protection>

<zodb_db main>
  mount-point /
  cache-size {settings["db_cache_size"]}
{storage_section(settings, target)}
</zodb_db>
"""


def zope_ini_name(number):
    """Web instance 1 is zope.ini; the others (``make start INSTANCES=n``) zope-<n>.ini."""
    return "zope.ini" if number == 1 else f"zope-{number}.ini"


def zope_ini(settings, listen, target, number=1):
    """Web instance ``number`` listens on the next port after instance 1's."""
    log_dir = target / "var" / "log"
    suffix = "" if number == 1 else f"-{number}"
    return f"""# Rendered from instance.yaml by scripts/instance.py: edit instance.yaml instead.
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
host = {listen.host}
port = {listen.port + number - 1}
threads = {settings["wsgi_threads"]}
clear_untrusted_proxy_headers = false
max_request_body_size = 1073741824

[filter:translogger]
use = egg:Paste#translogger
setup_console_handler = False

[filter:page_cache]
use = call:wikimooc.policy.pagecache.middleware:filter_factory
entries = {settings["wikimooc_page_cache_entries"]}

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    translogger
    page_cache
    zope

[loggers]
keys = root, waitress.queue, waitress, wsgi

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s:%(lineno)s][%(threadName)s] %(message)s
datefmt = %Y-%m-%d %H:%M:%S

[formatter_message]
format = %(message)s

[logger_root]
level = INFO
handlers = console, eventlog

[logger_waitress.queue]
level = INFO
handlers = eventlog
qualname = waitress.queue
propagate = 0

[logger_waitress]
level = INFO
handlers = eventlog
qualname = waitress

[logger_wsgi]
level = WARN
handlers = accesslog
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = wikimooc.policy.accesslog.RedactingFileHandler
args = (r'{log_dir / f"access{suffix}.log"}', 'a')
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = (r'{log_dir / f"event{suffix}.log"}', 'a')
level = INFO
formatter = generic
"""


SITE_ZCML = """<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:five="http://namespaces.zope.org/five"
    >
  <!-- Rendered by scripts/instance.py. Plone loads the WikiMOOC packages
       through their plone.autoinclude entry points. -->
  <include package="Zope2.App" />
  <include package="Products.Five" />
  <five:loadProducts file="meta.zcml" />
  <include package="Products.CMFPlone" />
  <five:loadProducts />
  <five:loadProductsOverrides />
</configure>
"""


def render(config_path, target, web_instances=1):
    """Write the instance's files into ``target`` (a zope.ini per web instance);
    return the validated settings."""
    target = Path(target).resolve()
    try:
        raw = yaml.safe_load(Path(config_path).read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise InstanceConfigError("(syntax)", str(error)) from error
    settings, listen = validate(raw)
    directories = [target / "etc", target / "var" / "log", target / "var" / "cache"]
    if settings["db_storage"] == "direct":
        directories.append(absolute(target, settings["db_filestorage_location"]).parent)
    for directory in directories:
        directory.mkdir(parents=True, exist_ok=True)
    (target / "etc" / "zope.conf").write_text(zope_conf(settings, target))
    for stale in (target / "etc").glob("zope-*.ini"):
        stale.unlink()
    for number in range(1, web_instances + 1):
        (target / "etc" / zope_ini_name(number)).write_text(
            zope_ini(settings, listen, target, number)
        )
    (target / "etc" / "site.zcml").write_text(SITE_ZCML)
    zeo_config = target / "etc" / "zeo.conf"
    if settings["db_storage"] == "direct":
        zeo_config.write_text(zeo_conf(settings, target))
    else:
        zeo_config.unlink(missing_ok=True)
    # Zope (re)creates its only Manager from this file at start-up, then deletes it.
    inituser = target / "inituser"
    inituser.touch(mode=0o600)
    encrypted = pw_encrypt(settings["initial_user_password"], "SSHA").decode()
    inituser.write_text(f"{settings['initial_user_name']}:{encrypted}\n")
    return settings


def main(argv):
    config_path = argv[1] if len(argv) > 1 else "instance.yaml"
    target = argv[2] if len(argv) > 2 else "instance"
    web_instances = argv[3] if len(argv) > 3 else "1"
    if not web_instances.isdigit() or int(web_instances) < 1:
        sys.exit(f"INSTANCES must be a whole number of web instances, not {web_instances!r}.")
    try:
        settings = render(config_path, target, int(web_instances))
    except InstanceConfigError as error:
        sys.exit(f"{error}\nNothing was written. Fix {config_path} and run it again.")
    print(
        f"Rendered {target}/etc from {config_path} ({settings['db_storage']} storage,"
        f" {web_instances} web instance{'s' if int(web_instances) > 1 else ''})."
    )


if __name__ == "__main__":
    main(sys.argv)
