"""Every bench still runs: each script at a small size, as `make test` runs it. Only that
it works and prints its figures is checked; no timing is asserted (benches measure, and
`bench/` says how to run them at full size)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SMALL_RUNS = [
    ("graphql_api.py", ["--requests", "10"], ["p50", "SQL queries", "/healthz p50"]),
    (
        "storefront.py",
        ["--requests", "10", "--products", "100"],
        ["listing", "product", "search p50"],
    ),
    (
        "checkout.py",
        ["--buyers", "10", "--threads", "2", "--stock", "5"],
        ["completions/second", "oversell"],
    ),
    ("kiosk.py", ["--sales", "10"], ["sync of 10 queued sales", "duplicates 0"]),
    # more rows than ingestion makes, so the bulk fill runs too
    ("program.py", ["--rows", "6000", "--repeat", "2", "--lines", "20"], ["worst p95", "filled"]),
    ("stamps.py", ["--issue", "100"], ["issue 100 stamps", "verification page p50"]),
]


@pytest.mark.parametrize(("script", "args", "figures"), SMALL_RUNS, ids=[r[0] for r in SMALL_RUNS])
def test_the_bench_runs_and_prints_its_figures(script, args, figures):
    # each bench starts its own embedded PostgreSQL and servers in a temporary folder
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for figure in figures:
        assert figure in done.stdout, (figure, done.stdout[-1500:])
    assert "goal | " in done.stdout  # its goals, in the form make bench collects


def test_make_bench_collects_the_goals_in_one_table():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--small", "--only", "kiosk.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| kiosk.py |")]
    assert any("duplicates" in line and "| met |" in line for line in table), done.stdout
