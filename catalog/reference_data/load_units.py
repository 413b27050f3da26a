"""Load the official administrative units and their succession links into the database.

Works with a migration's historical models (`apps`) and with the live ones; upserts by
(code, valid_from), so it is safe to run again and after the package's data changes."""

from collections.abc import Iterable
from datetime import date

from catalog.reference_data import official_units as official
from catalog.text import sort_key

# The units the seed loads for the demo programme: Hải Dương (Tứ Kỳ district's province
# until 30 June 2025) and Hải Phòng, which took it over on 1 July 2025.
SEED_PROVINCES = ("30", "31")
BATCH = 1000


def load_official_units(apps, provinces: Iterable[str] | None = None) -> dict[str, int]:
    """Both generations for `provinces` (former or new codes; all when None)."""
    units = official.official_units()
    model = apps.get_model("catalog", "AdministrativeUnit")
    old_codes, new_codes = _wanted(units, provinces)
    loader = _Loader(model)
    ids = {"province": _provinces(units, loader, old_codes | new_codes)}
    districts = {c: u for c, u in units.districts.items() if u.parent_code in old_codes}
    for unit in districts.values():
        parent = ids["province"][unit.parent_code]
        loader.add(unit, parent, official.PROVINCE_FROM, official.OLD_TO)
    ids["district"] = loader.flush()
    for unit in units.old_communes.values():
        if unit.parent_code in districts:
            parent = ids["district"][unit.parent_code]
            loader.add(unit, parent, official.OLD_FROM, official.OLD_TO)
    ids["former"] = loader.flush()
    for unit in units.new_communes.values():
        if unit.parent_code in new_codes:
            loader.add(unit, ids["province"][unit.parent_code], official.NEW_FROM, None)
    ids["commune"] = loader.flush()
    links = _successions(units, ids)
    _link(model, links)
    return {
        "provinces": len(ids["province"]),
        "districts": len(ids["district"]),
        "former communes": len(ids["former"]),
        "communes": len(ids["commune"]),
        "successions": len(links),
    }


def _provinces(units, loader, codes: set[str]) -> dict[str, int]:
    """A province that kept its code (Hải Phòng, Hà Nội) is one unit across both
    generations; one merged into another ends on 30 June 2025."""
    for code in sorted(codes):
        unit = units.old_provinces.get(code) or units.new_provinces[code]
        starts = official.PROVINCE_FROM if code in units.old_provinces else official.NEW_FROM
        ends = None if code in units.new_provinces else official.OLD_TO
        loader.add(unit, None, starts, ends)
    return loader.flush()


def _successions(units, ids) -> list[tuple[int, int]]:
    provinces, former, current = ids["province"], ids["former"], ids["commune"]
    links = [
        (provinces[old], provinces[new])
        for old, new in units.province_successors.items()
        if old != new and old in provinces and new in provinces
    ]
    for old, successors in units.commune_successors.items():
        if old in former:
            links += [(former[old], current[new]) for new in successors if new in current]
    return links


def _wanted(units, provinces) -> tuple[set[str], set[str]]:
    if provinces is None:
        return set(units.old_provinces), set(units.new_provinces)
    asked = set(provinces)
    unknown = asked - set(units.old_provinces) - set(units.new_provinces)
    if unknown:
        raise ValueError(f"unknown province codes: {', '.join(sorted(unknown))}")
    old = {code for code in asked if code in units.old_provinces}
    new = {units.province_successors[code] for code in old} | (asked & set(units.new_provinces))
    # A new province also takes in the former provinces merged into it.
    old |= {code for code, successor in units.province_successors.items() if successor in new}
    return old, new


class _Loader:
    """Collects rows of one level, then creates or updates them in batches."""

    fields = ("level", "kind", "name", "parent_id", "valid_to", "sort_name")

    def __init__(self, model):
        self.model = model
        self.pending = []

    def add(self, unit, parent_id, valid_from, valid_to) -> None:
        self.pending.append(
            {
                "code": unit.code,
                "valid_from": date.fromisoformat(valid_from),
                "level": unit.level,
                "kind": unit.kind,
                "name": unit.name,
                "parent_id": parent_id,
                "valid_to": date.fromisoformat(valid_to) if valid_to else None,
                "sort_name": sort_key(unit.name),
            }
        )

    def flush(self) -> dict[str, int]:
        rows, self.pending = self.pending, []
        codes = {row["code"] for row in rows}
        existing = {
            (unit.code, unit.valid_from): unit for unit in self.model.objects.filter(code__in=codes)
        }
        created, changed, ids = [], [], {}
        for row in rows:
            unit = existing.get((row["code"], row["valid_from"]))
            if unit is None:
                created.append(self.model(**row))
                continue
            ids[row["code"]] = unit.pk
            if any(getattr(unit, name) != row[name] for name in self.fields):
                for name in self.fields:
                    setattr(unit, name, row[name])
                changed.append(unit)
        for unit in self.model.objects.bulk_create(created, batch_size=BATCH):
            ids[unit.code] = unit.pk
        self.model.objects.bulk_update(changed, self.fields, batch_size=BATCH)
        return ids


def _link(model, links: list[tuple[int, int]]) -> None:
    through = model.successors.through
    rows = [through(from_administrativeunit_id=a, to_administrativeunit_id=b) for a, b in links]
    through.objects.bulk_create(
        rows,
        batch_size=BATCH,
        ignore_conflicts=True,
    )
