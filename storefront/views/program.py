"""Programme pages: the dashboard, the ledger rows behind each figure, and reports."""

import itertools
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from marketplace.replica import lag_tolerant
from program.services import aggregates, alerts, reports
from program.services.periods import period_bounds, period_label
from program.services.progress import progress, visible_plans
from program.services.scope import allowed_area, can_read_programme, scope_for
from storefront import charts
from storefront.program_forms import DashboardFilters, LedgerFilters, ReportForm

LEDGER_PAGE = 50


def programme_reader(view):
    """Signed-in programme office staff or area users; everyone else is refused."""

    @login_required
    @wraps(view)
    def check(request, *args, **kwargs):
        if not can_read_programme(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return check


def _scope(request, form):
    area = allowed_area(request.user, form.area_unit())
    return scope_for(form.cleaned_data["start"], form.cleaned_data["end"], area)


@programme_reader
@lag_tolerant
def dashboard(request):
    plans = visible_plans(request.user)
    form = DashboardFilters(request.GET, user=request.user, plans=plans)
    if not form.is_valid():
        return render(request, "storefront/program/dashboard.html", {"form": form}, status=400)
    scope = _scope(request, form)
    plan = form.cleaned_data["plan"]
    over_time = aggregates.every_period(scope, aggregates.over_time(scope))
    groups = {
        "channels": aggregates.by_channel_kind(scope),
        "units": aggregates.by_unit(scope),
        "producers": aggregates.by_producer(scope),
        "products": aggregates.by_product(scope),
    }
    daily = aggregates.time_unit(scope) == "day"
    context = {
        "form": form,
        "scope": scope,
        "plan": plan,
        "targets": progress(plan) if plan else [],
        "totals": aggregates.totals(scope),
        "over_time": over_time,
        "time_chart": charts.columns(over_time, "%d/%m" if daily else "%m/%y"),
        "groups": groups,
        "group_charts": {key: charts.horizontal(rows) for key, rows in groups.items()},
        "expiring": alerts.expiring_certificates(scope)[:50],
        "flags": alerts.counterfeit_flags(scope)[:50],
        "query": request.GET.urlencode(),
    }
    return render(request, "storefront/program/dashboard.html", context)


@programme_reader
@lag_tolerant
def ledger(request):
    plans = visible_plans(request.user)
    form = LedgerFilters(request.GET, user=request.user, plans=plans)
    if not form.is_valid():
        return render(request, "storefront/program/ledger.html", {"form": form}, status=400)
    scope = _scope(request, form)
    data = form.cleaned_data
    rows = aggregates.ledger_rows(
        scope,
        producer_id=data.get("producer"),
        product_id=data.get("product"),
        administrative_unit_id=data.get("unit"),
        channel_kind=data.get("channel_kind"),
    )
    if request.GET.get("format") == "csv":
        return _csv_response(rows, f"so-cai-{scope.start}-{scope.end}.csv")
    page = Paginator(
        rows.select_related("producer", "product", "variant", "administrative_unit", "channel"),
        LEDGER_PAGE,
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "scope": scope}
    return render(request, "storefront/program/ledger.html", context)


def _csv_response(rows, filename: str):
    # The byte-order mark lets spreadsheet programs read the file as UTF-8.
    lines = itertools.chain(["\ufeff"], reports.ledger_csv_lines(rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@programme_reader
@lag_tolerant
def report(request):
    form = ReportForm(request.GET or None, user=request.user)
    if not request.GET or not form.is_valid():
        status = 400 if request.GET else 200
        return render(request, "storefront/program/report.html", {"form": form}, status=status)
    data = form.cleaned_data
    number = 1 if data["kind"] == "year" else data["number"]
    start, end = period_bounds(data["kind"], data["year"], number)
    area = allowed_area(request.user, form.area_unit())
    scope = scope_for(start, end, area)
    plans = visible_plans(request.user).filter(year=data["year"])
    if area is not None:
        plans = plans.filter(administrative_unit_id__in=scope.units)
    label = period_label(data["kind"], data["year"], number)
    built = reports.build(scope, period=label, plans=plans)
    slug = label.replace("/", "-")
    if request.GET.get("format") == "pdf":
        return _download(reports.to_pdf(built), "application/pdf", f"bao-cao-ocop-{slug}.pdf")
    return _download(
        reports.to_xlsx(built),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"bao-cao-ocop-{slug}.xlsx",
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
