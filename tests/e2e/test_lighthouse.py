"""Lighthouse 12.2.3 (npm, pinned in tests/lighthouse/package-lock.json; `make test`
installs it) audits seven pages in its default mobile preset with Debian's Chromium:
performance, accessibility, best practices and SEO each at least 95, and no console
errors. The scores are printed; the JSON reports go to var/lighthouse/ for review."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.helpers import add_to_cart

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "tests" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "var" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LEAST = 0.95


def audit(url: str, cookie: str, name: str, config: Path) -> dict:
    """Lighthouse's report on `url` (its mobile preset: a mid-range phone on slow 4G)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={chromium}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        f"--config-path={config}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={REPORTS / f'{name}.json'}",
        "--quiet",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    run = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads((REPORTS / f"{name}.json").read_text())


def lighthouse_config(shop: str, folder: Path) -> Path:
    """Lighthouse's default config, starting each run from a page of the shop itself.

    Lighthouse first loads a blank page, by default `about:blank`. The shop answers with
    `Cross-Origin-Opener-Policy: same-origin`, so leaving `about:blank` for it moves the tab
    to a new renderer process, and that process sometimes joins the trace after the page's
    `navigationStart`: the run then fails with NO_NAVSTART. From a same-origin page (with the
    same policy) the tab keeps its process, and the trace always holds the navigation.
    """
    config = folder / "lighthouse-config.json"
    settings = {"blankPage": f"{shop}/robots.txt"}
    config.write_text(json.dumps({"extends": "lighthouse:default", "settings": settings}))
    return config


def cookie_header(context) -> str:
    return "; ".join(f"{cookie['name']}={cookie['value']}" for cookie in context.cookies())


def a_stamp_url(shop: str, settings) -> str:
    from traceability.models import Lot
    from traceability.services.stamps import issue_batch, stamp_uri

    settings.TRACE_BASE_URL = shop
    lot = Lot.objects.filter(variant__product__slug="gao-nep-cai-hoa-vang").first()
    batch = issue_batch(lot, 1)
    return stamp_uri(batch.stamps.get())


def test_lighthouse_scores_on_a_phone(browser, shop, settings, capsys, tmp_path):
    from marketplace.management.demo_users import PRODUCER_LOGIN

    assert LIGHTHOUSE.exists(), "Lighthouse is missing: `make test` installs it (npm ci)."
    REPORTS.mkdir(parents=True, exist_ok=True)
    shopper = browser.new_context(locale="vi-VN", base_url=shop)
    add_to_cart(shopper.new_page(), "gao-nep-cai-hoa-vang")
    producer = browser.new_context(locale="vi-VN", base_url=shop)
    signing_in = producer.new_page()
    signing_in.goto("/tai-khoan/login/?next=/producer/")
    signing_in.locator("#id_username").fill(PRODUCER_LOGIN[0])
    signing_in.locator("#id_password").fill(PRODUCER_LOGIN[1])
    signing_in.locator("form button[type=submit]").last.click()
    signing_in.wait_for_url("**/producer/")
    pages = [
        ("home", "/", ""),
        ("search", "/san-pham/?q=gao+nep", ""),
        ("product", "/san-pham/gao-nep-cai-hoa-vang/", ""),
        ("cart", "/gio-hang/", cookie_header(shopper)),
        ("checkout", "/thanh-toan/", cookie_header(shopper)),
        ("stamp", a_stamp_url(shop, settings), ""),
        ("producer portal", "/producer/", cookie_header(producer)),
    ]
    shopper.close()
    producer.close()
    config = lighthouse_config(shop, tmp_path)
    rows, failures, weak = [], [], []
    for name, path, cookie in pages:
        url = path if path.startswith("http") else shop + path
        report = audit(url, cookie, name.replace(" ", "-"), config)
        scores = {key: report["categories"][key]["score"] for key in CATEGORIES}
        console = report["audits"]["errors-in-console"]["details"]["items"]
        rows.append((name, scores, len(console)))
        failures += [f"{name}: {key} {score}" for key, score in scores.items() if score < LEAST]
        failures += [f"{name}: console error {item.get('description')}" for item in console]
        weak += [
            f"{name}: {audit_id} ({item['score']})"
            for audit_id, item in report["audits"].items()
            if item.get("score") is not None and item["score"] < 0.9 and counts(report, audit_id)
        ]
    with capsys.disabled():
        print("\nLighthouse 12.2.3, mobile preset:")
        print(
            f"  {'page':<16} " + " ".join(f"{key:>14}" for key in CATEGORIES) + "  console errors"
        )
        for name, scores, errors in rows:
            values = " ".join(f"{round(scores[key] * 100):>14}" for key in CATEGORIES)
            print(f"  {name:<16} {values}  {errors}")
    assert not failures, [*failures, "audits that cost points:", *weak]


def counts(report: dict, audit_id: str) -> bool:
    """Whether the audit counts towards a category score (weight above 0)."""
    return any(
        ref["id"] == audit_id and ref["weight"] > 0
        for key in CATEGORIES
        for ref in report["categories"][key]["auditRefs"]
    )
