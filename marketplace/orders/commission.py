"""Commission rates, resolved per producer, then per product sub-group, then group."""

from decimal import Decimal

from marketplace.orders.models import CommissionRule


def commission_rate(producer_id: int, group) -> Decimal:
    """The programme's commission percentage for a producer's product (0 when none)."""
    rules = {
        (rule.producer_id, rule.product_group_id): rule.rate
        for rule in CommissionRule.objects.filter(producer_id=producer_id)
        | CommissionRule.objects.filter(product_group_id__in=[group.pk, group.parent_id])
    }
    for key in ((producer_id, None), (None, group.pk), (None, group.parent_id)):
        if key in rules:
            return rules[key]
    return Decimal(0)
