"""The OCOP rating rule sets: 1048/2019, 148/2023 and 1489/2025 (see docs/domain-rules.md)."""

STAR_BANDS = {1: "0", 2: "30", 3: "50", 4: "70", 5: "90"}

RULE_SETS = [
    {
        "code": "1048/2019",
        "decision_number": "1048/QĐ-TTg",
        "decision_date": "2019-08-21",
        "title": "Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình Mỗi xã một sản phẩm",
        "applies_from": "2019-08-21",
        "applies_to": "2023-02-23",
        "weights": (35, 25, 40),
        "has_mandatory_criteria": False,
        "validity_months": 36,
        "expiry_notice_days": 30,
        # level: (stars it certifies, score from which it forwards to the next level)
        "levels": {
            "district": ([], "50"),
            "province": ([3, 4], "90"),
            "central": ([5], None),
        },
    },
    {
        "code": "148/2023",
        "decision_number": "148/QĐ-TTg",
        "decision_date": "2023-02-24",
        "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP",
        "applies_from": "2023-02-24",
        "applies_to": "2025-07-05",
        "weights": (40, 25, 35),
        "has_mandatory_criteria": True,
        "validity_months": 36,
        "expiry_notice_days": 30,
        "levels": {
            "district": ([3], "70"),
            "province": ([4], "90"),
            "central": ([5], None),
        },
    },
    {
        "code": "1489/2025",
        "decision_number": "1489/QĐ-TTg",
        "decision_date": "2025-07-06",
        "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP (chính quyền hai cấp)",
        "applies_from": "2025-07-06",
        "applies_to": None,
        "weights": (40, 25, 35),
        "has_mandatory_criteria": True,
        "validity_months": 36,
        "expiry_notice_days": 30,
        # Decision 1489: the commune reviews and forwards every dossier (no score
        # threshold; the 1048 district's "from 50 points" is not in it).
        "levels": {
            "commune": ([], None),
            "province": ([3, 4], "90"),
            "central": ([5], None),
        },
    },
]
