"""Programme error codes with their Vietnamese and English messages."""

from enum import StrEnum

from catalog.errors import DomainError


class ProgramErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    UNREADABLE_FILE = "unreadable_file"
    MISSING_COLUMNS = "missing_columns"
    EMPTY_FILE = "empty_file"
    TOO_MANY_ROWS = "too_many_rows"
    IMPORT_HAS_ERRORS = "import_has_errors"
    ALREADY_IMPORTED = "already_imported"


MESSAGES: dict[ProgramErrorCode, tuple[str, str]] = {
    ProgramErrorCode.REQUIRED: ("Thiếu {field}.", "{field} is missing."),
    ProgramErrorCode.INVALID: (
        "{field} không hợp lệ: {value}.",
        "{field} is invalid: {value}.",
    ),
    ProgramErrorCode.NOT_FOUND: (
        "Không tìm thấy {what} «{value}».",
        "{what} “{value}” was not found.",
    ),
    ProgramErrorCode.UNREADABLE_FILE: (
        "Không đọc được tệp: hãy dùng CSV (UTF-8) hoặc XLSX.",
        "The file cannot be read: use CSV (UTF-8) or XLSX.",
    ),
    ProgramErrorCode.MISSING_COLUMNS: (
        "Tệp thiếu cột: {columns}.",
        "The file lacks columns: {columns}.",
    ),
    ProgramErrorCode.EMPTY_FILE: ("Tệp không có dòng dữ liệu nào.", "The file has no data rows."),
    ProgramErrorCode.TOO_MANY_ROWS: (
        "Tệp có {count} dòng, tối đa {maximum} dòng mỗi lần.",
        "The file has {count} rows; at most {maximum} rows at a time.",
    ),
    ProgramErrorCode.IMPORT_HAS_ERRORS: (
        "Tệp có {count} dòng lỗi: không dòng nào được nhập.",
        "The file has {count} rows with errors: nothing was imported.",
    ),
    ProgramErrorCode.ALREADY_IMPORTED: (
        "Tệp này đã được nhập hoặc đã bị từ chối.",
        "This file was already imported or refused.",
    ),
}


class ProgramError(DomainError):
    """A programme rule was broken; nothing was written."""

    messages = MESSAGES
