"""County workbooks for the city's board: each county's own export, imported into the city's file as a
clerk would (importers/importing.py), the file's record kept (storage/imported_files.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from exporters.xlsx import write_xlsx
from forms.registry import FORMS
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from importers.city import build_aggregate
from importers.importing import FileResult, import_file
from storage import imported_files
from storage.store import Store

SPECS = {spec.key: spec for spec in FORMS}
CITY = "湘潭市应急管理局"  # fictional counties of a real city's name: no person is named anywhere
YEAR = 2024


def county_workbook(
    folder: Path, unit: str, inspections: tuple[int, int], *, reason: str = "", a3: int | None = None, name: str = ""
) -> Path:
    """The county's export of ``YEAR``: 附件2 行政检查 (Y−1, Y), a 原因简析 for it when given; ``a3``: a
    涉企行政检查 above 附件2's is a 错误."""
    folder.mkdir(parents=True, exist_ok=True)
    store = Store(folder / f"{unit}.sqlite3")
    report = store.find_report(unit, YEAR) or store.create_report(unit, YEAR)
    values = {
        CellKey(MAIN_ROW, "inspection", YEAR - 1): inspections[0],
        CellKey(MAIN_ROW, "inspection", YEAR): inspections[1],
        CellKey(REASON_ROW, "inspection"): reason or None,
    }
    store.set_values(report.id, SPECS["a2"], values)
    if a3 is not None:
        store.set_values(report.id, SPECS["a3"], {CellKey(MAIN_ROW, "inspection", YEAR): a3})
    path = folder / (name or f"{unit}.xlsx")
    write_xlsx(path, store.report_data(report))
    store.close()
    return path


def import_recorded(store: Store, path: Path) -> FileResult:
    """Import ``path`` and make sure the import's file is recorded (on main, imports record it themselves)."""
    before = _records(store)
    result = import_file(store, path)
    assert not result.rejected, result.message
    if _records(store) == before:
        report = store.require_report(result.unit, result.year)
        with store.write():
            imported_files.record(store, report.id, path.name, hashlib.sha256(path.read_bytes()).hexdigest())
    return result


def _records(store: Store) -> int:
    with store.read():
        return int(store.conn.execute("select count(*) from imported_files").fetchone()[0])


A, B = "雨湖区应急管理局", "岳塘区应急管理局"


def two_county_city(folder: Path) -> Store:
    """The city's file after a 汇总 of two counties (雨湖区 with a 原因简析, 岳塘区 with a 错误)."""
    store = Store(folder / "city.sqlite3")
    import_recorded(store, county_workbook(folder / "in", A, (100, 120), reason="开展专项检查"))
    import_recorded(store, county_workbook(folder / "in", B, (50, 40), a3=99))
    build_aggregate(store, CITY, YEAR, [A, B])
    return store
