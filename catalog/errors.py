"""Catalogue error codes with their Vietnamese and English messages."""

from enum import StrEnum


class CatalogErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID_GTIN = "invalid_gtin"
    DUPLICATE_GTIN = "duplicate_gtin"
    NO_COUNCIL_MEMBERS = "no_council_members"
    PART_SCORE_OUT_OF_RANGE = "part_score_out_of_range"
    MEAN_SCORE_MISMATCH = "mean_score_mismatch"
    STARS_OUTSIDE_BAND = "stars_outside_band"
    MANDATORY_CRITERIA_REQUIRED = "mandatory_criteria_required"
    COUNCIL_LEVEL_NOT_IN_RULE_SET = "council_level_not_in_rule_set"
    LEVEL_CANNOT_CERTIFY = "level_cannot_certify"
    NOMINATION_REQUIRED = "nomination_required"
    STARS_NOT_CERTIFIABLE = "stars_not_certifiable"
    RULE_SET_NOT_IN_FORCE = "rule_set_not_in_force"
    OVERLAPPING_CERTIFICATE = "overlapping_certificate"
    INVALID_STATUS = "invalid_status"
    NOT_AN_UPGRADE = "not_an_upgrade"
    DIFFERENT_PRODUCT = "different_product"
    DUPLICATE_CERTIFICATE_NUMBER = "duplicate_certificate_number"
    DUPLICATE_SKU = "duplicate_sku"
    INVALID_IMAGE = "invalid_image"
    INVALID_PRODUCER_STATUS = "invalid_producer_status"
    INVALID_FILE = "invalid_file"
    GTIN_LOCKED = "gtin_locked"
    OUT_OF_RANGE = "out_of_range"


