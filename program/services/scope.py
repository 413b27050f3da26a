"""What part of the programme a query covers: an area (with its sub-units) and a period."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from catalog.models import AdministrativeUnit
from program.errors import ProgramError, ProgramErrorCode
from program.models import AreaAssignment

MAX_DAYS = 3700  # about ten years: the longest period a page, report or feed covers


@dataclass(frozen=True)
class Scope:
    start: date
    end: date
    units: frozenset[int] | None = None  # None: the whole programme
    area: AdministrativeUnit | None = None

    def within(self, lookup: str) -> dict:
        """Filter keyword for `lookup` (a path to an administrative unit id) inside the area."""
        return {} if self.units is None else {f"{lookup}__in": self.units}


def area_units(unit: AdministrativeUnit) -> frozenset[int]:
    """The unit and every unit below it, of every version, rolled up through succession
    both ways: a 2023 district keeps its 2023 communes and takes in the communes that
    succeeded them on 1 July 2025 (its producers' later sales are recorded there); a 2025
    commune or province takes in the former communes it was formed from. A new commune
    formed from communes of several former districts counts in each of them."""
    found = _descendants({unit.pk})
    Succession = AdministrativeUnit.successors.through
    links = Succession.objects.filter(
        Q(from_administrativeunit_id__in=found) | Q(to_administrativeunit_id__in=found)
    ).values_list("from_administrativeunit_id", "to_administrativeunit_id")
    linked = {pk for pair in links for pk in pair}
    levels = dict(AdministrativeUnit.objects.filter(pk__in=linked).values_list("pk", "level"))
    # Only communes carry records; following a province's successor would take in a
    # whole merged province.
    return frozenset(found | {pk for pk in linked if levels[pk] == "commune"})


def _descendants(roots: set[int]) -> set[int]:
    found = set(roots)
    frontier = list(roots)
    while frontier:
        frontier = list(
            AdministrativeUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = [pk for pk in frontier if pk not in found]
        found.update(frontier)
    return found


def scope_for(start: date, end: date, area: AdministrativeUnit | None = None) -> Scope:
    return Scope(start, end, area_units(area) if area else None, area)


def assigned_area(user) -> AdministrativeUnit | None:
    """A commune or district user's area; None for the programme office (sees everything).

    Read once per user object, that is once per request: a page asks several times."""
    if not hasattr(user, "_program_area"):
        assignment = AreaAssignment.objects.select_related("administrative_unit").filter(user=user)
        found = assignment.first()
        user._program_area = found.administrative_unit if found else None
    return user._program_area


def allowed_area(user, requested: AdministrativeUnit | None) -> AdministrativeUnit | None:
    """The area a user may look at: their own, or a unit inside it that they asked for."""
    own = assigned_area(user)
    if own is None:
        return requested
    if requested is not None and requested.pk in area_units(own):
        return requested
    return own


def can_read_programme(user) -> bool:
    """Programme office staff with the ledger permission, or a user assigned to an area."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("program.view_salesledgerentry") or assigned_area(user) is not None


def reader_scope(user, start: date, end: date, area_code: str = "") -> Scope:
    """The scope a feed reader asked for: a valid period, and an area by its code that is
    narrowed to the reader's own area."""
    if start > end or (end - start).days > MAX_DAYS:
        raise ProgramError(ProgramErrorCode.INVALID, "end", value=end.isoformat())
    requested = None
    if area_code:
        units = AdministrativeUnit.objects.filter(code=area_code).order_by("-valid_from")
        requested = units.first()
        if requested is None:
            raise ProgramError(ProgramErrorCode.NOT_FOUND, "area", what="area", value=area_code)
    return scope_for(start, end, allowed_area(user, requested))
