"""Importing workbooks: the app's own export (lossless), hand-filled official forms in the ways
people fill them, the seed's 附件2 as printed, and every kind of unreadable file refused whole."""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.xlsx import write_xlsx
from forms.grid import Layout
from forms.kinds import Kind
from forms.registry import FORMS
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.spec import FormSpec, RowStyle
from importers.importing import IMPORTED, REJECTED, REPLACED, import_file
from storage.sample import create_sample
from storage.store import Store

DATA = Path(__file__).parent / "data"
SPECS = {spec.key: spec for spec in FORMS}
UNIT = "示例县应急管理局"
YEAR = 2024

# The figures a county fills in, as canonical texts (kinds parse them).
A2 = {
    "license": ("148", "178"),
    "confirmation": ("0", "0"),
    "inspection": ("295", "190"),
    "fines": ("9217701", "4199252.5"),
}
A3 = {"penalty": ("134", "76"), "fines": ("30000", "307000")}
A4 = [{"posts": "79", "admin_staff": "44", "monitoring_area": "危险化学品", "monitoring_fines": "12.5"}]
A5 = [
    {
        "unit_name": "示例县应急管理综合行政执法大队",
        "uses_platform": "是",
        "transferred": "1",
        "criminal_not_filed": "1",
    },
    {"unit_name": "示例县某乡镇", "uses_platform": "否", "transferred": "0"},
]


def _label(text: str, style: str) -> str:
    if style == "fullwidth":
        return text.replace("(", "（").replace(")", "）")
    if style == "messy":  # a line break and spaces typed inside the header
        return (text[:2] + "\n" + text[2:]).replace("(", " (")
    if style == "no units":  # 行政许可 for 行政许可(件): the field's noun alone
        return text.split("(")[0] if text.endswith(")") else text
    return text


def _number(text: str, style: str) -> object:
    if style == "text":
        return text
    if style == "grouped" and "." not in text and len(text) > 3:
        return f"{int(text):,}"
    return float(text) if "." in text else int(text)


def write_form(
    ws, spec: FormSpec, *, top: int = 1, left: int = 1, style: str = "plain", numbers: str = "number"
) -> int:
    """An official form as a clerk fills it by hand at (top, left); returns the next free row."""
    layout = Layout(spec, YEAR)
    ws.cell(top, left, f"附件{spec.number}")
    ws.cell(top + 1, left, spec.title_for(YEAR).replace("年", " 年", 1) if style == "messy" else spec.title_for(YEAR))
    ws.cell(top + 2, left, f"填报单位：{UNIT}" if style != "messy" else "填报单位:")
    if style == "messy":
        ws.cell(top + 2, left + 2, UNIT)
    ws.cell(top + 2, left + 6, "联系人和联系方式：李四 0731-5550123")
    head = top + 3 + (1 if style == "messy" else 0)  # a blank row before the header
    for h in layout.header:
        text = h.text
        if h.text.isdigit() and h.row == layout.depth - 1:
            value: object = f"{text}年" if style == "messy" else int(text)
        else:
            value = _label(text, style)
        ws.cell(head + h.row, left + h.col, value)
    row = head + layout.depth
    if style == "messy":
        row += 1  # a blank row between the header and the figures
    col_of = {(c.field.key, c.period): left + i for i, c in enumerate(layout.columns) if c.field is not None}
    if spec.rows is RowStyle.COMPARISON:
        figures = A2 if spec.key == "a2" else A3
        ws.cell(row, left, 1)
        ws.cell(row, col_of[("unit_name", 0)], UNIT)
        for key, (prev, cur) in figures.items():
            ws.cell(row, col_of[(key, YEAR - 1)], _number(prev, numbers))
            ws.cell(row, col_of[(key, YEAR)], _number(cur, numbers))
        ws.cell(row + 1, left, 2)
        ws.cell(row + 1, left + 1, "同比增减")
        ws.cell(row + 2, left, 3)
        ws.cell(row + 2, left + 1, "数据变化原因简析")
        ws.cell(
            row + 2,
            col_of[("inspection", YEAR - 1)] if spec.key == "a2" else col_of[("penalty", YEAR - 1)],
            "减少，主要原因：（一）专项检查减少",
        )
        row += 3
    else:
        for i, values in enumerate(A4 if spec.key == "a4" else A5):
            ws.cell(row, left, i + 1)
            for key, text in values.items():
                kind = spec.field(key).kind
                ws.cell(row, col_of[(key, 0)], _number(text, numbers) if kind.numeric else text)
            row += 1
            if style == "messy":
                row += 1  # blank rows between the filled ones
        for i in range(2):
            ws.cell(row, left, len(A4 if spec.key == "a4" else A5) + i + 1)  # the form's empty numbered rows
            row += 1
    ws.cell(row, left, f"{spec.notes_heading}1. {spec.notes_for(YEAR)[0]}")
    return row + 2


