"""The producer portal under /producer/ (and the staff review of applications)."""

from django.urls import path

from storefront.views.producer import home, lots, orders, products, review, sheet, stamps

urlpatterns = [
    path("", home.home, name="producer-home"),
    path("apply/", home.apply, name="producer-apply"),
    path("apply/again", home.reapply, name="producer-reapply"),
    path("documents/<int:document_id>", home.own_document, name="producer-document"),
    path("team/", home.team, name="producer-team"),
    path("team/<int:user_id>/remove", home.remove_member, name="producer-member-remove"),
    path(
        "team/invitations/<int:invitation_id>/revoke",
        home.revoke_invitation,
        name="producer-invitation-revoke",
    ),
    path("join/<str:token>/", home.join, name="producer-join"),
    path("products/", products.product_list, name="producer-products"),
    path("products/new/", products.product_new, name="producer-product-new"),
    path("products/<int:product_id>/", products.product_edit, name="producer-product"),
    path("products/<int:product_id>/archive", products.product_archive, name="producer-archive"),
    path("products/<int:product_id>/variants", products.variant_new, name="producer-variant-new"),
    path("products/<int:product_id>/images", products.image_upload, name="producer-image-new"),
    path(
        "products/<int:product_id>/channels/<int:channel_id>/publish",
        products.product_publish,
        name="producer-publish",
    ),
    path("images/<int:image_id>/delete", products.image_delete, name="producer-image-delete"),
    path("variants/<int:variant_id>/edit", products.variant_edit, name="producer-variant-edit"),
    path(
        "variants/<int:variant_id>/channels/<int:channel_id>/price",
        products.variant_price,
        name="producer-price",
    ),
    path(
        "variants/<int:variant_id>/warehouses/<int:warehouse_id>/stock",
        products.variant_stock,
        name="producer-stock",
    ),
    path("variants/<int:variant_id>/stock/", products.stock_history, name="producer-stock-history"),
    path("warehouse/new", products.warehouse_new, name="producer-warehouse-new"),
    path("dossier/<int:item_id>/files", products.dossier_upload, name="producer-dossier-upload"),
    path("dossier/files/<int:file_id>", products.dossier_file, name="producer-dossier-file"),
    path("import/", sheet.upload, name="producer-import"),
    path("import/<int:sheet_id>/", sheet.preview, name="producer-import-preview"),
    path("export.<str:kind>", sheet.export, name="producer-export"),
    path("lots/", lots.lot_list, name="producer-lots"),
    path("lots/new/", lots.lot_new, name="producer-lot-new"),
    path("lots/<int:lot_id>/", lots.lot_detail, name="producer-lot"),
    path("lots/<int:lot_id>/events", lots.lot_event, name="producer-lot-event"),
    path("lots/<int:lot_id>/stamps", lots.stamps_issue, name="producer-stamps-issue"),
    path("lots/<int:lot_id>/recall", lots.lot_recall, name="producer-lot-recall"),
    path("stamps/<int:batch_id>/", stamps.batch_detail, name="producer-batch"),
    path("stamps/<int:batch_id>/pdf", stamps.batch_pdf, name="producer-batch-pdf"),
    path("stamps/<int:batch_id>/void", stamps.batch_void, name="producer-batch-void"),
    path("stamps/<int:batch_id>/applied", stamps.batch_applied, name="producer-batch-applied"),
    path("orders/", orders.order_list, name="producer-orders"),
    path("orders/<int:part_id>/", orders.order_detail, name="producer-order"),
    path("orders/<int:part_id>/ship", orders.order_ship, name="producer-order-ship"),
    path("orders/<int:part_id>/delivered", orders.order_delivered, name="producer-order-delivered"),
    path("orders/<int:part_id>/cancel", orders.order_cancel, name="producer-order-cancel"),
    path("money/", orders.money, name="producer-money"),
    path("applications/", review.applications, name="producer-applications"),
    path("applications/<int:producer_id>/", review.application, name="producer-application"),
    path(
        "applications/documents/<int:document_id>", review.document, name="producer-review-document"
    ),
]
