"""Walk Saleor 3.20.35's storefront surface (read from its published schema) and compare
every reachable field, argument, input field, enum value and union member with ours.

A field Saleor itself restricts to staff or apps (its description says "Requires one of
the following permissions: MANAGE_…" without AUTHENTICATED_USER or OWNER) is not part of
the storefront and is not walked; the deliberate omissions are listed by the test."""

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
    build_schema,
    get_named_type,
)

REFERENCE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reference"
    / "saleor"
    / "schema-3.20.35.graphql"
)

STOREFRONT_QUERIES = [
    "products",
    "product",
    "productVariant",
    "productVariants",
    "categories",
    "category",
    "collections",
    "collection",
    "menu",
    "menus",
    "page",
    "pages",
    "shop",
    "channel",
    "checkout",
    "me",
    "order",
]

STOREFRONT_MUTATIONS = [
    "checkoutCreate",
    "checkoutLinesAdd",
    "checkoutLinesUpdate",
    "checkoutLinesDelete",
    "checkoutLineDelete",
    "checkoutEmailUpdate",
    "checkoutCustomerAttach",
    "checkoutCustomerDetach",
    "checkoutShippingAddressUpdate",
    "checkoutBillingAddressUpdate",
    "checkoutDeliveryMethodUpdate",
    "checkoutShippingMethodUpdate",
    "checkoutAddPromoCode",
    "checkoutRemovePromoCode",
    "checkoutComplete",
    "paymentGatewayInitialize",
    "transactionInitialize",
    "transactionProcess",
    "checkoutPaymentCreate",
    "accountRegister",
    "accountUpdate",
    "accountAddressCreate",
    "accountAddressUpdate",
    "accountAddressDelete",
    "accountSetDefaultAddress",
    "confirmAccount",
    "requestPasswordReset",
    "setPassword",
    "passwordChange",
    "requestEmailChange",
    "confirmEmailChange",
    "tokenCreate",
    "tokenRefresh",
    "tokenVerify",
    "tokensDeactivateAll",
    "externalAuthenticationUrl",
]

_PERMISSIONS = re.compile(r"Requires one of the following permissions: ([A-Z_, ]+)")
_CUSTOMER_PERMISSIONS = {"AUTHENTICATED_USER", "OWNER"}


def saleor_schema():
    return build_schema(REFERENCE.read_text())


def staff_only(definition) -> bool:
    """Saleor documents the fields only staff or apps may read or use."""
    description = definition.description or ""
    if "Requires staff permissions" in description:
        return True
    found = _PERMISSIONS.search(description)
    if found is None:
        return False
    permissions = {name.strip() for name in found.group(1).split(",")}
    return not permissions & _CUSTOMER_PERMISSIONS


def _shape(type_):
    """[(is_list, non_null)…] from the outside in, and the named type's name."""
    layers = []
    while True:
        non_null = isinstance(type_, GraphQLNonNull)
        if non_null:
            type_ = type_.of_type
        if isinstance(type_, GraphQLList):
            layers.append(non_null)
            type_ = type_.of_type
            continue
        layers.append(non_null)
        return layers, type_.name


def _optional(definition) -> bool:
    return not isinstance(definition.type, GraphQLNonNull) or definition.default_value is not None


@dataclass
class Report:
    covered: int = 0
    skipped_staff: int = 0
    omitted: set = field(default_factory=set)
    gaps: list = field(default_factory=list)
    seen: set = field(default_factory=set)


