"""Starting from Word: the paste reads the clipboard's HTML with its bold, 导入 Word 报告 and
``main.py paste-report`` read a .docx (behind the guarded boundary) or a .txt, and lines broken by a
PDF's layout are joined — never a short one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import main as app
from forms.paste_report import join_wraps, parse_pasted
from forms.rich_text import html_to_marked
from importers.guard import ImportRejected
from importers.word_report import read_report_file, read_word_report
from storage.report_text import ReportTexts
from storage.sample import create_sample
from storage.store import Store
from tests.support.mutate import MUTATIONS
from tests.test_seed_outline import as_docx, seed_text

UNIT = "示例市应急管理局"

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><style>p.MsoNormal {font-weight:bold}</style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head><body>
<p class=MsoNormal align=center><span style='font-family:方正小标宋简体'>某县应急管理局2024年行政执法工作报告</span></p>
<p class=MsoNormal><span>2024年，我局坚持依法行政。</span></p>
<p class=MsoListParagraph><span style='mso-list:Ignore'>一、<span>&nbsp;&nbsp;</span></span><span>基本情况</span></p>
<p class=MsoNormal><b><span>一是压实责任。</span></b><span>局党委专题研究&nbsp;3&nbsp;次。</span></p>
<p class=MsoNormal><span style='font-weight:bold'>二是</span><span style="font-weight:700">健全制度。</span>已印发。</p>
<p class=MsoNormal><b>加粗里<span style='font-weight:normal'>不加粗</span>再加粗</b></p>
</body></html>"""


def test_word_html_keeps_bold_and_list_numbers() -> None:
    text = html_to_marked(WORD_HTML)
    assert text.split("\n") == [
        "某县应急管理局2024年行政执法工作报告",
        "2024年，我局坚持依法行政。",
        "一、 基本情况",  # Word's automatic number is text in its HTML
        "**一是压实责任。**局党委专题研究 3 次。",
        "**二是健全制度。**已印发。",
        "**加粗里**不加粗**再加粗**",
    ]
    pasted = parse_pasted(text)
    assert [(s.heading, s.body.split("\n")[0]) for s in pasted.sections] == [
        ("基本情况", "**一是压实责任。**局党委专题研究 3 次。")
    ]


def test_a_typed_double_star_never_opens_a_span() -> None:
    assert html_to_marked("<p>a**b <b>粗</b></p>") == "a＊＊b **粗**"


def test_lines_broken_by_a_pdf_are_joined_and_short_ones_never() -> None:
    pdf = [
        "一、基本情况",
        "2024年，我局坚持以习近平新时代中国特色社会主义思",  # 28-character lines, as a PDF gives them
        "想为指导，深入贯彻落实党的二十大精神，严格规范公正",
        "文明执法，全年共办理行政处罚78件。",
        "下一步工作打算",  # short, no punctuation: a heading, never joined
        "（一）持续强化严格规范执法。严格规范安全生产执法行",
        "为，聚焦重点环节。",
    ]
    lines, joined = join_wraps(pdf)
    assert joined == 3
    assert lines == [
        "一、基本情况",
        "2024年，我局坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，严格规范公正"
        "文明执法，全年共办理行政处罚78件。",
        "下一步工作打算",
        "（一）持续强化严格规范执法。严格规范安全生产执法行为，聚焦重点环节。",
    ]
    pasted = parse_pasted("\n".join(["某县应急管理局2024年行政执法工作报告", *pdf]))
    assert pasted.joined == 3 and [s.numbered for s in pasted.sections] == [True, False, True]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data.sqlite3"
    store = Store(path)
    create_sample(store)
    store.close()
    return path


