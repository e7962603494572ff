"""Value kinds: what is accepted, what is refused and how, what is stored, how it reads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from forms import hygiene
from forms.errors import InputError
from forms.kinds import (
    MAX_DIGITS,
    TEXT_FORMAT,
    WAN,
    YUAN,
    Invalid,
    Kind,
    MoneyKind,
    PercentKind,
    TextKind,
    encode,
    percent,
    read_number,
    wan_text,
)

NUMERIC = [Kind.COUNT, Kind.MONEY, Kind.MONEY_WAN]
ALL = [*NUMERIC, Kind.TEXT, Kind.LINE, Kind.YESNO, percent(0), percent(1), percent(2)]


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        (Kind.COUNT, "178", 178),
        (Kind.COUNT, " １７８ ", 178),  # full-width digits from a Chinese IME
        (Kind.COUNT, "\u3000１７８\u3000", 178),  # and the IME's full-width space
        (Kind.COUNT, "1,234", 1234),  # a spreadsheet's thousands separators, grouped by three
        (Kind.COUNT, "１，２３４", 1234),
        (Kind.COUNT, "9,217,701", 9217701),
        (Kind.COUNT, "007", 7),
        (Kind.COUNT, "5.00", 5),
        (Kind.COUNT, "0", 0),
        (Kind.COUNT, "", None),
        (Kind.COUNT, "   ", None),
        (Kind.COUNT, "9" * MAX_DIGITS, int("9" * MAX_DIGITS)),  # 15 digits: the most allowed
        (Kind.MONEY, "9" * 12 + ".99", Decimal("9" * 12 + ".99")),  # 14 significant digits
        (Kind.MONEY_WAN, "9" * 8 + ".999999", Decimal("9" * 8 + ".999999")),
        (Kind.MONEY, "4199252", Decimal("4199252")),
        (Kind.MONEY, "4199252.50", Decimal("4199252.5")),
        (Kind.MONEY, "9,217,701.00", Decimal("9217701")),
        (Kind.MONEY, "12.340", Decimal("12.34")),  # a trailing zero is not a third place
        (Kind.MONEY, "0.01", Decimal("0.01")),
        (Kind.MONEY, "０．５", Decimal("0.5")),
        (Kind.MONEY, ".5", Decimal("0.5")),
        (Kind.MONEY, "0.00", Decimal("0")),
        (Kind.MONEY_WAN, "12.5", Decimal("12.5")),
        (Kind.MONEY_WAN, "1.234567", Decimal("1.234567")),  # 万元 to the fen
        (Kind.YESNO, "是", "是"),
        (Kind.YESNO, "否", "否"),
        (Kind.YESNO, " 否 ", "否"),
        (Kind.YESNO, "", None),
        (Kind.LINE, "  市场经营行为  ", "市场经营行为"),
        (Kind.TEXT, "减少，主要原因：（一）执法力量下沉", "减少，主要原因：（一）执法力量下沉"),  # never NFKC'd
        (Kind.TEXT, "ＡＢＣ１２３", "ＡＢＣ１２３"),  # full-width letters and digits in text stay
        (Kind.TEXT, "第一行\r\n第二行", "第一行\n第二行"),  # a reason may hold line breaks
        (Kind.LINE, "某某\n大队", "某某 大队"),  # a name has one line
        (Kind.TEXT, "软回车\x0b之后\x00", "软回车\n之后"),  # Word's soft break; NUL dropped
        (Kind.TEXT, "", None),
        (percent(2), "-35.59%", Decimal("-35.59")),
        (percent(2), "20.27", Decimal("20.27")),
        (percent(2), "0.00%", Decimal("0")),
        (percent(0), "20%", Decimal("20")),
    ],
)
def test_accepts(kind, text, value):
    parsed = kind.parse(text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        (Kind.COUNT, "abc", "不是数字"),
        (Kind.COUNT, "-1", "不能填写负数"),
        (Kind.MONEY, "-0", "不能填写负数"),
        (Kind.MONEY, "-0.00", "不能填写负数"),
        (Kind.COUNT, "+5", "不是数字"),
        (Kind.COUNT, "1.5", "必须是整数"),
        (Kind.COUNT, "1,5", "逗号位置不对"),
        (Kind.COUNT, "12,34", "逗号位置不对"),
        (Kind.COUNT, "1,23,456", "逗号位置不对"),
        (Kind.COUNT, "1234,567", "逗号位置不对"),
        (Kind.COUNT, "3 5", "中间有空格"),
        (Kind.COUNT, "3\u00a05", "中间有空格"),
        (Kind.COUNT, "10²", "不是数字"),
        (Kind.COUNT, "①②", "不是数字"),
        (Kind.COUNT, "١٢", "不是数字"),  # Arabic-Indic digits are digits to Python, not to a clerk
        (Kind.COUNT, "1e3", "不是数字"),
        (Kind.MONEY, "1E3", "不是数字"),
        (Kind.MONEY, "NaN", "不是数字"),
        (Kind.MONEY, "Infinity", "不是数字"),
        (Kind.MONEY, "inf", "不是数字"),
        (Kind.COUNT, "1_000", "不是数字"),
        (Kind.COUNT, "0x10", "不是数字"),
        (Kind.COUNT, "5..", "不是数字"),
        (Kind.MONEY, "12.345", "最多保留 2 位小数"),
        (Kind.MONEY_WAN, "1.2345678", "最多保留 6 位小数"),
        (Kind.MONEY, "-0.5", "不能填写负数"),
        (Kind.MONEY, "12元3", "不是数字"),
        (Kind.MONEY, "￥12", "不是数字"),
        (Kind.YESNO, "对", "“是”或“否”"),
        (Kind.YESNO, "是否", "“是”或“否”"),
        (Kind.COUNT, "9" * (MAX_DIGITS + 1), "过大"),
        (Kind.MONEY, "9" * 13, "整数部分超过 12 位"),  # 12 + 2 places: what a spreadsheet shows exactly
        (Kind.MONEY_WAN, "1" + "0" * 8, "整数部分超过 8 位"),
        (Kind.LINE, "名" * (hygiene.LINE_MAX + 1), "过长"),
        (Kind.TEXT, "字" * (hygiene.TEXT_MAX + 1), "过长"),
        (percent(2), "-0%", "没有正负号"),
        (percent(2), "1.234%", "最多保留 2 位小数"),
        (percent(2), "%", "不是数字"),
    ],
)
def test_refuses_with_a_chinese_message(kind, text, message):
    with pytest.raises(InputError) as caught:
        kind.parse(text)
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_text_limits_are_inclusive():
    assert Kind.TEXT.parse("字" * hygiene.TEXT_MAX) == "字" * hygiene.TEXT_MAX
    assert Kind.LINE.parse("名" * hygiene.LINE_MAX) == "名" * hygiene.LINE_MAX


def test_a_huge_refused_value_is_echoed_short():
    with pytest.raises(InputError) as caught:
        Kind.COUNT.parse("x" * 100_000)
    assert len(caught.value.message) < 80
    with pytest.raises(InputError) as caught:
        Kind.TEXT.parse("字" * 100_000)
    assert len(caught.value.message) < 80


@pytest.mark.parametrize(
    ("kind", "value", "stored", "text", "excel"),
    [
        (Kind.COUNT, 0, "0", "0", (0, "0")),
        (Kind.COUNT, 178, "178", "178", (178, "0")),
        (Kind.COUNT, 9217701, "9217701", "9217701", (9217701, "0")),  # no thousands separators
        (Kind.MONEY, Decimal(0), "0", "0", (0, "0")),
        (Kind.MONEY, Decimal(9217701), "9217701", "9217701", (9217701, "0")),
        (Kind.MONEY, Decimal("1234567.8"), "1234567.8", "1234567.80", (Decimal("1234567.80"), "0.00")),
        (Kind.MONEY, Decimal("0.05"), "0.05", "0.05", (Decimal("0.05"), "0.00")),
        (Kind.MONEY, Decimal("100"), "100", "100", (100, "0")),
        (Kind.MONEY_WAN, Decimal("12.5"), "12.5", "12.5", (Decimal("12.5"), "0.0")),
        (Kind.MONEY_WAN, Decimal("316.458026"), "316.458026", "316.458026", (Decimal("316.458026"), "0.000000")),
        (Kind.MONEY_WAN, Decimal("40"), "40", "40", (40, "0")),
        (Kind.YESNO, "否", "否", "否", ("否", TEXT_FORMAT)),
        (Kind.TEXT, "（一）", "（一）", "（一）", ("（一）", TEXT_FORMAT)),
        (percent(2), Decimal("-35.59"), "-35.59", "-35.59%", (Decimal("-0.3559"), "0.00%")),
        (percent(2), Decimal("0"), "0.00", "0.00%", (Decimal("0"), "0.00%")),
        (percent(1), Decimal("20.3"), "20.3", "20.3%", (Decimal("0.203"), "0.0%")),
        (percent(0), Decimal("20"), "20", "20%", (Decimal("0.2"), "0%")),
    ],
)
def test_storage_and_every_display(kind, value, stored, text, excel):
    assert kind.encode(value) == stored
    assert kind.decode(stored) == value
    assert kind.text(value) == text
    got = kind.excel(value)
    assert got == excel and type(got[0]) is type(excel[0])
    assert kind.parse(text) == value  # what is shown reads back as the same value


def test_blank_is_none_everywhere():
    for kind in ALL:
        assert kind.encode(None) is None
        assert kind.decode(None) is None
        assert kind.text(None) == ""
        assert kind.excel(None) == (None, None)


@pytest.mark.parametrize(
    ("kind", "stored", "problem"),
    [
        (Kind.MONEY, "1e3", "不是数字"),
        (Kind.MONEY, "NaN", "不是数字"),
        (Kind.COUNT, "Infinity", "不是数字"),
        (Kind.MONEY, "-0", "负数"),
        (Kind.COUNT, "1.5", "整数"),
        (Kind.MONEY, "12.345", "2 位小数"),
        (Kind.MONEY, "4199252.50", "应为“4199252.5”"),  # a value, but not as we store it
        (Kind.COUNT, "007", "应为“7”"),
        (Kind.COUNT, " 7", "应为“7”"),
        (Kind.COUNT, "1,234", "应为“1234”"),
        (Kind.COUNT, "", "空白"),
        (Kind.YESNO, "可能", "“是”或“否”"),
        (Kind.TEXT, "a\x00b", "应为“ab”"),
        (Kind.LINE, "两\n行", "应为“两 行”"),
    ],
)
def test_non_canonical_stored_text_is_invalid(kind, stored, problem):
    value = kind.decode(stored)
    assert isinstance(value, Invalid)
    assert value.stored == stored and problem in value.problem
    assert kind.text(value) == stored  # shown as found
    assert kind.excel(value) == (stored, TEXT_FORMAT)  # and never written as a number
    assert kind.encode(value) == stored  # nothing lost when it is written back (undo)


def test_encode_refuses_a_value_of_another_kind():
    with pytest.raises(TypeError):
        Kind.COUNT.encode(Decimal(1))
    with pytest.raises(TypeError):
        Kind.COUNT.encode(True)
    with pytest.raises(TypeError):
        Kind.MONEY.encode(5)
    with pytest.raises(TypeError):
        Kind.TEXT.encode(5)


def test_kind_free_encode_is_the_canonical_text():
    assert encode(None) is None
    assert encode(Decimal("4199252.50")) == "4199252.5"
    assert encode(Decimal("1E+2")) == "100"
    assert encode(7) == "7"
    assert encode("是") == "是"
    assert encode(Invalid("1e3", "")) == "1e3"


def test_money_in_wan_is_exact_to_the_fen():
    assert wan_text(Decimal(4199252)) == "419.9252"
    assert wan_text(Decimal(4331500)) == "433.15"
    assert wan_text(Decimal(30000)) == "3"
    assert wan_text(Decimal(0)) == "0"
    assert wan_text(Decimal("12345.67")) == "1.234567"
    assert wan_text(Decimal("0.5")) == "0.00005"  # half a 角 in 万元: nothing rounded away
    assert wan_text(Decimal("3164580.26")) == "316.458026"  # 003: 36.5 + 279.958026 adds up


def test_figures_in_the_report_text():
    assert Kind.MONEY.figure(Decimal("4199252"), wan=True) == "419.9252"
    assert Kind.MONEY.figure(Decimal("4199252"), wan=False) == "4199252"
    assert Kind.MONEY.figure(Decimal("1234567.8"), wan=False) == "1234567.80"
    assert Kind.MONEY_WAN.figure(Decimal("12.5"), wan=True) == "12.5"  # already 万元: never again
    assert Kind.MONEY_WAN.figure(Decimal("12.5"), wan=False) == "12.5"
    assert Kind.COUNT.figure(178, wan=True) == "178"


def test_kinds_say_what_they_take():
    assert Kind.MONEY.hint == "金额（元），最多 2 位小数"
    assert Kind.MONEY_WAN.hint == "金额（万元），最多 6 位小数"
    assert Kind.COUNT.hint == "整数，不能为负数"
    assert Kind.YESNO.hint == "填“是”或“否”"
    assert [k.align for k in (Kind.COUNT, Kind.MONEY, Kind.TEXT, Kind.YESNO)] == ["right", "right", "center", "center"]
    assert [k.numeric for k in (Kind.COUNT, Kind.MONEY_WAN, Kind.LINE, Kind.YESNO)] == [True, True, False, False]
    assert repr(Kind.COUNT) == "<kind count>"


def test_read_number_boundaries():
    assert read_number("") is None
    assert read_number("1,234.5") == Decimal("1234.5")
    assert read_number("9" * MAX_DIGITS + ".99") == Decimal("9" * MAX_DIGITS + ".99")
    with pytest.raises(InputError):
        read_number("1" + "0" * MAX_DIGITS)
    assert read_number("999", 3) == 999
    with pytest.raises(InputError):
        read_number("1000", 3)


# --- properties: any input is either a canonical value that reads back, or a message -----------


def _round_trip(kind, text):
    try:
        value = kind.parse(text)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message and len(exc.message) < 120
        return
    if value is None:
        return
    stored = kind.encode(value)
    assert kind.decode(stored) == value  # canonical: storage gives back the same value
    assert kind.parse(kind.text(value)) == value  # what is shown reads back as the same value
    shown, _ = kind.excel(value)
    if isinstance(kind, PercentKind):
        assert Decimal(shown) * 100 == value  # a spreadsheet keeps the fraction
    elif kind.numeric:
        assert Decimal(shown) == value


numberish = st.text(alphabet="0123456789０１２３４５６７８９.,，． -+eE%²①\u3000\t", max_size=20)


@given(kind=st.sampled_from(ALL), text=st.one_of(st.text(max_size=40), numberish))
@example(kind=Kind.MONEY, text="-0")
@example(kind=Kind.COUNT, text="1,5")
@example(kind=Kind.MONEY, text="NaN")
@example(kind=percent(2), text="-0.001%")
def test_any_string_parses_to_a_canonical_value_or_is_refused(kind, text):
    _round_trip(kind, text)


@given(st.text())
def test_text_comes_back_byte_for_byte_after_hygiene(text):
    for kind in (Kind.TEXT, Kind.LINE):
        cleaned = hygiene.clean_text(text, multiline=kind.multiline)
        if len(cleaned) > kind.limit:
            continue
        value = kind.parse(text)
        assert value == (cleaned or None)
        if value is not None:
            assert kind.decode(kind.encode(value)).encode("utf-8") == cleaned.encode("utf-8")


@given(st.decimals(min_value=0, max_value=Decimal("1e12") - Decimal("0.01"), places=2))
def test_every_amount_in_yuan_reads_back(amount):
    _round_trip(Kind.MONEY, format(amount, "f"))
    assert Kind.MONEY.parse(Kind.MONEY.text(amount)) == amount


def test_kinds_are_named_and_described_by_their_unit_and_places():
    # built here, not at import, so each attribute is seen being made
    yuan, wan = MoneyKind(YUAN, 2), MoneyKind(WAN, 6)
    assert (yuan.unit, yuan.places, yuan.name, yuan.hint) == ("元", 2, "money", "金额（元），最多 2 位小数")
    assert (wan.unit, wan.places, wan.name, wan.hint) == ("万元", 6, "money_wan", "金额（万元），最多 6 位小数")
    one = PercentKind(1)
    assert (one.places, one.name, one.hint) == (1, "percent1", "百分比，保留 1 位小数")
    note = TextKind("note", 30, multiline=True)
    assert (note.name, note.limit, note.multiline, note.hint) == ("note", 30, True, "文字，最多 30 字")
    assert [percent(p).places for p in (0, 1, 2)] == [0, 1, 2]
    assert (Kind.TEXT.limit, Kind.TEXT.multiline, Kind.LINE.limit, Kind.LINE.multiline) == (2000, True, 200, False)


def test_messages_exactly():
    with pytest.raises(InputError) as caught:
        Kind.TEXT.parse("字" * (hygiene.TEXT_MAX + 1))
    assert caught.value.message == "文字过长（2001 字），最多 2000 字"
    assert Kind.COUNT.decode("") == Invalid("", "存储的内容是空白，请重新填写")
    assert Kind.MONEY.decode("4199252.50") == Invalid("4199252.50", "数据格式不规范（应为“4199252.5”），请重新填写")
    with pytest.raises(TypeError, match="a count is an int, not Decimal"):
        Kind.COUNT.encode(Decimal(1))
    with pytest.raises(TypeError, match="an amount is a Decimal, not 5"):
        Kind.MONEY.encode(5)
    with pytest.raises(TypeError, match="text is a str, not 5"):
        Kind.TEXT.encode(5)


def test_percentages_have_no_negative_zero_and_take_the_full_width_sign():
    two = percent(2)
    for tiny in ("-0.001", "-0.004", "-0.00"):
        assert str(two.canonical(Decimal(tiny))) == "0.00"
    assert str(two.canonical(Decimal("-0.005"))) == "-0.01"  # half-up, away from zero
    assert str(two.canonical(Decimal("1"))) == "1.00"
    assert two.parse("20％") == Decimal("20.00") and two.parse("－５％") == Decimal("-5.00")
    assert two.parse("") is None
    assert two.text(Decimal("-0.001")) == "0.00%"


def test_plain_decimal_text():
    assert encode(Decimal("-0.00")) == "0" and encode(Decimal("0E-5")) == "0"
    assert encode(Decimal("12.500")) == "12.5" and encode(Decimal("1E+3")) == "1000" and encode(Decimal("10")) == "10"