MESSAGES: dict[CatalogErrorCode, tuple[str, str]] = {
    CatalogErrorCode.REQUIRED: ("Trường {field} là bắt buộc.", "{field} is required."),
    CatalogErrorCode.INVALID_GTIN: (
        "Mã GTIN {value} không hợp lệ (sai độ dài hoặc sai số kiểm tra).",
        "GTIN {value} is invalid (wrong length or check digit).",
    ),
    CatalogErrorCode.GTIN_LOCKED: (
        "Mã GTIN của phân loại này đã được dùng trên tem và không thể đổi hay xoá.",
        "This variant's GTIN is printed on its stamps and can never be changed or removed.",
    ),
    CatalogErrorCode.DUPLICATE_GTIN: (
        "Mã GTIN {value} đã được dùng cho sản phẩm khác.",
        "GTIN {value} is already used by another product.",
    ),
    CatalogErrorCode.NO_COUNCIL_MEMBERS: (
        "Cần ít nhất một thành viên hội đồng chấm điểm.",
        "At least one council member must score the product.",
    ),
    CatalogErrorCode.PART_SCORE_OUT_OF_RANGE: (
        "Điểm phần {part} của {member} là {score}, phải từ 0 đến {maximum}.",
        "Part {part} score of {member} is {score}; it must be between 0 and {maximum}.",
    ),
    CatalogErrorCode.MEAN_SCORE_MISMATCH: (
        "Điểm trung bình khai báo {claimed} không khớp điểm các thành viên ({computed}).",
        "The stated mean score {claimed} does not match the members' scores ({computed}).",
    ),
    CatalogErrorCode.STARS_OUTSIDE_BAND: (
        "{score} điểm tương ứng {expected} sao, không phải {claimed} sao.",
        "A score of {score} gives {expected} stars, not {claimed}.",
    ),
    CatalogErrorCode.MANDATORY_CRITERIA_REQUIRED: (
        "Bộ tiêu chí {rule_set} yêu cầu ghi nhận kết quả các tiêu chí bắt buộc.",
        "Rule set {rule_set} requires the result of its mandatory criteria.",
    ),
    CatalogErrorCode.COUNCIL_LEVEL_NOT_IN_RULE_SET: (
        "Bộ tiêu chí {rule_set} không có hội đồng cấp {level}.",
        "Rule set {rule_set} has no {level} council.",
    ),
    CatalogErrorCode.LEVEL_CANNOT_CERTIFY: (
        "Theo {rule_set}, cấp {level} không được công nhận sản phẩm {stars} sao.",
        "Under {rule_set}, the {level} level may not certify {stars}-star products.",
    ),
    CatalogErrorCode.NOMINATION_REQUIRED: (
        "Theo {rule_set}, hội đồng cấp {level_vi} chỉ đánh giá sản phẩm được cấp {lower_vi} đề"
        " xuất{threshold_vi}; sản phẩm này chưa có đề xuất như vậy.",
        "Under {rule_set}, the {level_en} council rates only products forwarded by the"
        " {lower_en} level{threshold_en}; this product has no such nomination.",
    ),
    CatalogErrorCode.STARS_NOT_CERTIFIABLE: (
        "Sản phẩm {stars} sao chưa đạt chuẩn OCOP; chỉ công nhận từ 3 sao.",
        "A {stars}-star product is not up to the OCOP standard; only 3 stars and up are certified.",
    ),
    CatalogErrorCode.RULE_SET_NOT_IN_FORCE: (
        "Bộ tiêu chí {rule_set} không áp dụng vào ngày {date}.",
        "Rule set {rule_set} does not apply on {date}.",
    ),
    CatalogErrorCode.OVERLAPPING_CERTIFICATE: (
        "Sản phẩm đã có giấy chứng nhận {certificate} còn hiệu lực trong khoảng thời gian này.",
        "The product already holds certificate {certificate}, valid over this period.",
    ),
    CatalogErrorCode.INVALID_STATUS: (
        "Không thể thực hiện khi đánh giá đang ở trạng thái {status}.",
        "Not possible while the rating is {status}.",
    ),
    CatalogErrorCode.NOT_AN_UPGRADE: (
        "Đánh giá mới ({new} sao) không cao hơn đánh giá cũ ({old} sao).",
        "The new rating ({new} stars) is not higher than the old one ({old} stars).",
    ),
    CatalogErrorCode.DIFFERENT_PRODUCT: (
        "Hai đánh giá thuộc hai sản phẩm khác nhau.",
        "The two ratings belong to different products.",
    ),
    CatalogErrorCode.DUPLICATE_CERTIFICATE_NUMBER: (
        "Số giấy chứng nhận {certificate} đã tồn tại.",
        "Certificate number {certificate} already exists.",
    ),
    CatalogErrorCode.INVALID_IMAGE: (
        "Ảnh không hợp lệ: {detail}.",
        "Invalid image: {detail}.",
    ),
    CatalogErrorCode.INVALID_PRODUCER_STATUS: (
        "Không thể thực hiện khi hồ sơ chủ thể đang ở trạng thái {status}.",
        "Not possible while the producer is {status}.",
    ),
    CatalogErrorCode.INVALID_FILE: (
        "Tệp không hợp lệ: {detail}.",
        "Invalid file: {detail}.",
    ),
    CatalogErrorCode.OUT_OF_RANGE: (
        "Giá trị của {field} không hợp lệ: {detail_vi}.",
        "The value of {field} is invalid: {detail_en}.",
    ),
    CatalogErrorCode.DUPLICATE_SKU: (
        "Mã SKU {value} đã tồn tại.",
        "SKU {value} already exists.",
    ),
}


class DomainError(Exception):
    """A domain rule was broken: a machine code, the field, and a message in both languages.

    Each package subclasses it with its own code enum and message table."""

    messages: dict = {}

    def __init__(self, code, field: str | None = None, **params):
        self.code = code
        self.field = field
        self.params = params
        template_vi, template_en = self.messages[code]
        self.message_vi = template_vi.format(field=field, **params)
        self.message_en = template_en.format(field=field, **params)
        super().__init__(f"{self.message_vi} / {self.message_en}")


class CatalogError(DomainError):
    """A catalogue rule was broken; nothing was written."""

    messages = MESSAGES
