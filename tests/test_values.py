from __future__ import annotations

from decimal import Decimal

import pytest

from forms.errors import InputError
from forms.values import Kind, decode, display, encode, parse


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        (Kind.COUNT, "178", 178),
        (Kind.COUNT, " １７８ ", 178),  # full-width digits from a Chinese IME
        (Kind.COUNT, "1,234", 1234),
        (Kind.COUNT, "0", 0),
        (Kind.COUNT, "", None),
        (Kind.MONEY, "4199252", Decimal("4199252")),
        (Kind.MONEY, "4199252.50", Decimal("4199252.5")),
        (Kind.MONEY, "0.01", Decimal("0.01")),
        (Kind.YESNO, "是", "是"),
        (Kind.TEXT, "  市场经营行为  ", "市场经营行为"),
    ],
)
def test_accepts(kind, text, value):
    assert parse(kind, text) == value


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        (Kind.COUNT, "abc", "不是数字"),
        (Kind.COUNT, "-1", "负数"),
        (Kind.COUNT, "1.5", "整数"),
        (Kind.MONEY, "12.345", "2 位小数"),
        (Kind.MONEY, "-0.5", "负数"),
        (Kind.MONEY, "12元3", "不是数字"),
        (Kind.YESNO, "对", "“是”或“否”"),
        (Kind.COUNT, "9" * 30, "过大"),
    ],
)
def test_refuses_with_a_chinese_message(kind, text, message):
    with pytest.raises(InputError) as caught:
        parse(kind, text)
    assert message in caught.value.message


def test_money_in_wan_yuan_allows_six_places():
    assert parse(Kind.MONEY, "1.234567", decimals=6) == Decimal("1.234567")


@pytest.mark.parametrize("value", [0, 178, Decimal("4199252"), Decimal("0.5"), "是", None])
def test_encode_decode_round_trip(value):
    kind = Kind.MONEY if isinstance(value, Decimal) else Kind.COUNT if isinstance(value, int) else Kind.TEXT
    assert decode(kind, encode(value)) == value


def test_display_money():
    assert display(Kind.MONEY, Decimal("4199252")) == "4199252"
    assert display(Kind.MONEY, Decimal("0.5")) == "0.50"
    assert display(Kind.COUNT, None) == ""
