"""Demo programme data: the Tứ Kỳ 2023 plan, inspections, sales made outside the shop,
and a district user who sees only Tứ Kỳ. Illustrative figures, safe to load again."""

from datetime import date

from django.contrib.auth.models import Group, Permission

from catalog.models import AdministrativeUnit, Producer, Product
from marketplace.accounts.models import User
from program.models import AreaAssignment, Inspection, LedgerImport, Metric, Plan, Target
from program.models.imports import ImportStatus
from program.services import imports
from program.services.rebuild import rebuild

DISTRICT_LOGIN = ("tuky@ocop.demo", "demo-tuky-2023")
AREA_GROUP = "Cán bộ OCOP cấp xã, huyện"

# (metric, minimum, maximum): the targets the 2023 plan sets.
TARGETS = [
    (Metric.NEWLY_CERTIFIED, 10, 12),
    (Metric.UPGRADED, 1, 2),
    (Metric.STANDARD_DOSSIER, 10, 12),
    (Metric.PACKAGING_SUPPORT, 10, None),
    (Metric.DISPLAY_POINTS, 3, None),
    (Metric.MODERN_CHANNEL_PRODUCERS, 5, None),
    (Metric.FAIRS_ATTENDED, 2, None),
    (Metric.INSPECTIONS, 4, None),
    (Metric.REVENUE, 50_000_000, None),
]

INSPECTIONS = [
    ("2023-08-10", "htx-cha-ruoi-tu-ky", "cha-ruoi-tu-ky", "passed"),
    ("2023-10-05", "co-so-mat-ong-dai-son", None, "follow_up"),
    ("2023-11-16", "htx-nuoc-mam-nguyen-giap", None, "passed"),
    ("2023-12-12", "htx-nep-cai-hoa-vang", None, "passed"),
    ("2026-05-20", "htx-cha-ruoi-tu-ky", None, "passed"),
]

# Sales at supermarkets and fairs before the shop existed, as a producer's CSV would hold.
OUTSIDE_SALES = """date,sku,quantity,gross,channel_kind,place
15/07/2023,TK-00-1,40,6.000.000,supermarket,WinMart Hải Dương (demo)
20/08/2023,TK-04-1,120,14.400.000,supermarket,Co.opmart Hải Dương (demo)
02/09/2023,TK-08-1,60,9.000.000,fair,Hội chợ OCOP Hải Dương 2023 (demo)
03/09/2023,TK-20-1,80,4.800.000,fair,Hội chợ OCOP Hải Dương 2023 (demo)
11/11/2023,TK-36-1,30,2.700.000,supermarket,BigC Hải Dương (demo)
18/11/2023,TK-23-1,25,3.000.000,supermarket,WinMart Hải Dương (demo)
15/03/2026,TK-00-1,50,7.500.000,fair,Hội chợ Xuân Hải Phòng 2026 (demo)
"""


def area_staff_group() -> Group:
    """Commune and district officers: read the programme's figures for their own area."""
    group, _ = Group.objects.get_or_create(name=AREA_GROUP)
    codenames = ["view_salesledgerentry", "view_plan", "view_target", "view_inspection"]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="program", codename__in=codenames)
    )
    return group


def load_program() -> dict:
    tu_ky = AdministrativeUnit.objects.get(level="district", code="298")
    plan, _ = Plan.objects.update_or_create(
        year=2023,
        administrative_unit=tu_ky,
        defaults={
            # The plan the demo is modelled on: UBND huyện Tứ Kỳ, Kế hoạch 36/KH-UBND
            # of 28 February 2023 (its targets here are illustrative).
            "title": "Kế hoạch thực hiện Chương trình Mỗi xã một sản phẩm (OCOP) "
            "huyện Tứ Kỳ năm 2023",
            "decision_number": "36/KH-UBND",
            "decision_date": date(2023, 2, 28),
        },
    )
    for order, (metric, minimum, maximum) in enumerate(TARGETS):
        Target.objects.update_or_create(
            plan=plan,
            metric=metric,
            defaults={"minimum": minimum, "maximum": maximum, "sort_order": order},
        )
    for day, producer, product, result in INSPECTIONS:
        Inspection.objects.get_or_create(
            inspected_on=date.fromisoformat(day),
            producer=Producer.objects.get(slug=producer),
            defaults={
                "product": Product.objects.filter(slug=product).first() if product else None,
                "inspectors": "Phòng Nông nghiệp huyện (demo)",
                "findings": "Kiểm tra sau đánh giá: điều kiện sản xuất, nhãn, hồ sơ lô.",
                "result": result,
            },
        )
    content = OUTSIDE_SALES.encode()
    if not LedgerImport.objects.filter(status=ImportStatus.IMPORTED, filename="demo.csv").exists():
        imports.confirm(imports.preview(content, "demo.csv"))
    district_user, _ = User.objects.update_or_create(
        email=DISTRICT_LOGIN[0],
        defaults={"full_name": "Cán bộ OCOP huyện Tứ Kỳ (demo)", "is_staff": False},
    )
    district_user.set_password(DISTRICT_LOGIN[1])
    district_user.save()
    district_user.groups.set([area_staff_group()])
    AreaAssignment.objects.update_or_create(
        user=district_user, defaults={"administrative_unit": tu_ky}
    )
    # Demo orders paid during the load reach the ledger through the event log after
    # commit; booking them here as well keeps the demo complete inside a test transaction.
    rebuild()
    return {"plans": 1, "district_user": district_user, "login": DISTRICT_LOGIN}
