"""Value kinds: parsing what a clerk types, and the canonical text kept in storage.

Values cross layer boundaries as plain Python: ``int`` for counts, ``Decimal`` for
money (exact, never float), ``str`` for text and 是/否, ``None`` for "not filled".
A blank is never the same as 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum

from forms.errors import InputError
from forms.hygiene import TEXT_MAX, clean_limited, clean_text

Value = int | Decimal | str | None

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class Kind(Enum):
    COUNT = "count"  # a whole number >= 0 (件, 次, 人, 台 …)
    MONEY = "money"  # an amount >= 0, exact, at most ``decimals`` places
    TEXT = "text"
    YESNO = "yesno"  # 是 / 否


def _normalise(text: str) -> str:
    # NFKC folds full-width digits and signs typed with a Chinese IME (１７８ → 178).
    text = unicodedata.normalize("NFKC", text).strip()
    return text


def _number(text: str) -> Decimal:
    compact = re.sub(r"[,\s]", "", text)
    if not _NUMBER.match(compact):
        raise InputError(f"“{text}”不是数字，请只填写阿拉伯数字（如 178）")
    if len(compact.lstrip("+-").split(".")[0]) > 15:
        raise InputError(f"“{text}”数字过大，请核对")
    try:
        return Decimal(compact)
    except InvalidOperation:  # pragma: no cover - the pattern above already rules it out
        raise InputError(f"“{text}”不是数字") from None


def parse(kind: Kind, text: str, *, decimals: int = 2) -> Value:
    """Turn what was typed into a value, or raise ``InputError`` with a message for the cell."""
    if kind is Kind.TEXT:  # never normalised: full-width punctuation is the clerk's
        return clean_limited(text, "文字", TEXT_MAX, multiline=True) or None
    text = _normalise(clean_text(text))
    if text == "":
        return None
    if kind is Kind.YESNO:
        if text not in ("是", "否"):
            raise InputError("请填写“是”或“否”")
        return text
    number = _number(text)
    if number < 0:
        raise InputError("不能填写负数")
    if kind is Kind.COUNT:
        if number != number.to_integral_value():
            raise InputError("此处填写件数、次数或人数，必须是整数，不能有小数")
        return int(number)
    # money
    if -number.as_tuple().exponent > decimals and number != number.quantize(Decimal(1).scaleb(-decimals)):
        raise InputError(f"金额最多保留 {decimals} 位小数")
    return _canonical_decimal(number)


def _canonical_decimal(number: Decimal) -> Decimal:
    # 4199252.00 and 4199252 are the same amount; keep the shortest exact form.
    normal = number.normalize()
    return Decimal(format(normal, "f"))


def encode(value: Value) -> str | None:
    """The text stored in SQLite for a value (None stays NULL: not filled)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def decode(kind: Kind, stored: str | None) -> Value:
    """Stored text back to a value. Text that is not a valid number (old files, a workbook
    typed elsewhere) comes back as it is, so the audit can name it instead of crashing."""
    if stored is None:
        return None
    if kind in (Kind.COUNT, Kind.MONEY):
        try:
            number = Decimal(stored)
        except InvalidOperation:
            return stored
        if not number.is_finite():
            return stored
        if kind is Kind.COUNT and number == number.to_integral_value():
            return int(number)
        return number
    return stored


def display(kind: Kind, value: Value, *, decimals: int = 2) -> str:
    """How a value is written in the grid, the workbook's text cells and the Word tables."""
    if value is None:
        return ""
    if kind is Kind.MONEY and isinstance(value, Decimal):
        if value == value.to_integral_value():
            return format(value.quantize(Decimal(1)), "f")
        return format(value.quantize(Decimal(1).scaleb(-decimals)), "f")
    return str(value)
