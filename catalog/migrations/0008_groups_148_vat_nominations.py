"""Decision 148's groups with their third level and VAT rates; 2019 sets mapping to
several sub-groups; the nomination a rating was certified on; 1489's commune level
without a score threshold.

Products of a divided group (1.3 → 1.3a–1.3d) stay on the group until the producer or
the office files them under a sub-group. Certified ratings above the first level get the
lower council's rating that forwarded them, where one exists."""

import django.db.models.deletion
from django.db import migrations, models

from catalog.reference_data.load import load_product_groups, load_rule_sets


def update_reference_data(apps, schema_editor):
    load_rule_sets(apps)
    load_product_groups(apps)
    _link_nominations(apps)


def _link_nominations(apps):
    Rating = apps.get_model("catalog", "Rating")
    CouncilLevelRule = apps.get_model("catalog", "CouncilLevelRule")
    order = ["commune", "district", "province", "central"]
    rules = {}
    for rule in CouncilLevelRule.objects.all():
        rules.setdefault(rule.rule_set_id, {})[rule.level] = rule
    certified = Rating.objects.filter(nominated_by__isnull=True).exclude(status="proposed")
    for rating in certified:
        levels = rules.get(rating.rule_set_id, {})
        below = [lvl for lvl in order[: order.index(rating.council_level)] if lvl in levels]
        if not below:
            continue
        found = Rating.objects.filter(
            product_id=rating.product_id,
            rule_set_id=rating.rule_set_id,
            council_level=below[-1],
            created_at__lte=rating.created_at,
        ).order_by("-created_at")
        threshold = levels[below[-1]].forward_min_score
        if threshold is not None:
            found = found.filter(mean_score__gte=threshold)
        nomination = found.first()
        if nomination:
            rating.nominated_by = nomination
            rating.save(update_fields=["nominated_by"])
            if nomination.status == "proposed":
                nomination.status = "forwarded"
                nomination.save(update_fields=["status"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_official_administrative_units")]

    operations = [
        migrations.AddField(
            model_name="productgroup",
            name="vat_rate",
            field=models.DecimalField(
                choices=[(0, "0 %"), (5, "5 %"), (8, "8 %"), (10, "10 %")],
                decimal_places=2,
                default=10,
                help_text="Value-added tax included in the prices of this group's products.",
                max_digits=4,
                verbose_name="VAT rate (%)",
            ),
        ),
        migrations.RemoveField(model_name="legacyproductset", name="maps_to"),
        migrations.AddField(
            model_name="legacyproductset",
            name="maps_to",
            field=models.ManyToManyField(
                related_name="legacy_sets",
                to="catalog.productgroup",
                verbose_name="Decision 148 sub-groups",
            ),
        ),
        migrations.AddField(
            model_name="rating",
            name="nominated_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The lower council's rating that forwarded the product to this council.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="nominations",
                to="catalog.rating",
                verbose_name="nominated by",
            ),
        ),
        migrations.AlterField(
            model_name="rating",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "proposed"),
                    ("forwarded", "forwarded to the next level"),
                    ("certified", "certified"),
                    ("expired", "expired"),
                    ("revoked", "revoked"),
                    ("superseded", "superseded"),
                ],
                default="proposed",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(update_reference_data, migrations.RunPython.noop),
    ]
