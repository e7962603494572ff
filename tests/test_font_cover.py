"""校对 of the characters the chosen fonts cannot print (issue 24, item 1): GB 2312 for the official
fonts (its middle dot and dash as the text holds them: U+00B7, U+2014), the cmap of stand-in font files
for the Windows fonts, the title and the unit names included; the fix offered is the switch."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.ttLib import TTCollection

from forms.audit import audit
from forms.findings import CellLocation, ContactLocation, TextLocation
from forms.font_cover import FONT_CODE, GOVERNMENT, WINDOWS, check_fonts, unprintable
from forms.kinds import Invalid
from forms.report import MAIN_ROW, REASON_ROW, CellKey, Fonts, ReportData, ReportText, Section
from storage import font_files
from storage.font_files import FILES, windows_chars
from storage.store import Store
from tests.test_proofread import SEEDS, seed_report

GB = Fonts(GOVERNMENT)


def test_gb2312_holds_the_middle_dot_and_the_dash_as_typed() -> None:
    assert unprintable("湖南法网·如法网——学法", GB) == []
    assert unprintable("朱镕基、安全管理人員", GB) == [(1, "镕"), (9, "員")]
    assert unprintable("第1行\n\t ABC，。“”《》（）〔〕、…", GB) == []


def _data(text: ReportText | None = None, fonts: Fonts = GB, **contact: str) -> ReportData:
    from forms.registry import FORMS
    from forms.report import FormData, Report

    report = Report(1, "某县应急管理局", 2024, **contact)
    forms = [FormData(spec, FormData.row_keys(spec, ["r1"])) for spec in FORMS]
    return ReportData(report, forms, 2, text, fonts=fonts)


def _text(title: str = "行政执法工作报告", body: str = "正文。") -> ReportText:
    sections = (Section("s1", 1, "基本情况", body),)
    return ReportText("enforcement", title, "某县应急管理局", None, (), sections)


def test_the_title_the_text_and_the_unit_names_are_checked_with_the_switch_as_fix() -> None:
    data = _data(_text("某镕县应急管理局2024年行政执法工作报告", "我局镕、鎔两字。"), filler="某镕县应急管理局")
    found = check_fonts(data)
    assert [f.where for f in found] == [
        ContactLocation("filler"),
        TextLocation("", "title"),
        TextLocation("s1", "body", (2, 3)),
    ]
    assert all(f.code == FONT_CODE and f.fix == WINDOWS for f in found)
    assert "“镕、鎔”不在公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）的 GB 2312 字符范围内" in found[2].message
    assert "可改用 Windows 自带字体" in found[2].message


def test_a_cell_holding_one_is_named() -> None:
    data = _data(_text())
    a2 = data.form("a2")
    unit_field = next(f for f in a2.spec.fields() if not f.kind.numeric)
    a2.values[CellKey(MAIN_ROW, unit_field.key)] = "某镕县应急管理局"
    (finding,) = check_fonts(data)
    assert isinstance(finding.where, CellLocation) and finding.where.key.field == unit_field.key
    # a 原因简析 is proofread: its 員 is the 繁体字 check's; a unit's name is not, so the fonts say it
    paired = a2.spec.paired_fields()[0].key
    a2.values[CellKey(MAIN_ROW, unit_field.key)] = "某县安全管理人員"
    a2.values[CellKey(REASON_ROW, paired)] = "安全管理人員增加"
    (finding,) = check_fonts(data)
    assert finding.where == CellLocation("a2", CellKey(MAIN_ROW, unit_field.key)) and "“員”" in finding.message


@pytest.mark.parametrize("name", SEEDS)
def test_the_seeds_print_in_the_official_fonts(name: str) -> None:
    """000's 員 lies outside GB 2312 too, but is the 繁体字 check's slip (fix 员, which the fonts print):
    one finding with its fix, not also the advice to change the fonts."""
    data = _data(seed_report(name))
    assert check_fonts(data) == []
    said = [f.code for f in audit(data, None) if "員" in f.message]
    assert said == (["PROOF_TRADITIONAL"] if name == "000" else [])


# --- the Windows fonts, by stand-in font files ---------------------------------------------------


def _font(chars: str) -> object:
    builder = FontBuilder(1000, isTTF=True)
    glyphs = [".notdef", *(f"u{ord(c):04X}" for c in chars)]
    builder.setupGlyphOrder(glyphs)
    builder.setupCharacterMap({ord(c): f"u{ord(c):04X}" for c in chars})
    builder.setupGlyf({g: _empty_glyph() for g in glyphs})
    builder.setupHorizontalMetrics({g: (1000, 0) for g in glyphs})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Stand In", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    return builder.font


def _empty_glyph():
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


def stand_in_fonts(folder: Path, chars: str, *, kai_lacks: str = "") -> Path:
    """The four Windows faces' files, each holding ``chars`` (楷体 without ``kai_lacks``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for face, file in FILES.items():
        font = _font("".join(c for c in chars if face != "楷体" or c not in kai_lacks))
        if file.endswith(".ttc"):
            collection = TTCollection()
            collection.fonts = [font]
            collection.save(str(folder / file))
        else:
            font.save(str(folder / file))  # type: ignore[attr-defined]
    return folder


