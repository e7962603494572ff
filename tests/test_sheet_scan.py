"""The guard's one-pass worksheet scan (importers/sheet_scan.py) gives the element callbacks' answers,
on hand-filled forms, our export and their mutations, or leaves the part to the callbacks."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest

from importers import guard
from importers.cell_span import Spans
from importers.sheet_scan import scan_worksheet
from tests.test_import import hand_filled_files, write_form

_MUTATIONS = {
    "as written": lambda d, rnd: d,
    "a byte": lambda d, rnd: d[: (i := rnd.randrange(len(d)))] + bytes([rnd.randrange(256)]) + d[i + 1 :],
    "no references": lambda d, rnd: d.replace(b' r="', b' q="', rnd.randint(1, 6)),
    "a formula": lambda d, rnd: d.replace(b"><v>", b"><f>A1</f><v>", 1),
    "a formula without a result": lambda d, rnd: d.replace(b"><v>", b"><f>A1</f><v></v><v>", 1),
    "a result of text": lambda d, rnd: d.replace(b' t="n"', b' t="str"', 1).replace(b"><v>", b"><f>1</f><v/><v>", 1),
    "an empty cell far out": lambda d, rnd: d.replace(b"<c ", b'<c r="ZZ900" s="0"/><c ', 1),
    "a filled cell far out": lambda d, rnd: d.replace(b"<c ", b'<c r="ZZ900"><v>7</v></c><c ', 1),
    "a space before the value": lambda d, rnd: d.replace(b'"><v>', b'"> <v>', 1),
    "a far cell": lambda d, rnd: d.replace(b'<c r="A1"', b'<c r="XFD1048576"', 1),
    "an inline string": lambda d, rnd: d.replace(b"<v>", b"<is><t>x</t></is><v>", 1),
}


def _sheets(tmp_path: Path) -> list[bytes]:
    wb = openpyxl.Workbook()
    from forms.registry import FORMS

    for spec in FORMS:
        write_form(wb.create_sheet(spec.label), spec, style="messy", numbers="text")
    wb.save(tmp_path / "messy.xlsx")
    files = [tmp_path / "messy.xlsx", *hand_filled_files(tmp_path, "plain", "number", "sheet per form")]
    out = []
    for path in files:
        with zipfile.ZipFile(path) as zf:
            out += [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    return out


@pytest.mark.parametrize("mutation", list(_MUTATIONS))
def test_the_scan_agrees_with_the_callbacks(tmp_path: Path, mutation: str) -> None:
    rnd = random.Random(mutation)
    scanned = 0
    for base in _sheets(tmp_path):
        for _ in range(4):
            data = _MUTATIONS[mutation](base, rnd)
            spans, formulas, sheets = Spans(), [], guard.Sheets()
            scan = guard.PartScan("xl/worksheets/sheet1.xml", sheets, formulas, spans)
            try:
                guard._feed(tmp_path / "x.xlsx", scan.name, io.BytesIO(data), sheets, scan)
            except guard.UserError:
                continue  # refused by the parse itself, before any scan
            fast = Spans()
            found = scan_worksheet(data, scan.label, fast, guard.MAX_ROW_CELLS, guard.MAX_SHEET_CELLS)
            if found is None:
                continue  # left to the callbacks
            scanned += 1
            assert found == [f.cell for f in formulas] and fast.far == spans.far, data[:300]
    assert scanned > 0  # the scan decided something in every mutation


_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet'
    '+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def _book(path: Path, sheet: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in _PARTS.items():
            zf.writestr(name, text)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _sheet(prefix: bytes, namespace: bytes = _MAIN, cells: bytes = b"") -> bytes:
    q = prefix + b":" if prefix else b""
    declared = b" xmlns:" + prefix + b'="' + namespace + b'"' if prefix else b""
    cells = cells or b"<" + q + b'c r="B1"><' + q + b"f>1+1</" + q + b"f></" + q + b"c>"  # a formula, no result
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + namespace + b'"' + declared
        + b'><sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"
    )  # fmt: skip


@pytest.mark.parametrize(
    "sheet",
    [_sheet(b""), _sheet("前".encode()), _sheet(b"x"), _sheet(b"", b"urn:made-up")],
    ids=["plain", "a prefix of Chinese", "a prefix", "a made-up namespace"],
)
def test_a_cell_under_any_prefix_or_namespace_is_checked(tmp_path: Path, sheet: bytes) -> None:
    # calamine reads B1 in each (its cells by their local names), so the guard must look at each
    with pytest.raises(guard.UserError, match="B1 是公式，但文件里没有保存计算结果"):
        guard.check_package(_book(tmp_path / "x.xlsx", sheet))


def test_a_part_of_countless_cells_is_refused_without_listing_them(tmp_path: Path) -> None:
    import tracemalloc

    data = _sheet(b"", cells=b"<c/>" * 2_000_000)  # 8 MB of cells, a few KB zipped
    tracemalloc.start()
    with pytest.raises(Exception, match="有超过 500000 个单元格"):
        scan_worksheet(data, "S", Spans(), guard.MAX_ROW_CELLS, guard.MAX_SHEET_CELLS)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5 * 2**20  # a list of the matches took ≈30 MB here (≈700 MB for a 50 MB part)
