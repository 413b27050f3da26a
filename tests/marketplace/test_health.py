import json
import os
import subprocess
import sys


def test_healthz_answers_200_after_a_database_round_trip(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable():
    # given a process whose DATABASE_URL points at a port where nothing listens
    code = (
        "import django, json; django.setup(); "
        "from django.test import Client; r = Client().get('/healthz'); "
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": "postgresql://ocop@127.0.0.1:9/ocop?connect_timeout=2",
    }

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )

    assert done.returncode == 0, done.stderr
    status, body = json.loads(done.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "database": "OperationalError"}


def test_healthz_only_answers_get(client, db):
    assert client.post("/healthz").status_code == 405
