"""One line per goal, the same in every bench, so `bench/run_all.py` (`make bench`) can put
them in one table:

    goal | product list p50 | 11.6 ms | ≤ 17.2 ms | 0.68 | met
"""


def at_most(name: str, value: float, limit: float, unit: str = "") -> None:
    _line(name, value, f"≤ {limit:g}{unit}", value / limit if limit else 0.0, value <= limit, unit)


def at_least(name: str, value: float, floor: float, unit: str = "") -> None:
    _line(name, value, f"≥ {floor:g}{unit}", value / floor, value >= floor, unit)


def _line(name, value, goal, ratio, met, unit) -> None:
    shown = f"{value:.2f}{unit}" if isinstance(value, float) else f"{value}{unit}"
    print(f"goal | {name} | {shown} | {goal} | {ratio:.2f} | {'met' if met else 'NOT met'}")
