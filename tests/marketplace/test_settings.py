import os
import subprocess
import sys

import pytest

from marketplace.env import ConfigurationError, env_bool, env_int, env_list


def run_settings(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "OCOP_MODE", "DEBUG"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings",
        DATABASE_URL="postgresql://ocop@127.0.0.1:9/ocop",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    done = run_settings()
    assert done.returncode != 0
    assert "SECRET_KEY is required in production" in done.stderr


def test_production_starts_with_a_secret_key_and_debug_off():
    done = run_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="ocop.example.vn")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_demo_mode_needs_no_secret_key():
    done = run_settings(OCOP_MODE="demo")
    assert done.returncode == 0, done.stderr


def test_an_unknown_mode_is_refused():
    done = run_settings(OCOP_MODE="staging", SECRET_KEY="x" * 50)
    assert "OCOP_MODE must be production, demo or test" in done.stderr


def test_env_bool_reads_common_spellings_and_refuses_others(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "  ")
    assert env_bool("FLAG", True) is True  # empty, as in .env.example: the default
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ConfigurationError, match="FLAG must be a boolean"):
        env_bool("FLAG")


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("COUNT", "12")
    monkeypatch.setenv("HOSTS", "a.vn, b.vn,,")
    assert env_int("COUNT", 1) == 12
    assert env_list("HOSTS") == ["a.vn", "b.vn"]
    monkeypatch.setenv("COUNT", "twelve")
    with pytest.raises(ConfigurationError, match="COUNT must be an integer"):
        env_int("COUNT", 1)
