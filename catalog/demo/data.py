"""The demo programme: producers and products modelled on Tứ Kỳ 2023. ILLUSTRATIVE DATA:
names, numbers and GTINs are invented for the demo and belong to no real business."""

# (slug, name, legal form, commune (as of June 2025, in Tứ Kỳ district), phone, bank BIN)
PRODUCERS = [
    ("htx-cha-ruoi-tu-ky", "HTX Chả rươi Tứ Kỳ", "cooperative", "Tứ Kỳ", "0912345001", "970405"),
    (
        "htx-nep-cai-hoa-vang",
        "HTX Nếp cái hoa vàng Quang Phục",
        "cooperative",
        "Quang Phục",
        "0912345002",
        "970436",
    ),
    (
        "co-so-mat-ong-dai-son",
        "Cơ sở Mật ong Đại Sơn",
        "household",
        "Đại Sơn",
        "0912345003",
        "970415",
    ),
    (
        "cong-ty-tram-huong-ha-ky",
        "Công ty TNHH Trầm hương Hà Kỳ",
        "enterprise",
        "Hà Kỳ",
        "0912345004",
        "970418",
    ),
    (
        "to-hop-tac-banh-da-ha-thanh",
        "Tổ hợp tác Bánh đa Hà Thanh",
        "cooperative_group",
        "Hà Thanh",
        "0912345005",
        "970405",
    ),
    (
        "htx-nuoc-mam-nguyen-giap",
        "HTX Nước mắm Nguyên Giáp",
        "cooperative",
        "Nguyên Giáp",
        "0912345006",
        "970436",
    ),
    (
        "trang-trai-ca-ro-tu-ky",
        "Trang trại Cá rô đồng Tứ Kỳ",
        "farm",
        "Kỳ Sơn",
        "0912345007",
        "970415",
    ),
    (
        "htx-rau-an-toan-tien-dong",
        "HTX Rau an toàn Tiên Động",
        "cooperative",
        "Tiên Động",
        "0912345008",
        "970418",
    ),
    (
        "co-so-ruou-nep-cong-lac",
        "Cơ sở Rượu nếp Cộng Lạc",
        "household",
        "Lạc Phượng",
        "0912345009",
        "970405",
    ),
    (
        "cong-ty-duoc-lieu-chi-minh",
        "Công ty CP Dược liệu Chí Minh",
        "enterprise",
        "Chí Minh",
        "0912345010",
        "970436",
    ),
    (
        "htx-may-tre-dan-phuong-ky",
        "HTX Mây tre đan Phượng Kỳ",
        "cooperative",
        "Lạc Phượng",
        "0912345011",
        "970415",
    ),
    ("trang-trai-hoa-tan-ky", "Trang trại Hoa Tân Kỳ", "farm", "Tân Kỳ", "0912345012", "970418"),
    (
        "htx-du-lich-dan-chu",
        "HTX Du lịch sinh thái Dân Chủ",
        "cooperative",
        "Dân An",
        "0912345013",
        "970405",
    ),
]

