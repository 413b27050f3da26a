"""The container's health check: GET /healthz as a client behind the proxy would.

Standard library only (no Django start-up every 30 s). It names the first of
ALLOWED_HOSTS as the host and says the request came over HTTPS, so host validation and
the HTTPS redirect treat it like real traffic. Exit status 0 when healthy, 1 otherwise."""

import os
import sys
import urllib.request

host = (os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip() or "localhost").lstrip(".")
port = os.environ.get("PORT", "8000")
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError as error:
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