def test_the_windows_fonts_print_what_every_file_holds(tmp_path: Path) -> None:
    folder = stand_in_fonts(tmp_path / "Fonts", "某县镕堃鎔正文。我局两字基本情况应急管理", kai_lacks="堃鎔")
    chars = windows_chars(folder)
    assert chars is not None and ord("镕") in chars and ord("堃") not in chars
    fonts = Fonts(WINDOWS, chars)
    (finding,) = check_fonts(_data(_text("某县", "我局镕堃两字。"), fonts))
    assert finding.where == TextLocation("s1", "body", (3, 4)) and finding.fix == ""
    assert "“堃”不在所选字体（仿宋、楷体、宋体、黑体）的字库里" in finding.message
    # 鎔, which 楷体 lacks too, is the 繁体字 check's (镕, which every file holds): said once, there
    assert check_fonts(_data(_text("某县", "我局鎔两字。"), fonts)) == []


def test_without_the_files_nothing_is_said_of_the_windows_fonts(tmp_path: Path) -> None:
    assert windows_chars(tmp_path) is None
    assert check_fonts(_data(_text("某镕县"), Fonts(WINDOWS, None))) == []


def test_the_store_reads_the_choice_and_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in_fonts(tmp_path / "win" / "Fonts", "某县")
    monkeypatch.setenv("WINDIR", str(tmp_path / "win"))
    font_files.windows_chars.cache_clear()
    store = Store(tmp_path / "t.sqlite3")
    try:
        report = store.create_report("某镕县应急管理局", 2024)
        assert store.report_data(report).fonts == Fonts(GOVERNMENT)
        store.set_font_set(WINDOWS)
        data = store.report_data(report)
        assert data.fonts.name == WINDOWS and data.fonts.chars == frozenset(map(ord, "某县"))
        assert FONT_CODE in {f.code for f in audit(data)}
    finally:
        store.close()
        font_files.windows_chars.cache_clear()


# --- what is flagged, character by character, and where each finding points ---------------------


def _plane() -> str:
    """Every character of the basic plane (no surrogates), the line breaks and tab included."""
    return "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_the_official_fonts_flag_exactly_what_gb2312_lacks() -> None:
    """The whole plane at once: every character the codec cannot write is named, none other (the table's
    first and last characters, those after a row's gaps, ASCII, ·, — and the line breaks print)."""
    text = _plane()
    flagged = {c for _, c in unprintable(text, GB)}
    assert flagged == {c for c in text if not _in_gb2312(c) and c not in "\u00b7\u2014"}
    assert unprintable("\u3000〓⒈鳌齄啊！~\x7f", GB) == []  # A1A1, A1FE, A2B1 (after a gap), F7A1, F7FE
    assert unprintable("\x80€鎔", GB) == [(0, "\x80"), (1, "€"), (2, "鎔")]


def test_the_windows_fonts_flag_exactly_what_the_files_lack() -> None:
    """Characters held one apart and in runs: each gap is flagged, the runs' ends print."""
    held = frozenset([*range(0x4E00, 0x4E10), 0x4E11, 0x4E13, *range(0x4E20, 0x4E30), 0x21, 0x23])
    text = "".join(chr(c) for c in range(0x4DF0, 0x4E40)) + '!"#X\n\t\r'
    flagged = [c for _, c in unprintable(text, Fonts(WINDOWS, held))]
    assert flagged == [c for c in text if ord(c) not in held and c not in "\n\t\r"]
    assert "\u4e10" in flagged and "\u4e12" in flagged and '"' in flagged and "X" in flagged


