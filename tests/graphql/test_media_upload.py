"""Product images uploaded through GraphQL multipart requests, validated by content."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import Product
from marketplace.accounts.models import User
from marketplace.graphql.account.tokens import access_token
from marketplace.graphql.core import to_global_id
from marketplace.management.demo_users import PRODUCER_LOGIN

MUTATION = """mutation($product: ID!, $image: Upload) {
  productMediaCreate(input: {product: $product, image: $image, alt: "Ảnh"}) {
    media { url alt } errors { field code message } } }"""


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 32), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x8825] = {2: (21.0, 0.0, 0.0), 4: (106.0, 0.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload(client, token, product, content: bytes, name="anh.jpg"):
    operations = json.dumps(
        {
            "query": MUTATION,
            "variables": {"product": to_global_id("Product", product.pk), "image": None},
        }
    )
    return client.post(
        "/graphql/",
        {
            "operations": operations,
            "map": json.dumps({"0": ["variables.image"]}),
            "0": SimpleUploadedFile(name, content),
        },
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()["data"]["productMediaCreate"]


@pytest.fixture
def owner_token(demo):
    return access_token(User.objects.get(email=PRODUCER_LOGIN[0]))


def test_an_upload_is_turned_upright_and_stripped_of_exif(client, owner_token):
    product = Product.objects.get(slug="cha-ruoi-tu-ky")

    result = upload(client, owner_token, product, jpeg_with_gps())

    assert result["errors"] == []
    stored = product.images.order_by("-pk").first()
    with stored.image.open("rb") as handle, Image.open(handle) as image:
        assert image.size == (32, 64)  # rotated as the EXIF orientation said
        assert not image.getexif()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7 not an image", "anh.jpg", "not an image"),
        (b"GIF89a" + b"\x00" * 40, "anh.gif", "not an image"),
    ],
)
def test_uploads_that_are_not_images_are_refused(client, owner_token, content, name, message):
    product = Product.objects.get(slug="cha-ruoi-tu-ky")
    before = product.images.count()
    result = upload(client, owner_token, product, content, name)
    assert result["errors"][0]["code"] == "NOT_PRODUCTS_IMAGE"
    assert message in result["errors"][0]["message"]
    assert product.images.count() == before


def test_a_decompression_bomb_is_refused(client, owner_token):
    image = Image.new("1", (9000, 9000))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    product = Product.objects.get(slug="cha-ruoi-tu-ky")
    result = upload(client, owner_token, product, buffer.getvalue(), "bom.png")
    assert result["errors"][0]["code"] == "NOT_PRODUCTS_IMAGE"
    assert (
        "megapixels" in result["errors"][0]["message"] or "bomb" in result["errors"][0]["message"]
    )


def test_another_producers_product_is_not_found(client, demo):
    other = User.objects.create_user(
        "khac2@example.vn",
        "mat-khau-khac-2026",
        producer=Product.objects.get(slug="nuoc-mam-ca-com-nguyen-giap").producer,
    )
    result = upload(
        client, access_token(other), Product.objects.get(slug="cha-ruoi-tu-ky"), jpeg_with_gps()
    )
    assert result["errors"][0]["code"] == "NOT_FOUND"
