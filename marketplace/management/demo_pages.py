"""Demo-only content pages, linked from the footer menu of the GraphQL API."""

from marketplace.pages.models import Page

PAGES = [
    {
        "slug": "gioi-thieu-ocop",
        "title": "Chương trình OCOP là gì?",
        "title_en": "What is the OCOP programme?",
        "content": "Mỗi xã một sản phẩm (OCOP) đánh giá và xếp hạng sản phẩm địa phương từ 3 "
        "đến 5 sao. Trên OCOP Market, mỗi sản phẩm có giấy chứng nhận và tem truy xuất.",
        "content_en": "One Commune One Product (OCOP) rates local products from 3 to 5 "
        "stars. On OCOP Market each product shows its certificate and a traceability stamp.",
        "seo_description": "Chương trình Mỗi xã một sản phẩm và hạng sao OCOP.",
    },
    {
        "slug": "giao-hang-doi-tra",
        "title": "Giao hàng và đổi trả",
        "title_en": "Delivery and returns",
        "content": "Mỗi chủ thể gửi phần đơn của mình. Hàng lỗi được đổi hoặc hoàn tiền trong "
        "7 ngày kể từ khi nhận (minh hoạ).",
        "content_en": "Each producer ships its own part of the order. Faulty goods are "
        "exchanged or refunded within 7 days of delivery (illustrative).",
        "seo_description": "Cách giao hàng và đổi trả trên OCOP Market.",
    },
]


def load_pages() -> int:
    for page in PAGES:
        Page.objects.update_or_create(slug=page["slug"], defaults=page)
    return len(PAGES)
