"""The embedded server, tried in separate processes on their own data folders."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import psycopg
import pytest

from marketplace.embedded_database import (
    EmbeddedDatabaseError,
    bundled_major_version,
    check_cluster,
)

START_AND_REPORT = """
import json, sys, psycopg
from pathlib import Path
from marketplace.embedded_database import server_uri
uri = server_uri(Path(sys.argv[1]))
pid = int((Path(sys.argv[1]) / "postgres" / "postmaster.pid").read_text().split()[0])
print(json.dumps({"uri": uri, "pid": pid}), flush=True)
if len(sys.argv) > 2:
    import time; time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def data_dir():
    folder = Path(tempfile.mkdtemp(prefix="ocop-embedded-"))
    yield folder
    from marketplace.embedded_database import remove_data

    remove_data(folder)


def start(data_dir, *extra, wait=True):
    command = [sys.executable, "-c", START_AND_REPORT, str(data_dir), *extra]
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    if wait:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def stopped(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while psutil.pid_exists(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not psutil.pid_exists(pid)


def test_start_creates_the_database_and_serves_it(data_dir):
    process = start(data_dir, "2", wait=False)
    report = json.loads(process.stdout.readline())
    with psycopg.connect(report["uri"]) as connection:
        assert connection.execute("SELECT current_database()").fetchone() == ("ocop",)
    process.wait(timeout=30)

    assert report["uri"].endswith("/ocop?host=" + str(data_dir / "postgres"))
    assert (data_dir / "postgres" / "PG_VERSION").read_text().strip() == str(
        bundled_major_version()
    )
    # the server stops when its last process exits
    assert stopped(report["pid"])


def test_a_server_left_by_a_killed_process_is_reused(data_dir):
    # given a process that started the server and was then killed
    process = start(data_dir, "60", wait=False)
    first = json.loads(process.stdout.readline())
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert psutil.pid_exists(first["pid"])

    # when another process asks for the server
    second = start(data_dir)

    # then it reused the running server, and stopped it when it was the last user
    assert second["pid"] == first["pid"]
    assert stopped(first["pid"])


def test_two_processes_starting_at_once_share_one_server(data_dir):
    processes = [start(data_dir, "3", wait=False) for _ in range(2)]
    reports = [json.loads(process.stdout.readline()) for process in processes]
    for process in processes:
        process.wait(timeout=30)

    assert reports[0]["pid"] == reports[1]["pid"]
    assert stopped(reports[0]["pid"])


def test_a_data_folder_of_another_major_version_is_refused(data_dir):
    cluster = data_dir / "postgres"
    cluster.mkdir()
    (cluster / "PG_VERSION").write_text("15\n")

    with pytest.raises(EmbeddedDatabaseError) as error:
        check_cluster(cluster)

    assert "PostgreSQL 15" in str(error.value)
    assert "make demo-reset" in str(error.value)


def test_a_data_folder_owned_by_someone_else_is_refused(data_dir):
    cluster = data_dir / "postgres"
    cluster.mkdir()
    (cluster / "PG_VERSION").write_text(f"{bundled_major_version()}\n")
    if os.geteuid() == 0:
        os.chown(cluster, 65534, 65534)  # nobody
    else:
        pytest.skip("needs root to give the folder to another user")

    with pytest.raises(EmbeddedDatabaseError) as error:
        check_cluster(cluster)

    assert "belongs to user" in str(error.value)
    assert "DATABASE_URL" in str(error.value)


def test_a_folder_that_is_not_a_cluster_is_refused(data_dir):
    cluster = data_dir / "postgres"
    cluster.mkdir()
    (cluster / "notes.txt").write_text("not a database")

    with pytest.raises(EmbeddedDatabaseError) as error:
        check_cluster(cluster)
    assert "no PostgreSQL cluster" in str(error.value)


def test_database_url_overrides_the_embedded_server(data_dir):
    # given DATABASE_URL and a data folder
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": "postgresql://ocop:s%40cret@db.internal:6543/ocop_prod?sslmode=require",
        "OCOP_DATA_DIR": str(data_dir),
        "OCOP_MODE": "test",
    }

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )

    # then Django uses that server and no embedded server was started
    assert done.returncode == 0, done.stderr
    database = json.loads(done.stdout)
    assert database["NAME"] == "ocop_prod"
    assert database["HOST"] == "db.internal"
    assert database["PORT"] == "6543"
    assert database["PASSWORD"] == "s@cret"
    assert database["OPTIONS"] == {"sslmode": "require"}
    assert not (data_dir / "postgres").exists()
