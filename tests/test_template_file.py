"""A template is a data file (forms/templates/2024.1.toml, forms/template_file.py): the shipped one
builds the template the program uses; a bad one is refused with one Chinese line per problem naming
the attachment, the field and the line; whatever a mutated file holds, it loads or is refused, never
a traceback."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import registry
from forms.kinds import Kind
from forms.rules import Severity
from forms.template import KeyChange
from forms.template_file import MAX_BYTES, SHIPPED, TemplateError, load_template, read_template

SHIPPED_KEYS = json.loads((Path(__file__).parent / "data" / "template_keys.json").read_text(encoding="utf-8"))
TEXT = SHIPPED.read_text(encoding="utf-8")


def refused(text: str | bytes) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        read_template(text.encode("utf-8") if isinstance(text, str) else text, "2024.1.toml")
    assert caught.value.message == "\n".join(caught.value.problems)
    return list(caught.value.problems)


def changed(old: str, new: str, count: int = 1) -> str:
    assert TEXT.count(old) >= count, old
    return TEXT.replace(old, new, count)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return lines[nth - 1]


# --- the shipped file is the template --------------------------------------------------------


def test_the_shipped_file_is_the_template_the_program_uses():
    template = load_template(SHIPPED)
    assert template == registry.TEMPLATE
    assert template.forms == registry.FORMS and template.version == registry.TEMPLATE_VERSION == "2024.1"
    assert template.changes == ()
    assert (template.first_year, template.last_year, template.years_text) == (2000, None, "2000–2100年")
    assert template.source == TEXT  # carried verbatim into every database with a report of it


def test_a_template_serves_the_years_it_declares():
    text = changed('version = "2024.1"', 'version = "2024.1"\nfirst_year = 2025\nlast_year = 2026')
    template = read_template(text.encode())
    assert (template.first_year, template.last_year, template.years_text) == (2025, 2026, "2025–2026年")
    assert [year for year in (2024, 2025, 2026, 2027) if template.serves(year)] == [2025, 2026]


def test_the_loaded_template_holds_the_pinned_keys_labels_and_rules():
    template = load_template(SHIPPED)
    assert {s.key: [f.key for f in s.fields()] for s in template.forms} == SHIPPED_KEYS["2024.1"]
    a2, a3, a4, a5 = template.forms
    assert [s.label for s in template.forms] == ["附件2", "附件3", "附件4", "附件5"]
    assert a2.field("inspection").label == "行政检查(次)" and a2.field("inspection").unit == "次"
    assert a2.field("fines").kind is Kind.MONEY and a4.field("monitoring_fines").kind is Kind.MONEY_WAN
    assert a2.field("unit_name").default == "filler" and a2.field("unit_name").width == 16
    assert a5.field("uses_platform").kind is Kind.YESNO and a5.min_rows == 4
    assert a3.rules[0].code == "A3_PENALTY_LE_A2" and len(a3.rules) == 6
    assert [type(r).__name__ for r in a5.rules] == ["AtLeastSum", "AtLeastSum", "SumEquals"]
    assert a4.notes_heading == "注：" and len(a3.notes) == 7 and a4.row_label == ""


def test_a_byte_order_mark_as_notepad_writes_it_is_accepted():
    assert read_template(b"\xef\xbb\xbf" + SHIPPED.read_bytes()) == registry.TEMPLATE


def test_a_new_column_is_an_edit_of_the_file():
    text = changed(
        '    { key = "transfers", label = "移送司法机关刑事案件件数", kind = "count", paired = true },\n',
        '    { key = "transfers", label = "移送司法机关刑事案件件数", kind = "count", paired = true },\n'
        '    { key = "hearings", label = "听证(件)", kind = "count", paired = true },\n',
    )
    a2 = read_template(text.encode()).forms[0]
    keys = [f.key for f in a2.fields()]
    assert keys[keys.index("transfers") + 1] == "hearings"
    assert a2.field("hearings").unit == "件" and a2.field("hearings").paired


# --- a bad file: one Chinese line per problem, naming what and where ----------------------------


def test_an_unknown_kind_names_the_attachment_the_field_and_the_line():
    text = changed(
        'key = "ruling", label = "行政裁决(件)", kind = "count"',
        'key = "ruling", label = "行政裁决(件)", kind = "cont"',
    )
    (problem,) = refused(text)
    line = line_of(text, 'key = "ruling"')
    assert problem.startswith(f"附件2（a2）字段 ruling（第 {line} 行）：类型“cont”未知")


def test_a_duplicate_key_names_the_line_of_the_second():
    text = changed('key = "ruling"', 'key = "license"')
    (problem,) = refused(text)
    line = line_of(text, 'key = "license"', 2)
    assert problem == f"附件2（a2）字段 license（第 {line} 行）：键重复（同一附件中每个字段的键只能用一次）"


def test_a_rule_naming_a_missing_field_is_refused():
    text = changed('parts = ["criminal_filed"', 'parts = ["criminal_filedx"')
    (problem,) = refused(text)
    assert "附件5（a5）" in problem and "A5_TRANSFERRED" in problem and "criminal_filedx 不在本附件中" in problem
    line = line_of(text, 'code = "A5_TRANSFERRED"')
    assert f"第 {line} 行" in problem


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('other_field = "transfers"', 'other_field = "transferz"', "附件5（a5）（第 "),
        (
            'other_form = "a2"\nother_field = "transfers"',
            'other_form = "a9"\nother_field = "transfers"',
            "附件 a9 不在表样中",
        ),
        ('field = "penalty"\nother_form = "a2"', 'field = "unit_name"\nother_form = "a2"', "unit_name，但它不是数字"),
        ('rule = "SumEquals"', 'rule = "SumEqual"', "审核规则“SumEqual”未知"),
        ('code = "A5_REVERSE"', 'code = "A5_TRANSFERRED"', "审核规则代码 A5_TRANSFERRED 重复"),
        ('code = "A5_REVERSE"', 'code = "A5_REVERSE"\nseverity = "警告"', "严重程度“警告”未知"),
    ],
)
def test_rules_are_checked_against_the_fields(old, new, said):
    (problem,) = refused(changed(old, new))
    assert said in problem


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('label = "行政执法岗位编制数"\n', "", "附件4（a4）字段 posts（第 "),
        ('label = "行政执法岗位编制数"\n', "", "缺少“label”一项"),
        ("min_rows = 4", 'min_rows = "4"', "“min_rows”应为整数"),
        ("number = 3", "number = true", "“number”应为整数"),
        ("paired = true }", "paird = true }", "未知的项“paird”"),
        ('version = "2024.1"', 'version = "next"', "表样版本“next”应形如 2024.1"),
        ('version = "2024.1"', 'version = "2024.1"\nfirst_year = 1999', "“first_year”1999 应在 2000 到 2100 之间"),
        ('version = "2024.1"', 'version = "2024.1"\nlast_year = 2101', "2024.1.toml（第 20 行）：“last_year”2101"),
        ('version = "2024.1"', 'version = "2024.1"\nfirst_year = 2025\nlast_year = 2024', "“last_year”2024 早于"),
        ('version = "2024.1"', 'version = "2024.1"\nfirst_year = "2025"', "“first_year”应为整数"),
        ('version = "2024.1"', 'version = "2024.1"\nfirst_yaer = 2025', "未知的项“first_yaer”"),
        ("{year}年涉企", "{yaer}年涉企", "{yaer} 未知"),
        ('rows = "list"', 'rows = "table"', "行式“table”未知"),
        ("{year}年涉企", "{year:>999999999}年涉企", "{year} 后不能有格式"),
        ("{year}年涉企", "{}年涉企", "{} 未知"),
        ('label = "外聘"', 'label = "' + "外" * 2001 + '"', "“label”过长（2001 字）"),
        ('kind = "line"\nwidth = 16', 'kind = "line"\nwidth = 1000', "列宽 1000"),
        ('width = 16\ndefault = "filler"', 'width = 16\ndefault = "unit"', "默认值“unit”未知"),
        ('key = "a3"', 'key = "a2"', "附件的键“a2”重复"),
        ("number = 3", "number = 2", "附件号 2 重复"),
        ('kind = "yesno"', 'kind = "yesno"\npaired = true', "不是数字，不能计算同比"),
        ('rows = "comparison"', 'rows = "list"', "多行式附件（list）不能有 paired = true 的字段"),
        (
            "key_changes = []",
            'key_changes = [{ version = "2024.1", form = "a2", old = "x", new = "y" }]',
            "没有这个字段",
        ),
        ("key_changes = []", 'key_changes = [{ version = "2030.1", form = "a2", old = "x" }]', "比表样 2024.1 还新"),
        ('label = "外聘"', 'label = "外\\u0001聘"', "字段 contractors（第 "),
        ('label = "外聘"', 'label = "外\\u0001聘"', "含有文档中不能保存的控制字符（␁）"),
        ('"委托执法的有关数据由委托机关汇总报告、公开。"', '"委托\\u000c执法"', "“notes”含有文档中不能保存的控制字符"),
        ("number = 3", "number = = 3", "2024.1.toml第 "),
        ("number = 3", "number = = 3", "不是有效的 TOML"),
    ],
)
def test_each_problem_is_one_chinese_line(old, new, said):
    problems = refused(changed(old, new))
    assert any(said in p for p in problems), problems
    assert all("\n" not in p and re.search("[\u4e00-\u9fff]", p) for p in problems)


def test_an_attachment_of_too_many_fields_is_refused():
    many = "".join(f'    {{ key = "f{i}", label = "某项{i}", kind = "count" }},\n' for i in range(200))
    (problem,) = refused(changed('    { key = "workers", label = "工勤", kind = "count" },\n', many))
    assert problem == "附件4（a4）：字段过多（216 个），最多 200 个"


def test_every_problem_is_said_at_once():
    text = changed('label = "外聘", kind = "count"', 'label = "外聘", kind = "cont"')
    text = text.replace('key = "ruling"', 'key = "license"').replace("min_rows = 4", 'min_rows = "4"', 1)
    problems = refused(text)
    assert len(problems) == 3, problems


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\xff\xfe\x00v", "不是 UTF-8 编码的文字（第 1 行）"),
        (b"#" * (MAX_BYTES + 1), "过大"),
        (b"x = [" * 100_000, "2024.1.toml"),
        (b"", "缺少“version”一项"),
        (b'version = "2024.1"\nattachment = []', "“attachment”是空的"),
        (b'version = "2024.1"\nattachment = [1]', "“attachment”的每一项应为表"),
    ],
)
def test_files_that_are_no_template_are_refused(data, said):
    problems = refused(data)
    assert any(said in p for p in problems), problems


def test_an_unreadable_file_is_refused(tmp_path):
    with pytest.raises(TemplateError, match="无法读取表样文件"):
        load_template(tmp_path / "missing.toml")


# --- mutated files: loaded or refused in Chinese, never another exception --------------------


def _mutate(data: st.DataObject) -> bytes:
    raw = SHIPPED.read_bytes()
    how = data.draw(st.sampled_from(["flip", "cut", "splice", "lines", "value"]))
    if how == "flip":
        at = data.draw(st.integers(0, len(raw) - 1))
        return raw[:at] + bytes([raw[at] ^ (1 << data.draw(st.integers(0, 7)))]) + raw[at + 1 :]
    if how == "cut":
        start = data.draw(st.integers(0, len(raw)))
        return raw[:start] + raw[start + data.draw(st.integers(0, 400)) :]
    if how == "splice":
        at = data.draw(st.integers(0, len(raw)))
        return raw[:at] + data.draw(st.binary(max_size=40)) + raw[at:]
    lines = TEXT.splitlines()
    if how == "lines":
        i, j = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
        lines.insert(j, lines[i]) if data.draw(st.booleans()) else lines.pop(i)
        return "\n".join(lines).encode()
    # a value swapped for one of another type or another known word
    text = re.sub(
        data.draw(st.sampled_from([r'"[a-z_0-9]+"', r"\b\d+\b", r"\btrue\b", r'"[^"]*[\u4e00-\u9fff][^"]*"'])),
        data.draw(st.sampled_from(['"a2"', "0", "-1", "true", "[]", "{}", '"count"', '"filler"', '"{x}"', '""'])),
        TEXT,
        count=data.draw(st.integers(1, 3)),
    )
    return text.encode()


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_a_mutated_file_loads_or_is_refused_in_chinese(data):
    mutated = _mutate(data)
    try:
        template = read_template(mutated)
    except TemplateError as exc:
        assert exc.problems and all(re.search("[\u4e00-\u9fff]", p) and "\n" not in p for p in exc.problems)
    else:
        assert template.forms and all(spec.fields() for spec in template.forms)


def test_the_shipped_file_travels_with_every_build():
    import tomllib

    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    from forms.proofread_titles import SHIPPED as SHIPPED_TITLES  # 校对's list of titles, data too

    packaged = {
        p for pattern in project["tool"]["setuptools"]["package-data"]["forms"] for p in (root / "forms").glob(pattern)
    }
    assert {SHIPPED, SHIPPED_TITLES} <= packaged
    manifest = (root / "MANIFEST.in").read_text(encoding="utf-8")
    assert "recursive-include forms/templates *.toml" in manifest and "recursive-include forms/titles *.txt" in manifest
    spec = (root / "packaging" / "tianbao.spec").read_text(encoding="utf-8")
    assert '"forms", "templates", "*.toml"' in spec and '"forms", "titles", "*.txt"' in spec and "datas=DATAS" in spec


# --- the whole line of each problem: what, which attachment, field or rule, and the line ------------


def test_a_bad_attachment_key_or_number_is_said_with_what_the_file_holds():
    text = changed('key = "a3"', 'key = "A3"')
    line = line_of(text, 'key = "A3"')
    assert refused(text) == [f"附件3（A3）（第 {line} 行）：附件的键“A3”应为小写字母开头的英文标识（如 a2）"]
    text = changed("number = 3", "number = true")
    assert refused(text) == [f"附件?（a3）（第 {line_of(text, 'number = true')} 行）：“number”应为整数"]
    text = changed('key = "a3"', "key = 3")
    assert refused(text) == [f"附件3（?）（第 {line_of(text, 'key = 3')} 行）：“key”应为文字"]
    assert refused(changed("number = 3", "number = 100")) == ["附件100（a3）：附件号 100 应在 1 到 99 之间"]


def test_attachment_numbers_and_starting_rows_at_their_bounds_load():
    template = read_template(changed("number = 3", "number = 1").replace("number = 4", "number = 99").encode())
    assert [s.label for s in template.forms] == ["附件2", "附件1", "附件99", "附件5"]
    assert read_template(changed("min_rows = 4", "min_rows = 1000").encode()).forms[2].min_rows == 1000
    assert refused(changed("min_rows = 4", "min_rows = 1001")) == ["附件4（a4）：起始行数 1001 应在 1 到 1000 之间"]
    fields = "".join(f'    {{ key = "f{i}", label = "某项{i}", kind = "count" }},\n' for i in range(184))
    a4 = read_template(changed('    { key = "workers", label = "工勤", kind = "count" },\n', fields).encode()).forms[2]
    assert len(a4.fields()) == 200  # the most an attachment may have


def test_a_new_template_version_is_every_attachments_version():
    template = read_template(changed('version = "2024.1"', 'version = "2025.1"').encode())
    assert template.version == "2025.1" and {s.version for s in template.forms} == {"2025.1"}


def test_wrong_rows_and_row_label_are_named():
    problems = refused(changed('rows = "list"', 'rows = "table"'))
    assert any(p.endswith("：行式“table”未知（应为 comparison 或 list）") for p in problems), problems
    assert refused(changed('row_label = "unit_name"', 'row_label = "license"')) == [
        '附件2（a2）：标明每行的字段（row_label = "license"）应是第一个字段，且是不分年度的文字字段'
    ]


def test_a_duplicate_rule_code_names_the_line_of_the_second():
    text = changed('code = "A5_REVERSE"', 'code = "A5_TRANSFERRED"')
    line = line_of(text, 'code = "A5_TRANSFERRED"', 2)
    assert refused(text) == [f"附件5（a5）（第 {line} 行）：审核规则代码 A5_TRANSFERRED 重复"]


def test_a_rule_on_another_attachment_names_the_rule_and_its_line():
    text = changed('other_field = "transfers"', 'other_field = "transferz"')
    line = line_of(text, 'code = "A5_TRANSFERRED_EQ_A2"')
    assert refused(text) == [
        f"附件5（a5）（第 {line} 行）：审核规则 A5_TRANSFERRED_EQ_A2 用到的字段 a2.transferz 不存在"
    ]
    text = changed('other_form = "a2"\nother_field = "transfers"', 'other_form = "a9"\nother_field = "transfers"')
    rule = f"附件5（a5）（第 {line} 行）：审核规则 A5_TRANSFERRED_EQ_A2"
    assert refused(text) == [f"{rule} 用到的附件 a9 不在表样中"]
    code = 'code = "A3_PENALTY_LE_A2"'
    text = changed(f'other_field = "penalty"\n{code}', f'other_field = "unit_name"\n{code}')
    line = line_of(text, 'code = "A3_PENALTY_LE_A2"')
    assert refused(text) == [
        f"附件3（a3）（第 {line} 行）：审核规则 A3_PENALTY_LE_A2 逐年比较 a2.unit_name，但它没有上年、本年两列"
    ]


def _key_changes(entries: str) -> str:
    return changed("key_changes = []", f"key_changes = [{entries}]")


def test_key_changes_are_read_and_checked():
    dropped = read_template(_key_changes('{ version = "2024.1", form = "a2", old = "hearings" }').encode())
    assert dropped.changes == (KeyChange("2024.1", "a2", "hearings", None),)
    renamed = read_template(_key_changes('{ version = "2024.1", form = "a2", old = "fine", new = "fines" }').encode())
    assert renamed.changes == (KeyChange("2024.1", "a2", "fine", "fines"),)
    assert refused(_key_changes('{ version = "2024.1", form = "a2", old = "x", new = "y" }')) == [
        "2024.1.toml：key_changes a2.x → y：没有这个字段"
    ]
    assert refused(_key_changes('{ version = "2024.1", form = "a9", old = "x" }')) == [
        "2024.1.toml：key_changes a9.x：附件 a9 不在表样中"
    ]
    assert refused(_key_changes('{ version = "next", form = "a2", old = "x" }')) == [
        "2024.1.toml：key_changes a2.x：版本“next”应形如 2024.1"
    ]
    assert refused(_key_changes('{ version = "2024.1", form = "a2" }')) == ["key_changes ：缺少“old”一项"]


def test_groups_and_fields_that_cannot_be_read_are_named():
    group = '{ group = "第五层", fields = [{ key = "deep", label = "深(件)", kind = "count", paired = true }] }'
    for level in (4, 3, 2):  # within 行政执法行为类别及项目, the first level
        group = f'{{ group = "第{level}层", fields = [{group}] }}'
    text = changed('    { key = "transfers",', f'    {group},\n    {{ key = "transfers",')
    assert refused(text) == ["附件2（a2）：分组“第五层”嵌套超过 4 层"]
    four = read_template(text.replace('{ group = "第2层", fields = [', "").replace("}] },\n", "},\n", 1).encode())
    assert "deep" in [f.key for f in four.forms[0].fields()]  # four levels of groups are allowed
    blank = '    { group = " ", fields = [] },\n    { key = "transfers",'
    assert refused(changed('    { key = "transfers",', blank)) == [
        "附件2（a2）：分组没有表头文字",
        "附件2（a2）：“fields”是空的",
    ]
    assert refused(changed('    { key = "transfers",', '    { group = "分组" },\n    { key = "transfers",')) == [
        "附件2（a2）：缺少“fields”一项",
        "附件2（a2）：“fields”是空的",
    ]
    text = changed("paired = true }", "paird = true }")
    line = line_of(text, 'key = "license"')
    assert refused(text) == [f"附件2（a2）字段 license（第 {line} 行）：未知的项“paird”"]


def test_a_field_may_name_its_noun_and_unit():
    text = changed(
        '{ key = "transfers", label = "移送司法机关刑事案件件数", kind = "count", paired = true }',
        '{ key = "transfers", label = "移送司法机关刑事案件件数", kind = "count", paired = true,'
        ' noun = "移送", unit = "件" }',
    )
    transfers = read_template(text.encode()).forms[0].field("transfers")
    assert (transfers.noun, transfers.unit) == ("移送", "件")


def test_placeholders_are_checked_in_the_notes_with_their_start_quoted():
    note = "本表汇总数据为{prev}年1月1日至{prev}年12月31日止和{year}年1月1日至{year}年12月31日止。"
    for wrong, said in [
        ("{yaer}年1月1日至", "中的 {yaer} 未知（只能用 {year} 和 {prev}）"),
        ("{year:>5}年1月1日至", "中的 {year} 后不能有格式（只能写 {year} 和 {prev}）"),
        ("{year年1月1日至", "中的花括号不成对（只能用 {year} 和 {prev}）"),
    ]:
        bad = note.replace("{year}年1月1日至", wrong)
        assert refused(changed(note, bad)) == [f"附件2（a2）：“{bad[:20]}”{said}"]


def test_toml_errors_say_where():
    assert refused(changed("number = 3", "number = = 3")) == [
        f"2024.1.toml第 {line_of(changed('number = 3', 'number = = 3'), 'number = = 3')} 行第 10 列："
        "不是有效的 TOML（Invalid value）"
    ]
    assert refused(b'version = "2024.1"\nx = [') == ["2024.1.toml末尾：不是有效的 TOML（Invalid value）"]


def test_a_file_is_named_by_its_own_name(tmp_path):
    path = tmp_path / "县表样.toml"
    path.write_bytes(b"x = = 1")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert caught.value.problems == ("县表样.toml第 1 行第 5 列：不是有效的 TOML（Invalid value）",)
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert caught.value.problems == ("县表样.toml 过大（超过 1024 KB），不是表样文件",)
    with pytest.raises(TemplateError) as caught:
        load_template(tmp_path / "missing.toml")
    assert caught.value.problems == (f"无法读取表样文件 missing.toml：{os.strerror(errno.ENOENT)}",)


RULING = '{ key = "ruling", label = "行政裁决(件)", kind = "count", paired = true }'


@pytest.mark.parametrize(
    ("new", "said"),
    [
        (
            '{ key = "ruling", label = "行政裁决(件)", kind = "line", paired = true }',
            "有上年、本年两列（paired）但不是数字，不能计算同比",
        ),
        (
            '{ key = "ruling", label = "行政裁决(件)", kind = "count", default = "filler" }',
            '只有对比式附件中单位名称的文字字段才能随填报单位（default = "filler"）',
        ),
        ('{ key = "ruling", label = " ", kind = "count", paired = true }', "没有表头文字"),
        ('{ key = "ruling", label = "行政裁决(件)", paired = true }', "缺少“kind”一项"),
        (
            '{ key = "ruling", label = "行政裁决(件)", kind = "cont", paired = true }',
            "类型“cont”未知（应为 count、money、money_wan、text、line、yesno、percent0、percent1、percent2 之一）",
        ),
        ('{ key = "ruling", label = "行政裁决(件)", kind = "count", paired = "yes" }', "“paired”应为true 或 false"),
        ('{ key = "ruling", label = "行政裁决(件)", kind = "count", width = "16" }', "“width”应为整数"),
        (
            '{ key = "ruling", label = "行政裁决(件)", kind = "count", width = 101 }',
            "列宽 101 应在 0（自动）到 100 之间",
        ),
        ('{ key = "ruling", label = "行政裁决(件)", kind = "count", default = 3 }', "“default”应为文字"),
        (
            '{ key = "ruling", label = "行政裁决(件)", kind = "count", default = "unit" }',
            "默认值“unit”未知（只能是 filler：随填报单位）",
        ),
        ('{ key = "ruling", label = "行政裁决(件)", kind = "count", noun = 3 }', "“noun”应为文字"),
        ('{ key = "ruling", label = "行政裁决(件)", kind = "count", unit = 3 }', "“unit”应为文字"),
        ('{ key = "ruling", label = "行政裁决(件)", kind = "count", noun = " " }', "没有句中称呼（noun）"),
        ('{ key = "ruling", label = "' + "裁" * 2001 + '", kind = "count" }', "“label”过长（2001 字），最多 2000 字"),
    ],
)
def test_a_field_problem_names_the_field_and_its_line(new, said):
    text = changed(RULING, new)
    line = line_of(text, 'key = "ruling"')
    assert refused(text) == [f"附件2（a2）字段 ruling（第 {line} 行）：{said}"]


def test_a_field_key_that_is_wrong_empty_or_missing_is_named():
    text = changed(RULING, RULING.replace('"ruling"', '"Ruling"'))
    line = line_of(text, 'key = "Ruling"')
    assert refused(text) == [
        f"附件2（a2）字段 Ruling（第 {line} 行）：键应为小写字母开头的英文标识（小写字母、数字、下划线）"
    ]
    assert refused(changed(RULING, RULING.replace('"ruling"', '""'))) == ["附件2（a2）：字段的键是空的"]
    assert refused(changed(RULING, RULING.replace('key = "ruling", ', ""))) == ["附件2（a2）：缺少“key”一项"]
    text = changed(RULING, RULING.replace('"行政裁决(件)"', "3"))
    line = line_of(text, 'key = "ruling"')
    assert refused(text) == [
        f"附件2（a2）字段 ruling（第 {line} 行）：{said}" for said in ("“label”应为文字", "没有表头文字")
    ]
    text = changed('label = "行政执法岗位编制数"\n', "")
    line = line_of(text, 'key = "posts"')
    assert refused(text) == [f"附件4（a4）字段 posts（第 {line} 行）：缺少“label”一项"]


def test_the_rows_of_an_attachment_must_fit_its_fields():
    a2, rest = TEXT.split('[[attachment]]\nkey = "a3"')
    a3, rest = rest.split('[[attachment]]\nkey = "a4"')
    text = a2 + '[[attachment]]\nkey = "a3"' + a3.replace(", paired = true", "") + '[[attachment]]\nkey = "a4"' + rest
    assert "附件3（a3）：对比式附件至少要有一个 paired = true 的字段" in refused(text)
    problems = refused(changed('rows = "comparison"', 'rows = "list"'))
    assert any(p.endswith("：多行式附件（list）不能有 paired = true 的字段") for p in problems), problems


def test_a_rule_problem_names_the_rule_and_its_line():
    text = changed('rule = "SumEquals"', 'rule = "SumEqual"')
    line = line_of(text, 'code = "A5_TRANSFERRED_EQ_A2"')
    assert refused(text) == [
        f"附件5（a5）（第 {line} 行）：审核规则“SumEqual”未知（应为 AtLeastSum、NotMoreThan、SumEquals 之一）"
    ]
    text = changed('code = "A5_TRANSFERRED"', "code = 3")  # the line is that of the attachment's first code
    assert refused(text) == [f"附件5（a5）（第 {line_of(text, 'code = 3')} 行）：“code”应为文字"]


def test_a_label_of_the_longest_length_loads():
    text = changed(RULING, '{ key = "ruling", label = "' + "裁" * 2000 + '", kind = "count", paired = true }')
    assert read_template(text.encode()).forms[0].field("ruling").label == "裁" * 2000


def test_problems_of_the_whole_file_and_of_the_notes_are_named():
    assert refused(b"") == [
        "2024.1.toml：缺少“version”一项",
        "2024.1.toml：缺少“attachment”一项",
        "2024.1.toml：“attachment”是空的",
    ]
    assert refused(b'version = "next"')[0] == "2024.1.toml（第 1 行）：表样版本“next”应形如 2024.1"
    notes = 'notes_heading = "填表说明："\nnotes = ['
    assert refused(changed(notes, notes.replace("notes = [", "notex = ["))) == [
        "附件2（a2）：未知的项“notex”",
        "附件2（a2）：缺少“notes”一项",
    ]
    text = changed(notes, notes.replace("notes = [", 'notes = "见下"\nold_notes = ['))
    assert f"附件2（a2）（第 {line_of(text, 'notes = ')} 行）：“notes”应为列表（[…]）" in refused(text)
    assert refused(changed(notes, notes + " 1,")) == ["附件2（a2）：“notes”应为文字的列表"]
    assert refused(changed("min_rows = 4", 'min_rows = "4"')) == [
        f"附件4（a4）（第 {line_of(TEXT, 'min_rows = 4')} 行）：“min_rows”应为整数"
    ]
    text = changed("委托执法的有关数据", "委托\\u000c执法的有关数据")
    assert refused(text) == ["附件2（a2）：“notes”含有文档中不能保存的控制字符（␌）"]


def test_attachments_that_clash_are_named_by_their_own_number_and_key():
    assert refused(changed('key = "a3"', 'key = "a2"')) == ["附件3（a2）：附件的键“a2”重复"]
    assert refused(changed("number = 3", "number = 2")) == ["附件2（a3）：附件号 2 重复"]


def test_an_attachment_without_columns_is_refused():
    a4 = TEXT[TEXT.index('[[attachment]]\nkey = "a4"') : TEXT.index('[[attachment]]\nkey = "a5"')]
    bare = '[[attachment]]\nkey = "a4"\nnumber = 4\ntitle = "表"\nrows = "list"\nnotes_heading = ""\nnotes = []\n\n'
    assert refused(changed(a4, bare)) == ["附件4（a4）：缺少“header”一项", "附件4（a4）：“header”是空的"]


def test_the_totals_and_parts_of_a_rule_are_checked_and_its_severity_read():
    line = line_of(TEXT, 'code = "A5_TRANSFERRED"')
    rule = f"附件5（a5）（第 {line} 行）：审核规则 A5_TRANSFERRED"
    assert refused(changed('total = "transferred"', 'total = "transferredx"')) == [
        f"{rule} 用到的字段 transferredx 不在本附件中"
    ]
    assert refused(changed('total = "transferred"', 'total = "unit_name"')) == [
        f"{rule} 要相加或比较字段 unit_name，但它不是数字"
    ]
    assert refused(changed('parts = ["criminal_filed"', "parts = [1")) == ["附件5（a5）：“parts”应为文字的列表"]
    code = 'code = "A5_TRANSFERRED_EQ_A2"'
    line = line_of(TEXT, code)
    assert refused(changed(code, code + '\nseverity = "警告"')) == [
        f"附件5（a5）（第 {line} 行）：审核规则 A5_TRANSFERRED_EQ_A2 的严重程度“警告”未知（应为 错误 或 提示）"
    ]
    a5 = read_template(changed(code, code + '\nseverity = "错误"').encode()).forms[3]
    assert a5.rules[2].code == "A5_TRANSFERRED_EQ_A2" and a5.rules[2].severity is Severity.ERROR


def test_sizes_lines_and_names_of_a_file_that_is_no_template():
    data = SHIPPED.read_bytes()
    padded = data + b"#" * (MAX_BYTES - len(data))
    assert len(padded) == MAX_BYTES and read_template(padded) == registry.TEMPLATE  # the largest file accepted
    assert refused(b'version = "2024.1"\n#\n\xff') == ["2024.1.toml 不是 UTF-8 编码的文字（第 3 行）"]
    with pytest.raises(TemplateError) as caught:
        read_template(b"")
    assert caught.value.problems[0] == "表样文件：缺少“version”一项"  # a file given without a name
    text = changed(
        RULING, RULING.replace('"行政裁决(件)", kind = "count"', '"行政裁决(件)", kind = "count", width = 100')
    )
    assert read_template(text.encode()).forms[0].field("ruling").width == 100
