"""Load the demo programme idempotently: running it twice gives the same data."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from catalog.demo import data
from catalog.demo.images import product_image
from catalog.gtin import check_digit
from catalog.models import (
    AdministrativeUnit,
    DossierItem,
    Producer,
    ProducerStatus,
    Product,
    ProductGroup,
    ProductVariant,
    Rating,
    RatingStatus,
    ReviewStatus,
    RuleSet,
)
from catalog.services import ratings as rating_services
from catalog.services.images import add_product_image
from catalog.services.nominations import levels_through
from catalog.services.products import ensure_dossier
from catalog.services.rule_sets import rule_set_in_force

# Products with a second photo (Chả rươi, Gạo nếp cái hoa vàng, Mật ong hoa nhãn).
CLOSE_UPS = {0, 4, 8}
ISSUERS = {
    "district": "UBND huyện Tứ Kỳ",
    "province": "UBND tỉnh Hải Dương",
    "central": "Bộ Nông nghiệp và Phát triển nông thôn",
}
ISSUERS_AFTER_2025 = {"province": "UBND thành phố Hải Phòng", "central": ISSUERS["central"]}


def demo_gtin(producer_index: int, item: int) -> str:
    """An illustrative GTIN-13 under the 893 prefix with a correct check digit."""
    body = f"893{8100 + producer_index:04d}{item:05d}"
    return body + str(check_digit(body))


@transaction.atomic
def load_catalog() -> dict:
    producers = [_producer(index, row) for index, row in enumerate(data.PRODUCERS)]
    products = [_product(index, row, producers) for index, row in enumerate(data.PRODUCTS)]
    for index, spec in data.RATINGS.items():
        _ratings(products[index], index, spec)
    rating_services.expire_due_certificates(timezone.localdate())
    return {"producers": len(producers), "products": len(products)}


def _producer(index: int, row) -> Producer:
    slug, name, legal_form, commune_name, phone, bank_bin = row
    commune = AdministrativeUnit.objects.get(level="commune", name=commune_name, parent__code="298")
    registration = f"04A80{index:05d}" if legal_form == "household" else f"08005{index:05d}"
    producer, _ = Producer.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "legal_form": legal_form,
            "registration_number": registration,
            "street_address": f"Thôn {index + 1}",
            "commune": commune,
            "contact_name": data.COUNCIL[index % 3].split()[-1] + " (demo)",
            "phone": phone,
            "email": f"{slug}@ocop.demo",
            "bank_bin": bank_bin,
            "bank_account": f"1020{index:08d}",
            "bank_account_name": name.upper(),
            "story": f"{name} là chủ thể OCOP minh hoạ (dữ liệu demo) tại xã {commune_name}.",
            "status": ProducerStatus.APPROVED,
        },
    )
    return producer


def _product(index: int, row, producers) -> Product:
    producer_index, name, name_en, group_code, variants = row
    producer = producers[producer_index]
    product, _ = Product.objects.update_or_create(
        slug=data.product_slug(index),
        defaults={
            "producer": producer,
            "group": ProductGroup.objects.get(code=group_code),
            "name": name,
            "name_en": name_en,
            "brand": _brand(producer.name),
            "description": f"{name}: đặc sản Tứ Kỳ (mô tả minh hoạ).",
            "description_en": f"{name_en}: a Tu Ky speciality (illustrative description).",
            "shelf_life_days": 180 if group_code.startswith(("1", "2", "3")) else None,
            "ingredients": name if group_code.startswith(("1", "2")) else "",
            "storage_instructions": "Bảo quản nơi khô ráo, thoáng mát.",
            "quality_declaration_number": f"{index + 1:02d}/2023/TK-CB",
            "quality_declaration_date": date(2023, 3, 1),
        },
    )
    for number, (variant_name, quantity, unit) in enumerate(variants):
        ProductVariant.objects.update_or_create(
            sku=f"TK-{index:02d}-{number + 1}",
            defaults={
                "product": product,
                "name": variant_name,
                "gtin": demo_gtin(producer_index, index * 10 + number).zfill(14),
                "net_quantity": Decimal(quantity),
                "unit": unit,
            },
        )
    if not product.images.exists():
        add_product_image(product, product_image(name, group_code, index), alt=name)
        if index in CLOSE_UPS:  # a second photo, so the gallery shows its thumbnails
            add_product_image(
                product, product_image(name, group_code, index + 50), alt=f"{name}, cận cảnh"
            )
    for item in ensure_dossier(product):
        if item.review_status == ReviewStatus.MISSING and index % 4 != 3:
            DossierItem.objects.filter(pk=item.pk).update(review_status=ReviewStatus.ACCEPTED)
    return product


def _brand(producer_name: str) -> str:
    """An illustrative brand: the producer's name without its legal form."""
    for prefix in ("HTX ", "Hợp tác xã ", "Công ty TNHH ", "Công ty ", "Cơ sở ", "Hộ kinh doanh "):
        if producer_name.startswith(prefix):
            return producer_name.removeprefix(prefix)
    return producer_name


