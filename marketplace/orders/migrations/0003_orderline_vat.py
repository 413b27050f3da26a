"""The VAT included in each order line, frozen at the rate of its product's group.
Lines ordered before the rates existed take their group's rate now."""

from django.db import migrations, models

from marketplace.taxes import vat_of


def backfill(apps, schema_editor):
    OrderLine = apps.get_model("orders", "OrderLine")
    lines = OrderLine.objects.filter(variant__isnull=False).select_related(
        "variant__product__group"
    )
    changed = []
    for line in lines.iterator(chunk_size=1000):
        line.vat_rate = line.variant.product.group.vat_rate
        line.vat_amount = vat_of(line.total, line.vat_rate, line.currency)
        changed.append(line)
    OrderLine.objects.bulk_update(changed, ["vat_rate", "vat_amount"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_groups_148_vat_nominations"),
        ("orders", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="orderline",
            name="vat_rate",
            field=models.DecimalField(decimal_places=2, default=0, max_digits=4),
        ),
        migrations.AddField(
            model_name="orderline",
            name="vat_amount",
            field=models.DecimalField(decimal_places=2, default=0, max_digits=14),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
