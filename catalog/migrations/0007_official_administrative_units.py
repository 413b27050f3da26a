"""Replace the seed's illustrative administrative units with the official ones.

Loads Hải Dương and Hải Phòng from `vietnamadminunits` (both generations and the
conversion), moves every reference from an illustrative unit to the official unit of
the same level and generation with that name (a 2023 commune merged before June 2025
goes to the commune that lists it as a former name), deletes the illustrative rows,
and drops the flag: no unit is illustrative any more."""

from django.db import migrations

from catalog.reference_data.load_units import SEED_PROVINCES, load_official_units
from catalog.reference_data.official_units import key, official_units


def _official_match(Unit, unit):
    same = Unit.objects.filter(level=unit.level, is_illustrative=False, name=unit.name)
    same = same.filter(valid_to__isnull=unit.valid_to is None)
    if unit.parent_id:
        same = same.filter(parent__code=unit.parent.code)
    found = same.first()
    if found or unit.level != "commune" or unit.valid_to is None:
        return found
    former = key(f"{unit.kind} {unit.name}")
    units = official_units()
    for code, official in units.old_communes.items():
        if official.parent_code == unit.parent.code and former in official.aliases:
            return Unit.objects.filter(code=code, valid_to__isnull=False).first()
    return None


def _references(apps):
    Unit = apps.get_model("catalog", "AdministrativeUnit")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is Unit and field.concrete:
                if field.many_to_one or field.one_to_one:
                    yield model, field.name
                elif field.many_to_many and model is not Unit:
                    yield field.remote_field.through, f"{field.m2m_reverse_field_name()}"


def replace_illustrative(apps, schema_editor):
    Unit = apps.get_model("catalog", "AdministrativeUnit")
    # The seed's province and district codes were the official ones; its commune codes
    # were not, and some are official codes of other communes: move them aside first.
    Unit.objects.exclude(level="commune").update(is_illustrative=False)
    illustrative = list(Unit.objects.filter(is_illustrative=True).select_related("parent"))
    if not illustrative:  # a new database: 0002 loaded the official units already
        return
    for unit in illustrative:
        unit.code = f"seed-{unit.code}"
        unit.save(update_fields=["code"])
    load_official_units(apps, SEED_PROVINCES)
    references = list(_references(apps))
    for unit in illustrative:
        target = _official_match(Unit, unit)
        if target is None:
            raise RuntimeError(f"no official unit for {unit.kind} {unit.name} ({unit.code})")
        for model, name in references:
            model.objects.filter(**{f"{name}_id": unit.pk}).update(**{f"{name}_id": target.pk})
        unit.successors.clear()
        unit.predecessors.clear()
        unit.delete()  # every illustrative unit is a commune: nothing names it as parent


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_product_brand")]

    operations = [
        migrations.RunPython(replace_illustrative, migrations.RunPython.noop),
        migrations.RemoveField(model_name="administrativeunit", name="is_illustrative"),
    ]
