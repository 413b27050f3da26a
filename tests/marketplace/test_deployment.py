"""Production settings read from the environment: security headers, logs, cache, Sentry,
and the docker/ files that run it all."""

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import redis
import yaml
from django.contrib.auth import authenticate
from django.core.cache import caches
from django.test import RequestFactory

from marketplace.infrastructure import cache_config
from marketplace.logs import JsonFormatter

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "OCOP_MODE": "production",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "ocop.example.vn",
    "DATABASE_URL": "postgresql://ocop@127.0.0.1:9/ocop?connect_timeout=1",
}


def run(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "OCOP_MODE", "DEBUG", "OCOP_DATA_DIR", "MEDIA_ROOT"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "marketplace.settings", **PRODUCTION, **env})
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60
    )


def production_settings(*names: str, **env) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}, "
        "default=str))"
    )
    done = run(code, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_turns_on_https_only_cookies_hsts_and_hashed_static_files():
    found = production_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "STORAGES",
        "SESSION_ENGINE",
    )
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_HSTS_SECONDS"] == 31_536_000
    assert found["SESSION_COOKIE_SECURE"] is found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["STORAGES"]["staticfiles"]["BACKEND"].endswith(
        "CompressedManifestStaticFilesStorage"
    )
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_production_responses_carry_the_security_headers():
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "c = Client(HTTP_HOST='ocop.example.vn'); "
        "plain = c.get('/robots.txt'); tls = c.get('/robots.txt', secure=True); "
        "print(json.dumps([plain.status_code, plain.get('Location'), tls.status_code, "
        "dict(tls.headers)]))"
    )
    done = run(code)
    assert done.returncode == 0, done.stderr
    plain_status, location, status, headers = json.loads(done.stdout.strip().splitlines()[-1])
    assert (plain_status, location) == (301, "https://ocop.example.vn/robots.txt")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_the_stamp_pages_get_the_content_security_policy_too(client, db):
    response = client.get("/01/08938100000017")
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CACHE_URL": "memcached://127.0.0.1"}, "CACHE_URL must start with redis://"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be text or json"),
        ({"SEARCH_BACKEND": "elasticsearch"}, "needs ELASTICSEARCH_URL"),
        ({"DATABASE_URL_REPLICA": "mysql://r/ocop"}, "postgresql://"),
    ],
)
def test_malformed_deployment_settings_stop_the_start_with_a_clear_message(env, message):
    done = run("from django.conf import settings; settings.DEBUG", **env)
    assert done.returncode != 0
    assert message in done.stderr


def test_the_replica_and_the_shared_cache_come_from_the_environment():
    found = production_settings(
        "DATABASES",
        "CACHES",
        DATABASE_URL_REPLICA="postgresql://reader@replica.internal:5432/ocop",
        CACHE_URL="redis://cache.internal:6379/1",
    )
    replica = found["DATABASES"]["replica"]
    assert (replica["HOST"], replica["USER"], replica["TEST"]) == (
        "replica.internal",
        "reader",
        {"MIRROR": "default"},
    )
    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_json_logs_are_one_object_per_line_with_the_extra_fields():
    record = logging.makeLogRecord(
        {"name": "ocop.orders", "levelname": "WARNING", "msg": "đơn %s", "args": ("DH-1",)}
    )
    record.order = 42
    try:
        raise ValueError("hỏng")
    except ValueError:
        record.exc_info = sys.exc_info()

    line = JsonFormatter().format(record)

    entry = json.loads(line)
    assert "\n" not in line
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING",
        "ocop.orders",
        "đơn DH-1",
    )
    assert entry["order"] == 42
    assert "ValueError: hỏng" in entry["exception"]


def test_production_logs_are_json_when_asked():
    code = "import logging, django; django.setup(); logging.getLogger('ocop').warning('xin chào')"
    done = run(code, LOG_FORMAT="json")
    assert done.returncode == 0, done.stderr
    entry = json.loads(done.stderr.strip().splitlines()[-1])
    assert (entry["logger"], entry["message"]) == ("ocop", "xin chào")


def test_sentry_starts_only_with_a_dsn_and_sends_no_personal_data():
    code = (
        "import json, django; django.setup(); import sentry_sdk; "
        "client = sentry_sdk.get_client(); "
        "print(json.dumps([client.is_active(), str(client.dsn or ''), "
        "client.options.get('send_default_pii')]))"
    )
    without = run(code)
    with_dsn = run(code, SENTRY_DSN="https://public@sentry.example.vn/7")
    assert json.loads(without.stdout.strip().splitlines()[-1])[0] is False
    active, dsn, pii = json.loads(with_dsn.stdout.strip().splitlines()[-1])
    assert (active, dsn, pii) == (True, "https://public@sentry.example.vn/7", False)


