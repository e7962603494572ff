"""Every audit rule, holding and broken; blanks versus zeros; the text against the tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms.audit import audit, errors, place
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.rules import AtLeastSum, NotMoreThan, Severity, SumEquals
from storage.report_text import ReportTexts
from tests.test_cli import UNIT, run

Y = 2024


def findings(store, report, code=None):
    data = store.report_data(report)
    found = audit(data)
    return [f for f in found if code is None or f.code == code], data


def set_a2(store, report, field, period, value):
    store.set_value(report.id, form("a2"), CellKey(MAIN_ROW, field, period), value)


def set_a3(store, report, field, period, value):
    store.set_value(report.id, form("a3"), CellKey(MAIN_ROW, field, period), value)


def test_sample_has_exactly_the_seeds_two_contradictions(store, sample):
    found, data = findings(store, sample)
    wrong = errors(found)
    assert [f.message for f in wrong] == [
        "附件3 涉企行政检查(2024) 336 大于 附件2 行政检查(2024) 190",
        "附件3 罚没金额(2024) 4331500 大于 附件2 罚没金额(2024) 4199252",
    ]
    assert place(wrong[0], data) == "附件3 涉企行政检查(2024)"
    # the same kind of contradiction in last year's column is a hint: that column was reported last year
    prior = [f for f in found if f.code == "A3_INSPECTION_LE_A2"]
    assert [(f.severity, f.key.period) for f in prior] == [(Severity.ERROR, Y), (Severity.HINT, Y - 1)]


def test_correcting_the_two_figures_clears_every_error(store, sample):
    set_a3(store, sample, "inspection", Y, 190)
    set_a3(store, sample, "fines", Y, Decimal(4199252))
    assert errors(findings(store, sample)[0]) == []


@pytest.mark.parametrize("field", ["penalty", "coercion", "inspection", "fines", "complaint_cases", "legal_review"])
def test_enterprise_figure_not_more_than_all_figures(store, sample, field):
    code = f"A3_{field.upper()}_LE_A2"
    set_a2(store, sample, field, Y, 10)
    set_a3(store, sample, field, Y, 10)  # equal holds
    assert [f for f in findings(store, sample, code)[0] if f.key.period == Y] == []
    set_a3(store, sample, field, Y, 11)  # one more breaks
    broken = [f for f in findings(store, sample, code)[0] if f.key.period == Y]
    assert [f.severity for f in broken] == [Severity.ERROR]
    set_a2(store, sample, field, Y, None)  # a blank side: nothing to compare (the blank is reported)
    assert [f for f in findings(store, sample, code)[0] if f.key.period == Y] == []


def test_a5_transferred_at_least_its_outcomes(store, sample):
    a5, row = form("a5"), store.form_data(sample, form("a5")).rows[0]
    store.set_values(sample.id, a5, {CellKey(row, "transferred"): 2, CellKey(row, "criminal_filed"): 1})
    assert findings(store, sample, "A5_TRANSFERRED")[0] == []  # 2 ≥ 1 + 1 + blank
    store.set_value(sample.id, a5, CellKey(row, "not_prosecuted"), 1)
    (broken,), _ = findings(store, sample, "A5_TRANSFERRED")
    assert broken.severity is Severity.ERROR
    assert broken.message == "附件5 第1行 移送案件数(2) 小于 刑事立案数+刑事不予立案数+不予起诉案件数(3)"
    store.set_value(sample.id, a5, CellKey(row, "transferred"), None)  # blank total counts as 0
    assert "移送案件数(未填) 小于" in findings(store, sample, "A5_TRANSFERRED")[0][0].message


def test_a5_reverse_at_least_its_outcomes(store, sample):
    a5, row = form("a5"), store.form_data(sample, form("a5")).rows[0]
    assert findings(store, sample, "A5_REVERSE")[0] == []  # 2 ≥ 1 + blank
    store.set_value(sample.id, a5, CellKey(row, "reverse_no_penalty"), 2)
    assert [f.severity for f in findings(store, sample, "A5_REVERSE")[0]] == [Severity.ERROR]


def test_a5_rules_skip_wholly_blank_rows(store, sample):
    rows = store.form_data(sample, form("a5")).rows
    found, _ = findings(store, sample)
    assert not [f for f in found if f.form == "a5" and f.key and f.key.row in rows[1:]]


def test_a5_transfers_add_up_to_a2(store, sample):
    assert findings(store, sample, "A5_TRANSFERRED_EQ_A2")[0] == []  # 1 = 1
    a5 = form("a5")
    row2 = store.form_data(sample, a5).rows[1]
    store.set_values(sample.id, a5, {CellKey(row2, "unit_name"): "某大队", CellKey(row2, "transferred"): 1})
    (hint,), _ = findings(store, sample, "A5_TRANSFERRED_EQ_A2")
    assert hint.severity is Severity.HINT
    assert hint.message == "附件5 移送案件数合计(2) 与 附件2 移送司法机关刑事案件件数(2024)(1) 不一致"


def test_value_kinds_of_old_or_imported_data(store, sample):
    # What the grid refuses can still sit in an old file or an imported workbook.
    store.db.execute("update cells set value='1.5' where form='a2' and field='penalty' and period=2024")
    store.db.execute("update cells set value='-3' where form='a2' and field='license' and period=2024")
    store.db.execute("update cells set value='12.345' where form='a2' and field='fines' and period=2024")
    store.db.execute("update cells set value='三' where form='a2' and field='coercion' and period=2024")
    store.db.execute("update cells set value='可能' where form='a5' and field='uses_platform'")
    found, data = findings(store, sample, "VALUE_KIND")
    assert {place(f, data) for f in found} == {
        "附件2 行政处罚(2024)",
        "附件2 行政许可(2024)",
        "附件2 罚没金额(2024)",
        "附件2 行政强制(2024)",
        "附件5 第1行 是否使用“两法衔接平台”",
    }
    assert all(f.severity is Severity.ERROR for f in found)
    assert any("整数" in f.message for f in found) and any("负数" in f.message for f in found)


def test_blank_is_not_filled_but_zero_is_a_value(store, sample):
    set_a2(store, sample, "ruling", Y, None)
    found, data = findings(store, sample, "VALUE_BLANK")
    assert "附件2 行政裁决(2024)" in {place(f, data) for f in found}
    set_a2(store, sample, "ruling", Y, 0)
    found, data = findings(store, sample, "VALUE_BLANK")
    assert "附件2 行政裁决(2024)" not in {place(f, data) for f in found}


def test_every_reason_is_asked_for_even_unchanged(store, sample):
    found, data = findings(store, sample, "REASON_MISSING")
    assert "附件2 数据变化原因简析 行政强制" in {place(f, data) for f in found}  # 2 → 2 still needs a word
    store.set_value(sample.id, form("a2"), CellKey(REASON_ROW, "coercion"), "无变化")
    found, data = findings(store, sample, "REASON_MISSING")
    assert "附件2 数据变化原因简析 行政强制" not in {place(f, data) for f in found}


def test_a_big_change_without_explanation(store, sample):
    store.set_value(sample.id, form("a2"), CellKey(REASON_ROW, "fines"), None)
    (hint,), _ = findings(store, sample, "YOY_UNEXPLAINED")
    assert hint.message == "罚没金额同比-54.44%，变化较大，请在原因简析中说明"
    store.set_value(sample.id, form("a2"), CellKey(REASON_ROW, "fines"), "大案减少。")
    assert findings(store, sample, "YOY_UNEXPLAINED")[0] == []


@pytest.mark.parametrize(
    ("unit", "person", "phone", "codes"),
    [
        ("示例市应急管理局", "林晓岚", "0730-5550123", set()),
        ("示例市应急管理局", "林晓岚", "13912345678", set()),
        ("", "", "", {"CONTACT_UNIT", "CONTACT_PERSON", "CONTACT_PHONE"}),
        ("示例市应急管理局", "林晓岚", "12345", {"CONTACT_PHONE"}),
    ],
)
def test_contact_line(store, sample, unit, person, phone, codes):
    store.update_contact(sample.id, filler=unit, contact_person=person, contact_phone=phone)
    sample = store.report(sample.id)
    found, _ = findings(store, sample)
    assert {f.code for f in found if f.form == "contact"} == codes


def set_text(store, report, heading, body):
    texts = ReportTexts(store)
    key = next(s.key for s in texts.get(report).sections if s.heading == heading)
    texts.update_section(report, key, body=body)


def test_typed_figure_that_contradicts_the_table(store, sample):
    set_text(store, sample, "行政执法工作保障情况", "我局共有行政执法岗位编制 69 个，公职律师2名。")
    (hint,), data = findings(store, sample, "TEXT_FIGURE")
    assert hint.severity is Severity.HINT
    assert "69" in hint.message and "79" in hint.message
    assert hint.fix == "{{a4.posts.cur}}"
    assert place(hint, data) == "报告正文 （三）行政执法工作保障情况"
    body = next(s.body for s in data.text.sections if s.key == hint.key.row)
    assert body[hint.span[0] : hint.span[1]] == "69"


def test_typed_figure_that_agrees_or_is_linked_says_nothing(store, sample):
    set_text(store, sample, "行政执法工作保障情况", "我局共有行政执法岗位编制 79 个。")
    assert findings(store, sample, "TEXT_FIGURE")[0] == []
    set_text(store, sample, "行政执法工作保障情况", "我局共有行政执法岗位编制{{a4.posts.cur}}个。")
    assert findings(store, sample, "TEXT_FIGURE")[0] == []


def test_typed_figures_in_wan_yuan_and_longest_names(store, sample):
    set_text(store, sample, "存在问题", "行政处罚 80 件，涉企行政处罚 76 件，罚没金额419.9252万元，罚没金额 420 万元。")
    found, _ = findings(store, sample, "TEXT_FIGURE")
    assert [f.fix for f in found] == ["{{a2.penalty.cur}}", "{{a2.fines.cur.wan}}"]  # 76 is the 涉企 figure: right


def test_the_sample_text_has_no_contradicting_numbers(store, sample):
    assert findings(store, sample, "TEXT_FIGURE")[0] == []


def test_rule_kinds_are_declared_in_the_specs():
    assert {type(r) for r in form("a3").rules} == {NotMoreThan}
    assert {type(r) for r in form("a5").rules} == {AtLeastSum, SumEquals}
    for spec in (form("a3"), form("a5")):  # every rule names real fields
        for rule in spec.rules:
            names = [getattr(rule, a) for a in ("field", "total") if hasattr(rule, a)]
            names += list(getattr(rule, "parts", ()))
            for name in names:
                spec.field(name)
            if hasattr(rule, "other_form"):
                form(rule.other_form).field(rule.other_field)


def test_audit_command_exit_codes(tmp_path):
    db = tmp_path / "a.sqlite3"
    run("sample", "--db", str(db))
    result = run("audit", "--db", str(db), "--unit", UNIT, "--year", "2024")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[:2] == [
        "错误\t附件3 涉企行政检查(2024)\t附件3 涉企行政检查(2024) 336 大于 附件2 行政检查(2024) 190",
        "错误\t附件3 罚没金额(2024)\t附件3 罚没金额(2024) 4331500 大于 附件2 罚没金额(2024) 4199252",
    ]
    assert all(line.split("\t")[0] in ("错误", "提示") and len(line.split("\t")) == 3 for line in lines)
    from storage.store import Store

    store = Store(db)
    report = store.find_report(UNIT, 2024)
    set_a3(store, report, "inspection", Y, 190)
    set_a3(store, report, "fines", Y, Decimal(4199252))
    store.close()
    assert run("audit", "--db", str(db), "--unit", UNIT, "--year", "2024").returncode == 0
    assert run("audit", "--db", str(db), "--unit", "无此单位", "--year", "2024").returncode == 2


def test_a_heading_with_no_text_and_no_sub_headings_is_a_hint(store, sample):
    texts = ReportTexts(store)
    assert findings(store, sample, "TEXT_EMPTY_SECTION")[0] == []
    text = texts.get(sample)
    parent = next(i for i, s in enumerate(text.sections[:-1]) if text.sections[i + 1].level > s.level)
    leaf = text.sections[parent + 1]
    texts.update_section(sample, text.sections[parent].key, body="")  # its sub-headings carry the text
    texts.update_section(sample, leaf.key, body="")
    if any(s.level > leaf.level for s in text.sections[parent + 2 : parent + 3]):
        pytest.skip("the seed's first sub-heading has sub-headings of its own")
    found, data = findings(store, sample, "TEXT_EMPTY_SECTION")
    assert [(f.key.row, f.severity) for f in found] == [(leaf.key, Severity.HINT)]
    assert found[0].message == f"“{leaf.heading}”下还没有正文，请填写或删除这一节"
    assert place(found[0], data).endswith(leaf.heading)
