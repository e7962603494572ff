"""One range of report years (forms/years.py): the store, the command line and the 新建报表 dialog
accept and refuse the same years, and say the same range."""

from __future__ import annotations

import argparse

import pytest

from forms.errors import UserError
from forms.years import YEAR_MAX, YEAR_MIN, YEARS_TEXT, check_year
from main import report_year
from storage.store import Store


def test_the_range_is_2000_to_2100() -> None:
    assert (YEAR_MIN, YEAR_MAX, YEARS_TEXT) == (2000, 2100, "2000–2100")
    assert check_year(YEAR_MAX) == YEAR_MAX
    with pytest.raises(UserError, match="年度 1999 不在 2000–2100 之间"):
        check_year(1999)


@pytest.mark.parametrize("year", [YEAR_MIN, YEAR_MAX])
def test_a_report_of_the_first_and_the_last_year_can_be_created(store: Store, year: int) -> None:
    report = store.create_report("某县应急管理局", year)
    assert store.find_report("某县应急管理局", year) == report


@pytest.mark.parametrize("year", [YEAR_MIN - 1, YEAR_MAX + 1])
def test_a_report_outside_the_range_is_refused_naming_it(store: Store, year: int) -> None:
    with pytest.raises(UserError, match=f"年度 {year} 不在 2000–2100 之间"):
        store.create_report("某县应急管理局", year)
    assert store.reports() == []


def test_the_command_line_takes_the_same_years() -> None:
    assert [report_year(str(y)) for y in (YEAR_MIN, YEAR_MAX)] == [YEAR_MIN, YEAR_MAX]
    for year in (YEAR_MIN - 1, YEAR_MAX + 1):
        with pytest.raises(argparse.ArgumentTypeError, match="请填写 2000–2100 之间的年份"):
            report_year(str(year))


def test_the_new_report_dialog_offers_the_same_years(qtbot, store: Store) -> None:
    from ui.report_dialog import NewReportDialog

    dialog = NewReportDialog(store)
    qtbot.addWidget(dialog)
    assert (dialog.year.minimum(), dialog.year.maximum()) == (YEAR_MIN, YEAR_MAX)
