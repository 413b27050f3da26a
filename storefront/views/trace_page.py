"""HTML of the resolver pages, and the verification page's fast path.

Every stamp of a lot shows the same page but for a few values of its own scan: the
serial, the "scanned N times" sentence, and the scan's id and token in two links. So
the page is rendered once per lot, lot status, verdict and language as a shell with
markers in those places, cached for a few minutes, and each scan only fills the
markers. A recall changes the status, hence the key, at once; other lot edits show
within `SHELL_SECONDS`.

The markers are passed to the template as safe strings containing `<` and `>`, so no
text from the database can produce one: the template escapes those characters in it.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from storefront.views.trace_data import day_text, verification_data
from traceability import serials
from traceability.models import ScanVerdict
from traceability.services.verification import scan_token

SHELL_SECONDS = 300
HOLES = ("serial", "repeat_text", "scan_id", "scan_token", "gtin", "lot_code")
# A code that is not a stamp of ours is not a page found: a mistyped one is bad input
# (400), an unknown one does not exist (404). Both pages offer to type the code again.
STATUS = {ScanVerdict.MISTYPED: 400, ScanVerdict.UNKNOWN: 404}
MARKER = re.compile("<@(" + "|".join(HOLES) + ")@>")


def current_language() -> str:
    return "en" if translation.get_language().startswith("en") else "vi"


def page_context(data: dict, switch_path: str) -> dict:
    """The resolver pages take no request context (no session, no CSRF cookie): only the
    language and the switch to the other one, a plain link to `switch_path?lang=…`."""
    language = current_language()
    other = "vi" if language == "en" else "en"
    label = dict(settings.LANGUAGES)[other]
    # The path is escaped here (a request's path is text from the URL) unless it is the
    # shell's own safe path with markers, which must reach the page as they are.
    url = mark_safe(f"{conditional_escape(switch_path)}?lang={other}")
    switch = {"code": other, "label": label, "url": url}
    return {**data, "language": language, "switch": switch}


def render_page(template: str, data: dict, switch_path: str) -> HttpResponse:
    return HttpResponse(render_to_string(template, page_context(data, switch_path)))


def repeat_text(result) -> str:
    first = day_text(result.first_scanned_at)
    return ngettext(
        "Genuine, scanned %(counter)s time before, first on %(first_scanned_at)s",
        "Genuine, scanned %(counter)s times before, first on %(first_scanned_at)s",
        result.scans_before,
    ) % {"counter": result.scans_before, "first_scanned_at": first}


def _shell(result) -> str:
    language = current_language()
    key = f"trace-shell:{result.lot_id}:{result.lot_status}:{result.verdict}:{language}"
    shell = cache.get(key)
    if shell is None:
        holes = {name: mark_safe(f"<@{name}@>") for name in HOLES}
        data = {**verification_data(result), **holes}
        switch_path = mark_safe(f"/scan/{holes['scan_id']}/{holes['scan_token']}/")
        shell = render_to_string("storefront/trace/verify.html", page_context(data, switch_path))
        cache.set(key, shell, SHELL_SECONDS)
    return shell


def verification_page(result) -> HttpResponse:
    """The verification page of a logged scan. Its language switch leads to the scan's
    result page, because reloading the stamp URL would count another scan."""
    values = {
        "serial": serials.display(result.serial) if result.serial else "",
        "repeat_text": (
            repeat_text(result) if result.verdict == ScanVerdict.GENUINE_REPEAT else ""
        ),
        "scan_id": str(result.scan_id),
        "scan_token": scan_token(result.scan_id),
        "gtin": result.gtin,
        "lot_code": result.lot_code,
    }
    html = MARKER.sub(lambda match: escape(values[match.group(1)]), _shell(result))
    return HttpResponse(html, status=STATUS.get(result.verdict, 200))
