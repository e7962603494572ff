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
