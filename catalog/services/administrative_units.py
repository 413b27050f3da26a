"""Versioned administrative units: report a record under the units of its own time."""

from datetime import date

from catalog.models import AdministrativeUnit


def unit_at_level(unit: AdministrativeUnit, level: str) -> AdministrativeUnit | None:
    """The unit of `level` that contains `unit` (itself included), following parents."""
    current = unit
    while current is not None:
        if current.level == level:
            return current
        current = current.parent
    return None


def successors_on(unit: AdministrativeUnit, day: date) -> list[AdministrativeUnit]:
    """The units valid on `day` that took over `unit`, following successor links."""
    if unit.is_valid_on(day):
        return [unit]
    found: list[AdministrativeUnit] = []
    seen = {unit.pk}
    frontier = [unit]
    while frontier:
        next_frontier = []
        for current in frontier:
            for successor in current.successors.all():
                if successor.pk in seen:
                    continue
                seen.add(successor.pk)
                if successor.is_valid_on(day):
                    found.append(successor)
                else:
                    next_frontier.append(successor)
        frontier = next_frontier
    return found


def units_valid_on(day: date, level: str | None = None):
    """Units in force on `day`, optionally of one level."""
    units = AdministrativeUnit.objects.filter(valid_from__lte=day).exclude(valid_to__lt=day)
    return units.filter(level=level) if level else units
