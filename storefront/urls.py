"""The storefront's pages; included at the site root by marketplace/urls.py."""

from django.urls import path

from storefront.views import (
    account,
    cart,
    checkout,
    orders,
    product,
    program,
    program_import,
    seo,
    shop,
    tourism,
)

urlpatterns = [
    path("", shop.home, name="shop-home"),
    path("san-pham/", shop.listing, name="shop-listing"),
    path("san-pham/goi-y", shop.suggest, name="shop-suggest"),
    path("san-pham/<slug:slug>/", product.product_page, name="shop-product"),
    path("chu-the/<slug:slug>/", product.producer_page, name="shop-producer"),
    path("diem-du-lich/", tourism.point_list, name="shop-points"),
    path("diem-du-lich/<slug:slug>/", tourism.point_page, name="shop-point"),
    path("gio-hang/", cart.cart_page, name="shop-cart"),
    path("gio-hang/add", cart.add, name="shop-cart-add"),
    path("gio-hang/update", cart.update, name="shop-cart-update"),
    path("thanh-toan/", checkout.address_step, name="shop-checkout"),
    path("thanh-toan/delivery", checkout.delivery_step, name="shop-checkout-delivery"),
    path("thanh-toan/payment", checkout.payment_step, name="shop-checkout-payment"),
    path("don-hang/<uuid:token>/", orders.order_page, name="shop-order"),
    path("don-hang/<uuid:token>/status", orders.order_status, name="shop-order-status"),
    path("don-hang/<uuid:token>/card", orders.pay_by_card, name="shop-order-card"),
    path("tai-khoan/login/", account.SignInView.as_view(), name="login"),
    path("tai-khoan/logout", account.sign_out, name="logout"),
    path("tai-khoan/register/", account.register, name="shop-register"),
    path("tai-khoan/", account.orders, name="shop-account"),
    path("tai-khoan/addresses/", account.addresses, name="shop-addresses"),
    path("tai-khoan/addresses/<int:pk>/delete", account.address_delete, name="shop-address-delete"),
    path("chuong-trinh/", program.dashboard, name="program-dashboard"),
    path("chuong-trinh/so-cai/", program.ledger, name="program-ledger"),
    path("chuong-trinh/bao-cao/", program.report, name="program-report"),
    path("chuong-trinh/nhap-doanh-so/", program_import.upload, name="program-import"),
    path(
        "chuong-trinh/nhap-doanh-so/<int:pk>/",
        program_import.preview,
        name="program-import-preview",
    ),
    path(
        "chuong-trinh/nhap-doanh-so/<int:pk>/confirm",
        program_import.confirm,
        name="program-import-confirm",
    ),
    path("robots.txt", seo.robots, name="robots"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
]