def _members(rule_set: RuleSet, target: int) -> list[rating_services.MemberScore]:
    members = []
    for offset, name in zip((-1, 0, 1), data.COUNCIL, strict=True):
        total = Decimal(target + offset)
        part_a = (total * rule_set.weight_a / 100).quantize(Decimal("0.01"))
        part_b = (total * rule_set.weight_b / 100).quantize(Decimal("0.01"))
        members.append(rating_services.MemberScore(name, part_a, part_b, total - part_a - part_b))
    return members


def _score(product, rule_code, level, target) -> Rating:
    """The council's scores, after those of each lower council that forwarded the
    product (the same members' marks: above every forwarding threshold)."""
    rule_set = RuleSet.objects.get(code=rule_code)
    for step in levels_through(rule_set, level):
        rating = rating_services.record_scores(
            product,
            rule_set,
            step,
            _members(rule_set, target),
            mandatory_criteria_met_up_to=5 if rule_set.has_mandatory_criteria else None,
        )
    return rating


def _certification(product_index, level, decided, suffix="") -> rating_services.Certification:
    day = date.fromisoformat(decided)
    issuers = ISSUERS_AFTER_2025 if day >= date(2025, 7, 1) else ISSUERS
    return rating_services.Certification(
        decision_number=f"{100 + product_index}/QĐ-UBND",
        decision_date=day,
        certificate_number=f"OCOP-DEMO-{day.year}-{product_index:03d}{suffix}",
        issuing_body=issuers[level],
    )


def _ratings(product: Product, index: int, spec) -> None:
    kind, _, level, target, _ = spec
    if not product.ratings.exists():  # ratings are history: loaded once, never rewritten
        _history(product, index, spec)
    if kind == "upgrade":
        _, level, target, _ = data.UPGRADE
    if kind in ("certified", "upgrade"):
        _renew_when_due(product, index, level, target)


def _history(product: Product, index: int, spec) -> None:
    kind, rule_code, level, target, decided = spec
    rating = _score(product, rule_code, level, target)
    if kind == "proposed":
        return
    rating_services.certify(rating, _certification(index, level, decided))
    if kind == "revoked":
        rating_services.revoke(
            rating,
            reason="Không duy trì chất lượng sau kiểm tra (dữ liệu demo).",
            revoked_on=date(2025, 10, 15),
        )
    if kind == "upgrade":
        rule_code, level, target, decided = data.UPGRADE
        better = _score(product, rule_code, level, target)
        rating_services.upgrade(rating, better, _certification(index, level, decided, "-U"))


def _renew_when_due(product: Product, index: int, level: str, target: int) -> None:
    """Certificates last 36 months. The demo's certified products renew theirs the day
    after they end, under the rule set then in force (district councils ended with the
    districts in July 2025), so the demo keeps its stars whenever it is loaded."""
    today = timezone.localdate()
    for renewal in range(1, 100):
        latest = product.ratings.exclude(valid_to=None).order_by("-valid_to").first()
        if latest.status == RatingStatus.REVOKED or latest.valid_to >= today:
            return
        day = latest.valid_to + timedelta(days=1)
        rule_set = rule_set_in_force(day)
        council = level if rule_set.level_rules.filter(level=level).exists() else "province"
        rating = _score(product, rule_set.code, council, target)
        rating_services.certify(
            rating, _certification(index, council, day.isoformat(), f"-R{renewal}")
        )
