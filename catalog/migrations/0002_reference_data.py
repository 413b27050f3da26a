from django.db import migrations

from catalog.reference_data.load import load_all


def load(apps, schema_editor):
    load_all(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
