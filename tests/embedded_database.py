"""Pytest plugin (loaded with -p before Django settings): one embedded PostgreSQL server
per test session in a temporary folder, unless DATABASE_URL names another server."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_data_dir: Path | None = None
if not os.environ.get("DATABASE_URL"):
    _data_dir = Path(tempfile.mkdtemp(prefix="ocop-test-"))
    os.environ["OCOP_DATA_DIR"] = str(_data_dir)
os.environ["OCOP_MODE"] = "test"
_media_root = Path(tempfile.mkdtemp(prefix="ocop-test-media-"))
os.environ["MEDIA_ROOT"] = str(_media_root)
os.environ["PRIVATE_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="ocop-test-private-")
# Browser tests load product images from the live server.
os.environ["SERVE_MEDIA"] = "true"


def pytest_unconfigure(config):
    shutil.rmtree(_media_root, ignore_errors=True)
    shutil.rmtree(os.environ["PRIVATE_MEDIA_ROOT"], ignore_errors=True)
    if _data_dir is not None:
        from marketplace.embedded_database import stop

        stop(_data_dir)
        shutil.rmtree(_data_dir, ignore_errors=True)


def _remove_data_dir_again():
    # The embedded server's own exit handler writes a lock file into the runtime folder
    # (XDG_RUNTIME_DIR, inside the data folder) after pytest_unconfigure; registered
    # first, this handler runs last and removes what it wrote.
    if _data_dir is not None:
        shutil.rmtree(_data_dir, ignore_errors=True)


atexit.register(_remove_data_dir_again)
