"""The documented JSON feed (docs/api.md): /api/feed/v1/products.json and sales.json.

Products are public (ratings and certificates are public records). Sales aggregates
need a programme reader: a session, or a JWT access token from the GraphQL
`tokenCreate` mutation in `Authorization: Bearer …`; area users get their own area.
"""

from datetime import date

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from catalog.errors import DomainError
from marketplace.graphql.account.tokens import TokenError, user_from_access_token
from marketplace.replica import lag_tolerant
from program.errors import ProgramError, ProgramErrorCode
from program.services import feed
from program.services.scope import can_read_programme, reader_scope


def _error(error: DomainError, status: int = 400) -> JsonResponse:
    body = {
        "field": error.field,
        "code": str(error.code),
        "message_vi": error.message_vi,
        "message_en": error.message_en,
    }
    return JsonResponse({"errors": [body]}, status=status)


@require_GET
@lag_tolerant
def products(request):
    try:
        return JsonResponse(feed.products_page(_int(request.GET.get("page", "1"), "page")))
    except ProgramError as error:
        return _error(error)


def _int(value: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ProgramError(ProgramErrorCode.INVALID, field, value=value) from None


def _day(request, field: str) -> date:
    value = request.GET.get(field, "")
    if not value:
        raise ProgramError(ProgramErrorCode.REQUIRED, field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ProgramError(ProgramErrorCode.INVALID, field, value=value) from None


def _caller(request):
    header = request.headers.get("Authorization", "")
    if header.startswith(("Bearer ", "JWT ")):
        return user_from_access_token(header.split(" ", 1)[1].strip())
    return request.user


@require_GET
@lag_tolerant
def sales(request):
    try:
        user = _caller(request)
    except TokenError as error:
        return JsonResponse({"errors": [{"code": error.code, "message": str(error)}]}, status=401)
    if not can_read_programme(user):
        message = "Cần quyền đọc số liệu Chương trình / A programme reader's login is needed."
        return JsonResponse(
            {"errors": [{"code": "PERMISSION_DENIED", "message": message}]},
            status=401 if not user.is_authenticated else 403,
        )
    try:
        start, end = _day(request, "start"), _day(request, "end")
        scope = reader_scope(user, start, end, request.GET.get("area", ""))
        return JsonResponse(feed.sales(scope, request.GET.get("group_by", "month")))
    except ProgramError as error:
        return _error(error)