# (producer index, name, English name, sub-group, [(variant name, net quantity, unit)])
PRODUCTS = [
    (
        0,
        "Chả rươi Tứ Kỳ",
        "Tu Ky ragworm patties",
        "1.3d",
        [("Hộp 500 g", 500, "g"), ("Hộp 1 kg", 1000, "g")],
    ),
    (0, "Rươi ướp đá Tứ Kỳ", "Chilled Tu Ky ragworms", "1.1b", [("Hộp 1 kg", 1000, "g")]),
    (0, "Mắm rươi Tứ Kỳ", "Tu Ky ragworm paste", "1.4a", [("Hũ 250 ml", 250, "ml")]),
    (0, "Chả cá rô Tứ Kỳ", "Tu Ky climbing perch patties", "1.3d", [("Hộp 500 g", 500, "g")]),
    (
        1,
        "Gạo nếp cái hoa vàng",
        "Yellow-flower glutinous rice",
        "1.2a",
        [("Túi 2 kg", 2, "kg"), ("Túi 5 kg", 5, "kg")],
    ),
    (
        1,
        "Xôi nếp cái hoa vàng sấy",
        "Dried yellow-flower sticky rice",
        "1.3b",
        [("Gói 300 g", 300, "g")],
    ),
    (
        1,
        "Bột nếp cái hoa vàng",
        "Yellow-flower glutinous rice flour",
        "1.2a",
        [("Gói 500 g", 500, "g")],
    ),
    (1, "Gạo tám thơm Quang Phục", "Quang Phuc fragrant rice", "1.2a", [("Túi 5 kg", 5, "kg")]),
    (
        2,
        "Mật ong hoa nhãn Đại Sơn",
        "Dai Son longan blossom honey",
        "1.2b",
        [("Chai 500 ml", 500, "ml")],
    ),
    (
        2,
        "Mật ong hoa vải",
        "Lychee blossom honey",
        "1.2b",
        [("Chai 500 ml", 500, "ml"), ("Chai 1 l", 1, "l")],
    ),
    (2, "Phấn hoa Đại Sơn", "Dai Son bee pollen", "3.1", [("Hũ 200 g", 200, "g")]),
    (2, "Sữa ong chúa", "Royal jelly", "3.1", [("Hũ 100 g", 100, "g")]),
    (3, "Trầm hương nụ Hà Kỳ", "Ha Ky agarwood cones", "3.3", [("Hộp 50 nụ", 50, "piece")]),
    (
        3,
        "Nhang trầm hương Hà Kỳ",
        "Ha Ky agarwood incense",
        "3.3",
        [("Hộp 100 que", 100, "piece")],
    ),
    (3, "Tinh dầu trầm hương", "Agarwood essential oil", "3.3", [("Lọ 10 ml", 10, "ml")]),
    (3, "Vòng tay trầm hương", "Agarwood bracelet", "4.1", [("Chiếc", 1, "piece")]),
    (4, "Bánh đa nem Hà Thanh", "Ha Thanh rice paper", "1.3b", [("Gói 500 g", 500, "g")]),
    (
        4,
        "Bánh đa vừng Hà Thanh",
        "Ha Thanh sesame rice crackers",
        "1.3b",
        [("Gói 10 chiếc", 10, "piece")],
    ),
    (4, "Bánh đa gấc", "Gac fruit rice noodles", "1.3b", [("Gói 500 g", 500, "g")]),
    (4, "Bún khô Hà Thanh", "Ha Thanh dried rice vermicelli", "1.3b", [("Gói 500 g", 500, "g")]),
    (
        5,
        "Nước mắm cá cơm Nguyên Giáp",
        "Nguyen Giap anchovy fish sauce",
        "1.4a",
        [("Chai 500 ml", 500, "ml"), ("Can 2 l", 2, "l")],
    ),
    (
        5,
        "Nước mắm rươi Nguyên Giáp",
        "Nguyen Giap ragworm fish sauce",
        "1.4a",
        [("Chai 250 ml", 250, "ml")],
    ),
    (
        5,
        "Tương bần Nguyên Giáp",
        "Nguyen Giap fermented soybean sauce",
        "1.4a",
        [("Chai 500 ml", 500, "ml")],
    ),
    (6, "Cá rô đồng Tứ Kỳ", "Tu Ky climbing perch", "1.1b", [("Con 1 kg", 1, "kg")]),
    (6, "Cá rô kho niêu", "Clay-pot braised climbing perch", "1.3d", [("Niêu 500 g", 500, "g")]),
    (
        6,
        "Cá rô rán giòn đóng gói",
        "Packed crispy climbing perch",
        "1.3d",
        [("Hộp 300 g", 300, "g")],
    ),
    (
        7,
        "Rau cải ngồng Tiên Động",
        "Tien Dong flowering mustard greens",
        "1.1a",
        [("Bó 500 g", 500, "g")],
    ),
    (7, "Cà rốt Tiên Động", "Tien Dong carrots", "1.1a", [("Túi 1 kg", 1, "kg")]),
    (7, "Hành tỏi Tiên Động", "Tien Dong shallots and garlic", "1.4b", [("Túi 500 g", 500, "g")]),
    (
        8,
        "Rượu nếp cái hoa vàng Cộng Lạc",
        "Cong Lac glutinous rice wine",
        "2.1a",
        [("Chai 500 ml", 500, "ml"), ("Bình 2 l", 2, "l")],
    ),
    (8, "Rượu nếp cẩm", "Black sticky rice wine", "2.1a", [("Chai 500 ml", 500, "ml")]),
    (8, "Nước gạo rang", "Roasted rice drink", "2.2b", [("Chai 330 ml", 330, "ml")]),
    (9, "Cao actiso Chí Minh", "Chi Minh artichoke extract", "3.1", [("Hũ 200 g", 200, "g")]),
    (9, "Trà túi lọc hoa hòe", "Sophora flower tea bags", "1.5b", [("Hộp 25 túi", 25, "piece")]),
    (9, "Xà phòng thảo dược", "Herbal soap", "3.2", [("Bánh 100 g", 100, "g")]),
    (9, "Dầu gội bồ kết", "Honey locust shampoo", "3.2", [("Chai 300 ml", 300, "ml")]),
    (
        10,
        "Giỏ mây tre đan Phượng Kỳ",
        "Phuong Ky rattan basket",
        "4.1",
        [("Cỡ vừa", 1, "piece"), ("Cỡ lớn", 1, "piece")],
    ),
    (10, "Khay tre đan", "Woven bamboo tray", "4.1", [("Chiếc", 1, "piece")]),
    (10, "Túi cói thủ công", "Handmade sedge bag", "4.2", [("Chiếc", 1, "piece")]),
    (11, "Hoa ly Tân Kỳ", "Tan Ky lilies", "5.1", [("Bó 10 cành", 10, "piece")]),
    (11, "Cây quất cảnh", "Ornamental kumquat tree", "5.2", [("Chậu", 1, "piece")]),
    (11, "Hoa cúc chi sấy khô", "Dried chrysanthemum flowers", "1.5b", [("Hộp 100 g", 100, "g")]),
    (
        12,
        "Trải nghiệm làm chả rươi",
        "Ragworm patty cooking experience",
        "6.1",
        [("Vé người lớn", 1, "piece")],
    ),
    (12, "Tour đồng quê Dân Chủ", "Dan Chu countryside tour", "6.1", [("Vé", 1, "piece")]),
]

