"""The `ocop` console command: Django's management commands for this project."""

import os
import signal
import sys


def _exit_on_terminate(signum, frame):
    # Exit normally on SIGTERM so that exit handlers stop the embedded PostgreSQL.
    sys.exit(128 + signum)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    signal.signal(signal.SIGTERM, _exit_on_terminate)
    # A shell starts background jobs with Ctrl-C ignored; restore it so that an
    # interrupt always ends the command through its exit handlers.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ocop", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
