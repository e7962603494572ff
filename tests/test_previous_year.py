"""Last year's figures: a new report starts its (Y−1) columns from the unit's (Y−1) report, and a
(Y−1) figure changed afterwards is a 提示 in the audit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from forms.audit import audit
from forms.registry import FORMS
from forms.report import MAIN_ROW, CellKey
from storage.store import Store

SPECS = {spec.key: spec for spec in FORMS}
UNIT = "示例县应急管理局"


def _store_2023(tmp_path: Path) -> Store:
    store = Store(tmp_path / "db.sqlite3")
    last = store.create_report(UNIT, 2023)
    store.set_values(
        last.id,
        SPECS["a2"],
        {
            CellKey(MAIN_ROW, "inspection", 2023): 295,
            CellKey(MAIN_ROW, "inspection", 2022): 250,
            CellKey(MAIN_ROW, "confirmation", 2023): 0,
            CellKey(MAIN_ROW, "fines", 2023): Decimal("9217701.5"),
        },
    )
    store.set_values(last.id, SPECS["a3"], {CellKey(MAIN_ROW, "penalty", 2023): 134})
    return store


def test_a_new_report_starts_from_last_years_figures(tmp_path: Path) -> None:
    store = _store_2023(tmp_path)
    report = store.create_report(UNIT, 2024)
    data = store.report_data(report, with_text=False)
    a2, a3 = data.form("a2"), data.form("a3")
    assert a2.get(CellKey(MAIN_ROW, "inspection", 2023)) == 295
    assert a2.get(CellKey(MAIN_ROW, "confirmation", 2023)) == 0
    assert a2.get(CellKey(MAIN_ROW, "fines", 2023)) == Decimal("9217701.5")
    assert a2.get(CellKey(MAIN_ROW, "license", 2023)) is None  # blank last year stays blank
    assert a2.get(CellKey(MAIN_ROW, "inspection", 2024)) is None
    assert a3.get(CellKey(MAIN_ROW, "penalty", 2023)) == 134
    other = store.create_report("另一个县应急管理局", 2024)
    # another unit's: no figures, only its name (行政执法单位名称 starts as the 填报单位)
    assert store.report_data(other, with_text=False).form("a2").values == {CellKey(MAIN_ROW, "unit_name"): other.unit}


def test_a_previous_year_figure_changed_by_hand_is_a_hint(tmp_path: Path) -> None:
    store = _store_2023(tmp_path)
    report = store.create_report(UNIT, 2024)
    previous = store.previous_year_figures(report)
    data = store.report_data(report, with_text=False)
    assert [f for f in audit(data, previous) if f.code == "PREVIOUS_YEAR"] == []
    store.set_value(report.id, SPECS["a2"], CellKey(MAIN_ROW, "inspection", 2023), 259)
    data = store.report_data(report, with_text=False)
    found = [f for f in audit(data, previous) if f.code == "PREVIOUS_YEAR"]
    assert [(f.severity.value, f.cell, f.message) for f in found] == [
        ("提示", CellKey(MAIN_ROW, "inspection", 2023), "行政检查(2023) 为 259，与 2023 年报表所报的 295 不同，请核对")
    ]
    assert [f for f in audit(data) if f.code == "PREVIOUS_YEAR"] == []  # no last year's report given


def test_no_previous_report_no_figures(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    report = store.create_report(UNIT, 2024)
    assert store.previous_year_figures(report) is None
