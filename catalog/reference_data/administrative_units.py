"""Hải Dương / Tứ Kỳ as of 2023 and their 1 July 2025 successors in Hải Phòng.

ILLUSTRATIVE: the province codes are the official ones, but the district and commune
codes, the commune list and the merge mapping are modelled for the demo and the
tests, not copied from the official decisions. Replace them with the official
tables (Resolution 1669/NQ-UBTVQH15 and the GSO code list) before reporting.
"""

OLD_FROM = "2020-01-01"
OLD_TO = "2025-06-30"
NEW_FROM = "2025-07-01"

# (code, kind, name, parent code, valid_from, valid_to, illustrative)
PROVINCES = [
    ("30", "tỉnh", "Hải Dương", None, "1997-01-01", OLD_TO, False),
    ("31", "thành phố", "Hải Phòng", None, "1997-01-01", None, False),
]

DISTRICTS = [
    ("298", "huyện", "Tứ Kỳ", "30", "1997-01-01", OLD_TO, True),
]

# 2023 communes of Tứ Kỳ district and the 2025 commune each was merged into.
OLD_COMMUNES = [
    ("10900", "thị trấn", "Tứ Kỳ", "TK"),
    ("10903", "xã", "Đại Sơn", "DS"),
    ("10906", "xã", "Hưng Đạo", "DS"),
    ("10909", "xã", "Ngọc Kỳ", "TK"),
    ("10912", "xã", "Bình Lãng", "DS"),
    ("10915", "xã", "Chí Minh", "CM"),
    ("10918", "xã", "Tái Sơn", "CM"),
    ("10921", "xã", "Quang Phục", "TK"),
    ("10924", "xã", "Dân Chủ", "TNK"),
    ("10927", "xã", "Tân Kỳ", "TNK"),
    ("10930", "xã", "Quang Khải", "TNK"),
    ("10933", "xã", "Đại Hợp", "TNK"),
    ("10936", "xã", "Quảng Nghiệp", "CM"),
    ("10939", "xã", "An Thanh", "NG"),
    ("10942", "xã", "Minh Đức", "TK"),
    ("10945", "xã", "Văn Tố", "CM"),
    ("10948", "xã", "Quang Trung", "LP"),
    ("10951", "xã", "Phượng Kỳ", "LP"),
    ("10954", "xã", "Cộng Lạc", "LP"),
    ("10957", "xã", "Tiên Động", "LP"),
    ("10960", "xã", "Nguyên Giáp", "NG"),
    ("10963", "xã", "Hà Kỳ", "NG"),
    ("10966", "xã", "Hà Thanh", "NG"),
]

# The 2025 communes of Hải Phòng that took over Tứ Kỳ district's area.
NEW_COMMUNES = {
    "TK": ("11000", "xã", "Tứ Kỳ"),
    "DS": ("11003", "xã", "Đại Sơn"),
    "CM": ("11006", "xã", "Chí Minh"),
    "TNK": ("11009", "xã", "Tân Kỳ"),
    "LP": ("11012", "xã", "Lạc Phượng"),
    "NG": ("11015", "xã", "Nguyên Giáp"),
}

# Hải Dương province was merged into Hải Phòng city.
PROVINCE_SUCCESSORS = {"30": "31"}
