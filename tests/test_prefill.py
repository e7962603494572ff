"""A new report starts from the same unit's report of the year before."""

from __future__ import annotations

import pytest

from forms.errors import UserError
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.prefill import create_report_from_previous, previous_report


def test_last_years_figures_and_contact_are_carried_over(store, sample):
    store.update_contact(
        sample.id, filler="示例市应急管理局法规科", contact_person="钱二", contact_phone="0000-1234567"
    )
    report = create_report_from_previous(store, sample.unit, sample.year + 1)
    assert (report.filler, report.contact_person, report.contact_phone) == (
        "示例市应急管理局法规科",
        "钱二",
        "0000-1234567",
    )
    for key in ("a2", "a3"):
        old, new = store.form_data(sample, form(key)), store.form_data(report, form(key))
        for field in form(key).paired_fields():
            assert new.get(CellKey(MAIN_ROW, field.key, 2024)) == old.get(CellKey(MAIN_ROW, field.key, 2024))
            assert new.get(CellKey(MAIN_ROW, field.key, 2025)) is None
    assert store.form_data(report, form("a2")).get(CellKey(MAIN_ROW, "license", 2024)) == 178


def test_typed_contact_wins_and_another_unit_starts_empty(store, sample):
    report = create_report_from_previous(store, sample.unit, 2025, contact_person="孙三")
    assert report.contact_person == "孙三"
    other = create_report_from_previous(store, "某县应急管理局", 2025)
    # no figures: only 行政执法单位名称, which starts as the 填报单位 (issue 19)
    assert store.form_data(other, form("a2")).values == {CellKey(MAIN_ROW, "unit_name"): "某县应急管理局"}
    assert other.contact_person == ""
    assert previous_report(store, "某县应急管理局", 2025) is None


def test_a_refused_report_leaves_nothing_behind(store, sample):
    with pytest.raises(UserError, match="已存在"):
        create_report_from_previous(store, sample.unit, sample.year)
    assert [r.name for r in store.reports()] == [sample.name]
