"""Value kinds: the one place that knows how a figure or a text is read, stored and shown.

Each kind owns, for its values:

- ``parse``: what was typed, pasted or imported → a value, or ``InputError`` with a Chinese
  message (blank → ``None``: "not filled", never 0);
- ``encode`` / ``decode``: the canonical text kept in SQLite; stored text that is not canonical
  decodes to ``Invalid``, which the audit reports as an 错误 and no export writes as a number;
- ``text``: the one way a value reads in the grid, the Word tables and the report text;
- ``excel``: the workbook's cell value and number format, chosen so a spreadsheet shows
  exactly ``text``.

Values cross layer boundaries as plain Python: ``int`` for counts, ``Decimal`` for money and
percentages (exact, never float), ``str`` for text and 是/否, ``None`` for "not filled".
The decisions (README, "Values"): no thousands separators anywhere; 元 amounts show fen only
when there are any, then always two places (``4199252``, ``1234567.80``); 万元 amounts show
the exact figure without trailing zeros (``419.9252``, ``12.5``); rounding is half-up
everywhere; text is stored as typed, after ``forms.hygiene``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from forms.errors import InputError
from forms.hygiene import LINE_MAX, TEXT_MAX, clean_limited, clean_text, echo, echo_at, first_forbidden, forbidden

Value = int | Decimal | str | None

# A spreadsheet keeps a double: a whole number of 15 digits shows exactly, but the 15th digit of
# a fraction does not (LibreOffice shows 9999999999999.99 as 10000000000000.00). So a count may
# have 15 digits and an amount 14 significant ones, and the workbook shows what the Word table says.
MAX_DIGITS = 15
AMOUNT_DIGITS = 14
TEXT_FORMAT = "@"  # the spreadsheet's "text" number format

# Numeric kinds fold what a Chinese IME types in full width; nothing else is folded (not NFKC:
# it would read ² as 2 and ① as 1).
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")  # 9,217,701.00 as a spreadsheet copies it
_NOT_A_NUMBER = "不是数字，请只填写阿拉伯数字（如 178）"


@dataclass(frozen=True)
class Invalid:
    """Stored text that is not a canonical value of its kind (an old file, an import, a hand
    edit): kept so nothing is lost, shown as it is, reported by the audit, never computed with."""

    stored: str
    problem: str  # one Chinese sentence: why it is not a value
    fix: str = field(default="", compare=False)  # the canonical text, when the stored one reads as a value

    def __str__(self) -> str:
        return self.stored


Stored = Value | Invalid


def _round(number: Decimal, places: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _places(number: Decimal) -> int:
    """Decimal places of a number written without trailing zeros (12.50 → 1)."""
    exponent = number.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def _plain(number: Decimal) -> str:
    """The shortest exact decimal text: no exponent, no trailing zeros, no sign on zero (100, 12.5, 0)."""
    if number == 0:
        return "0"
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def read_number(text: str, int_digits: int = MAX_DIGITS) -> Decimal | None:
    """A non-negative number as typed, pasted or imported, at most ``int_digits`` digits before
    the point; None for a blank.

    Refused (``InputError``): anything ambiguous — ``1,5``, ``3 5``, superscripts, circled
    digits, exponents, NaN/Infinity — and every sign, ``-0`` included.
    """
    folded = text.translate(_FULL_WIDTH).strip()
    if folded == "":
        return None
    negative = folded.startswith("-")
    body = folded[1:] if negative else folded
    if _PLAIN.fullmatch(body):
        number = Decimal(body)
    elif _GROUPED.fullmatch(body):
        number = Decimal(body.replace(",", ""))
    elif _PLAIN.fullmatch(body.replace(",", "")):  # commas, but not in groups of three
        raise InputError(f"“{echo(text)}”的逗号位置不对，无法确定是哪个数，请只填写数字（如 1234.5）")
    elif re.search(r"[0-9]\s+[0-9]", body):
        raise InputError(f"“{echo(text)}”中间有空格，无法确定是哪个数，请去掉空格")
    else:
        raise InputError(f"“{echo(text)}”{_NOT_A_NUMBER}")
    if negative:
        raise InputError(f"“{echo(text)}”：不能填写负数")
    if len(str(int(number))) > int_digits:
        raise InputError(f"“{echo(text)}”数字过大（整数部分超过 {int_digits} 位），请核对")
    return number


class ValueKind:
    """What every kind offers; see the module docstring."""

    name: str = ""
    numeric: bool = False
    hint: str = ""  # the grid's tooltip: what may be typed here
    align: str = "center"  # horizontal alignment in the grid and the workbook

    def parse(self, text: str) -> Value:
        raise NotImplementedError

    def encode(self, value: Stored) -> str | None:
        """The text stored in SQLite; None (not filled) stays NULL."""
        if value is None:
            return None
        if isinstance(value, Invalid):
            return value.stored  # kept as it was found (an undo may put it back)
        return self._encode(value)

    def _encode(self, value: int | Decimal | str) -> str:
        return str(value)

    def decode(self, stored: str | None) -> Stored:
        """Stored text back to a value; ``Invalid`` unless it is exactly what ``encode`` writes."""
        if stored is None:
            return None
        try:
            value = self.parse(stored)
        except InputError as exc:
            return Invalid(stored, exc.message)
        if value is None:
            return Invalid(stored, "存储的内容是空白，请重新填写")
        canonical = self._encode(value)
        if canonical != stored:
            chars = forbidden(stored)
            if chars:  # the fix quoted where it goes wrong, as the audit quotes the value
                shown = echo_at(canonical, first_forbidden(stored))
                problem = f"含有文档中不能保存的控制字符（{chars}），导出时会去掉；应为“{shown}”"
            else:
                problem = f"数据格式不规范（应为“{echo(canonical)}”），请重新填写"
            return Invalid(stored, problem, canonical)
        return value

    def text(self, value: Stored) -> str:
        """The grid, the Word tables and the report text all write a value this way."""
        if value is None:
            return ""
        if isinstance(value, Invalid):
            return value.stored
        return self._text(value)

    def _text(self, value: int | Decimal | str) -> str:
        return str(value)

    def excel(self, value: Stored) -> tuple[object, str | None]:
        """(cell value, number format) such that a spreadsheet shows ``text(value)``."""
        if value is None:
            return None, None
        if isinstance(value, Invalid):
            return value.stored, TEXT_FORMAT  # visible, and never a number
        return self._excel(value)

    def _excel(self, value: int | Decimal | str) -> tuple[object, str | None]:
        return self._text(value), TEXT_FORMAT

    def figure(self, value: Stored, *, wan: bool) -> str:
        """A linked figure in the report text (``wan``: in 万元 where the kind converts)."""
        return self.text(value)

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


class CountKind(ValueKind):
    """件, 次, 人, 台 …: a whole number ≥ 0."""

    name = "count"
    numeric = True
    hint = "整数，不能为负数"
    align = "right"

    def parse(self, text: str) -> int | None:
        number = read_number(text)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise InputError(f"“{echo(text)}”：此处填写件数、次数或人数，必须是整数，不能有小数")
        return int(number)

    def _encode(self, value: int | Decimal | str) -> str:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"a count is an int, not {value!r}")
        return str(value)

    def _excel(self, value: int | Decimal | str) -> tuple[object, str | None]:
        return value, "0"


YUAN = "元"
WAN = "万元"


class MoneyKind(ValueKind):
    """An amount ≥ 0 in ``unit``, exact, at most ``places`` decimals.

    元: fen only when present, then two places (``4199252``, ``1234567.80``), like the paper
    form. 万元: the exact figure, no trailing zeros (``419.9252``), like the seeds' report text.
    """

    numeric = True
    align = "right"

    def __init__(self, unit: str, places: int) -> None:
        self.unit = unit
        self.places = places
        self.name = "money" if unit == YUAN else "money_wan"
        self.hint = f"金额（{unit}），最多 {places} 位小数"

    def parse(self, text: str) -> Decimal | None:
        number = read_number(text, AMOUNT_DIGITS - self.places)
        if number is None:
            return None
        if _places(number) > self.places:
            raise InputError(f"“{echo(text)}”：金额（{self.unit}）最多保留 {self.places} 位小数")
        return Decimal(_plain(number))

    def _encode(self, value: int | Decimal | str) -> str:
        if not isinstance(value, Decimal) or isinstance(value, bool):
            raise TypeError(f"an amount is a Decimal, not {value!r}")
        return _plain(value)

    def _shown_places(self, value: Decimal) -> int:
        places = _places(_round(value, self.places))
        if self.unit == YUAN:
            return 0 if places == 0 else 2
        return places

    def _text(self, value: int | Decimal | str) -> str:
        assert isinstance(value, int | Decimal)
        amount = Decimal(value)
        return format(_round(amount, self._shown_places(amount)), "f")

    def _excel(self, value: int | Decimal | str) -> tuple[object, str | None]:
        assert isinstance(value, int | Decimal)
        amount = Decimal(value)
        places = self._shown_places(amount)
        rounded = _round(amount, places)
        return (int(rounded) if places == 0 else rounded), ("0" if places == 0 else "0." + "0" * places)

    def figure(self, value: Stored, *, wan: bool) -> str:
        if wan and self.unit == YUAN and isinstance(value, int | Decimal):
            return wan_text(value)
        return self.text(value)  # an amount entered in 万元 is never converted again


WAN_PLACES = 6  # 元 to the fen, in 万元: every amount stays exact (3164580.26 → 316.458026)


def wan_text(yuan: int | Decimal) -> str:
    """An amount in 元 written in 万元, exact to the fen, no trailing zeros (4199252 → 419.9252,
    3164580.26 → 316.458026): a sum of 万元 figures in the text adds up as the table does."""
    return _plain(_round(Decimal(yuan) / 10000, WAN_PLACES))


class PercentKind(ValueKind):
    """A percentage with ``places`` decimals, sign allowed: 同比增减 (``-35.59%``, ``0.00%``).

    The value is the percent (20.27 means 20.27 %); the workbook stores the fraction with a
    percent format. A figure that rounds to zero reads ``0.00%``, never ``-0.00%``.
    """

    numeric = True
    align = "center"

    def __init__(self, places: int) -> None:
        self.places = places
        self.name = f"percent{places}"
        self.hint = f"百分比，保留 {places} 位小数"

    def parse(self, text: str) -> Decimal | None:
        folded = text.translate(_FULL_WIDTH).strip().removesuffix("%").removesuffix("％")
        negative = folded.startswith("-")
        number = read_number(folded[1:] if negative else folded)
        if number is None:
            if negative or folded != text.strip():
                raise InputError(f"“{echo(text)}”{_NOT_A_NUMBER}")
            return None
        if _places(number) > self.places:
            raise InputError(f"“{echo(text)}”：百分比最多保留 {self.places} 位小数")
        if negative and number == 0:
            raise InputError(f"“{echo(text)}”：0 没有正负号，请填 0")
        return self.canonical(-number if negative else number)

    def canonical(self, percent: Decimal) -> Decimal:
        rounded = _round(percent, self.places)
        return abs(rounded) if rounded == 0 else rounded  # never -0.00

    def _encode(self, value: int | Decimal | str) -> str:
        assert isinstance(value, int | Decimal)
        return format(self.canonical(Decimal(value)), "f")

    def _text(self, value: int | Decimal | str) -> str:
        return self._encode(value) + "%"

    def _excel(self, value: int | Decimal | str) -> tuple[object, str | None]:
        assert isinstance(value, int | Decimal)
        fraction = self.canonical(Decimal(value)) / 100
        return fraction, ("0%" if self.places == 0 else "0." + "0" * self.places + "%")


class TextKind(ValueKind):
    """Text as typed: never normalised (``，：（一）`` stay full-width); ``forms.hygiene`` removes
    what no document may hold and enforces the limit."""

    def __init__(self, name: str, limit: int, *, multiline: bool) -> None:
        self.name = name
        self.limit = limit
        self.multiline = multiline
        self.hint = f"文字，最多 {limit} 字"

    def parse(self, text: str) -> str | None:
        return clean_limited(text, "文字", self.limit, multiline=self.multiline) or None

    def _encode(self, value: int | Decimal | str) -> str:
        if not isinstance(value, str):
            raise TypeError(f"text is a str, not {value!r}")
        return value


class YesNoKind(ValueKind):
    name = "yesno"
    hint = "填“是”或“否”"
    ANSWERS = ("是", "否")

    def parse(self, text: str) -> str | None:
        answer = clean_text(text)
        if answer == "":
            return None
        if answer not in self.ANSWERS:
            raise InputError(f"“{echo(text)}”：请填写“是”或“否”")
        return answer


class Kind:
    """The kinds the specs use, by name (``Kind.COUNT``)."""

    COUNT = CountKind()
    MONEY = MoneyKind(YUAN, 2)  # 元, to the fen
    MONEY_WAN = MoneyKind(WAN, 6)  # 万元 as entered; 6 places is still exact to the fen
    TEXT = TextKind("text", TEXT_MAX, multiline=True)  # 原因简析 and other free text
    LINE = TextKind("line", LINE_MAX, multiline=False)  # a name: one line
    YESNO = YesNoKind()


def percent(places: int) -> PercentKind:
    return _PERCENT[places]


_PERCENT = {places: PercentKind(places) for places in (0, 1, 2)}


def encode(value: Stored) -> str | None:
    """The stored text of any value (the store's write path does not look up kinds)."""
    if value is None:
        return None
    if isinstance(value, Invalid):
        return value.stored
    if isinstance(value, Decimal):
        return _plain(value)
    return str(value)
