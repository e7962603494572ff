"""Linked figures: every field of every attachment prints its table value in the unit shown."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms.figures import (
    MISSING,
    Link,
    change_words,
    converts_to_wan,
    describe,
    figure,
    linkable_fields,
    parse_token,
    render,
)
from forms.kinds import Invalid, Kind, MoneyKind
from forms.registry import FORMS, form
from forms.report import MAIN_ROW, CellKey, FormData, Report, ReportData
from forms.spec import RowStyle
from forms.yoy import yoy

Y = 2024


def filled(places: int = 2) -> ReportData:
    """Every numeric field filled with a value of its own, distinct per field and year;
    LIST forms have two rows, so their figures are column totals."""
    forms = []
    for n, spec in enumerate(FORMS):
        if spec.rows is RowStyle.COMPARISON:
            data = FormData(spec, [MAIN_ROW])
            for i, field in enumerate(linkable_fields(spec), start=1):
                for period, base in ((Y - 1, 1000), (Y, 2000)):
                    data.values[CellKey(MAIN_ROW, field.key, period)] = _value(field.kind, base + 10 * n + i)
        else:
            data = FormData(spec, ["r1", "r2"])
            for i, field in enumerate(linkable_fields(spec), start=1):
                data.values[CellKey("r1", field.key)] = _value(field.kind, 100 * n + i)
                data.values[CellKey("r2", field.key)] = _value(field.kind, 1)
        forms.append(data)
    return ReportData(Report(1, "示例县应急管理局", Y), forms, places)


def _value(kind, n: int):
    if isinstance(kind, MoneyKind):
        return Decimal(n * 10007) / 100 if kind is Kind.MONEY else Decimal(n) + Decimal("0.5")
    return n


def _table_value(data: ReportData, spec, field, which: str):
    f = data.form(spec.key)
    if spec.rows is RowStyle.COMPARISON:
        return f.get(CellKey(MAIN_ROW, field.key, Y - 1 if which == "prev" else Y))
    return sum(v for v in (f.get(CellKey(r, field.key)) for r in f.rows) if v is not None)


def _shown_unit(field, link: Link) -> str:
    """The unit the clerk sees for a link: the picker's 万元 tick, else the field's label."""
    if "（万元）" in describe(link, Y):
        return "万元"
    return "万元" if "(万元)" in field.label else "元" if "(元)" in field.label else ""


def _links():
    for spec in FORMS:
        for field in linkable_fields(spec):
            for which in ("cur", "prev") if field.paired else ("cur",):
                for wan in (False, True) if converts_to_wan(field) else (False,):
                    yield spec, field, Link(spec.key, field.key, which, wan)


ALL_LINKS = list(_links())


def test_every_numeric_field_can_be_linked():
    assert {(s.key, f.key) for s, f, _ in ALL_LINKS} == {
        (s.key, f.key) for s in FORMS for f in s.fields() if f.kind.numeric
    }

    # Per field: a paired one its two years, an amount in 元 each in 元 and 万元 (2024.1: 75 in all)
    def links(f) -> int:
        return (2 if f.paired else 1) * (2 if f.kind is Kind.MONEY else 1)

    assert len(ALL_LINKS) == sum(links(f) for s in FORMS for f in s.fields() if f.kind.numeric)


@pytest.mark.parametrize(("spec", "field", "link"), ALL_LINKS, ids=lambda x: x.token() if isinstance(x, Link) else "")
def test_every_figure_prints_the_table_value_in_the_unit_shown(spec, field, link):
    data = filled()
    value = _table_value(data, spec, field, link.which)
    text = figure(link, data)
    unit = _shown_unit(field, link)
    if unit == "万元" and "(元)" in field.label:
        assert Decimal(text) == Decimal(value) / 10000  # converted once, exact to the fen
    else:
        assert Decimal(text) == value  # as entered: counts, 元, and amounts entered in 万元
    if isinstance(field.kind, MoneyKind):
        assert text == field.kind.figure(value, wan=link.wan)


def test_an_amount_entered_in_wan_yuan_is_never_converted_again():
    data = filled()
    a4 = data.form("a4")
    a4.values = {CellKey("r1", "monitoring_fines"): Decimal("12.5")}
    for wan in (False, True):
        assert figure(Link("a4", "monitoring_fines", "cur", wan), data) == "12.5"
    assert describe(Link("a4", "monitoring_fines", "cur", True), Y) == "附件4 近三年罚款金额(万元) 2024年"
    assert not converts_to_wan(form("a4").field("monitoring_fines"))
    assert converts_to_wan(form("a2").field("fines")) and not converts_to_wan(form("a2").field("penalty"))


def test_money_with_and_without_wan():
    data = filled()
    a2 = data.form("a2")
    a2.values[CellKey(MAIN_ROW, "fines", Y)] = Decimal("4199252")
    assert figure(Link("a2", "fines", "cur"), data) == "4199252"
    assert figure(Link("a2", "fines", "cur", wan=True), data) == "419.9252"
    a2.values[CellKey(MAIN_ROW, "fines", Y)] = Decimal("1234567.8")
    assert figure(Link("a2", "fines", "cur"), data) == "1234567.80"  # as the tables write it
    assert describe(Link("a2", "fines", "cur", True), Y) == "附件2 罚没金额(元) 2024年（万元）"
    assert describe(Link("a2", "fines", "prev"), Y) == "附件2 罚没金额(元) 2023年"


def test_list_form_money_totals_are_exact():
    data = filled()
    a4 = data.form("a4")
    a4.values = {CellKey("r1", "monitoring_fines"): Decimal("12.5"), CellKey("r2", "monitoring_fines"): Decimal("0.25")}
    assert figure(Link("a4", "monitoring_fines", "cur"), data) == "12.75"
    a4.values = {CellKey("r2", "posts"): 3}  # a blank row is skipped, not an error
    assert figure(Link("a4", "posts", "cur"), data) == "3"
    a4.values = {}
    assert figure(Link("a4", "posts", "cur"), data) == MISSING


def test_an_invalid_stored_value_is_never_printed_as_a_figure():
    data = filled()
    data.form("a2").values[CellKey(MAIN_ROW, "penalty", Y)] = Invalid("1e3", "不是数字")
    assert figure(Link("a2", "penalty", "cur"), data) == MISSING
    assert figure(Link("a2", "penalty", "yoy"), data) == ""
    data.form("a4").values[CellKey("r2", "posts")] = Invalid("x", "不是数字")
    assert figure(Link("a4", "posts", "cur"), data) == MISSING


def test_yoy_tokens_follow_the_places_setting():
    for places, expected in ((0, "20%"), (1, "20.3%"), (2, "20.27%")):
        data = filled(places)
        a2 = data.form("a2")
        a2.values[CellKey(MAIN_ROW, "license", Y - 1)] = 148
        a2.values[CellKey(MAIN_ROW, "license", Y)] = 178
        assert figure(Link("a2", "license", "yoy"), data) == expected
        assert figure(Link("a2", "license", "change"), data) == f"（同比增长{expected}）"


def test_prev_and_yoy_of_an_unpaired_field_are_missing():
    data = filled()
    assert figure(Link("a4", "posts", "prev"), data) == MISSING
    assert figure(Link("a4", "posts", "yoy"), data) == MISSING
    assert figure(Link("a9", "posts", "cur"), data) == MISSING
    assert figure(Link("a2", "nothing", "cur"), data) == MISSING
    assert describe(Link("a9", "posts", "cur"), Y) == "未知表格"
    assert describe(Link("a2", "nothing", "cur"), Y) == "附件2 未知项目"
    assert describe(Link("a2", "penalty", "yoy"), Y) == "附件2 行政处罚(件) 同比"


@pytest.mark.parametrize(
    ("prev", "cur", "words"),
    [
        (100, 101, "（同比增长1.00%）"),  # a small increase is an increase
        (100, 99, "（同比下降1.00%）"),
        (148, 178, "（同比增长20.27%）"),
        (295, 190, "（同比下降35.59%）"),
        (2, 2, "（与上年持平）"),
        (100000, 100001, "（与上年基本持平）"),  # +0.001 % rounds to 0.00 %: not 持平, not 增长0.00%
        (100000, 99999, "（与上年基本持平）"),
        (0, 5, ""),
        (None, 5, ""),
    ],
)
def test_change_in_words(prev, cur, words):
    assert change_words(yoy(prev, cur)) == words


@pytest.mark.parametrize(
    ("wording", "same", "about_same"),
    [
        ("paren", "（与上年持平）", "（与上年基本持平）"),
        ("comma", "，与上年持平", "，与上年基本持平"),
        ("vs", "与上年持平", "与上年基本持平"),
        ("bare", "持平", "基本持平"),
    ],
)
def test_no_change_is_worded_in_every_wording(wording, same, about_same):
    assert change_words(yoy(2, 2), wording) == same
    assert change_words(yoy(100000, 100001), wording) == about_same


def test_a_sum_of_a_count_and_an_amount_is_missing_rather_than_written_in_one_of_their_kinds():
    data = filled()
    assert figure(parse_token("{{a2.penalty+a2.license.cur}}"), data) == "4007"  # two counts add up
    assert figure(parse_token("{{a2.penalty+a2.fines.cur}}"), data) == MISSING  # 件 + 元
    assert figure(parse_token("{{a2.penalty+a2.fines.yoy}}"), data) == MISSING


def test_a_sum_and_a_share_are_described_term_by_term():
    share = parse_token("{{a3.exempt_cases+a3.lenient_cases/a2.penalty.cur|d1}}")
    assert describe(share, Y) == "（附件3 免罚案件(件) + 附件3 从轻减轻案件(件)）占（附件2 行政处罚(件)）的比例 2024年"
    assert describe(parse_token("{{a2.penalty+a9.x.cur}}"), Y) == "附件2 行政处罚(件) + 未知表格"


def test_render_replaces_every_token_and_nothing_else():
    data = filled()
    data.form("a2").values[CellKey(MAIN_ROW, "penalty", Y)] = 78
    assert render("共{{a2.penalty.cur}}件，{{a2.penalty.cur}}件，{{不是链接}}", data) == "共78件，78件，{{不是链接}}"
    assert render("{{a2.penalty.cur.wan}}", data) == "78"  # 万元 means nothing for a count


@pytest.mark.parametrize(
    ("token", "link"),
    [
        ("{{a2.penalty.cur}}", Link("a2", "penalty", "cur", False)),
        ("{{a3.fines.prev.wan}}", Link("a3", "fines", "prev", True)),
        ("{{a4.monitoring_fines.yoy}}", Link("a4", "monitoring_fines", "yoy", False)),
        ("{{a5.transferred.change}}", Link("a5", "transferred", "change", False)),
        ("{{a2.penalty.now}}", None),
        ("{{a2.Penalty.cur}}", None),
        ("x{{a2.penalty.cur}}", None),
        ("{{a2.penalty.cur}}x", None),
    ],
)
def test_tokens_read_and_write_the_same_link(token, link):
    assert parse_token(token) == link
    if link is not None:
        assert link.token() == token


def test_value_of_a_comparison_forms_unpaired_field_and_an_invalid_list_row():
    from forms.figures import value_of

    data = filled()
    a2 = data.form("a2")
    a2.values[CellKey(MAIN_ROW, "unit_name")] = "示例县应急管理局"
    assert value_of(a2, form("a2").field("unit_name"), Y) == "示例县应急管理局"
    a5 = data.form("a5")
    a5.values[CellKey("r2", "transferred")] = Invalid("x", "不是数字")
    assert value_of(a5, form("a5").field("transferred"), Y) == Invalid("", "第2行的数据无效")
    a4 = data.form("a4")
    a4.values = {CellKey("r2", "monitoring_fines"): Decimal("1.5")}
    total = value_of(a4, form("a4").field("monitoring_fines"), Y)
    assert total == Decimal("1.5") and isinstance(total, Decimal)
