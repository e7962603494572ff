"""Whether a clerk has started on a report: an untouched one has its blanks summarised by the audit
(尚未开始填写) instead of listed one by one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from forms.progress import untouched
from forms.registry import form
from forms.report import MAIN_ROW, CellKey

UNIT = "某县应急管理局"
FILLER = "某县应急管理局执法大队"


@pytest.fixture
def fresh(store):
    return store.create_report(UNIT, 2024, filler=FILLER)


def test_a_new_report_is_untouched_though_its_unit_column_starts_filled(store, fresh):
    data = store.report_data(fresh)
    assert data.form("a2").values == {CellKey(MAIN_ROW, "unit_name"): FILLER}
    assert untouched(data)


def test_the_first_figure_typed_for_the_report_year_starts_it(store, fresh):
    store.set_value(fresh.id, form("a2"), CellKey(MAIN_ROW, "penalty", 2024), 5)
    assert not untouched(store.report_data(fresh))


def test_last_years_column_alone_does_not_start_it(store, fresh):
    store.set_value(fresh.id, form("a2"), CellKey(MAIN_ROW, "penalty", 2023), 5)  # as copied from 2023's report
    assert untouched(store.report_data(fresh))


def test_a_unit_name_typed_over_starts_it(store, fresh):
    store.set_value(fresh.id, form("a2"), CellKey(MAIN_ROW, "unit_name"), "某县应急管理局监察支队")
    assert not untouched(store.report_data(fresh))


def test_the_filler_name_in_a_field_that_does_not_start_with_it_was_typed(store, fresh):
    # 附件3's 行政执法单位名称 starts blank: the same name there was typed by the clerk.
    store.set_value(fresh.id, form("a3"), CellKey(MAIN_ROW, "unit_name"), FILLER)
    assert not untouched(store.report_data(fresh))


def test_without_a_filler_the_unit_column_starts_as_the_unit(store, fresh):
    data = store.report_data(fresh)
    data.report = replace(fresh, filler="")
    data.form("a2").values[CellKey(MAIN_ROW, "unit_name")] = UNIT
    assert untouched(data)
    data.form("a2").values[CellKey(MAIN_ROW, "unit_name")] = FILLER  # not what a report without one starts as
    assert not untouched(data)


def test_a_value_of_a_field_the_form_no_longer_has_counts_as_typed(store, fresh):
    data = store.report_data(fresh)
    data.form("a2").values[CellKey(MAIN_ROW, "withdrawn")] = FILLER
    assert not untouched(data)
