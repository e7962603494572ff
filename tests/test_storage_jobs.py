"""Storage by job behind the one Store: the file's own template decides what a report text may
attach and what the sample fills, and every convenience write is a compare-and-set change like an
edit in the window (what another window holds is followed, never written over)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms import text_edits as edits
from forms.errors import UserError
from forms.registry import TEMPLATE, form
from forms.report import MAIN_ROW, CellKey
from storage.connection import Database
from storage.open_report import OpenReport
from storage.report_text import ReportTexts
from storage.store import Store
from tests.support.texts import attach, edit_text


def test_a_report_text_attaches_only_the_forms_of_the_files_template(tmp_path: Path) -> None:
    store = Store(tmp_path / "two.sqlite3", forms=(form("a2"), form("a3")))
    report = store.create_report("某县应急管理局", 2024)
    texts = ReportTexts(store)
    with pytest.raises(UserError, match="未知附件：a4"):
        attach(store, report, "a2", "a4")
    attach(store, report, "a3", "a2")
    assert texts.get(report).attachments == ("a2", "a3")  # in 附件 order
    store.close()


def test_the_texts_need_only_the_database_not_the_store(store: Store, sample) -> None:
    database = Database(store.path, store.conn, forms=store.forms, template=TEMPLATE)
    edit_text(database, sample, edits.set_title, "另一个标题")  # on ReportTexts(database)
    assert ReportTexts(store).get(sample).title == "另一个标题"


def test_a_value_set_by_the_program_is_followed_by_an_open_window(store: Store, sample) -> None:
    a2 = form("a2")
    key = CellKey(MAIN_ROW, "penalty", sample.year)
    opened = OpenReport(store, sample)
    assert opened.data.form("a2").values[key] != 7
    store.set_value(sample.id, a2, key, 7)
    opened.sync()
    assert opened.data.form("a2").values[key] == 7


def test_rows_added_and_removed_by_the_program_keep_their_values_and_order(store: Store, sample) -> None:
    a5 = form("a5")
    before = store.form_data(sample, a5)
    first = before.rows[0]
    assert any(key.row == first for key in before.values)  # the sample's case
    added = store.add_row(sample.id, a5, 0)
    assert store.form_data(sample, a5).rows == [added, *before.rows]
    store.remove_row(sample.id, a5, first)
    after = store.form_data(sample, a5)
    assert after.rows == [added, *before.rows[1:]]
    assert after.values == {k: v for k, v in before.values.items() if k.row != first}
    store.remove_row(sample.id, a5, first)  # gone already: nothing to do
    assert store.form_data(sample, a5) == after
