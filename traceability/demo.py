"""Demo traceability: lots with their diary for a dozen products, a batch of stamps each,
one recalled lot and a few scans. Idempotent: existing lots are left as they are."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from catalog.demo.data import product_slug
from catalog.demo.variants import demo_variant
from catalog.models import Product
from traceability.models import InputDiaryEntry, Lot, LotCertification, TestReport
from traceability.services.lots import create_lot, lot_units, recall_lot, record_event
from traceability.services.stamps import issue_batch
from traceability.services.verification import client_hash, verify

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_SLUGS = [product_slug(index) for index in (0, 1, 4, 8, 12, 13, 16, 20, 21, 23, 29, 32)]
RECALLED = "ca-ro-dong-tu-ky"
STAMPS_PER_LOT = 54  # two A4 sheets


@transaction.atomic
def load_traceability() -> dict:
    lots = []
    for index, slug in enumerate(DEMO_SLUGS):
        product = Product.objects.get(slug=slug)
        variant = demo_variant(product)
        code = f"TK{2026 - index % 2}-{index + 1:03d}"
        lot = Lot.objects.filter(variant=variant, code=code).first() or _lot(variant, code, index)
        lots.append(lot)
    return {"lots": len(lots), "stamps": sum(lot.batches.count() for lot in lots)}


def _lot(variant, code: str, index: int) -> Lot:
    # Made weeks before the demo is loaded, well within the product's shelf life (180
    # days for foods): the expiry follows from it, so the stamps say "genuine".
    made = timezone.localdate() - timedelta(days=75 - index * 5)
    producer = variant.product.producer
    lot = create_lot(
        variant,
        code=code,
        production_date=made,
        quantity=Decimal(300 + index * 25),
        unit=lot_units(variant)[0],
        origin_name=f"Vùng sản xuất {producer.commune.name}",
        origin_unit=producer.commune,
    )
    InputDiaryEntry.objects.create(
        lot=lot,
        material="Phân hữu cơ vi sinh",
        quantity=Decimal(40),
        unit="kg",
        used_on=made - timedelta(days=60),
    )
    LotCertification.objects.create(
        lot=lot,
        kind="vietgap",
        number=f"VG-{index + 101}",
        issuer="Trung tâm Chứng nhận VietGAP (demo)",
        valid_from=made - timedelta(days=200),
        valid_to=made - timedelta(days=201) + timedelta(days=3 * 365),
    )
    TestReport.objects.create(
        lot=lot,
        title="Phiếu kết quả thử nghiệm an toàn thực phẩm",
        laboratory="Phòng kiểm nghiệm (demo)",
        issued_on=made,
    )
    for step, days, place in (
        ("transforming", 1, "Xưởng chế biến"),
        ("packing", 3, "Xưởng đóng gói"),
        ("inspecting", 4, "Đoàn kiểm tra huyện (demo)"),
    ):
        at = datetime.combine(made + timedelta(days=days), datetime.min.time(), ZONE).replace(
            hour=8
        )
        record_event(lot, step, at=at, read_point=place, location=f"{producer.name}, {place}")
    batch = issue_batch(lot, STAMPS_PER_LOT)
    stamps = list(batch.stamps.order_by("pk")[:3])
    for number, stamp in enumerate(stamps):
        for repeat in range(number + 1):
            verify(
                variant.gtin,
                code,
                stamp.serial,
                client=client_hash(f"demo-{index}-{repeat}"),
                user_agent="demo",
            )
    if variant.product.slug == RECALLED:
        recall_lot(lot, reason="Kết quả kiểm tra sau công nhận không đạt (dữ liệu demo)")
    return lot
