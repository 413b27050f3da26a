"""POST /graphql/: JWT authentication and query limits around graphene-django's view."""

import json

from django.http import JsonResponse
from graphene_django.views import GraphQLView
from graphene_file_upload.django import FileUploadGraphQLView

from marketplace.graphql.limits import QueryLimitsRule, request_variables
from marketplace.graphql.tokens import TokenError, user_from_access_token


class ApiView(FileUploadGraphQLView):
    validation_rules = (QueryLimitsRule,)

    def dispatch(self, request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.startswith(("Bearer ", "JWT ")):
            try:
                request.user = user_from_access_token(header.split(" ", 1)[1].strip())
            except TokenError as error:
                return JsonResponse(
                    {"errors": [{"message": str(error), "extensions": {"code": error.code}}]},
                    status=401,
                )
        return super().dispatch(request, *args, **kwargs)

    def execute_graphql_request(self, request, data, query, variables, operation_name, *args):
        request_variables.set(variables if isinstance(variables, dict) else {})
        return super().execute_graphql_request(
            request, data, query, variables, operation_name, *args
        )

    @staticmethod
    def format_error(error):
        formatted = GraphQLView.format_error(error)
        return json.loads(json.dumps(formatted, default=str))
