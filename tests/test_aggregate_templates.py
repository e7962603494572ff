"""The city's 汇总 of counties on different templates (issue 22): a renamed field sums with its old name, a
figure only some members' templates carry is summed over those, named, and given no 同比."""

from __future__ import annotations

from forms.aggregate import Member, aggregate, breakdowns, gap_notes, in_template, member_gaps
from forms.grid import Layout, Role
from forms.registry import TEMPLATE
from forms.report import MAIN_ROW, CellKey, FormData, Report, ReportData
from forms.template import Template
from forms.template_file import read_template
from tests.support.drill import drill_template, drill_text

NEW = drill_template()
YEAR = 2025
CITY = "示例市应急管理局"


def _member(unit: str, template: Template, figures: dict[tuple[str, str], tuple[int, int]]) -> Member:
    forms = []
    for spec in template.forms:
        values = {}
        for (form, key), (prev, cur) in figures.items():
            if form == spec.key:
                values[CellKey(MAIN_ROW, key, YEAR - 1)] = prev
                values[CellKey(MAIN_ROW, key, YEAR)] = cur
        forms.append(FormData(spec, FormData.row_keys(spec, []), values))
    return Member(ReportData(Report(1, unit, YEAR), forms, 2), template)


A = _member(
    "甲县应急管理局", NEW, {("a2", "hearings"): (2, 4), ("a2", "penalty"): (10, 20), ("a3", "exempt_penalty"): (1, 3)}
)
B = _member("乙县应急管理局", TEMPLATE, {("a2", "penalty"): (30, 20), ("a3", "exempt_cases"): (1, 2)})


def _figure(forms: list[FormData], form: str, key: str, year: int):
    return next(f for f in forms if f.spec.key == form).get(CellKey(MAIN_ROW, key, year))


def test_a_renamed_field_sums_with_its_old_name() -> None:
    forms, _ = aggregate(CITY, YEAR, [A, B], NEW)
    assert _figure(forms, "a3", "exempt_penalty", YEAR) == 5
    assert _figure(forms, "a3", "exempt_penalty", YEAR - 1) == 2
    older, _ = aggregate(CITY, YEAR, [A, B], TEMPLATE)  # a city still on last year's template
    assert _figure(older, "a3", "exempt_cases", YEAR) == 5
    assert _figure(older, "a2", "penalty", YEAR) == 40


def test_a_figure_only_some_members_carry_is_summed_over_those_and_has_no_yoy() -> None:
    forms, units = aggregate(CITY, YEAR, [A, B], NEW)
    a2 = forms[0]
    assert _figure(forms, "a2", "hearings", YEAR) == 4  # 甲县 alone
    assert a2.gaps == {"hearings": "乙县应急管理局的表样没有这一项，汇总只含其余单位，不计算同比"}
    assert gap_notes(forms) == ["附件2 听证(件)：乙县应急管理局的表样没有这一项，汇总只含其余单位，不计算同比"]
    layout = Layout(a2.spec, YEAR)
    yoy = {c.field.key: c for row in layout.body(a2, 2) for c in row if c.role is Role.YOY and c.field is not None}
    assert yoy["hearings"].text == "" and yoy["hearings"].yoy.reason.startswith("乙县应急管理局的表样没有这一项")
    assert yoy["penalty"].text == "0.00%"  # 40 against 40: every member carries it
    sheet = next(b for b in breakdowns(YEAR, units, NEW.forms) if b.spec.key == "a2")
    column = next(i for i, (f, period) in enumerate(sheet.columns) if f.key == "hearings" and period == YEAR)
    assert [values[column] for _, values in sheet.units] == [4, None]


def test_members_on_one_template_have_no_gaps() -> None:
    same = _member("丙县应急管理局", NEW, {("a2", "hearings"): (1, 1)})
    forms, _ = aggregate(CITY, YEAR, [A, same], NEW)
    assert gap_notes(forms) == []
    assert _figure(forms, "a2", "hearings", YEAR) == 5


def test_the_gaps_of_a_hui_zong_follow_from_its_members_templates_alone() -> None:
    # What the window shows when it reads the 汇总 again: the same gaps as when it was built.
    assert member_gaps(NEW, [("甲县应急管理局", NEW), ("乙县应急管理局", TEMPLATE), ("丙县应急管理局", TEMPLATE)]) == {
        "a2": {"hearings": "乙县应急管理局、丙县应急管理局的表样没有这一项，汇总只含其余单位，不计算同比"}
    }
    assert member_gaps(NEW, [("甲县应急管理局", NEW)]) == {}
    # An older 汇总 of newer members: 附件4's 录音笔 (dropped in 2025.1) has no year pair, so no 同比 to withhold.
    assert member_gaps(TEMPLATE, [("甲县应急管理局", NEW)]) == {}


def test_a_member_without_a_form_adds_nothing_to_it_and_keeps_its_decimals() -> None:
    partial = Member(ReportData(Report(2, "丁县应急管理局", YEAR), [A.data.forms[0]], 1), NEW)
    moved, lacking = in_template(partial, NEW)
    assert [f.spec.key for f in moved.forms] == ["a2", "a3", "a4", "a5"]
    assert moved.form("a3").values == {} and moved.form("a3").rows == ["main"]
    assert moved.places == 1 and moved.report.unit == "丁县应急管理局"
    assert lacking["a2"] == set()
    forms, _ = aggregate(CITY, YEAR, [partial, B], NEW)
    assert _figure(forms, "a3", "exempt_penalty", YEAR) == 2  # 乙县's alone


def test_a_hui_zong_two_templates_on_follows_the_key_changes_of_each() -> None:
    text = (
        drill_text()
        .replace('version = "2025.1"', 'version = "2026.1"', 1)
        .replace("first_year = 2025", "first_year = 2026")
    )
    text = text.replace('{ key = "exempt_penalty", label', '{ key = "exempt_steps", label')
    start = text.index("key_changes = [")
    end = text.index("\n]", start) + 2
    change = '{ version = "2026.1", form = "a3", old = "exempt_penalty", new = "exempt_steps" }'
    later = read_template((text[:start] + f"key_changes = [{change}]" + text[end:]).encode("utf-8"), "2026.1.toml")
    forms, _ = aggregate(CITY, 2026, [B], later, [TEMPLATE, NEW, later])
    assert next(f for f in forms if f.spec.key == "a3").get(CellKey(MAIN_ROW, "exempt_steps", YEAR)) == 2