class Walk:
    def __init__(self, saleor, ours, omissions):
        self.saleor, self.ours, self.omissions = saleor, ours, omissions
        self.report = Report()

    def run(self) -> Report:
        self._root(self.saleor.query_type, self.ours.query_type, STOREFRONT_QUERIES)
        self._root(self.saleor.mutation_type, self.ours.mutation_type, STOREFRONT_MUTATIONS)
        return self.report

    def _gap(self, where, what):
        self.report.gaps.append(f"{where}: {what}")

    def _omitted(self, coordinate) -> bool:
        if any(fnmatchcase(coordinate, key) for key in self.omissions):
            self.report.omitted.add(coordinate)
            return True
        return False

    def _root(self, theirs, ours, names):
        for name in names:
            self._field(theirs.name, name, theirs.fields[name], ours.fields.get(name))

    def _field(self, owner, name, theirs, ours):
        coordinate = f"{owner}.{name}"
        if self._omitted(coordinate):
            return
        if ours is None:
            return self._gap(coordinate, "missing field")
        self.report.covered += 1
        self._output_type(coordinate, theirs.type, ours.type)
        for arg_name, arg in theirs.args.items():
            self._input_value(f"{coordinate}({arg_name})", arg, ours.args.get(arg_name))
        for arg_name, arg in ours.args.items():
            if arg_name not in theirs.args and not _optional(arg):
                self._gap(f"{coordinate}({arg_name})", "required argument Saleor does not have")
        self._named(get_named_type(theirs.type))

    def _output_type(self, coordinate, theirs, ours):
        their_layers, their_name = _shape(theirs)
        our_layers, our_name = _shape(ours)
        if their_name != our_name:
            return self._gap(coordinate, f"type {our_name}, Saleor {their_name}")
        if len(their_layers) != len(our_layers):
            return self._gap(coordinate, "list nesting differs")
        for their_non_null, our_non_null in zip(their_layers, our_layers, strict=True):
            if their_non_null and not our_non_null:
                return self._gap(coordinate, f"nullable, Saleor {theirs}")

    def _input_value(self, coordinate, theirs, ours):
        if self._omitted(coordinate):
            return
        if ours is None:
            return self._gap(coordinate, "missing input")
        self.report.covered += 1
        their_layers, their_name = _shape(theirs.type)
        our_layers, our_name = _shape(ours.type)
        if their_name != our_name:
            self._gap(coordinate, f"type {our_name}, Saleor {their_name}")
        elif len(their_layers) != len(our_layers):
            self._gap(coordinate, "list nesting differs")
        elif _optional(theirs) and not _optional(ours):
            self._gap(coordinate, "required, optional in Saleor")
        elif any(o and not t for t, o in zip(their_layers[1:], our_layers[1:], strict=True)):
            self._gap(coordinate, "list items must not be null here, may in Saleor")
        self._named(get_named_type(theirs.type))

    def _named(self, theirs):
        if theirs.name in self.report.seen or self._omitted(theirs.name):
            return
        self.report.seen.add(theirs.name)
        ours = self.ours.get_type(theirs.name)
        if ours is None:
            return self._gap(theirs.name, "missing type")
        if type(ours) is not type(theirs):
            return self._gap(
                theirs.name, f"a {type(ours).__name__}, Saleor {type(theirs).__name__}"
            )
        if isinstance(theirs, GraphQLObjectType | GraphQLInterfaceType):
            for name, definition in theirs.fields.items():
                if staff_only(definition):
                    self.report.skipped_staff += 1
                    continue
                self._field(theirs.name, name, definition, ours.fields.get(name))
        elif isinstance(theirs, GraphQLInputObjectType):
            for name, definition in theirs.fields.items():
                self._input_value(f"{theirs.name}.{name}", definition, ours.fields.get(name))
            for name, definition in ours.fields.items():
                if name not in theirs.fields and not _optional(definition):
                    self._gap(f"{theirs.name}.{name}", "required input Saleor does not have")
        elif isinstance(theirs, GraphQLEnumType):
            for value in theirs.values:
                if value not in ours.values and not self._omitted(f"{theirs.name}.{value}"):
                    self._gap(f"{theirs.name}.{value}", "missing enum value")
                self.report.covered += 1
        elif isinstance(theirs, GraphQLUnionType):
            our_members = {member.name for member in ours.types}
            for member in theirs.types:
                if member.name not in our_members and not self._omitted(member.name):
                    self._gap(f"{theirs.name} | {member.name}", "missing union member")
                self._named(member)
