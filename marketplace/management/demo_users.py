"""Demo-only logins: a programme staff user and a producer user."""

from django.contrib.auth.models import Group, Permission

from catalog.models import Producer
from marketplace.accounts.models import User

STAFF_LOGIN = ("canbo@ocop.demo", "demo-canbo-2023")
PRODUCER_LOGIN = ("chaxua@ocop.demo", "demo-chuthe-2023")
PROGRAMME_GROUP = "Văn phòng Điều phối OCOP"


PROGRAMME_APPS = [
    "catalog",
    "channels",
    "warehouses",
    "shipping",
    "orders",
    "payments",
    "traceability",
    "program",
]


def programme_office_group() -> Group:
    """Programme staff manage the catalogue and the shop, read the event log and users."""
    group, _ = Group.objects.get_or_create(name=PROGRAMME_GROUP)
    permissions = (
        Permission.objects.filter(content_type__app_label__in=PROGRAMME_APPS)
        | Permission.objects.filter(content_type__app_label="events", codename__startswith="view_")
        | Permission.objects.filter(content_type__app_label="accounts", codename="view_user")
    )
    group.permissions.set(permissions)
    return group


def load_users() -> list[tuple[str, str, str]]:
    staff, _ = User.objects.update_or_create(
        email=STAFF_LOGIN[0],
        defaults={"full_name": "Cán bộ OCOP (demo)", "is_staff": True, "is_superuser": False},
    )
    staff.set_password(STAFF_LOGIN[1])
    staff.save()
    staff.groups.set([programme_office_group()])
    producer, _ = User.objects.update_or_create(
        email=PRODUCER_LOGIN[0],
        defaults={
            "full_name": "Chủ thể OCOP (demo)",
            "phone": "+84912345001",
            "producer": Producer.objects.get(slug="htx-cha-ruoi-tu-ky"),
            "is_producer_owner": True,
        },
    )
    producer.set_password(PRODUCER_LOGIN[1])
    producer.save()
    return [
        ("programme staff", *STAFF_LOGIN),
        ("producer (HTX Chả rươi Tứ Kỳ)", *PRODUCER_LOGIN),
    ]
