"""Every bench at full size, one after the other, then one table of their goals:

    .venv/bin/python bench/run_all.py        (make bench)

Each script starts its own embedded PostgreSQL and servers in a temporary folder and
prints a `goal | … ` line per goal (bench/_goals.py); this collects them with the date,
the machine and each script's wall time. docs/scaling.md quotes only this table."""

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["graphql_api.py", "storefront.py", "checkout.py", "kiosk.py", "program.py", "stamps.py"]


# `--small`: the sizes make test runs (tests/bench/test_bench_smoke.py), to try the runner.
SMALL = {
    "graphql_api.py": ["--requests", "10"],
    "storefront.py": ["--requests", "10", "--products", "100"],
    "checkout.py": ["--buyers", "10", "--threads", "2", "--stock", "5"],
    "kiosk.py": ["--sales", "10"],
    "program.py": ["--rows", "6000", "--repeat", "2", "--lines", "20"],
    "stamps.py": ["--issue", "100"],
}


def run(script: str, small: bool) -> tuple[list[list[str]], float, int]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / script), *(SMALL[script] if small else [])],
        cwd=HERE.parent,
        env=env,
        text=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    sys.stderr.write(done.stdout + done.stderr[-2000:])
    rows = [
        [cell.strip() for cell in line.split("|")[1:]]
        for line in done.stdout.splitlines()
        if line.startswith("goal |")
    ]
    return rows, seconds, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="the small sizes of make test")
    parser.add_argument("--only", nargs="*", default=SCRIPTS, choices=SCRIPTS)
    args = parser.parse_args()
    machine = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    print(f"bench run {date.today().isoformat()} on {platform.node()} ({machine})")
    print("| bench | measure | measured | goal | ratio | |")
    print("|---|---|---|---|---|---|")
    failed = []
    for script in args.only:
        rows, seconds, status = run(script, args.small)
        if status != 0 or not rows:
            failed.append(script)
        for measure, value, goal, ratio, met in rows:
            print(f"| {script} | {measure} | {value} | {goal} | {ratio} | {met} |")
        print(f"| {script} | wall time of the run | {seconds:.0f} s | | | |")
    if failed:
        print(f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
