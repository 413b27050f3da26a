"""Versioned administrative units: report a record under the units of its own time."""

from datetime import date

from django.utils.translation import gettext

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


def _chain(unit: AdministrativeUnit) -> list[str]:
    names = []
    while unit is not None:
        names.append(str(unit))
        unit = unit.parent
    return names


def full_address(street: str, commune: AdministrativeUnit, day: date | None = None) -> str:
    """A postal address down to the province, in the units in force on `day` (today);
    when the commune has since been merged, its former units follow in brackets, as
    papers issued before the merger name them (Circular 02/2024/TT-BKHCN asks for the
    producer's address on the traceability page)."""
    day = day or date.today()
    current = successors_on(commune, day)
    now = current[0] if len(current) == 1 else commune
    parts = [part for part in (street.strip(), *_chain(now)) if part]
    text = ", ".join(parts)
    if now != commune:
        until = gettext("until %(date)s") % {"date": f"{commune.valid_to:%d/%m/%Y}"}
        text += f" ({until}: {', '.join(_chain(commune))})"
    return text
