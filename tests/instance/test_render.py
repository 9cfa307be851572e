"""instance.yaml → etc/zope.conf, zope.ini, zeo.conf, parsed with Zope's and ZEO's own schemas."""

from pathlib import Path
from Zope2.Startup.options import ZopeWSGIOptions

import configparser
import importlib.util
import pytest
import subprocess
import sys
import yaml
import ZConfig
import ZEO


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "instance.py"
_spec = importlib.util.spec_from_file_location("render_instance", SCRIPT)
renderer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(renderer)


@pytest.fixture
def render(tmp_path):
    def render(web_instances=1, **settings):
        config = tmp_path / "instance.yaml"
        config.write_text(yaml.safe_dump(settings))
        target = tmp_path / "instance"
        renderer.render(config, target, web_instances)
        return target

    return render


def zope_configuration(target):
    return ZopeWSGIOptions(configfile=str(target / "etc" / "zope.conf"))().configroot


def storage_of(target):
    (database,) = zope_configuration(target).databases
    return database.config.storage.config


def test_direct_is_a_filestorage_behind_the_instances_own_zeo_server(render):
    target = render()
    client = storage_of(target)
    socket = str(target / "var" / "zeo.sock")
    assert client.server[0].address == socket
    assert client.server_sync is True
    assert client.shared_blob_dir is True
    assert client.blob_dir == str(target / "var" / "blobstorage")

    server_schema = ZConfig.loadSchema(str(Path(ZEO.__file__).parent / "schema.xml"))
    server, _ = ZConfig.loadConfig(server_schema, str(target / "etc" / "zeo.conf"))
    assert server.zeo.address.address == socket
    (filestorage,) = server.storages
    assert filestorage.config.path == str(target / "var" / "filestorage" / "Data.fs")
    assert filestorage.config.blob_dir == str(target / "var" / "blobstorage")


def test_relstorage_on_postgresql(render):
    dsn = "host=127.0.0.1 dbname=wikimooc user=postgres"
    target = render(db_storage="relstorage", db_relstorage_postgresql_dsn=dsn)
    storage = storage_of(target)
    assert storage.keep_history is False
    assert storage.shared_blob_dir is False
    assert storage.adapter.config.dsn == dsn
    assert not (target / "etc" / "zeo.conf").exists()


def test_zeo_client_of_an_external_server(render):
    target = render(
        db_storage="zeo", db_zeo_server="db.example.org:8100", db_blob_mode="shared",
        db_zeo_name="wikimooc",
    )
    client = storage_of(target)
    assert client.server[0].address == ("db.example.org", 8100)
    assert client.storage == "wikimooc"
    assert client.server_sync is True
    assert client.shared_blob_dir is True
    assert not (target / "etc" / "zeo.conf").exists()


def test_switching_away_from_direct_removes_the_zeo_server_config(render):
    target = render()
    assert (target / "etc" / "zeo.conf").exists()
    render(db_storage="zeo")
    assert not (target / "etc" / "zeo.conf").exists()


@pytest.mark.parametrize(
    "settings, expected_url",
    [
        ({}, "sqlite://{target}/var/taskqueue.sqlite"),
        (
            {"wikimooc_taskqueue_url": "redis://127.0.0.1:6379/3"},
            "redis://127.0.0.1:6379/3",
        ),
    ],
)
def test_task_queue_url_reaches_zope_environment(render, settings, expected_url):
    target = render(**settings)
    environment = zope_configuration(target).environment
    assert environment["WIKIMOOC_TASKQUEUE_URL"] == expected_url.format(target=target)


def test_extra_environment_and_debug_mode(render):
    target = render(environment={"WIKIMOOC_OAUTH_SECRET_FILE": "/run/x"}, debug_mode=True)
    configuration = zope_configuration(target)
    assert configuration.environment["WIKIMOOC_OAUTH_SECRET_FILE"] == "/run/x"
    assert configuration.debug_mode is True


def test_listen_address_and_threads_reach_waitress(render):
    target = render(wsgi_listen="127.0.0.1:9123", wsgi_threads=8)
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(target / "etc" / "zope.ini")
    server = ini["server:main"]
    assert (server["host"], server["port"], server["threads"]) == ("127.0.0.1", "9123", "8")