def _paste(db: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = app.main(["paste-report", "--db", str(db), "--unit", UNIT, "--year", "2024", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_paste_report_refuses_a_report_with_text_unless_replace(tmp_path: Path, db: Path, capsys) -> None:
    source = tmp_path / "002.txt"
    source.write_text(seed_text("002"), encoding="gb18030")  # as Notepad saves Chinese text
    code, out, err = _paste(db, str(source), capsys=capsys)
    assert (code, out) == (
        2,
        "",
    ) and err.strip() == "本报告已有正文，只能放入还没有正文的报告（可加 --replace 替换）"
    code, out, err = _paste(db, "--replace", str(source), capsys=capsys)
    assert code == 0 and err == ""
    assert out.strip() == f"已放入 {UNIT} 2024年的报告正文：识别出 23 个标题，其中 1 个不编号"
    store = Store(db)
    text = ReportTexts(store).get(store.require_report(UNIT, 2024))
    store.close()
    assert text.unit_line == "衡阳市应急管理局" and text.title == "2025年度法治政府建设工作报告"
    assert [s.heading for s in text.sections if not s.numbered] == ["下一步工作打算"]


def test_paste_report_reads_a_word_file_with_its_bold(tmp_path: Path, db: Path, capsys) -> None:
    source = as_docx(seed_text("001"), tmp_path / "去年的报告.docx")
    code, _out, err = _paste(db, "--kind", "rule_of_law", str(source), capsys=capsys)
    assert code == 0, err
    store = Store(db)
    text = ReportTexts(store).get(store.require_report(UNIT, 2024), "rule_of_law")
    store.close()
    bodies = "\n".join(s.body for s in text.sections)
    assert "**四是提升执法人员素质。**" in bodies and bodies.count("**") == seed_text("001").count("**")


def test_a_damaged_word_file_is_refused_in_one_line(tmp_path: Path, db: Path, capsys) -> None:
    broken = tmp_path / "坏的.docx"
    broken.write_bytes(as_docx("一、标题", tmp_path / "ok.docx").read_bytes()[:300])
    before = db.read_bytes()
    code, out, err = _paste(db, "--kind", "rule_of_law", str(broken), capsys=capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("坏的.docx：") and "不完整或已损坏" in err
    assert db.read_bytes() == before


@pytest.mark.parametrize("mutation", ["flip_zip", "flip_xml", "truncate_part", "unknown_attribute"])
def test_mutated_word_files_are_read_or_refused_never_a_bug(tmp_path: Path, mutation: str) -> None:
    data = as_docx(seed_text("000"), tmp_path / "seed.docx").read_bytes()
    for seed in range(12):
        path = tmp_path / f"{mutation}-{seed}.docx"
        path.write_bytes(MUTATIONS[mutation](data, random.Random(f"{mutation}/{seed}")))
        try:
            text = read_word_report(path)
        except ImportRejected as exc:
            assert exc.message.startswith(path.name) and "\n" not in exc.message
        else:
            assert isinstance(text, str)


def test_a_text_file_of_an_unknown_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(ImportRejected, match="文字编码"):
        read_report_file(path)


def test_chinese_and_arabic_numbers_are_read_for_the_list_rule() -> None:
    from forms.paste_report import numbered

    values = {
        "一、甲": 1,
        "十、甲": 10,
        "十二、甲": 12,
        "二十、甲": 20,
        "二十三、甲": 23,
        "（十一）甲": 11,
        "12. 甲": 12,
    }
    assert {line: numbered(line).number for line in values} == values
    assert numbered("三十三十、甲") is None  # at most three numerals
    assert numbered("1.5万元") is None and numbered("2024年") is None and numbered("一是加强") is None
    assert numbered("（1）") is None  # a number with nothing after it is no heading
    assert (
        numbered("一．甲").style == "一、" and numbered("1．甲").style == "1." and numbered("(1) 甲").style == "（1）"
    )
    # the list rule follows the numbers: items 九 and 十 are a list, 九 then 十二 are headings
    text = "标题\n一、总体\n{a}\n{b}\n正文。"
    listed = parse_pasted(text.format(a="（九）一句完整的话写在这里。", b="（十）又一句完整的话写在这里。"))
    assert len(listed.sections) == 1 and listed.sections[0].body.startswith("（九）")
    apart = parse_pasted(text.format(a="（九）一句完整的话写在这里。", b="（十二）又一句完整的话写在这里。"))
    assert [s.heading for s in apart.sections][1:] == ["一句完整的话写在这里。", "又一句完整的话写在这里。"]


def test_the_shape_of_a_heading_at_its_bounds() -> None:
    from forms.paste_report import HEADING_MAX, RUN_IN_AT

    def kinds(line: str) -> list[tuple[str, str]]:
        return [(s.heading, s.body) for s in parse_pasted(f"标题\n{line}\n正文。").sections]

    head = "甲" * (RUN_IN_AT - 1)
    assert kinds(f"（一）{head}。乙。") == [(head, "乙。\n正文。")]  # 。 at 39: run in
    assert kinds(f"（一）{head}甲。乙。") == []  # at 40: one long numbered sentence, text
    assert kinds("（一）。乙。") == []  # no heading before the 。
    assert kinds("（一）甲。乙") == [("甲", "乙\n正文。")]  # one character of text after the 。: still run in
    assert kinds(f"（一）{'甲' * HEADING_MAX}") == [("甲" * HEADING_MAX, "正文。")]  # 80 characters: a heading
    assert kinds(f"（一）{'甲' * (HEADING_MAX + 1)}") == []  # longer: a paragraph


def test_lines_are_joined_only_at_their_bounds() -> None:
    from forms.paste_report import HEADING_MAX, WRAP_MIN

    short = "乙" * (WRAP_MIN - 1)
    last = "丁" * (WRAP_MIN + 1) + "。"
    assert join_wraps([short, "丙" * WRAP_MIN, last]) == ([short, "丙" * WRAP_MIN + last], 1)  # a short one never
    assert join_wraps(["一、" + "甲" * 60, "乙" * 62 + "。"])[1] == 0  # a heading-shaped line stays whole
    long_line = "甲" * (HEADING_MAX + 1)
    assert join_wraps(["短。", long_line, "乙。"]) == (["短。", long_line + "乙。"], 1)  # longer than any heading
    assert join_wraps(["短。", "甲" * HEADING_MAX, "乙。"])[1] == 0  # as long as a heading, among short lines
    assert join_wraps(["甲" * 30]) == (["甲" * 30], 0)  # the last line has nothing to join
    assert join_wraps(["甲" * 30 + "：", "乙" * 30])[1] == 0  # a sentence ends at ：


def test_a_wrap_is_measured_against_three_lines_each_side() -> None:
    from forms.paste_report import WRAP_MIN, WRAP_SHARE

    # the first line counts, as one of the three before; a line of WRAP_MIN counts among them
    assert join_wraps(["甲" * (WRAP_MIN - 1) + "。", "乙" * WRAP_MIN, "丙。"]) == (
        ["甲" * (WRAP_MIN - 1) + "。", "乙" * WRAP_MIN + "丙。"],
        1,
    )
    around = "甲" * 24 + "。"  # 25 characters: a line of 20 is exactly WRAP_SHARE of them, a wrap
    assert WRAP_SHARE * len(around) == 20
    assert join_wraps([around, "乙" * 20, "丙。"]) == ([around, "乙" * 20 + "丙。"], 1)
    far = "甲" * 29 + "。"  # four lines away: not among those around
    assert join_wraps([far, "短。", "短。", "短。", "乙" * 25, "丙。"])[1] == 0
    assert join_wraps(["乙" * 25, "短。", "短。", "短。", far])[1] == 0


def test_the_title_signature_and_unnumbered_headings_at_their_bounds() -> None:
    from forms.paste_report import RUN_IN_AT, UNNUMBERED_MAX

    four = parse_pasted(
        "某县应急管理局\n关于2024年度法治政府建设\n工作情况的报告\n（2025年1月10日）\n一、基本情况\n正文。"
    )
    assert four.title == "某县应急管理局\n关于2024年度法治政府建设\n工作情况的报告"  # three lines at most
    assert four.lead == "（2025年1月10日）" and [s.heading for s in four.sections] == ["基本情况"]
    assert parse_pasted("标" * RUN_IN_AT + "\n正文。").title == "标" * RUN_IN_AT
    assert parse_pasted("标" * (RUN_IN_AT + 1) + "\n正文。").title == ""

    def body(signature: str) -> str:
        return parse_pasted(f"标题\n一、甲\n正文。\n{signature}").sections[0].body

    assert body("某" * 29 + "局") == "正文。"  # a signature of 30 characters is left to the export
    assert body("某" * 30 + "局") == "正文。\n" + "某" * 30 + "局"  # a longer line is text

    def headings(line: str) -> list[tuple[int, bool, str]]:
        return [
            (s.level, s.numbered, s.heading)
            for s in parse_pasted(f"标题\n一、甲\n正文。\n{line}\n二、乙\n正文。").sections
        ]

    at_bound = "下" * UNNUMBERED_MAX
    assert headings(at_bound) == [(1, True, "甲"), (1, False, at_bound), (1, True, "乙")]
    assert headings(at_bound + "下") == [(1, True, "甲"), (1, True, "乙")]  # longer: text


def test_html_paragraphs_blank_lines_and_what_is_not_text() -> None:
    html = (
        "<html><head><title>x</title><style>b{}</style><style>p{}</style></head><body>"
        "<p>第一行<br>第二行&nbsp;有空格</p><p>&nbsp;</p><p><strong>加粗</strong><img src=a.png>后</p>"
        "<div><b>外<i>未闭合</b>外后</div><script>alert(1)</script><p style=''>末</p></body></html>"
    )
    assert html_to_marked(html).split("\n") == ["第一行", "第二行 有空格", "**加粗**后", "**外未闭合**外后", "末"]


def test_clipboard_html_has_a_size_bound() -> None:
    from forms.errors import UserError
    from forms.rich_text import HTML_MAX

    assert html_to_marked("<p>" + "甲" * (HTML_MAX - 7) + "</p>")  # at the bound: read
    with pytest.raises(UserError, match="剪贴板内容过大（20 MB）"):
        html_to_marked("<p>" + "甲" * HTML_MAX + "</p>")


def test_old_mac_line_breaks_and_ideographic_spaces_read_as_line_breaks_and_spaces():
    text = "关于2024年工作的报告\r一、总体\u3000情况\r正文。"
    pasted = parse_pasted(text)
    assert pasted.title == "关于2024年工作的报告"
    assert [(s.heading, s.body) for s in pasted.sections] == [("总体 情况", "正文。")]
    assert pasted == parse_pasted(text.replace("\r", "\n"))


def test_the_signing_unit_and_date_under_a_pasted_report_stay_out_of_its_sections():
    pasted = parse_pasted(
        "示例市应急管理局2024年行政执法工作报告\n一、基本情况\n今年我局共办理案件十二件，比上年有所增加。\n"
        "二、存在问题\n执法人员数量不足，培训还需加强。\n示例市应急管理局\n2025年1月10日"
    )
    assert [(s.heading, s.body) for s in pasted.sections] == [
        ("基本情况", "今年我局共办理案件十二件，比上年有所增加。"),
        ("存在问题", "执法人员数量不足，培训还需加强。"),
    ]
    assert pasted.closing == ""


def test_a_closing_formula_at_the_end_of_the_last_section_becomes_the_closing():
    pasted = parse_pasted(
        "示例市应急管理局2024年行政执法工作报告\n一、基本情况\n今年我局共办理案件十二件，比上年有所增加。\n"
        "（一）存在问题\n执法人员数量不足。\n培训还需加强。\n（二）加强培训。全年培训执法人员 3 次。\n考核全部合格。\n"
        "特此报告。"
    )
    assert pasted.closing == "特此报告。"
    assert [(s.level, s.heading, s.body, s.numbered, s.run_in) for s in pasted.sections] == [
        (1, "基本情况", "今年我局共办理案件十二件，比上年有所增加。", True, None),
        (2, "存在问题", "执法人员数量不足。\n培训还需加强。", True, None),
        (2, "加强培训", "全年培训执法人员 3 次。\n考核全部合格。", True, True),  # run into its text, as pasted
    ]


def test_an_item_of_a_list_a_line_end_broke_is_joined_a_heading_never() -> None:
    from forms.paste_report import UNNUMBERED_MAX

    item = "加强行政执法队伍建设，加大对行政执法人员的培训力"  # 000's item 3, broken as its PDF broke it
    rest = "度，提高执法人员的法律素养和业务能力。"
    whole = "深入学习贯彻习近平法治思想，贯彻落实重要指示批示精神。"
    # after an item of its list, or before one: the rest of its sentence is on the next line
    assert join_wraps(["1. " + whole, "2. " + item, rest]) == (["1. " + whole, "2. " + item + rest], 1)
    assert join_wraps(["1. " + item, rest, "2. " + whole]) == (["1. " + item + rest, "2. " + whole], 1)
    pasted = parse_pasted(
        "\n".join(["某县应急管理局2024年行政执法工作报告", "三、下一步工作打算", "1. " + whole, "2. " + item, rest])
    )
    assert [s.heading for s in pasted.sections] == ["下一步工作打算"]
    assert pasted.sections[0].body == "\n".join(["1. " + whole, "2. " + item + rest])
    # a heading stays whole: text between it and the item before it, another style, a number that skips,
    # or a neighbour that is a heading itself (no sentence of its own)
    assert join_wraps(["1. " + whole, "正文。", "2. " + item, rest])[1] == 0
    assert join_wraps(["（一）" + whole, "2. " + item, rest])[1] == 0
    assert join_wraps(["1. " + whole, "3. " + item, rest])[1] == 0
    assert join_wraps(["1. 加强组织领导", "2. " + item, rest])[1] == 0
    assert join_wraps(["2. " + item, rest, "3. 强化监督检查"])[1] == 0
    # a neighbour that ends in 。 but has its own paragraph under it, or says more after its 。, is a heading
    a = [
        "一、主要工作",
        "（一）健全依法决策机制，提升决策科学化水平",
        "严格落实重大行政决策程序，全年未发生决策失误。",
        "（二）深化行政执法改革。",
        "推进综合行政执法改革，执法力量下沉基层。",
    ]
    assert join_wraps(a)[1] == 0
    pasted = parse_pasted("\n".join(["某县应急管理局2024年行政执法工作报告", *a]))
    assert [s.level for s in pasted.sections] == [1, 2, 2]
    b = [
        "（一）强化组织领导。成立了以局长为组长的领导小组。",
        "（二）严格规范公正文明执法，全面落实行政执法三项制度",
        "全年公示执法信息120条，全过程记录执法活动。",
    ]
    assert join_wraps(b)[1] == 0
    # the list may follow a heading without a number (002's 下一步工作打算) or a paragraph introducing it
    assert join_wraps(["下一步工作打算", "1. " + whole, "2. " + item, rest])[1] == 1
    assert join_wraps(["我局下一步将重点做好以下几方面工作：", "1. " + whole, "2. " + item, rest])[1] == 1
    # the item after is held to having no paragraph of its own: a heading without a number beyond it
    # (25 characters at most, no closing mark) is no paragraph
    heading = "乙" * UNNUMBERED_MAX
    assert join_wraps(["1. " + item, rest, "2. " + whole, heading])[1] == 1
    assert join_wraps(["1. " + item, rest, "2. " + whole, heading + "乙"])[1] == 0


def test_a_line_ending_inside_a_title_or_a_quote_goes_on_in_the_next() -> None:
    # 000: a PDF's page ended inside 《…》, the line much shorter than those around it
    around = ["甲" * 60 + "。", "乙" * 60 + "。"]
    broken = "一是积极推进送法入企，组织编印4000余册《安全"
    rest = "生产法律法规汇编》，及时购买单行本3000册。"
    assert join_wraps([around[0], broken, rest, around[1]]) == ([around[0], broken + rest, around[1]], 1)
    assert join_wraps([around[0], "及时宣传，组织编印4000余册“安全生产月", "”宣传资料。", around[1]])[1] == 1
    closed = "一是积极推进送法入企，组织编印4000余册《安全生产法》单行本"
    assert join_wraps([around[0], closed, "分发企业。", around[1]])[1] == 0  # closed: shorter than the lines around
    assert join_wraps(["短的《标题", "下一行。"])[1] == 0  # a short line is never a wrap
