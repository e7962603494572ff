"""Year-on-year change (同比增减), computed and written in one place.

(Y − (Y−1)) / (Y−1), exact Decimal arithmetic, rounded half-up; written like the seeds:
``20.27%``, ``-35.59%``, ``0.00%``. Where no percentage can be given the reason is kept so
the grid can say why the cell is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_PLACES = 2
ALLOWED_PLACES = (0, 1, 2)


@dataclass(frozen=True)
class YoY:
    percent: Decimal | None  # 20.27 means 20.27 %, already rounded
    reason: str = ""  # why there is no percentage

    @property
    def fraction(self) -> Decimal | None:
        """The rounded value as a fraction (0.2027), as a spreadsheet stores a percentage."""
        return None if self.percent is None else self.percent / 100

    def text(self) -> str:
        return "" if self.percent is None else f"{self.percent}%"


def yoy(prev: int | Decimal | None, cur: int | Decimal | None, places: int = DEFAULT_PLACES) -> YoY:
    if places not in ALLOWED_PLACES:
        raise ValueError(f"places must be one of {ALLOWED_PLACES}, not {places}")
    if prev is None:
        return YoY(None, "上年数未填，无法计算同比")
    if cur is None:
        return YoY(None, "本年数未填，无法计算同比")
    if not isinstance(prev, int | Decimal) or not isinstance(cur, int | Decimal):
        return YoY(None, "数值无效，无法计算同比")
    if prev == 0:
        return YoY(None, "上年数为 0，同比无意义，不计算")
    change = (Decimal(cur) - Decimal(prev)) * 100 / Decimal(prev)
    rounded = change.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0.00%"
    return YoY(rounded)