@pytest.mark.parametrize("entries", [1000, 0])
def test_the_page_cache_size_reaches_the_wsgi_pipeline(render, entries):
    target = render(wikimooc_page_cache_entries=entries)
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(target / "etc" / "zope.ini")
    assert ini["filter:page_cache"]["entries"] == str(entries)
    assert "page_cache" in ini["pipeline:main"]["pipeline"].split()


def test_each_web_instance_gets_the_next_port_and_its_own_logs(render):
    target = render(web_instances=3, wsgi_listen="127.0.0.1:9200")
    found = {}
    for name in ("zope.ini", "zope-2.ini", "zope-3.ini"):
        ini = configparser.ConfigParser(interpolation=None)
        ini.read(target / "etc" / name)
        found[name] = (ini["server:main"]["port"], ini["handler_accesslog"]["args"])
    assert [port for port, _ in found.values()] == ["9200", "9201", "9202"]
    assert len({log for _, log in found.values()}) == 3
    render(web_instances=1, wsgi_listen="127.0.0.1:9200")
    assert not list((target / "etc").glob("zope-*.ini"))


def test_initial_user_file_holds_an_encrypted_password(render):
    target = render(initial_user_name="chapter-admin", initial_user_password="s3cret-pw")
    inituser = target / "inituser"
    name, encrypted = inituser.read_text().strip().split(":", 1)
    assert name == "chapter-admin"
    assert "s3cret-pw" not in encrypted
    assert encrypted.startswith("{SSHA}")
    assert inituser.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "settings, key",
    [
        ({"db_storage": "mysql"}, "db_storage"),
        ({"db_storge": "direct"}, "db_storge"),
        ({"wsgi_listen": "localhost"}, "wsgi_listen"),
        ({"wsgi_listen": "localhost:99999"}, "wsgi_listen"),
        ({"wsgi_listen": ":8080"}, "wsgi_listen"),
        ({"wsgi_listen": "0.0.0.0:8080"}, "initial_user_password"),
        ({"wsgi_threads": "four"}, "wsgi_threads"),
        ({"wsgi_threads": 0}, "wsgi_threads"),
        ({"debug_mode": "yes"}, "debug_mode"),
        ({"db_blob_mode": "nfs"}, "db_blob_mode"),
        ({"db_storage": "relstorage"}, "db_relstorage_postgresql_dsn"),
        ({"db_storage": "zeo", "db_zeo_server": "nowhere"}, "db_zeo_server"),
        ({"wikimooc_taskqueue_url": "amqp://127.0.0.1"}, "wikimooc_taskqueue_url"),
        ({"initial_user_password": ""}, "initial_user_password"),
        ({"environment": ["A=1"]}, "environment"),
        ({"wikimooc_page_cache_entries": -1}, "wikimooc_page_cache_entries"),
        ({"wikimooc_page_cache_entries": "many"}, "wikimooc_page_cache_entries"),
    ],
)
def test_bad_value_names_its_key(render, settings, key):
    with pytest.raises(renderer.InstanceConfigError) as raised:
        render(**settings)
    assert raised.value.key == key
    assert str(raised.value).startswith(f"instance.yaml: {key}: ")


def test_command_line_error_is_clear_and_writes_nothing(tmp_path):
    config = tmp_path / "instance.yaml"
    config.write_text("db_storage: oracle\n")
    target = tmp_path / "instance"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(config), str(target)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "instance.yaml: db_storage: 'oracle' is not one of direct, relstorage, zeo" in (
        result.stderr
    )
    assert not target.exists()


def test_bad_value_leaves_an_existing_instance_untouched(render, tmp_path):
    target = render()
    before = {path: path.read_bytes() for path in (target / "etc").iterdir()}
    with pytest.raises(renderer.InstanceConfigError):
        render(db_storage="relstorage")
    assert {path: path.read_bytes() for path in (target / "etc").iterdir()} == before


def test_yaml_syntax_error_is_reported(tmp_path):
    config = tmp_path / "instance.yaml"
    config.write_text("wsgi_listen: [unclosed\n")
    with pytest.raises(renderer.InstanceConfigError) as raised:
        renderer.render(config, tmp_path / "instance")
    assert raised.value.key == "(syntax)"


def test_the_shipped_instance_yaml_is_valid():
    shipped = Path(__file__).resolve().parents[2] / "instance.yaml"
    settings, listen = renderer.validate(yaml.safe_load(shipped.read_text()))
    assert settings["db_storage"] == "direct"
    assert listen.is_loopback
