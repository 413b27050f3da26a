"""Commerce error codes with their Vietnamese and English messages."""

from enum import StrEnum

from catalog.errors import DomainError


class CommerceErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    CHANNEL_INACTIVE = "channel_inactive"
    QUANTITY_NOT_POSITIVE = "quantity_not_positive"
    INSUFFICIENT_STOCK = "insufficient_stock"
    NOT_PUBLISHED = "product_not_published"
    NOT_AVAILABLE_YET = "product_not_available_for_purchase"
    CHECKOUT_EXPIRED = "checkout_expired"
    CHECKOUT_EMPTY = "checkout_empty"
    CHECKOUT_COMPLETED = "checkout_completed"
    OUTSIDE_DELIVERY_AREA = "outside_delivery_area"
    DELIVERY_METHOD_REQUIRED = "delivery_method_required"
    DELIVERY_METHOD_INVALID = "delivery_method_invalid"
    PICKUP_WITHOUT_STOCK = "pickup_point_without_stock"
    ADDRESS_REQUIRED = "address_required"
    CONTACT_REQUIRED = "contact_required"
    INVALID_PHONE = "invalid_phone"
    INVALID_STATUS = "invalid_status"
    PAYMENT_METHOD_NOT_ALLOWED = "payment_method_not_allowed"
    AMOUNT_TOO_LOW = "amount_too_low"
    REFUND_TOO_LARGE = "refund_too_large"
    PAYMENT_GATEWAY_ERROR = "payment_gateway_error"
    INVALID_FILE = "invalid_file"
    DEVICE_UNKNOWN = "device_unknown"
    DEVICE_REVOKED = "device_revoked"
    PERMISSION_DENIED = "permission_denied"
    ALREADY_PRODUCER_STAFF = "already_producer_staff"
    INVITATION_INVALID = "invitation_invalid"
    COUNTRY_NOT_SERVED = "country_not_served"
    PAYMENT_REQUIRED = "payment_required"


