from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.yoy import yoy

SEED_A2 = [  # (Y-1, Y, 同比增减 as it must read)
    (148, 178, "20.27%"),
    (0, 0, ""),
    (2, 2, "0.00%"),
    (0, 0, ""),
    (295, 190, "-35.59%"),
    (147, 78, "-46.94%"),
    (6, 8, "33.33%"),
    (106, 58, "-45.28%"),
    (Decimal(9217701), Decimal(4199252), "-54.44%"),
    (1, 1, "0.00%"),
]


@pytest.mark.parametrize(("prev", "cur", "text"), SEED_A2)
def test_seed_attachment2_row(prev, cur, text):
    assert yoy(prev, cur).text() == text


def test_places_setting():
    assert yoy(148, 178, 0).text() == "20%"
    assert yoy(148, 178, 1).text() == "20.3%"
    assert yoy(1, 1, 0).text() == "0%"
    with pytest.raises(ValueError):
        yoy(1, 2, 3)


def test_no_percentage_and_why():
    assert yoy(0, 5).percent is None and "上年数为 0" in yoy(0, 5).reason
    assert yoy(None, 5).percent is None and "上年数未填" in yoy(None, 5).reason
    assert yoy(5, None).percent is None and "本年数未填" in yoy(5, None).reason


def test_half_up_not_bankers():
    # 1 → 1.00125 is +0.125 %: half-up gives 0.13, banker's rounding would give 0.12
    assert yoy(Decimal(800), Decimal("801.00")).text() == "0.13%"
    assert yoy(Decimal(8000), Decimal("8001")).text() == "0.01%"  # 0.0125 → 0.01


counts = st.integers(min_value=0, max_value=10**9)
money = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)


@given(prev=counts.filter(bool), cur=counts, places=st.sampled_from([0, 1, 2]))
def test_matches_exact_fraction_rounded_half_up(prev, cur, places):
    exact = Fraction(cur - prev, prev) * 100 * 10**places
    sign = -1 if exact < 0 else 1
    expected = sign * int(abs(exact) + Fraction(1, 2))  # half away from zero
    result = yoy(prev, cur, places)
    assert result.percent == Decimal(expected).scaleb(-places)


@given(prev=money.filter(bool), cur=money)
def test_sign_and_format(prev, cur):
    text = yoy(prev, cur).text()
    assert text.endswith("%") and not text.startswith("-0.00")
    assert text.count(".") == 1 and len(text.split(".")[1]) == 3  # two digits and '%'
    if cur > prev and yoy(prev, cur).percent != 0:
        assert not text.startswith("-")
    if cur == prev:
        assert text == "0.00%"


@given(prev=counts.filter(bool), cur=counts)
def test_fraction_is_percent_over_100(prev, cur):
    result = yoy(prev, cur)
    assert result.fraction * 100 == result.percent


def test_every_outcome_exactly():
    from forms.kinds import Invalid
    from forms.yoy import YoY

    assert yoy(None, 5) == YoY(None, "上年数未填，无法计算同比", 2)
    assert yoy(None, None, 1) == YoY(None, "上年数未填，无法计算同比", 1)
    assert yoy(5, None, 1) == YoY(None, "本年数未填，无法计算同比", 1)
    assert yoy(0, 5, 0) == YoY(None, "上年数为 0，同比无意义，不计算", 0)
    for prev, cur in ((True, 5), (5, True), (Invalid("1e3", ""), 5), (5, "五")):
        assert yoy(prev, cur, 1) == YoY(None, "数值无效，无法计算同比", 1)
    assert yoy(100, 99) == YoY(Decimal("-1.00"), "", 2, -1)
    assert yoy(100, 101, 1) == YoY(Decimal("1.0"), "", 1, 1)
    assert yoy(2, 2) == YoY(Decimal("0.00"), "", 2, 0)
    # a change that rounds to zero: no sign, but the direction is kept for the words
    down, up = yoy(100000, 99999), yoy(100000, 100001)
    assert (str(down.percent), down.trend, down.text()) == ("0.00", -1, "0.00%")
    assert (str(up.percent), up.trend, up.text()) == ("0.00", 1, "0.00%")
    assert yoy(Decimal("0.01"), Decimal("0.02")).text() == "100.00%"
    with pytest.raises(ValueError, match=r"places must be one of \(0, 1, 2\), not 3"):
        yoy(1, 2, 3)
    assert YoY(None).text() == "" and YoY(None).fraction is None
