"""Decision 148's six product groups and their sub-groups, and the 2019 product sets."""

# The OCOP classification (Decision 148/QĐ-TTg of 2023, as amended by Decision
# 1489/QĐ-TTg of 2025): six sectors (ngành), their groups (nhóm) and, where a group is
# divided, its sub-groups (phân nhóm, 1.1a …). A product is filed under a leaf: a
# sub-group, or a group that is not divided (1.6, 3.1 …); there are 26.
# (code, Vietnamese name, English name, examples, VAT %)
# VAT (Law 48/2024/QH15; Decree 174/2025/NĐ-CP's 8 % for goods otherwise at 10 %, to
# 31 December 2026; alcohol keeps 10 %): unprocessed farm produce, medicines and plants
# 5 %, processed goods and services 8 %. The office can change a group's rate in the admin.
GROUPS = [
    ("1", "Thực phẩm", "Food", "", 8),
    ("1.1", "Thực phẩm tươi sống", "Fresh food", "", 5),
    ("1.1a", "Rau, củ, quả, hạt tươi", "Fresh vegetables, fruits and nuts", "rau, quả", 5),
    (
        "1.1b",
        "Thịt, thủy sản, trứng, sữa tươi",
        "Fresh meat, aquatic products, eggs and milk",
        "thịt, cá, trứng",
        5,
    ),
    ("1.2", "Thực phẩm thô, sơ chế", "Raw and pre-processed food", "", 5),
    ("1.2a", "Gạo, ngũ cốc, hạt sơ chế khác", "Rice, grains, other pre-processed seeds", "", 5),
    (
        "1.2b",
        "Mật ong, mật khác và nông sản thực phẩm khác",
        "Honey, other syrups and other farm food",
        "mật ong",
        5,
    ),
    ("1.3", "Thực phẩm chế biến", "Processed food", "", 8),
    ("1.3a", "Đồ ăn nhanh", "Convenience food", "", 8),
    ("1.3b", "Chế biến từ gạo, ngũ cốc", "Processed rice and grains", "bánh, bún", 8),
    ("1.3c", "Chế biến từ rau, củ, quả, hạt", "Processed vegetables, fruits, nuts", "mứt", 8),
    (
        "1.3d",
        "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong, mật khác và nông "
        "sản thực phẩm khác",
        "Processed meat, eggs, milk, aquatic products, honey and other farm food",
        "chả, ruốc",
        8,
    ),
    ("1.4", "Gia vị", "Condiments", "", 8),
    ("1.4a", "Tương, nước mắm, gia vị dạng lỏng khác", "Sauces and liquid condiments", "", 8),
    ("1.4b", "Gia vị khác", "Other condiments", "tỏi, ớt, muối", 8),
    ("1.5", "Chè", "Tea", "", 5),
    ("1.5a", "Chè tươi, chế biến", "Fresh and processed tea", "chè xanh", 5),
    ("1.5b", "Sản phẩm chè từ thực vật khác", "Tea from other plants", "trà hoa", 8),
    ("1.6", "Cà phê, ca cao", "Coffee and cocoa", "cà phê bột, ca cao", 8),
    ("2", "Đồ uống", "Drinks", "", 8),
    ("2.1", "Đồ uống có cồn", "Alcoholic drinks", "", 10),
    ("2.1a", "Rượu trắng", "White spirit", "rượu gạo, rượu nếp", 10),
    ("2.1b", "Đồ uống có cồn khác", "Other alcoholic drinks", "rượu trái cây", 10),
    ("2.2", "Đồ uống không cồn", "Non-alcoholic drinks", "", 8),
    (
        "2.2a",
        "Nước khoáng thiên nhiên, nước uống đóng chai",
        "Natural mineral water, bottled drinking water",
        "",
        8,
    ),
    ("2.2b", "Đồ uống không cồn", "Non-alcoholic drinks", "nước ép", 8),
    ("3", "Dược liệu và sản phẩm từ dược liệu", "Medicinal herbs and herbal products", "", 5),
    (
        "3.1",
        "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
        "Functional foods, herbal and traditional medicines",
        "",
        5,
    ),
    ("3.2", "Mỹ phẩm có thành phần từ dược liệu", "Cosmetics with herbal ingredients", "", 8),
    ("3.3", "Tinh dầu và dược liệu khác", "Essential oils and other herbal products", "", 8),
    ("4", "Hàng thủ công mỹ nghệ", "Handicrafts", "", 8),
    ("4.1", "Thủ công mỹ nghệ gia dụng, trang trí", "Household and decorative crafts", "", 8),
    ("4.2", "Vải, may mặc", "Fabrics and garments", "vải, thổ cẩm", 8),
    ("5", "Sinh vật cảnh", "Ornamental plants and animals", "", 5),
    ("5.1", "Hoa", "Flowers", "", 5),
    ("5.2", "Cây cảnh", "Ornamental trees", "bonsai", 5),
    ("5.3", "Động vật cảnh", "Ornamental animals", "", 5),
    (
        "6",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        "Community tourism, eco-tourism and tourist sites",
        "",
        8,
    ),
    (
        "6.1",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        "Community tourism, eco-tourism and tourist sites",
        "",
        8,
    ),
]