# Ratings by product index: (kind, rule set, council level, target score, decision date).
# kind: certified, upgrade (3★ then 4★), expired, revoked, proposed.
RATINGS = {
    0: ("upgrade", "148/2023", "district", 66, "2023-06-15"),
    4: ("certified", "148/2023", "province", 78, "2024-04-10"),
    8: ("certified", "148/2023", "district", 63, "2023-12-20"),
    12: ("certified", "148/2023", "province", 81, "2024-09-05"),
    16: ("expired", "1048/2019", "province", 61, "2020-06-10"),
    20: ("certified", "1489/2025", "province", 75, "2025-09-22"),
    23: ("certified", "148/2023", "district", 58, "2024-11-11"),
    29: ("revoked", "148/2023", "district", 60, "2024-01-18"),
    32: ("certified", "1489/2025", "province", 57, "2025-10-30"),
    36: ("certified", "148/2023", "district", 55, "2023-12-28"),
    39: ("certified", "148/2023", "district", 64, "2024-06-03"),
    42: ("certified", "1489/2025", "province", 73, "2026-02-14"),
    13: ("certified", "148/2023", "district", 61, "2024-03-22"),
    21: ("certified", "148/2023", "district", 59, "2025-01-09"),
    9: ("proposed", "1489/2025", "province", 68, None),
    33: ("proposed", "1489/2025", "province", 42, None),
}

# The upgrade of product 0: 4★ by the province council.
UPGRADE = ("148/2023", "province", 76, "2025-03-27")

COUNCIL = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu"]


def product_slug(index: int) -> str:
    """The demo product's address: its name without diacritics ("cha-ruoi-tu-ky")."""
    from catalog.services.slugs import slug_of

    return slug_of(PRODUCTS[index][1], f"san-pham-{index}")
