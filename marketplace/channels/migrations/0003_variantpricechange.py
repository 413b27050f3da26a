import django.db.models.deletion
from django.db import migrations, models

# Every insert, and every update that changes the price, appends the price from now on.
# Existing listings start their history at the epoch: their earlier prices are unknown.
TRIGGER = """
CREATE FUNCTION channels_record_price_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.price_amount IS DISTINCT FROM OLD.price_amount THEN
        INSERT INTO channels_variantpricechange (listing_id, price_amount, valid_from)
        VALUES (NEW.id, NEW.price_amount, clock_timestamp());
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER channels_price_history
    AFTER INSERT OR UPDATE OF price_amount ON channels_variantchannellisting
    FOR EACH ROW EXECUTE FUNCTION channels_record_price_change();
INSERT INTO channels_variantpricechange (listing_id, price_amount, valid_from)
    SELECT id, price_amount, 'epoch'::timestamptz FROM channels_variantchannellisting;
"""
DROP = """
DROP TRIGGER IF EXISTS channels_price_history ON channels_variantchannellisting;
DROP FUNCTION IF EXISTS channels_record_price_change();
"""


class Migration(migrations.Migration):
    dependencies = [("channels", "0002_productsheetimport")]

    operations = [
        migrations.CreateModel(
            name="VariantPriceChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "price_amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="price"),
                ),
                ("valid_from", models.DateTimeField(db_index=True, verbose_name="valid from")),
                (
                    "listing",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="price_changes",
                        to="channels.variantchannellisting",
                    ),
                ),
            ],
            options={
                "verbose_name": "price change",
                "verbose_name_plural": "price changes",
                "ordering": ["listing", "valid_from"],
            },
        ),
        migrations.RunSQL(TRIGGER, DROP),
    ]