def expected(spec: FormSpec) -> dict[CellKey, object]:
    out: dict[CellKey, object] = {}
    if spec.rows is RowStyle.COMPARISON:
        out[CellKey(MAIN_ROW, "unit_name")] = UNIT
        for key, (prev, cur) in (A2 if spec.key == "a2" else A3).items():
            kind = spec.field(key).kind
            out[CellKey(MAIN_ROW, key, YEAR - 1)] = kind.parse(prev)
            out[CellKey(MAIN_ROW, key, YEAR)] = kind.parse(cur)
        reason_key = "inspection" if spec.key == "a2" else "penalty"
        out[CellKey(REASON_ROW, reason_key)] = "减少，主要原因：（一）专项检查减少"
    else:
        for i, values in enumerate(A4 if spec.key == "a4" else A5):
            for key, text in values.items():
                out[CellKey(f"r{i + 1}", key)] = spec.field(key).kind.parse(text)
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "city.sqlite3")
    yield s
    s.close()


def _stored(store: Store, unit: str = UNIT, year: int = YEAR) -> dict[str, dict[CellKey, object]]:
    data = store.report_data(store.require_report(unit, year), with_text=False)
    return {form.spec.key: dict(form.values) for form in data.forms}


# --- the app's own export ---------------------------------------------------------------


