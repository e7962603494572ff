"""Every valid report exports: random reports (empty lists, odd Unicode, numbers at their limits)
are written to .xlsx and .docx, reopened with openpyxl and python-docx, and compared with the
database value by value."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from exporters.report_export import export_report
from exporters.xlsx import FIRST_HEADER_ROW, META_SHEET
from forms import kinds as vk
from forms import text_edits as edits
from forms.errors import InputError
from forms.grid import Layout, Role
from forms.kinds import AMOUNT_DIGITS, Kind, MoneyKind, ValueKind
from forms.registry import FORMS
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.spec import Field, FormSpec, RowStyle
from storage.report_text import ReportTexts
from storage.store import Store
from tests.support.ooxml import assert_valid
from tests.support.texts import edit_text

FORMULA_LIKE = ["=见说明", "-较上年减少", "+1", "@某人", "=SUM(A1:A2)", '=HYPERLINK("http://x")']
# Text as clerks paste it from Word: soft breaks, page breaks, NUL, ESC, tabs, emoji, RTL, surrogates.
ODD = st.sampled_from(["\x0b", "\x0c", "\x00", "\x1b", "\t", "\r\n", "😀", "\u202e", "\ud800", "\ufffe", "，：（一）"])
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(ODD, st.text(max_size=8)), max_size=12).map("".join),
    st.sampled_from(FORMULA_LIKE),
)
SIGNIFICANT = 10**AMOUNT_DIGITS  # what an amount may have (forms/kinds.py): a spreadsheet shows it exactly


def parsed(kind: ValueKind, text: str) -> vk.Stored:
    try:
        return kind.parse(text)
    except InputError:
        return None


def value_strategy(field: Field) -> st.SearchStrategy[vk.Stored]:
    if field.kind is Kind.COUNT:
        numbers = st.one_of(st.sampled_from([0, 1, 10**15 - 1]), st.integers(0, 10**15 - 1))
        return numbers.map(lambda n: parsed(Kind.COUNT, str(n)))
    if isinstance(field.kind, MoneyKind):
        kind = field.kind
        units = st.one_of(st.sampled_from([0, 1, SIGNIFICANT - 1]), st.integers(0, SIGNIFICANT - 1))
        return units.map(lambda n: parsed(kind, str(Decimal(n).scaleb(-kind.places))))
    if field.kind is Kind.YESNO:
        return st.sampled_from(["是", "否", None])
    return TEXT.map(lambda t: parsed(field.kind, t))


@st.composite
def form_values(draw: st.DrawFn, spec: FormSpec) -> tuple[list[str], dict[CellKey, vk.Stored]]:
    fields = spec.fields()
    rows = [MAIN_ROW] if spec.rows is RowStyle.COMPARISON else [f"r{i + 1}" for i in range(draw(st.integers(0, 6)))]
    values: dict[CellKey, vk.Stored] = {}
    for row in rows:
        for field in fields:
            periods = (0,) if not field.paired else (2023, 2024)
            for period in periods:
                if draw(st.booleans()):
                    values[CellKey(row, field.key, period)] = draw(value_strategy(field))
    if spec.rows is RowStyle.COMPARISON:
        for field in spec.paired_fields():
            if draw(st.booleans()):
                values[CellKey(REASON_ROW, field.key)] = draw(TEXT.map(lambda t: parsed(Kind.TEXT, t)))
    return rows, values


def clean_name(text: str) -> str:
    return Kind.LINE.parse(text) or "某县应急管理局"


REPORT = st.fixed_dictionaries(
    {
        "unit": st.one_of(TEXT.map(clean_name), st.text(min_size=100, max_size=100).map(clean_name)),
        "person": TEXT,
        "phone": TEXT,
        "title": TEXT,
        "bodies": st.lists(TEXT, max_size=4),
        "forms": st.tuples(*(form_values(spec) for spec in FORMS)),
    }
)


def build(store: Store, case: dict):
    report = store.create_report(
        case["unit"][:100], 2024, contact_person=case["person"][:200].strip() or "", contact_phone=case["phone"][:200]
    )
    for spec, (rows, values) in zip(FORMS, case["forms"], strict=True):
        if spec.rows is RowStyle.LIST:
            for row in store.form_data(report, spec).rows:
                store.remove_row(report.id, spec, row)
            for row in rows:
                key = store.add_row(report.id, spec)
                assert key == row
        store.set_values(report.id, spec, values)
    texts = ReportTexts(store)
    if case["title"].strip():
        edit_text(store, report, edits.set_title, case["title"][:200])
    for section, body in zip(texts.get(report).sections, case["bodies"], strict=False):
        edit_text(store, report, edits.set_body, section.key, body)
    return report


def check_workbook(path: Path, store: Store, report) -> None:
    wb = load_workbook(path)
    data = store.report_data(report)
    for form in data.forms:
        ws = wb[form.spec.label]
        layout = Layout(form.spec, report.year)
        first = FIRST_HEADER_ROW + layout.depth
        for i, cells in enumerate(layout.printed_body(form, data.places)):
            for cell in cells:
                got = ws.cell(first + i, cell.col + 1)
                if cell.role in (Role.VALUE, Role.REASON):
                    expected = cell.value
                    if isinstance(expected, Decimal | int) and not isinstance(expected, bool):
                        assert Decimal(str(got.value)) == expected, (form.spec.label, cell.key)
                    else:
                        assert got.value == expected, (form.spec.label, cell.key)
                        assert got.data_type == ("s" if expected else "n")
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} became a formula"
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows()}
    assert meta["unit"] == report.unit
    assert (meta["contact_person"] or "") == report.contact_person
    assert (meta["contact_phone"] or "") == report.contact_phone
    assert all(c.data_type != "f" for row in wb[META_SHEET].iter_rows() for c in row)


def check_document(path: Path, store: Store, report) -> None:
    doc = Document(str(path))
    data = store.report_data(report)
    assert data.text is not None
    tables = [f for f in data.forms if f.spec.key in data.text.attachments]
    assert len(doc.tables) == len(tables)
    for table, form in zip(doc.tables, tables, strict=True):
        layout = Layout(form.spec, report.year)
        for i, cells in enumerate(layout.printed_body(form, data.places)):
            row = table.rows[layout.depth + i]
            for cell in cells:
                assert row.cells[cell.col].text == cell.text, (form.spec.label, i, cell.col)
    assert len(doc.core_properties.title or "") <= 255


# 25 examples by default (tests/conftest.py's profile), at most 40 under CI: each example writes and
# validates both files (≈1.3 s), so CI's 200 alone took ≈6 of the suite's 10 minutes, and 80 held one of
# the two workers for the whole run.
EXPORTS_MAX = 40


@settings(
    max_examples=min(EXPORTS_MAX, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(REPORT)
def test_every_valid_report_exports_and_reads_back(case):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "tianbao.sqlite3")
        try:
            report = build(store, case)
            xlsx, docx = Path(folder) / "附表.xlsx", Path(folder) / "报告.docx"
            export_report(store, report.unit, report.year, xlsx=xlsx, docx=docx)
            check_workbook(xlsx, store, report)
            check_document(docx, store, report)
            assert_valid(xlsx)  # Excel/Word open both without a repair prompt (issue 10's validator)
            assert_valid(docx)
        finally:
            store.close()


def test_two_hundred_rows_and_an_empty_list_export(store, tmp_path):
    report = store.create_report("某县应急管理局", 2024, contact_person="王小明", contact_phone="0731-5550199")
    a4 = next(s for s in FORMS if s.key == "a4")
    a5 = next(s for s in FORMS if s.key == "a5")
    for row in store.form_data(report, a5).rows:
        store.remove_row(report.id, a5, row)  # no 两法衔接 case this year
    for _ in range(196):
        store.add_row(report.id, a4)
    rows = store.form_data(report, a4).rows
    assert len(rows) == 200
    store.set_values(report.id, a4, {CellKey(r, "posts"): i for i, r in enumerate(rows)})
    xlsx, docx = tmp_path / "附表.xlsx", tmp_path / "报告.docx"
    export_report(store, report.unit, report.year, xlsx=xlsx, docx=docx)
    check_workbook(xlsx, store, report)
    check_document(docx, store, report)
    ws = load_workbook(xlsx)["附件5"]
    first = FIRST_HEADER_ROW + Layout(a5, 2024).depth
    assert ws.cell(first, 2).value == "无"
