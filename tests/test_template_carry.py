"""Last year's figures carried into a report of a newer template (issue 22): a renamed field arrives under its
new name, and the audit compares it with last year's report under either name."""

from __future__ import annotations

from pathlib import Path

from forms.audit import audit
from forms.report import MAIN_ROW, CellKey
from storage.store import Store
from tests.support.drill import drill_template

NEW = drill_template()
UNIT = "示例县应急管理局"


def test_a_renamed_field_is_carried_forward_under_its_new_name(tmp_path: Path) -> None:
    store = Store(tmp_path / "carry.sqlite3", template=NEW)
    last = store.create_report(UNIT, 2024, template="2024.1")
    a3_old = store.spec_of(last, "a3")
    store.set_values(last.id, a3_old, {CellKey(MAIN_ROW, "exempt_cases", 2024): 3})
    store.set_values(last.id, store.spec_of(last, "a2"), {CellKey(MAIN_ROW, "penalty", 2024): 12})

    report = store.create_report(UNIT, 2025)
    assert report.template == "2025.1"
    a3 = store.report_data(report, with_text=False).form("a3")
    assert a3.get(CellKey(MAIN_ROW, "exempt_penalty", 2024)) == 3
    a2 = store.report_data(report, with_text=False).form("a2")
    assert a2.get(CellKey(MAIN_ROW, "penalty", 2024)) == 12
    assert a2.get(CellKey(MAIN_ROW, "hearings", 2024)) is None  # last year's template had no such column

    # Typed over, the (Y−1) figure disagrees with last year's report: the audit says so, under the new name.
    store.set_values(report.id, store.spec_of(report, "a3"), {CellKey(MAIN_ROW, "exempt_penalty", 2024): 4})
    findings = audit(store.report_data(report, with_text=False), store.previous_year_figures(report))
    previous = [f for f in findings if f.code == "PREVIOUS_YEAR"]
    assert [f.where.key.field for f in previous] == ["exempt_penalty"]
    store.close()
