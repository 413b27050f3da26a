"""Lot certificates, test reports and event evidence move to private storage; files
already uploaded move with them, images re-encoded without their metadata."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import migrations, models

import catalog.storage

FIELDS = (("LotCertification", "file"), ("TestReport", "file"), ("TraceEvent", "evidence"))


def _without_metadata(name: str, data: bytes) -> bytes:
    from PIL import Image, ImageOps

    if not name.lower().endswith((".jpg", ".jpeg", ".png", ".webp")):
        return data
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        if upright.mode == "P":
            clean.putpalette(upright.getpalette())
        buffer = io.BytesIO()
        clean.save(buffer, kind)
    return buffer.getvalue()


def move_to_private(apps, schema_editor):
    public, private = storages["default"], storages["private"]
    for model_name, field in FIELDS:
        model = apps.get_model("traceability", model_name)
        for record in model.objects.exclude(**{field: ""}):
            name = getattr(record, field).name
            if not public.exists(name) or private.exists(name):
                continue
            with public.open(name, "rb") as source:
                data = _without_metadata(name, source.read())
            private.save(name, ContentFile(data))
            public.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("traceability", "0002_stamp_sheets_and_event_evidence"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lotcertification",
            name="file",
            field=models.FileField(
                blank=True,
                storage=catalog.storage.private_storage,
                upload_to="lots/certifications/",
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="testreport",
            name="file",
            field=models.FileField(
                blank=True,
                storage=catalog.storage.private_storage,
                upload_to="lots/tests/",
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="traceevent",
            name="evidence",
            field=models.FileField(
                blank=True,
                storage=catalog.storage.private_storage,
                upload_to="lots/events/%Y/",
                verbose_name="evidence",
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
