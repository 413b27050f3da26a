"""Query limits: depth and cost, checked before execution so a heavy query gets a clear
error instead of a timeout. Page size (100) is checked where lists are paginated."""

from contextvars import ContextVar

from graphql import GraphQLError, ValidationRule
from graphql.language import (
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
)

from marketplace.graphql.core import MAX_PAGE_SIZE

MAX_DEPTH = 12
MAX_COST = 25_000
# The request's variables, so page sizes given as variables count in the cost.
request_variables: ContextVar[dict | None] = ContextVar("request_variables", default=None)


def _page_factor(field: FieldNode, variables: dict) -> int:
    for argument in field.arguments or ():
        if argument.name.value in ("first", "last"):
            value = argument.value
            if value.kind == "int_value":
                return max(1, min(int(value.value), MAX_PAGE_SIZE))
            if value.kind == "variable":
                given = variables.get(value.name.value)
                return max(1, min(int(given), MAX_PAGE_SIZE)) if isinstance(given, int) else 1
    return 1


class QueryLimitsRule(ValidationRule):
    """Refuse operations nested deeper than MAX_DEPTH or costing more than MAX_COST.

    Cost: each field counts 1, times the page sizes of the lists above it."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        fragments = {
            definition.name.value: definition
            for definition in self.context.document.definitions
            if definition.kind == "fragment_definition"
        }
        depth, cost = self._measure(node.selection_set, fragments, 1, 1, set())
        if depth > MAX_DEPTH:
            self.report_error(
                GraphQLError(
                    f"Query is nested {depth} levels deep; the limit is {MAX_DEPTH}.", node
                )
            )
        elif cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"Query would cost {cost} (fields × page sizes); the limit is {MAX_COST}. "
                    "Ask for fewer fields or smaller pages.",
                    node,
                )
            )

    def _measure(self, selection_set, fragments, depth, factor, seen):
        if selection_set is None:
            return depth - 1, 0
        deepest, cost = depth, 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue  # introspection (__schema, __type) is allowed and not limited
                inner = factor * _page_factor(selection, request_variables.get() or {})
                child_depth, child_cost = self._measure(
                    selection.selection_set, fragments, depth + 1, inner, seen
                )
                deepest, cost = max(deepest, child_depth), cost + factor + child_cost
            elif isinstance(selection, InlineFragmentNode):
                child_depth, child_cost = self._measure(
                    selection.selection_set, fragments, depth, factor, seen
                )
                deepest, cost = max(deepest, child_depth), cost + child_cost
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen or name not in fragments:
                    continue
                child_depth, child_cost = self._measure(
                    fragments[name].selection_set, fragments, depth, factor, seen | {name}
                )
                deepest, cost = max(deepest, child_depth), cost + child_cost
        return deepest, cost
