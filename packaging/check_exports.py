"""Reopen the Windows program's exports on Linux and compare them with this checkout's export of the sample.

    python3 packaging/check_exports.py FROZEN.xlsx FROZEN.docx

Used by build-windows.sh after the frozen `tianbao-cli.exe sample` + `export`: every cell of every sheet and
every paragraph and table cell of the Word report must equal what `main.py` writes here for the same sample.
Prints a summary line; exits 1 with the first difference.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
UNIT, YEAR = "示例市应急管理局", "2024"


def sheets(path: Path) -> dict[str, list[tuple]]:
    book = load_workbook(path)
    # The export's own time stamp (in the hidden metadata sheet) is the one value allowed to differ.
    return {
        sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True) if row[:1] != ("exported_at",)]
        for sheet in book.worksheets
    }


def document(path: Path) -> list[str]:
    doc = Document(str(path))
    lines = [paragraph.text for paragraph in doc.paragraphs]
    for table in doc.tables:
        lines.extend(cell.text for row in table.rows for cell in row.cells)
    return lines


def linux_export(folder: Path) -> tuple[Path, Path]:
    db, xlsx, docx = folder / "linux.sqlite3", folder / "linux.xlsx", folder / "linux.docx"
    main = [sys.executable, str(ROOT / "main.py")]
    subprocess.run([*main, "sample", "--db", str(db)], check=True, capture_output=True)
    subprocess.run(
        [*main, "export", "--db", str(db), "--unit", UNIT, "--year", YEAR, "--xlsx", str(xlsx), "--docx", str(docx)],
        check=True,
        capture_output=True,
    )
    return xlsx, docx


def first_difference(name: str, ours: list, theirs: list) -> str | None:
    for index, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            return f"{name} item {index}: Windows {a!r} != Linux {b!r}"
    if len(ours) != len(theirs):
        return f"{name}: Windows has {len(ours)} items, Linux {len(theirs)}"
    return None


def main() -> int:
    frozen_xlsx, frozen_docx = Path(sys.argv[1]), Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as folder:
        xlsx, docx = linux_export(Path(folder))
        ours, theirs = sheets(frozen_xlsx), sheets(xlsx)
        problems = [first_difference("sheet names", list(ours), list(theirs))]
        problems += [first_difference(f"sheet {name}", ours[name], theirs.get(name, [])) for name in ours]
        problems.append(first_difference("Word report", document(frozen_docx), document(docx)))
    problems = [p for p in problems if p]
    if problems:
        print("\n".join(problems))
        return 1
    cells = sum(len(row) for rows in ours.values() for row in rows)
    numbers = sum(isinstance(v, int | float) for rows in ours.values() for row in rows for v in row)
    print(f"same as the Linux export: {len(ours)} sheets, {cells} cells ({numbers} numbers), the Word report's text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
