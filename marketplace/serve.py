"""The production web server, as the image runs it: gunicorn managing uvicorn workers
over the ASGI application. `make demo` serves with the same command (on 127.0.0.1), so
what a newcomer tries is what runs in production."""

import os
import subprocess
import sys
from pathlib import Path

DEMO_WORKERS = 2


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """The Dockerfile's CMD, bound to `host:port` with `workers` processes."""
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "marketplace.asgi:application",
        "--worker-class",
        "uvicorn_worker.UvicornWorker",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--graceful-timeout",
        "5",
    ]


def serve(database_url: str, port: int, *, workers: int = DEMO_WORKERS, **env) -> subprocess.Popen:
    """Start the server on 127.0.0.1:`port` against a running database. Connections are
    not kept between requests (DB_CONN_MAX_AGE=0, as in the compose file): ASGI runs each
    request's database work in its own thread, and kept connections would pile up."""
    child = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "0",
        "WEB_CONCURRENCY": str(workers),
        **env,
    }
    root = Path(__file__).resolve().parent.parent
    return subprocess.Popen(gunicorn_command("127.0.0.1", port, workers), cwd=root, env=child)
