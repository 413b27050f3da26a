"""The VAT included in each ledger row; rows booked before take their order line's VAT
(a refund row its share, negative)."""

from django.db import migrations, models

from marketplace.taxes import vat_of


def backfill(apps, schema_editor):
    Entry = apps.get_model("program", "SalesLedgerEntry")
    rows = Entry.objects.filter(order_line__isnull=False).select_related("order_line")
    changed = []
    for row in rows.iterator(chunk_size=1000):
        line = row.order_line
        row.vat = vat_of(row.gross, line.vat_rate, line.currency)
        changed.append(row)
    Entry.objects.bulk_update(changed, ["vat"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("orders", "0003_orderline_vat"), ("program", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="salesledgerentry",
            name="vat",
            field=models.DecimalField(
                decimal_places=2, default=0, max_digits=14, verbose_name="VAT included"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
