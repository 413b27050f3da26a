"""Environment for a child process (a server, a worker) that must use the test database."""

import os
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from django.db import connection


def database_env() -> dict:
    """The child's settings for the test database (embedded or external)."""
    name = connection.settings_dict["NAME"]
    url = os.environ.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        return {"DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
    return {"OCOP_DB_NAME": name}


def database_url() -> str:
    """A postgresql:// URL of the test database, for settings that need one."""
    config = connection.settings_dict
    user = quote(config["USER"], safe="")
    if config["PASSWORD"]:
        user += ":" + quote(config["PASSWORD"], safe="")
    port = f":{config['PORT']}" if config["PORT"] else ""
    options = {**config["OPTIONS"], "host": config["HOST"]}
    return f"postgresql://{user}@{port}/{config['NAME']}?{urlencode(options)}"


def child_env(**extra) -> dict:
    return {**os.environ, **database_env(), "OCOP_MODE": "test", **extra}
