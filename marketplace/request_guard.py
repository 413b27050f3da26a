"""Refuse request parameters that no page can store or search: a NUL character
(PostgreSQL text cannot hold one, and psycopg refuses it with an error that would be a
500). Every form and query string passes through here; JSON bodies are checked by the
API views that read them."""

from django.http import HttpResponseBadRequest

MESSAGE = (
    "Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL). / The request contains an invalid "
    "character (NUL)."
)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(query_dict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query_dict.lists()
    )


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type in FORM_TYPES
            and _has_nul(request.POST)
        ):
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
