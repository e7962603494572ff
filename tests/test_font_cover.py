"""校对 of the characters the chosen fonts cannot print (issue 24, item 1): GB 2312 for the official
fonts (its middle dot and dash as the text holds them: U+00B7, U+2014), the cmap of stand-in font files
for the Windows fonts, the title and the unit names included; the fix offered is the switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.ttLib import TTCollection

from forms.audit import audit
from forms.findings import CellLocation, ContactLocation, TextLocation
from forms.font_cover import FONT_CODE, GOVERNMENT, WINDOWS, check_fonts, unprintable
from forms.report import MAIN_ROW, CellKey, Fonts, ReportData, ReportText, Section
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


@pytest.mark.parametrize("name", SEEDS)
def test_the_seeds_print_in_the_official_fonts_but_000s_traditional_character(name: str) -> None:
    found = check_fonts(_data(seed_report(name)))
    assert [f.message.split("中的")[1][:3] for f in found] == (["“員”"] if name == "000" else [])


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
    folder = stand_in_fonts(tmp_path / "Fonts", "某县镕鎔正文。我局两字基本情况应急管理", kai_lacks="鎔")
    chars = windows_chars(folder)
    assert chars is not None and ord("镕") in chars and ord("鎔") not in chars
    fonts = Fonts(WINDOWS, chars)
    (finding,) = check_fonts(_data(_text("某县", "我局镕鎔两字。"), fonts))
    assert finding.where == TextLocation("s1", "body", (3, 4)) and finding.fix == ""
    assert "“鎔”不在所选字体（仿宋、楷体、宋体、黑体）的字库里" in finding.message


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
