"""Stock history records every movement: counts, holds for orders and their release,
shipped sales and kiosk sales (before, only counts and kiosk sales were recorded)."""

import django.db.models.deletion
from django.db import migrations, models


def mark_kiosk_sales(apps, schema_editor):
    StockAdjustment = apps.get_model("warehouses", "StockAdjustment")
    StockAdjustment.objects.filter(reason__startswith="Bán tại kiosk").update(kind="kiosk_sale")


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0003_orderline_vat"),
        ("warehouses", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="stockadjustment",
            name="kind",
            field=models.CharField(
                choices=[
                    ("count", "stock count"),
                    ("allocated", "held for an order"),
                    ("released", "order cancelled: hold released"),
                    ("shipped", "sold and shipped"),
                    ("kiosk_sale", "sold at a kiosk"),
                ],
                default="count",
                max_length=16,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="stockadjustment",
            name="allocated_change",
            field=models.IntegerField(default=0, verbose_name="change in allocated"),
        ),
        migrations.AddField(
            model_name="stockadjustment",
            name="order_line",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="orders.orderline",
            ),
        ),
        migrations.RunPython(mark_kiosk_sales, migrations.RunPython.noop),
    ]
