"""`db_storage: zeo` for real: a ZEO server of our own (runzeo, a FileStorage with
blobs) and make start INSTANCES=2 as its clients, blobs in the database and cached by
each instance (db_blob_mode: cache)."""

from running_platform import free_ports
from running_platform import Platform

import base64
import pytest
import socket
import subprocess
import sys
import time


@pytest.fixture(scope="module")
def zeo_server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("zeo-server")
    port = free_ports(1)
    config = directory / "zeo.conf"
    config.write_text(f"""\
<zeo>
  address 127.0.0.1:{port}
</zeo>
<filestorage 1>
  path {directory / "Data.fs"}
  blob-dir {directory / "blobs"}
</filestorage>
""")
    log = (directory / "zeo.log").open("w")
    server = subprocess.Popen(
        [f"{sys.prefix}/bin/runzeo", "-C", str(config)], stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, (
                (directory / "zeo.log").read_text()
            )
            time.sleep(0.2)
    yield f"127.0.0.1:{port}", directory / "blobs"
    server.terminate()
    server.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def platform(tmp_path_factory, zeo_server):
    address, _blobs = zeo_server
    platform = Platform(
        tmp_path_factory.mktemp("zeo-clients"),
        settings={"db_storage": "zeo", "db_zeo_server": address},
        web_instances=2,
    )
    platform.start()
    yield platform
    if platform.process.poll() is None:
        platform.interrupt()


def test_content_saved_through_one_client_is_seen_through_the_other(platform):
    assert platform.edit_across_instances("zeo-notes") == [
        "Created on the first", "Edited on the second"
    ]


def test_a_file_uploaded_through_one_client_is_downloaded_through_the_other(
    platform, zeo_server
):
    payload = bytes(range(256)) * 32
    platform.api("/en", {
        "@type": "File", "id": "handout.bin",
        "file": {"data": base64.b64encode(payload).decode(), "encoding": "base64",
                 "filename": "handout.bin", "content-type": "application/octet-stream"},
    }, instance=0)
    assert platform.request("/en/handout.bin/@@download/file", auth=True, instance=1) == payload
    _address, server_blobs = zeo_server
    assert any(server_blobs.rglob("*.blob"))
