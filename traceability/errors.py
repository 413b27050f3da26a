"""Traceability error codes with their Vietnamese and English messages."""

from enum import StrEnum

from catalog.errors import DomainError


class TraceErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID_DIGITAL_LINK = "invalid_digital_link"
    INVALID_GTIN = "invalid_gtin"
    INVALID_VALUE = "invalid_value"
    EXPIRY_BEYOND_SHELF_LIFE = "expiry_beyond_shelf_life"
    UNIT_MISMATCH = "unit_mismatch"
    INVALID_SERIAL = "invalid_serial"
    DUPLICATE_LOT = "duplicate_lot"
    LOT_NOT_ACTIVE = "lot_not_active"
    STAMP_LIMIT = "stamp_limit"
    MONTHLY_STAMP_LIMIT = "monthly_stamp_limit"
    NOT_FOUND = "not_found"
    ALREADY_RECALLED = "already_recalled"


MESSAGES = {
    TraceErrorCode.REQUIRED: ("Trường {field} là bắt buộc.", "{field} is required."),
    TraceErrorCode.INVALID_DIGITAL_LINK: (
        "Đường dẫn GS1 Digital Link không hợp lệ: {detail}",
        "Invalid GS1 Digital Link: {detail}",
    ),
    TraceErrorCode.INVALID_GTIN: (
        "Mã GTIN {value} không hợp lệ (sai độ dài hoặc số kiểm tra).",
        "GTIN {value} is invalid (wrong length or check digit).",
    ),
    TraceErrorCode.EXPIRY_BEYOND_SHELF_LIFE: (
        "Hạn dùng {expiry} muộn hơn thời hạn sử dụng của sản phẩm cho phép ({days} ngày từ "
        "ngày sản xuất {production}: muộn nhất {latest}).",
        "Expiry {expiry} is later than the product's shelf life allows ({days} days from "
        "production on {production}: {latest} at the latest).",
    ),
    TraceErrorCode.INVALID_VALUE: (
        "Giá trị {field} không hợp lệ: {detail}",
        "Invalid {field}: {detail}",
    ),
    TraceErrorCode.UNIT_MISMATCH: (
        'Lô của sản phẩm tính theo {expected_vi} ({allowed}), không tính theo "{unit}".',
        'A lot of this product is counted in {expected_en} ({allowed}), not in "{unit}".',
    ),
    TraceErrorCode.INVALID_SERIAL: (
        "Số sê-ri {serial} sai ký tự kiểm tra: có thể bạn gõ nhầm một ký tự.",
        "Serial {serial} fails its check character: a character was probably mistyped.",
    ),
    TraceErrorCode.DUPLICATE_LOT: (
        "Lô {lot} đã tồn tại cho mã GTIN này.",
        "Lot {lot} already exists for this GTIN.",
    ),
    TraceErrorCode.LOT_NOT_ACTIVE: (
        "Lô {lot} đang ở trạng thái {status}: không thể phát hành tem.",
        "Lot {lot} is {status}: no stamps can be issued.",
    ),
    TraceErrorCode.STAMP_LIMIT: (
        "Mỗi lần phát hành từ 1 đến {maximum} tem (yêu cầu {count}).",
        "Issue between 1 and {maximum} stamps at a time ({count} requested).",
    ),
    TraceErrorCode.MONTHLY_STAMP_LIMIT: (
        "Vượt hạn mức tem của tháng do Văn phòng Điều phối OCOP đặt: đã cấp {issued}, "
        "hạn mức {limit}, yêu cầu thêm {count}.",
        "Over the monthly stamp limit set by the OCOP programme office: {issued} issued, "
        "limit {limit}, {count} more requested.",
    ),
    TraceErrorCode.NOT_FOUND: ("Không tìm thấy {what}.", "{what} not found."),
    TraceErrorCode.ALREADY_RECALLED: (
        "Lô {lot} đã bị thu hồi ngày {date}.",
        "Lot {lot} was already recalled on {date}.",
    ),
}


class TraceError(DomainError):
    """A traceability rule was broken; nothing was written."""

    messages = MESSAGES