def test_without_the_files_no_character_is_flagged() -> None:
    assert unprintable("某镕县", Fonts(WINDOWS, None)) == []
    assert unprintable("", GB) == []


PLACES = [
    ("filler", ContactLocation("filler"), "填报单位"),
    ("contact_person", ContactLocation("contact_person"), "联系人"),
    ("unit_line", TextLocation("", "unit_line"), "标题上方的单位"),
    ("title", TextLocation("", "title"), "标题"),
    ("lead", TextLocation("", "lead"), "导语"),
    ("closing", TextLocation("", "closing"), "结束语"),
    ("signer", TextLocation("", "signer"), "署名"),
    ("heading", TextLocation("s1", "heading"), "小标题"),
    ("body", TextLocation("s1", "body", (1, 2)), "正文"),
]


@pytest.mark.parametrize(("place", "where", "name"), PLACES)
def test_each_place_is_named_as_the_clerk_knows_it(place: str, where: object, name: str) -> None:
    words = "某镕县应急管理局"
    contact = {place: words} if place in ("filler", "contact_person") else {}
    text = _text(body=words if place == "body" else "正文。")
    text = replace(text, sections=(replace(text.sections[0], heading=words),)) if place == "heading" else text
    if place in ("unit_line", "title", "lead", "closing", "signer"):
        text = replace(text, **{place: words})
    (finding,) = check_fonts(_data(text, **contact))
    assert finding.where == where and finding.fix == WINDOWS
    assert finding.message == (
        f"校对：{name}中的“镕”不在公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）的 GB 2312 字符范围内，"
        "打印时会成为空框或换成别的字体；可改用 Windows 自带字体（设置 → Word 报告字体）"
    )


def test_the_phone_number_is_not_checked() -> None:
    assert check_fonts(_data(_text(), contact_phone="镕")) == []


def test_cells_are_named_by_their_column_and_listed_in_table_order() -> None:
    """The 原因简析 under a figure is named after it and comes after the figures' row, column by column;
    the figures and answers around the text cells are passed over."""
    data = _data(_text())
    a2 = data.form("a2")
    a2.values.update(
        {
            CellKey(MAIN_ROW, "license", 2024): 3,
            CellKey(REASON_ROW, "inspection"): "检查增加，涉及镕",
            CellKey(REASON_ROW, "license"): "许可减少，涉及镕",
            CellKey(MAIN_ROW, "unit_name"): "某镕县应急管理局",
        }
    )
    found = check_fonts(data)
    assert [f.where for f in found] == [
        CellLocation("a2", CellKey(MAIN_ROW, "unit_name")),
        CellLocation("a2", CellKey(REASON_ROW, "license")),
        CellLocation("a2", CellKey(REASON_ROW, "inspection")),
    ]
    assert [f.message.split("中的")[0] for f in found] == [
        "校对：行政执法单位名称",
        "校对：行政许可的原因简析",
        "校对：行政检查的原因简析",
    ]


def test_list_rows_are_listed_in_the_table_s_order() -> None:
    data = _data(_text())
    a5 = data.form("a5")
    a5.rows[:] = ["r1", "r2"]
    a5.values[CellKey("r2", "unit_name")] = "乙镕"
    a5.values[CellKey("r1", "transferred")] = 2
    a5.values[CellKey("r1", "unit_name")] = "甲鎔"
    found = check_fonts(data)
    assert [(f.where.key.row, f.message.split("中的")[1][:3]) for f in found] == [("r1", "“鎔”"), ("r2", "“镕”")]


def test_a_text_cell_holding_a_bad_stored_text_is_left_to_its_own_finding() -> None:
    """What storage could not read as a text (kept as it was) is not the fonts' to check: the audit says
    what is wrong with it, and the cells after it are checked still."""
    data = _data(_text())
    a5 = data.form("a5")
    a5.rows[:] = ["r1", "r2"]
    a5.values[CellKey("r1", "unit_name")] = Invalid("某镕\x07县", "含有不可打印的字符")
    a5.values[CellKey("r2", "unit_name")] = "乙镕"
    (finding,) = check_fonts(data)
    assert finding.where == CellLocation("a5", CellKey("r2", "unit_name"))
