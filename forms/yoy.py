"""Year-on-year change (同比增减), computed in one place and written by the PERCENT kind.

(Y − (Y−1)) / (Y−1), exact Decimal arithmetic, rounded half-up; written like the seeds:
``20.27%``, ``-35.59%``, ``0.00%`` (a change that rounds to zero has no sign). Where no
percentage can be given the reason is kept so the grid can say why the cell is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from forms.kinds import Stored, percent

DEFAULT_PLACES = 2
ALLOWED_PLACES = (0, 1, 2)


@dataclass(frozen=True)
class YoY:
    percent: Decimal | None  # 20.27 means 20.27 %, already rounded
    reason: str = ""  # why there is no percentage
    places: int = DEFAULT_PLACES
    trend: int = 0  # the sign of the exact change: 1 up, -1 down, 0 unchanged (even when it rounds to 0)

    @property
    def fraction(self) -> Decimal | None:
        """The rounded value as a fraction (0.2027), as a spreadsheet stores a percentage."""
        return None if self.percent is None else self.percent / 100

    def text(self) -> str:
        return percent(self.places).text(self.percent)


def yoy(prev: Stored, cur: Stored, places: int = DEFAULT_PLACES) -> YoY:
    if places not in ALLOWED_PLACES:
        raise ValueError(f"places must be one of {ALLOWED_PLACES}, not {places}")
    if prev is None:
        return YoY(None, "上年数未填，无法计算同比", places)
    if cur is None:
        return YoY(None, "本年数未填，无法计算同比", places)
    if isinstance(prev, bool) or isinstance(cur, bool):
        return YoY(None, "数值无效，无法计算同比", places)
    if not isinstance(prev, int | Decimal) or not isinstance(cur, int | Decimal):
        return YoY(None, "数值无效，无法计算同比", places)
    if prev == 0:
        return YoY(None, "上年数为 0，同比无意义，不计算", places)
    change = (Decimal(cur) - Decimal(prev)) * 100 / Decimal(prev)
    trend = (change > 0) - (change < 0)
    return YoY(percent(places).canonical(change), "", places, trend)