NODE_B = """
import django; django.setup()
from django.test import RequestFactory
from marketplace.accounts.backends import is_throttled
request = RequestFactory().post("/tai-khoan/dang-nhap/", REMOTE_ADDR="192.0.2.1")
print(is_throttled(request, "khach@example.vn"))
"""


def test_login_limits_live_in_redis_so_every_web_node_sees_them(redis_url, settings, db):
    settings.CACHES = {"default": cache_config(f"{redis_url}/3")}
    settings.LOGIN_MAX_FAILURES = 3
    for number in range(3):
        request = RequestFactory().post("/admin/login/", REMOTE_ADDR=f"198.51.100.{number}")
        assert authenticate(request, username="khach@example.vn", password="sai") is None

    # Another web node, its own process and connection to the same Redis, refuses too;
    # one on a different cache does not.
    same = run(NODE_B, OCOP_MODE="test", CACHE_URL=f"{redis_url}/3", LOGIN_MAX_FAILURES="3")
    other = run(NODE_B, OCOP_MODE="test", CACHE_URL=f"{redis_url}/4", LOGIN_MAX_FAILURES="3")
    assert same.stdout.strip() == "True", same.stderr
    assert other.stdout.strip() == "False", other.stderr
    assert redis.Redis.from_url(f"{redis_url}/3").keys("ocop:*")
    caches["default"].clear()


# docker/ -----------------------------------------------------------------------------


def compose_command() -> list[str] | None:
    """`docker compose` (the plugin) or Debian's `docker-compose`, whichever works here."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


COMPOSE_ENV = {
    "SECRET_KEY": "s" * 50,
    "ALLOWED_HOSTS": "ocop.example.vn",
    "POSTGRES_PASSWORD": "pw",
    "TRACE_BASE_URL": "https://ocop.example.vn",
}


@pytest.mark.skipif(compose_command() is None, reason="no docker compose client on this machine")
def test_the_compose_file_validates_and_runs_every_service():
    command = [*compose_command(), "-f", str(ROOT / "docker" / "compose.yaml"), "config"]

    done = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **COMPOSE_ENV}, timeout=120
    )

    assert done.returncode == 0, done.stderr
    config = yaml.safe_load(done.stdout)
    services = config["services"]
    assert set(services) == {
        "postgres", "redis", "elasticsearch", "migrate", "web", "worker", "scheduler"
    }  # fmt: skip
    assert set(config["volumes"]) == {"postgres", "redis", "elasticsearch", "media"}
    web = services["web"]
    assert web["environment"]["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert web["environment"]["SEARCH_BACKEND"] == "elasticsearch"
    assert services["worker"]["command"][:4] == ["celery", "-A", "marketplace", "worker"]
    assert services["scheduler"]["command"][:4] == ["celery", "-A", "marketplace", "beat"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    # A missing secret stops it before anything starts.
    bare = {key: value for key, value in os.environ.items() if key not in COMPOSE_ENV}
    refused = subprocess.run(command, capture_output=True, text=True, env=bare, timeout=120)
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr or "POSTGRES_PASSWORD" in refused.stderr


def test_the_image_is_multi_stage_non_root_with_a_health_check():
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert len(stages) == 2 and stages[0].endswith("AS build")
    assert "USER ocop:ocop" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "healthcheck.py" in dockerfile
    assert "compilemessages" in dockerfile and "collectstatic --noinput" in dockerfile
    assert "uvicorn_worker.UvicornWorker" in dockerfile


# The live server needs a transactional database; restoring the serialized data keeps
# later serialized-rollback tests from meeting re-created content types.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_health_check_script_passes_on_a_live_server_and_fails_without_one(live_server):
    script = ROOT / "docker" / "healthcheck.py"
    port = live_server.url.rsplit(":", 1)[1]
    env = {**os.environ, "PORT": port, "ALLOWED_HOSTS": "localhost,ocop.example.vn"}

    healthy = subprocess.run([sys.executable, str(script)], env=env, timeout=30)
    down = subprocess.run(
        [sys.executable, str(script)], env={**env, "PORT": "9"}, capture_output=True, timeout=30
    )

    assert healthy.returncode == 0
    assert down.returncode == 1
