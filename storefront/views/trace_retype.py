"""Type a stamp's code again: after a mistyped or unknown code, the page offers a form
with the product and lot of the scanned link and the serial as typed; a well-formed
answer goes to that stamp's address (a new check, counted as a scan)."""

from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from storefront.views.trace_data import programme_contact
from storefront.views.trace_page import page_context
from traceability import serials
from traceability.digital_link import DigitalLink, encode
from traceability.errors import TraceError


@require_GET
def retype(request):
    gtin = request.GET.get("gtin", "").strip()
    lot = request.GET.get("lot", "").strip()
    serial = serials.normalise(request.GET.get("serial", ""))[:40]
    try:
        if not serial:
            raise ValueError
        return HttpResponseRedirect(encode(DigitalLink(gtin, lot or None, serial), ""))
    except (TraceError, ValueError):
        data = {
            "gtin": gtin,
            "lot_code": lot,
            "serial": serial,
            "retype_error": True,
            "contact": programme_contact(),
        }
        html = render_to_string("storefront/trace/retype.html", page_context(data, request.path))
        return HttpResponse(html, status=400)