def parent_code(code: str) -> str | None:
    """'1.1a' -> '1.1'; '1.1' -> '1'; '1' -> None."""
    if code[-1].isalpha():
        return code[:-1]
    return code.rsplit(".", 1)[0] if "." in code else None


# The 26 product sets of Decision 1048/2019 and the Decision 148 sub-groups (phân nhóm)
# (or undivided groups) each maps to, space-separated: set 24 "Hoa, cây cảnh" became
# two, 5.1 and 5.2.
# Names are summarised; check them against the decision before an official report.
LEGACY_SETS = [
    (1, "Rau, củ, quả, hạt tươi", "Fresh vegetables, roots, fruits and nuts", "1.1a"),
    (2, "Thịt, trứng, sữa tươi", "Fresh meat, eggs and milk", "1.1b"),
    (3, "Gạo, ngũ cốc", "Rice and grains", "1.2a"),
    (4, "Mật ong, sản phẩm từ mật ong", "Honey and honey products", "1.2b"),
    (5, "Đồ ăn nhanh", "Convenience foods", "1.3a"),
    (6, "Chế biến từ gạo, ngũ cốc", "Processed rice and grains", "1.3b"),
    (7, "Chế biến từ rau, củ, quả, hạt", "Processed vegetables, fruits and nuts", "1.3c"),
    (8, "Chế biến từ thịt, trứng, sữa", "Processed meat, eggs and milk", "1.3d"),
    (9, "Chế biến từ thủy, hải sản", "Processed fish and seafood", "1.3d"),
    (10, "Tương, nước mắm, gia vị dạng lỏng", "Sauces, fish sauce, liquid condiments", "1.4a"),
    (11, "Gia vị khác", "Other condiments", "1.4b"),
    (12, "Chè tươi, chè chế biến", "Fresh and processed tea", "1.5a"),
    (13, "Sản phẩm khác từ chè", "Other tea products", "1.5b"),
    (14, "Cà phê, ca cao", "Coffee and cocoa", "1.6"),
    (15, "Rượu trắng", "White rice spirit", "2.1a"),
    (16, "Đồ uống có cồn khác", "Other alcoholic drinks", "2.1b"),
    (17, "Nước khoáng, nước uống tinh khiết", "Mineral and purified water", "2.2a"),
    (18, "Đồ uống không cồn", "Non-alcoholic drinks", "2.2b"),
    (19, "Thực phẩm chức năng, thuốc từ dược liệu", "Functional foods, herbal medicines", "3.1"),
    (20, "Mỹ phẩm từ thảo dược", "Herbal cosmetics", "3.2"),
    (21, "Tinh dầu, chế phẩm khác từ dược liệu", "Essential oils, other herbal products", "3.3"),
    (22, "Vải, may mặc", "Fabrics and garments", "4.2"),
    (23, "Lưu niệm, nội thất, trang trí", "Souvenirs, furniture and decoration", "4.1"),
    (24, "Hoa, cây cảnh", "Flowers and ornamental plants", "5.1 5.2"),
    (25, "Động vật cảnh", "Ornamental animals", "5.3"),
    (26, "Dịch vụ du lịch nông thôn, điểm du lịch", "Rural tourism services and sites", "6.1"),
]
