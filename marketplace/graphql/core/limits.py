"""Query limits: size, depth and cost, checked before execution so a heavy query gets a
clear error instead of a timeout. Page size (100) is checked where lists are paginated.

Every selected field costs 1 (aliases and `__typename` included: 100,000 aliases are
100,000 fields), times the page sizes of the lists above it; a page size given through
a variable counts by the variable's value, or its default, or the largest page when it
is neither a plain whole number."""

from contextvars import ContextVar

from graphql import GraphQLError, ValidationRule
from graphql.language import (
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    VariableNode,
    Visitor,
    visit,
)

from marketplace.graphql.core import MAX_PAGE_SIZE

MAX_DEPTH = 12
MAX_COST = 25_000
MAX_DOCUMENT_BYTES = 64 * 1024  # Saleor storefronts' largest operations are ~10 KB
MAX_REQUEST_BYTES = 1024 * 1024  # the document and its variables (uploads are multipart)
MAX_TOKENS = 15_000
PAGE_ARGUMENTS = ("first", "last")
INTROSPECTION_ROOTS = ("__schema", "__type")
# The request's variables, so page sizes given as variables count in the cost.
request_variables: ContextVar[dict | None] = ContextVar("request_variables", default=None)


class _PageVariables(Visitor):
    def __init__(self):
        super().__init__()
        self.names = set()

    def enter_argument(self, node, *_args):
        if node.name.value in PAGE_ARGUMENTS and isinstance(node.value, VariableNode):
            self.names.add(node.value.name.value)


def page_variable_names(document) -> frozenset:
    """The variables a parsed query uses as page sizes (their values change its cost)."""
    collector = _PageVariables()
    visit(document, collector)
    return frozenset(collector.names)


def _page_size(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return MAX_PAGE_SIZE  # not a page size the server would accept as given: the worst
    if isinstance(value, float) and not value.is_integer():
        return MAX_PAGE_SIZE
    return max(1, min(int(value), MAX_PAGE_SIZE))


def _page_factor(field: FieldNode, variables: dict, defaults: dict) -> int:
    for argument in field.arguments or ():
        if argument.name.value in PAGE_ARGUMENTS:
            value = argument.value
            if value.kind == "int_value":
                return _page_size(int(value.value))
            if value.kind == "variable":
                name = value.name.value
                if name in variables and variables[name] is not None:
                    return _page_size(variables[name])
                return _page_size(defaults.get(name, 1))
            return MAX_PAGE_SIZE
    return 1


def _defaults(operation: OperationDefinitionNode) -> dict:
    defaults = {}
    for definition in operation.variable_definitions or ():
        default = definition.default_value
        if default is not None and default.kind == "int_value":
            defaults[definition.variable.name.value] = int(default.value)
        elif default is not None and default.kind != "null_value":
            defaults[definition.variable.name.value] = None
    return defaults


class QueryLimitsRule(ValidationRule):
    """Refuse operations nested deeper than MAX_DEPTH or costing more than MAX_COST.

    Cost: each field counts 1, times the page sizes of the lists above it."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        fragments = {
            definition.name.value: definition
            for definition in self.context.document.definitions
            if definition.kind == "fragment_definition"
        }
        self.defaults = _defaults(node)
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
                if selection.name.value in INTROSPECTION_ROOTS:
                    cost += factor  # introspection's own tree is the schema, a fixed size
                    continue
                page = _page_factor(selection, request_variables.get() or {}, self.defaults)
                inner = factor * page
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
