from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from forms.errors import UserError
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from storage.migrations import migrations
from storage.store import StorageError, Store


def test_migrates_an_empty_file(db_path):
    db_path.touch()  # an empty file is a valid, empty SQLite database
    store = Store(db_path)
    tables = set(store.db.table_names())
    assert {"reports", "cells", "form_rows", "settings", "_sqlite_migrations"} <= tables
    names = [m.name for m in migrations._migrations]
    assert names[:4] == ["m001_initial", "m002_report_text", "m003_attachment_numbering", "m004_texts_per_kind"]
    assert [m.name for m in migrations.applied(store.db)] == names
    store.close()
    again = Store(db_path)  # reopening applies nothing twice
    assert [m.name for m in migrations.applied(again.db)] == names
    again.close()


def test_values_round_trip_through_a_real_file(db_path):
    store = Store(db_path)
    report = store.create_report("某县应急管理局", 2025, contact_person="王小明", contact_phone="0731-5550000")
    a2 = form("a2")
    store.set_value(report.id, a2, CellKey(MAIN_ROW, "fines", 2025), Decimal("1234.5"))
    store.set_value(report.id, a2, CellKey(MAIN_ROW, "license", 2024), 0)
    store.set_value(report.id, a2, CellKey(REASON_ROW, "license"), "无变化")
    store.close()

    reopened = Store(db_path)
    data = reopened.form_data(reopened.find_report("某县应急管理局", 2025), a2)
    assert data.values == {
        CellKey(MAIN_ROW, "fines", 2025): Decimal("1234.5"),
        CellKey(MAIN_ROW, "license", 2024): 0,  # a 0 is a value, kept apart from a blank
        CellKey(REASON_ROW, "license"): "无变化",
        CellKey(MAIN_ROW, "unit_name"): "某县应急管理局",  # starts as the 填报单位
    }
    assert reopened.find_report("某县应急管理局", 2025).contact_person == "王小明"
    reopened.close()


def test_an_edit_is_committed_when_set_value_returns(store, sample, db_path):
    store.set_value(sample.id, form("a2"), CellKey(MAIN_ROW, "penalty", 2024), 80)
    other = sqlite3.connect(db_path)  # another connection sees it: nothing waits in a transaction
    rows = other.execute(
        "select value from cells where report_id=? and form='a2' and row='main' and field='penalty' and period=2024",
        [sample.id],
    ).fetchall()
    other.close()
    assert rows == [("80",)]


def test_clearing_deletes_the_value(store, sample):
    key = CellKey(MAIN_ROW, "license", 2024)
    store.set_value(sample.id, form("a2"), key, None)
    assert key not in store.form_data(sample, form("a2")).values


def test_list_rows_insert_and_remove_keep_stable_keys(store, sample):
    a5 = form("a5")
    rows = store.form_data(sample, a5).rows
    assert rows == ["r1", "r2", "r3", "r4"]
    new = store.add_row(sample.id, a5, 1)
    assert store.form_data(sample, a5).rows == ["r1", new, "r2", "r3", "r4"]
    store.set_value(sample.id, a5, CellKey(new, "unit_name"), "某大队")
    store.remove_row(sample.id, a5, "r1")  # the seed's unit and its values go
    data = store.form_data(sample, a5)
    assert data.rows == [new, "r2", "r3", "r4"]
    assert data.values == {CellKey(new, "unit_name"): "某大队"}


def test_report_identity_is_unit_and_year(store, sample):
    with pytest.raises(UserError, match="已存在"):
        store.create_report(sample.unit, sample.year)
    assert store.find_report(sample.unit, 2023) is None
    other = store.create_report(sample.unit, 2025)
    assert [r.year for r in store.reports()] == [2025, 2024]
    assert other.filler == sample.unit


def test_yoy_places_setting(store):
    assert store.yoy_places() == 2
    store.set_yoy_places(1)
    assert store.yoy_places() == 1
    with pytest.raises(UserError):
        store.set_yoy_places(3)


def test_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(StorageError, match="不是填报助手的数据库"):
        Store(bad)


def test_a_locked_database_is_a_clear_error(store, sample, db_path):
    locker = sqlite3.connect(db_path, timeout=0)
    locker.execute("BEGIN EXCLUSIVE")
    store.db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StorageError, match="占用"):
            store.set_value(sample.id, form("a2"), CellKey(MAIN_ROW, "license", 2024), 1)
    finally:
        locker.rollback()
        locker.close()
    assert store.form_data(sample, form("a2")).values[CellKey(MAIN_ROW, "license", 2024)] == 178
