"""POST /graphql/: JWT authentication, query limits, and cached parsing and validation
around graphene-django's view (with multipart uploads)."""

import json
import logging
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from graphene_django.views import GraphQLView, HttpError
from graphene_file_upload.django import FileUploadGraphQLView
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)

from marketplace.graphql.account.tokens import TokenError, user_from_access_token
from marketplace.graphql.core.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_REQUEST_BYTES,
    MAX_TOKENS,
    QueryLimitsRule,
    page_variable_names,
    request_variables,
)
from marketplace.graphql.schema import schema as api_schema

MAX_VALIDATION_ERRORS = 50
logger = logging.getLogger("marketplace.graphql")
INTERNAL_ERROR = "Lỗi máy chủ, đã được ghi lại / Internal server error (logged for the team)."


@lru_cache(maxsize=512)
def _parsed(query: str):
    return parse(query, max_tokens=MAX_TOKENS)


@lru_cache(maxsize=512)
def _page_variables(query: str) -> frozenset:
    # From the same cached parse as the execution, not a second one.
    return page_variable_names(_parsed(query))


@lru_cache(maxsize=512)
def _validation_errors(query: str, page_sizes: tuple):
    # Page sizes given as variables change the query's cost, so they are part of the key.
    request_variables.set({name: json.loads(value) for name, value in page_sizes})
    return tuple(
        validate(
            api_schema.graphql_schema,
            _parsed(query),
            (*specified_rules, QueryLimitsRule),
            max_errors=MAX_VALIDATION_ERRORS,
        )
    )


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _declared_length(request) -> int:
    # The header, not the body: a multipart body may already have been parsed (and its
    # stream consumed) by the middleware that checks form fields.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_REQUEST_BYTES + 1


def _refused(message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status=status
    )


def _csrf_refusal(request):
    """A request signed in by the session cookie must carry the CSRF token, as any form
    of the site does: otherwise another site's form could run mutations as the user.
    Requests authenticated by a token header are not exposed to that, and pass."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})


class ApiView(FileUploadGraphQLView):
    def dispatch(self, request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.startswith(("Bearer ", "JWT ")):
            try:
                request.user = user_from_access_token(header.split(" ", 1)[1].strip())
            except TokenError as error:
                return _refused(str(error), error.code, 401)
        elif _csrf_refusal(request) is not None:
            return _refused(
                "Phiên đăng nhập bằng cookie cần mã CSRF (header X-CSRFToken); hoặc dùng "
                "Authorization: Bearer <token>. / A cookie session needs the CSRF token "
                "(X-CSRFToken header), or use Authorization: Bearer <token>.",
                "CSRF_FAILED",
                403,
            )
        if not request.content_type.startswith("multipart/") and _declared_length(request) > (
            MAX_REQUEST_BYTES
        ):
            return _refused(
                f"Yêu cầu quá lớn (tối đa {MAX_REQUEST_BYTES // 1024} KB). / The request is "
                f"too large ({MAX_REQUEST_BYTES // 1024} KB at most).",
                "REQUEST_TOO_LARGE",
                413,
            )
        return super().dispatch(request, *args, **kwargs)

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        if len(query) > MAX_DOCUMENT_BYTES:
            return ExecutionResult(
                errors=[GraphQLError(f"The query is longer than {MAX_DOCUMENT_BYTES} characters.")]
            )
        try:
            document = _parsed(query)
        except Exception as error:  # a GraphQLSyntaxError, reported to the client
            return ExecutionResult(errors=[error])
        operation = get_operation_ast(document, operation_name)
        if (
            request.method == "GET"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(HttpResponseNotAllowed(["POST"], "Mutations need POST."))
        variables = variables if isinstance(variables, dict) else {}
        if "\x00" in query or "\\u0000" in query.lower() or _has_nul(variables):
            # PostgreSQL text cannot hold NUL; refuse it here with a clear answer.
            return ExecutionResult(
                errors=[
                    GraphQLError(
                        "Văn bản không được chứa ký tự NUL / Text may not contain NUL (\\u0000)."
                    )
                ]
            )
        page_sizes = tuple(
            sorted(
                (name, json.dumps(variables.get(name), default=str))
                for name in _page_variables(query)
            )
        )
        errors = _validation_errors(query, page_sizes)
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        options = {
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
        }
        try:
            if operation is not None and operation.operation == OperationType.MUTATION:
                with transaction.atomic():
                    return execute(api_schema.graphql_schema, document, **options)
            return execute(api_schema.graphql_schema, document, **options)
        except Exception as error:  # reported in the response's errors, as graphene does
            return ExecutionResult(errors=[GraphQLError(str(error), original_error=error)])

    @staticmethod
    def format_error(error):
        original = getattr(error, "original_error", None)
        formatted = GraphQLView.format_error(error)
        if original is not None and not isinstance(original, GraphQLError):
            # A bug, not a client mistake: log it with its traceback for the team, and
            # never echo its text (a database error names columns, types and values).
            logger.error("unhandled error in a resolver", exc_info=original)
            if not settings.DEBUG:
                formatted["message"] = INTERNAL_ERROR
                formatted["extensions"] = {"code": "INTERNAL_ERROR"}
        return json.loads(json.dumps(formatted, default=str))
