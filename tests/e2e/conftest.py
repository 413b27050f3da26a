"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live
server, with the demo data loaded. `.ci/run` installs Chromium (never `playwright install`)."""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in the test thread, which also uses the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parent / "vendor" / "axe-4.14.1.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def browser():
    """A browser per test. Playwright's sync API runs an event loop in this thread, and
    while it runs Django hands out other connection objects (asgiref's Local follows the
    loop's context), which lack the serialized data that restores the database after
    each transactional test; closing the browser after each test keeps the two apart."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is missing: `apt-get install chromium` (.ci/run installs it).")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
        # Close the connections opened while the loop ran, before it stops.
        connections.close_all()


@pytest.fixture
def shop(live_server):
    """The demo marketplace served by the live server; returns its base URL."""
    call_command("load_demo", stdout=StringIO())
    return live_server.url


@pytest.fixture
def page(browser, shop):
    """A phone-sized page in Vietnamese, the shop's first audience."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=shop
    )
    # axe-core is served as if from the site itself, so the page's CSP stays in force.
    context.route("**/__axe.js", lambda route: route.fulfill(path=str(AXE)))
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def serious_accessibility_violations(page) -> list[str]:
    """Run axe-core in the page; return the serious and critical violations found."""
    page.add_script_tag(url="/__axe.js")
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for review in var/screenshots/ (not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
