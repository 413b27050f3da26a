"""Media on S3-compatible object storage through django-storages.

The server is moto's S3 server on 127.0.0.1, in its own process: the only S3-compatible
server installable on this machine (no MinIO, no Docker engine). It speaks the S3 HTTP
API, so boto3 and django-storages talk to it exactly as to a real bucket."""

import subprocess
import sys
import time
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.utils.module_loading import import_string

from marketplace.infrastructure import media_storage, private_storage
from tests.conftest import _free_port
from tests.subprocess_env import child_env
from tests.traceability.conftest import make_lot  # noqa: F401

BUCKET = "ocop-media"


@pytest.fixture(scope="module")
def s3_url():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1)
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "moto did not start"
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def s3_env(url: str) -> dict:
    return {
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": url,
        "S3_REGION": "ap-southeast-1",
        "S3_ACCESS_KEY_ID": "ocop-test",
        "S3_SECRET_ACCESS_KEY": "ocop-test-secret",
        "S3_PATH_STYLE": "true",
    }


@pytest.fixture
def bucket(s3_url, monkeypatch):
    for key, value in s3_env(s3_url).items():
        monkeypatch.setenv(key, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_url,
        region_name="ap-southeast-1",
        aws_access_key_id="ocop-test",
        aws_secret_access_key="ocop-test-secret",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
    )
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def storage_from_settings():
    """The default storage exactly as `marketplace.settings` configures it (S3_* set)."""
    config = media_storage()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    return import_string(config["BACKEND"])(**config["OPTIONS"])


def test_the_settings_choose_s3_only_when_a_bucket_is_named(s3_url):
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    for env, expected in (({}, "FileSystemStorage"), (s3_env(s3_url), "S3Storage")):
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=child_env(DJANGO_SETTINGS_MODULE="marketplace.settings", **env),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().endswith(expected)


def test_media_are_written_to_the_bucket_private_and_served_by_signed_links(bucket, s3_url):
    storage = storage_from_settings()

    name = storage.save("dossiers/2026/11/giay-chung-nhan.pdf", ContentFile(b"%PDF-1.7 test"))

    stored = bucket.get_object(Bucket=BUCKET, Key=name)
    assert stored["Body"].read() == b"%PDF-1.7 test"
    assert storage.exists(name)
    # Private: the plain object URL is refused, the signed link works and expires.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_url}/{BUCKET}/{name}")
    assert refused.value.code == 403
    signed = storage.url(name)
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    assert urllib.request.urlopen(signed).read() == b"%PDF-1.7 test"
    # Never overwritten: a second file of the same name gets its own key.
    assert storage.save(name, ContentFile(b"%PDF second")) != name


def test_a_stamp_sheet_is_stored_in_the_bucket(bucket, make_lot, settings):  # noqa: F811
    from traceability.services.printing import store_sheet
    from traceability.services.stamps import issue_batch

    # Changing STORAGES makes Django drop the storages it built (default_storage too).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(),
        "private": private_storage(settings.PRIVATE_MEDIA_ROOT),
    }

    batch = store_sheet(issue_batch(make_lot(), 4).pk)

    # Stamp sheets carry serials: they go under the bucket's private prefix.
    key = f"private/{batch.sheet.name}"
    body = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert body.startswith(b"%PDF")
    assert batch.sheet.url.startswith(bucket.meta.endpoint_url)