def _sheet_contents(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = [
            (c.coordinate, c.value, c.number_format)
            for row in ws.iter_rows()
            for c in row
            if not (ws.title == "_填报助手" and c.coordinate == "B9")  # exported_at
        ]
    return out


def test_own_export_round_trips_losslessly(tmp_path: Path) -> None:
    source = Store(tmp_path / "county.sqlite3")
    report = create_sample(source)
    a2, a4 = SPECS["a2"], SPECS["a4"]
    source.set_values(
        report.id,
        a2,
        {
            CellKey(MAIN_ROW, "fines", YEAR): Decimal("1234567.8"),
            CellKey(REASON_ROW, "penalty"): "-较上年减少，详见“说明”\n第二行",
            CellKey(REASON_ROW, "license"): "=见说明",
        },
    )
    source.set_values(report.id, a4, {CellKey("r2", "monitoring_fines"): Decimal("316.458026")})
    first = tmp_path / "first.xlsx"
    write_xlsx(first, source.report_data(report))

    target = Store(tmp_path / "city.sqlite3")
    result = import_file(target, first)
    assert result.status == IMPORTED, result.message
    assert result.disagreements == []
    again = target.require_report(report.unit, report.year)
    assert _stored(target, report.unit, report.year) == _stored(source, report.unit, report.year)
    assert target.report(again.id).contact_line() == source.report(report.id).contact_line()
    second = tmp_path / "second.xlsx"
    write_xlsx(second, target.report_data(again))
    assert _sheet_contents(second) == _sheet_contents(first)


# --- hand-filled official forms -----------------------------------------------------------


HAND_FILLED = [
    ("plain", "number", "sheet per form"),
    ("no units", "number", "sheet per form"),
    ("fullwidth", "text", "sheet per form, other names and order"),
    ("messy", "grouped", "all in one sheet, shifted"),
    ("messy", "text", "one file per form"),
]


@pytest.mark.parametrize(("style", "numbers", "layout"), HAND_FILLED)
def test_hand_filled_forms_read_by_their_headers(
    tmp_path: Path, store: Store, style: str, numbers: str, layout: str
) -> None:
    assert_hand_filled_read(store, hand_filled_files(tmp_path, style, numbers, layout))


def hand_filled_files(folder: Path, style: str, numbers: str, layout: str) -> list[Path]:
    """The forms filled by hand in one of ``HAND_FILLED``'s ways, saved as .xlsx in ``folder``."""
    files = []
    if layout == "one file per form":
        for spec in FORMS:
            wb = openpyxl.Workbook()
            write_form(wb.active, spec, style=style, numbers=numbers)
            files.append(folder / f"{spec.key}.xlsx")
            wb.save(files[-1])
    else:
        wb = openpyxl.Workbook()
        if layout.startswith("all in one"):
            ws, row = wb.active, 3
            for spec in FORMS:
                row = write_form(ws, spec, top=row, left=3, style=style, numbers=numbers) + 2
        else:
            wb.remove(wb.active)
            order = reversed(FORMS) if "order" in layout else FORMS
            for spec in order:
                name = f"Sheet{spec.number}" if "names" in layout else spec.label
                write_form(wb.create_sheet(name), spec, style=style, numbers=numbers)
        files.append(folder / "county.xlsx")
        wb.save(files[0])
    return files


def assert_hand_filled_read(store: Store, files: list[Path]) -> None:
    """Every file imported, and the store holding exactly the figures the clerk filled in."""
    for path in files:
        result = import_file(store, path)
        assert not result.rejected, result.message
        assert (result.unit, result.year) == (UNIT, YEAR)
        assert result.notes == [], result.notes
    stored = _stored(store)
    for spec in FORMS:
        assert stored[spec.key] == expected(spec), spec.key
    report = store.require_report(UNIT, YEAR)
    assert report.contact_person == "李四" and report.contact_phone == "0731-5550123"
    data = store.report_data(report, with_text=False)
    assert data.form("a5").rows == ["r1", "r2"]  # the form's empty numbered rows are not rows
    assert len(store.reports()) == 1


def test_blank_and_zero_stay_apart(tmp_path: Path, store: Store) -> None:
    wb = openpyxl.Workbook()
    write_form(wb.active, SPECS["a2"])
    path = tmp_path / "a2.xlsx"
    wb.save(path)
    import_file(store, path)
    a2 = _stored(store)["a2"]
    assert a2[CellKey(MAIN_ROW, "confirmation", YEAR)] == 0
    assert CellKey(MAIN_ROW, "coercion", YEAR) not in a2  # left blank: not filled, not 0


# --- the seed's 附件2 as the seed prints it --------------------------------------------------


def seed_workbook(path: Path, *, as_numbers: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r, line in enumerate((DATA / "seed_a2.tsv").read_text(encoding="utf-8").splitlines(), start=1):
        for c, text in enumerate(line.split("\t"), start=1):
            if text == "":
                continue
            value: object = text
            if as_numbers and text.isdigit():
                value = int(text)
            elif as_numbers and text.endswith("%"):
                ws.cell(r, c).number_format = "0.00%"
                value = float(Decimal(text[:-1]) / 100)
            ws.cell(r, c, value)
    wb.save(path)
    return path


@pytest.mark.parametrize("as_numbers", [False, True])
def test_seed_a2_imports_and_its_two_wrong_yoy_cells_are_reported(
    tmp_path: Path, store: Store, as_numbers: bool
) -> None:
    result = import_file(store, seed_workbook(tmp_path / "seed.xlsx", as_numbers=as_numbers))
    assert result.status == IMPORTED, result.message
    assert (result.unit, result.year) == ("湘潭市应急管理局", 2024)
    assert result.disagreements == [
        "附件2 行政检查 同比增减 填写为 -26.64%，按数据应为 -35.59%",
        "附件2 行政处罚 同比增减 填写为 -47.3%，按数据应为 -46.94%",
    ]
    a2 = _stored(store, "湘潭市应急管理局", 2024)["a2"]
    assert a2[CellKey(MAIN_ROW, "inspection", 2023)] == 295
    assert a2[CellKey(MAIN_ROW, "fines", 2024)] == Decimal("4199252")
    assert a2[CellKey(REASON_ROW, "license")] == "市场经营行为, 自然增加"
    assert CellKey(MAIN_ROW, "confirmation", 2024) in a2  # 0 is a figure


# --- corrected files ------------------------------------------------------------------------


def test_a_corrected_file_replaces_the_units_year_and_lists_the_changes(tmp_path: Path, store: Store) -> None:
    wb = openpyxl.Workbook()
    write_form(wb.active, SPECS["a2"])
    path = tmp_path / "a2.xlsx"
    wb.save(path)
    assert import_file(store, path).status == IMPORTED
    ws = wb.active
    for row in ws.iter_rows():
        for c in row:
            if c.value == 190:
                c.value = 200
    wb.save(path)
    result = import_file(store, path)
    assert result.status == REPLACED
    assert result.changes == ["附件2 行政检查(2024)：190 → 200"]
    assert len(store.reports()) == 1
    assert _stored(store)["a2"][CellKey(MAIN_ROW, "inspection", YEAR)] == 200


# --- files that cannot be read: refused whole, database untouched -------------------------------


def _bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.xlsx"
    wb = openpyxl.Workbook()
    write_form(wb.active, SPECS["a2"])
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    entities = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = entities + sheet.replace("<t>&#38468;&#20214;2</t>", "<t>&i;</t>", 1)  # 10^9 characters if expanded
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _filled(tmp_path: Path, name: str = "ok.xlsx") -> Path:
    wb = openpyxl.Workbook()
    write_form(wb.active, SPECS["a2"])
    path = tmp_path / name
    wb.save(path)
    return path


def _text_in_number(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    write_form(wb.active, SPECS["a2"])
    for row in wb.active.iter_rows():
        for c in row:
            if c.value == 295:
                c.value = "约三百"
                where = c.coordinate
    path = tmp_path / f"text-{where}.xlsx"
    wb.save(path)
    return path


def _truncated(tmp_path: Path) -> Path:
    path = _filled(tmp_path, "truncated.xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def _locked(tmp_path: Path) -> Path:
    """A workbook saved with an open password, as Excel/WPS write it (agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _filled(tmp_path, "plain.xlsx")
    path = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("1234", target)
    return path


def _no_attachment(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "通讯录"
    path = tmp_path / "other.xlsx"
    wb.save(path)
    return path


BAD = {
    "not xlsx": (
        lambda p: (p / "notes.xlsx").write_text("这不是表格", encoding="utf-8") and p / "notes.xlsx",
        "不是 Excel 工作簿",
    ),
    "truncated": (_truncated, "不完整或已损坏"),
    "damaged xls": (  # an OLE file's signature and nothing of one after it (a plain .xls is read)
        lambda p: (p / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)) and p / "old.xls",
        "文件不完整或已损坏",
    ),
    "password": (
        lambda p: (
            (p / "locked.xlsx").write_bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptionInfo".encode("utf-16-le") + bytes(100)
            )
            and p / "locked.xlsx"
        ),
        "打开密码",
    ),
    "xml bomb": (_bomb, "工作表“Sheet”含有不安全的 XML 声明"),
    "no attachment": (_no_attachment, "找不到任何附件表"),
    "text in a number": (_text_in_number, "附件2 工作表“Sheet”"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_unreadable_files_are_refused_whole(tmp_path: Path, store: Store, case: str) -> None:
    import_file(store, _filled(tmp_path))  # something in the database already
    make, words = BAD[case]
    path = make(tmp_path)
    before = digest(store.path)
    result = import_file(store, path)
    assert result.status == REJECTED
    assert result.message.startswith(path.name) and words in result.message and "\n" not in result.message
    assert digest(store.path) == before
    if case == "text in a number":
        cell = path.stem.split("-")[1]
        assert f"{cell}：行政检查：" in result.message and "约三百" in result.message


def test_text_where_a_number_belongs_rolls_back_every_form_of_the_file(tmp_path: Path, store: Store) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in FORMS:
        write_form(wb.create_sheet(spec.label), spec)
    wb["附件5"]["D7"] = "一件"  # the last form read: nothing of the file may be stored
    path = tmp_path / "county.xlsx"
    wb.save(path)
    result = import_file(store, path)
    assert result.rejected and "附件5 工作表“附件5”D7" in result.message
    assert store.reports() == []
    assert Kind.COUNT.numeric


# --- open-ended values survive the round trip ----------------------------------------------------

_COUNTS = st.integers(min_value=0, max_value=10**15 - 1)
_AMOUNTS = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False)
_TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    counts=st.lists(st.one_of(st.none(), _COUNTS), min_size=4, max_size=4),
    amounts=st.lists(st.one_of(st.none(), _AMOUNTS), min_size=2, max_size=2),
    reason=_TEXTS,
    name=_TEXTS,
)
def test_any_figures_and_texts_round_trip(tmp_path_factory, counts, amounts, reason, name) -> None:
    folder = tmp_path_factory.mktemp("rt")
    source = Store(":memory:")
    report = source.create_report(UNIT, YEAR)
    a2, a5 = SPECS["a2"], SPECS["a5"]
    values = {
        CellKey(MAIN_ROW, "license", YEAR - 1): counts[0],
        CellKey(MAIN_ROW, "license", YEAR): counts[1],
        CellKey(MAIN_ROW, "transfers", YEAR): counts[2],
        CellKey(MAIN_ROW, "fines", YEAR - 1): None if amounts[0] is None else Kind.MONEY.parse(str(amounts[0])),
        CellKey(MAIN_ROW, "fines", YEAR): None if amounts[1] is None else Kind.MONEY.parse(str(amounts[1])),
        CellKey(REASON_ROW, "license"): Kind.TEXT.parse(reason),
    }
    source.set_values(report.id, a2, values)
    source.set_values(
        report.id, a5, {CellKey("r1", "unit_name"): Kind.LINE.parse(name), CellKey("r3", "transferred"): counts[3]}
    )
    path = folder / "export.xlsx"
    write_xlsx(path, source.report_data(report))
    target = Store(":memory:")
    result = import_file(target, path)
    assert result.status == IMPORTED, result.message
    assert _stored(target) == _stored(source)
    assert target.report_data(target.require_report(UNIT, YEAR)).form("a5").rows == ["r1", "r2", "r3", "r4"]


def test_rows_without_numbers_are_read_too(tmp_path: Path, store: Store) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in FORMS:
        ws = wb.create_sheet(spec.label)
        write_form(ws, spec)
        for row in ws.iter_rows(min_row=6, max_col=1):
            if isinstance(row[0].value, int):
                row[0].value = None  # the clerk left 序号 empty
    path = tmp_path / "unnumbered.xlsx"
    wb.save(path)
    result = import_file(store, path)
    assert result.status == IMPORTED, result.message
    stored = _stored(store)
    for spec in FORMS:
        assert stored[spec.key] == expected(spec), spec.key


# --- 填报单位 lines that do not agree: 附件2's is the unit, the others a 提示 ---------------------------


def _with_fillers(tmp_path: Path, fillers: dict[str, str], forms: tuple[FormSpec, ...] = FORMS) -> Path:
    """The attachments on a sheet each, with the 填报单位 lines of ``fillers`` (by form key) in place of UNIT."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in forms:
        ws = wb.create_sheet(spec.label)
        write_form(ws, spec)
        if spec.key in fillers:
            ws.cell(3, 1, f"填报单位：{fillers[spec.key]}")
    path = tmp_path / "county.xlsx"
    wb.save(path)
    return path


FULL, SHORT = "湘潭市应急管理局", "市应急管理局"  # the seed's 附件4 writes the short one


@pytest.mark.parametrize(
    "fillers",
    [{"a2": FULL, "a3": FULL, "a4": SHORT, "a5": FULL}, {"a2": SHORT, "a3": FULL, "a4": FULL, "a5": SHORT}],
    ids=["附件4 short", "附件2 short"],
)
def test_a_unit_name_lacking_a_prefix_the_file_gives_elsewhere_is_the_same_unit(
    tmp_path: Path, store: Store, fillers: dict[str, str]
) -> None:
    result = import_file(store, _with_fillers(tmp_path, fillers))
    assert result.status == IMPORTED, result.message
    assert (result.unit, result.notes) == (FULL, [])
    assert store.require_report(FULL, YEAR).filler_line() == f"填报单位：{FULL}"


def test_differing_units_take_a2s_and_name_the_other_sheets_in_a_hint(tmp_path: Path, store: Store) -> None:
    import main as app

    path = _with_fillers(tmp_path, {"a3": "乙县应急管理局", "a5": "丙县应急管理局"})
    result = import_file(store, path)
    assert result.status == IMPORTED, result.message
    assert result.unit == UNIT
    said = [
        "附件3（工作表“附件3”）的填报单位为“乙县应急管理局”，与附件2的“示例县应急管理局”不同，已按“示例县应急管理局”导入",
        "附件5（工作表“附件5”）的填报单位为“丙县应急管理局”，与附件2的“示例县应急管理局”不同，已按“示例县应急管理局”导入",
    ]
    assert result.notes == said
    assert [d for d in result.details() if d.startswith("提示：")] == [f"提示：{n}" for n in said]
    assert [r.unit for r in store.reports()] == [UNIT]
    store.close()
    out = io.StringIO()
    fresh = tmp_path / "cli.sqlite3"  # into the same database the same file again would change nothing
    with contextlib.redirect_stdout(out):  # the command line says the same under the file's line
        assert app.main(["import", "--db", str(fresh), str(path)]) == 0
    assert [line for line in out.getvalue().splitlines() if "提示：" in line] == [f"\t提示：{n}" for n in said]


def test_without_a2_the_first_attachment_in_print_order_names_the_unit(tmp_path: Path, store: Store) -> None:
    forms = tuple(s for s in FORMS if s.key != "a2")[::-1]  # sheets in reverse: print order still decides
    path = _with_fillers(tmp_path, {"a3": "乙县应急管理局", "a4": "丙县应急管理局", "a5": "乙县应急管理局"}, forms)
    result = import_file(store, path)
    assert result.status == IMPORTED, result.message
    assert result.unit == "乙县应急管理局"
    assert result.notes == [
        "附件4（工作表“附件4”）的填报单位为“丙县应急管理局”，与附件3的“乙县应急管理局”不同，已按“乙县应急管理局”导入"
    ]