MESSAGES: dict[CommerceErrorCode, tuple[str, str]] = {
    CommerceErrorCode.PERMISSION_DENIED: (
        "Bạn không có quyền thực hiện thao tác này.",
        "You are not allowed to do this.",
    ),
    CommerceErrorCode.ALREADY_PRODUCER_STAFF: (
        "Tài khoản {email} đã thuộc một chủ thể OCOP; mỗi tài khoản chỉ thuộc một chủ thể.",
        "The account {email} already belongs to a producer; an account belongs to one only.",
    ),
    CommerceErrorCode.INVITATION_INVALID: (
        "Lời mời không còn hiệu lực (đã dùng, đã huỷ hoặc quá hạn).",
        "This invitation is no longer valid (used, revoked or expired).",
    ),
    CommerceErrorCode.DEVICE_UNKNOWN: (
        "Thiết bị bán hàng chưa được đăng ký (mã thiết bị sai).",
        "This kiosk device is not registered (wrong device token).",
    ),
    CommerceErrorCode.DEVICE_REVOKED: (
        "Thiết bị {device} đã bị thu hồi lúc {when}: đơn bán được giữ trên máy, "
        "hãy liên hệ Văn phòng Điều phối OCOP.",
        "Device {device} was revoked at {when}: its sales stay on the device; "
        "contact the OCOP programme office.",
    ),
    CommerceErrorCode.PAYMENT_REQUIRED: (
        "Hãy chọn cách thanh toán trước khi đặt hàng.",
        "Choose how to pay before placing the order.",
    ),
    CommerceErrorCode.COUNTRY_NOT_SERVED: (
        "OCOP Market chỉ giao hàng trong Việt Nam (địa chỉ ở {country}).",
        "OCOP Market delivers within Vietnam only (the address is in {country}).",
    ),
    CommerceErrorCode.REQUIRED: ("Trường {field} là bắt buộc.", "{field} is required."),
    CommerceErrorCode.INVALID: (
        "Giá trị {field} không hợp lệ: {detail}",
        "Invalid {field}: {detail}",
    ),
    CommerceErrorCode.NOT_FOUND: ("Không tìm thấy {what}.", "{what} not found."),
    CommerceErrorCode.CHANNEL_INACTIVE: (
        "Kênh bán {channel} đang tạm dừng.",
        "Sales channel {channel} is not active.",
    ),
    CommerceErrorCode.QUANTITY_NOT_POSITIVE: (
        "Số lượng phải lớn hơn 0 (nhận được {quantity}).",
        "Quantity must be greater than 0 (got {quantity}).",
    ),
    CommerceErrorCode.INSUFFICIENT_STOCK: (
        "Chỉ còn {available} sản phẩm {variant}, không đủ {requested}.",
        "Only {available} of {variant} left; {requested} requested.",
    ),
    CommerceErrorCode.NOT_PUBLISHED: (
        "Sản phẩm {variant} không được bán trên kênh {channel}.",
        "{variant} is not sold in channel {channel}.",
    ),
    CommerceErrorCode.NOT_AVAILABLE_YET: (
        "Sản phẩm {variant} mở bán từ {date}.",
        "{variant} is available for purchase from {date}.",
    ),
    CommerceErrorCode.CHECKOUT_EXPIRED: (
        "Giỏ hàng đã hết hạn; vui lòng tạo giỏ hàng mới.",
        "The checkout has expired; please start a new one.",
    ),
    CommerceErrorCode.CHECKOUT_EMPTY: ("Giỏ hàng đang trống.", "The checkout is empty."),
    CommerceErrorCode.CHECKOUT_COMPLETED: (
        "Giỏ hàng đã được đặt thành đơn {order}.",
        "The checkout was already completed as order {order}.",
    ),
    CommerceErrorCode.OUTSIDE_DELIVERY_AREA: (
        "{producer} chưa giao hàng đến {area}.",
        "{producer} does not deliver to {area}.",
    ),
    CommerceErrorCode.DELIVERY_METHOD_REQUIRED: (
        "Chọn cách nhận hàng cho sản phẩm của {producer}.",
        "Choose a delivery method for the items from {producer}.",
    ),
    CommerceErrorCode.DELIVERY_METHOD_INVALID: (
        "Cách nhận hàng này không áp dụng cho {producer}.",
        "This delivery method does not apply to {producer}.",
    ),
    CommerceErrorCode.PICKUP_WITHOUT_STOCK: (
        "Điểm nhận hàng {point} không đủ hàng {variant}.",
        "Pickup point {point} does not hold enough {variant}.",
    ),
    CommerceErrorCode.ADDRESS_REQUIRED: (
        "Cần địa chỉ nhận hàng để giao tận nơi.",
        "A shipping address is needed for home delivery.",
    ),
    CommerceErrorCode.CONTACT_REQUIRED: (
        "Cần email hoặc số điện thoại để liên hệ.",
        "An email address or a phone number is needed.",
    ),
    CommerceErrorCode.INVALID_PHONE: (
        "Số điện thoại không hợp lệ: {phone}",
        "Invalid phone number: {phone}",
    ),
    CommerceErrorCode.INVALID_STATUS: (
        "Không thể {action} khi {what} đang ở trạng thái {status}.",
        "Cannot {action} while the {what} is {status}.",
    ),
    CommerceErrorCode.PAYMENT_METHOD_NOT_ALLOWED: (
        "Phương thức thanh toán {gateway} không dùng được ở kênh {channel}.",
        "Payment method {gateway} is not available in channel {channel}.",
    ),
    CommerceErrorCode.AMOUNT_TOO_LOW: (
        "Số tiền {amount} thấp hơn số phải trả {due}.",
        "Amount {amount} is less than the {due} due.",
    ),
    CommerceErrorCode.REFUND_TOO_LARGE: (
        "Số tiền hoàn {amount} vượt quá số đã thu {captured}.",
        "Refund {amount} exceeds the {captured} captured.",
    ),
    CommerceErrorCode.PAYMENT_GATEWAY_ERROR: (
        "Cổng thanh toán báo lỗi: {detail}",
        "The payment gateway reported an error: {detail}",
    ),
    CommerceErrorCode.INVALID_FILE: ("Tệp không hợp lệ: {detail}", "Invalid file: {detail}"),
}


class CommerceError(DomainError):
    """A commerce rule was broken; nothing was written."""

    messages = MESSAGES
