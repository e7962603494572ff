"""The audit's checks of stored text, as plain domain tests: control characters an older version left
(each place named, its fix, one-line fields folded to a space) and 附件2's 行政执法单位名称 left blank."""

from __future__ import annotations

from dataclasses import replace

from forms.audit import audit
from forms.findings import CellLocation, ContactLocation, TextLocation
from forms.hygiene import visible
from forms.report import MAIN_ROW, CellKey, FormData, ReportText, Section
from forms.rules import Severity
from forms.stored_chars import check_stored_chars, printable_data
from forms.unit_name import check_unit_names
from tests.support.reports import sample_data


def _with_text(**fields) -> ReportText:
    sections = (Section("s1", 1, "基本情况\x1b", "第一段\x0b第二段\x00"), Section("s2", 2, "小结", "无"))
    base = ReportText("enforcement", "标题", "署名", None, (), sections)
    return replace(base, **fields)


def test_each_stored_control_character_is_named_with_its_fix() -> None:
    data = sample_data()
    data.report = replace(data.report, filler="示例\x0b市局", contact_person="林\x1b某", contact_phone="0730")
    data.text = _with_text(title="第一行\x0b第二行", signer="示例\x08局", lead="导\x1b语")
    found = [(f.where, f.severity, f.code, f.fix) for f in check_stored_chars(data)]
    assert found == [
        (ContactLocation("filler"), Severity.HINT, "CONTACT_CHARS", "示例 市局"),  # one line: a space
        (ContactLocation("contact_person"), Severity.HINT, "CONTACT_CHARS", "林某"),
        (TextLocation("", "title"), Severity.HINT, "TEXT_CHARS", ""),  # named, not offered
        (TextLocation("", "signer"), Severity.HINT, "TEXT_CHARS", ""),
        (TextLocation("", "lead"), Severity.HINT, "TEXT_CHARS", ""),
        (TextLocation("s1", "heading"), Severity.HINT, "TEXT_CHARS", ""),
        (TextLocation("s1", "body", (0, 8)), Severity.HINT, "TEXT_CHARS", "第一段\n第二段"),
    ]
    messages = [f.message for f in check_stored_chars(data)]
    assert messages[0] == "填报单位“示例␋市局”含有文档中不能保存的控制字符（␋），导出时会去掉；应为“示例 市局”"
    assert messages[2] == "标题“第一行␋第二行”含有文档中不能保存的控制字符（␋），导出时会去掉；应为“第一行 第二行”"
    assert messages[5].startswith("标题“基本情况␛”") and messages[5].endswith("应为“基本情况”")
    assert messages[6] == "正文“第一段␋第二段␀”含有文档中不能保存的控制字符（␋␀），导出时会去掉；应为“第一段 第二段”"
    assert [f for f in audit(data) if f.code in ("CONTACT_CHARS", "TEXT_CHARS")] == check_stored_chars(data)


def test_clean_text_raises_nothing_and_a_report_without_text_only_its_contact() -> None:
    data = sample_data(body="2024年，我局共办理行政处罚78件。\n第二段。")
    assert check_stored_chars(data) == []
    data.text = None
    data.report = replace(data.report, contact_phone="0730\x1b5550123")
    assert [f.code for f in check_stored_chars(data)] == ["CONTACT_CHARS"]


def test_a_long_text_is_quoted_where_it_goes_wrong() -> None:
    data = sample_data(body="前" * 60 + "\x1b" + "后" * 60)
    message = check_stored_chars(data)[0].message
    assert "…" + "前" * 12 + "␛" in message and "应为“…" + "前" * 12 + "后" in message


def test_printable_data_leaves_nothing_a_document_cannot_hold() -> None:
    data = sample_data()
    data.report = replace(data.report, unit="示例\x1b局", filler="示\x0b例", contact_person="林\x00某")
    data.text = _with_text(title="第一行\x0b第二行", closing="特此\x1b报告。")
    a2 = data.form("a2")
    a2.values[CellKey("reason", "license")] = "减少\x0b原因"
    a2.values[CellKey(MAIN_ROW, "unit_name")] = "单\x0b位"
    clean = printable_data(data)
    assert (clean.report.unit, clean.report.filler, clean.report.contact_person) == ("示例局", "示 例", "林某")
    assert clean.text is not None and clean.text.title == "第一行\n第二行" and clean.text.closing == "特此报告。"
    assert clean.text.sections[0].heading == "基本情况" and clean.text.sections[0].body == "第一段\n第二段"
    a2_clean = clean.form("a2")
    assert a2_clean.values[CellKey("reason", "license")] == "减少\n原因"  # 原因简析 keeps its line break
    assert a2_clean.values[CellKey(MAIN_ROW, "unit_name")] == "单 位"  # a name has one line
    assert data.report.unit == "示例\x1b局"  # the report itself is left as stored


def test_a_blank_unit_name_is_a_hint_with_the_filler_as_fix() -> None:
    data = sample_data()
    assert check_unit_names(data) == []  # the sample fills it
    a2 = data.form("a2")
    del a2.values[CellKey(MAIN_ROW, "unit_name")]
    found = check_unit_names(data)
    assert [(f.where, f.severity, f.code, f.fix) for f in found] == [
        (CellLocation("a2", CellKey(MAIN_ROW, "unit_name")), Severity.HINT, "UNIT_NAME_BLANK", data.report.filler)
    ]
    assert found[0].message == f"行政执法单位名称未填写（一般与填报单位相同：{data.report.filler}）"
    data.report = replace(data.report, filler="")
    assert check_unit_names(data)[0].fix == data.report.unit  # no 填报单位: the unit
    assert not [f for f in check_unit_names(data) if f.where.form != "a2"]  # 附件3 and 附件5 stay the clerk's
    assert any(f.code == "UNIT_NAME_BLANK" for f in audit(data))
    data.forms = [f if f.spec.key != "a2" else FormData(f.spec, f.rows, {}) for f in data.forms]
    assert len(check_unit_names(data)) == 1


def test_the_unit_name_follows_the_filler_until_typed_over(store) -> None:
    from forms.registry import form

    report = store.create_report("某县应急管理局", 2024, filler="某县应急管理局执法大队")
    key = CellKey(MAIN_ROW, "unit_name")
    a2 = form("a2")
    assert store.form_data(report, a2).values[key] == "某县应急管理局执法大队"
    store.update_contact(report.id, filler="某县应急管理局", contact_person="", contact_phone="")
    assert store.form_data(report, a2).values[key] == "某县应急管理局"  # followed
    store.set_value(report.id, a2, key, "某县应急管理综合行政执法大队")
    store.update_contact(report.id, filler="某县应急局", contact_person="", contact_phone="")
    assert store.form_data(report, a2).values[key] == "某县应急管理综合行政执法大队"  # typed over: kept
    store.set_value(report.id, a2, key, None)
    store.update_contact(report.id, filler="某县应急管理局", contact_person="", contact_phone="")
    assert store.form_data(report, a2).values[key] == "某县应急管理局"  # blank: filled again


def test_a_message_draws_each_forbidden_character_as_its_picture():
    assert visible("甲\x1b乙\x00\x1f") == "甲␛乙␀␟"  # C0 controls: their Unicode pictures
    assert visible("甲\ufffe乙\ud800") == "甲\ufffd乙\ufffd"  # other forbidden ones: the replacement character
    assert visible("甲 乙\n") == "甲 乙\n"
