"""The report's name read before the store opens (storage/first_look.py): the start's frame title.

It must name the report the window then opens, and whatever is odd about the file must be None,
never an exception and never a change to the file."""

from __future__ import annotations

import os
import sqlite3
import sys
import time

import pytest

from storage.first_look import report_name
from storage.paths import MEMORY
from storage.store import Store


@pytest.fixture
def three_reports(tmp_path):
    db = tmp_path / "数据 文件.sqlite3"
    store = Store(db)
    made = [
        store.create_report(unit, year)
        for unit, year in (("乙县应急管理局", 2024), ("甲县应急管理局", 2024), ("甲县应急管理局", 2025))
    ]
    listed = store.reports()
    store.close()
    return db, made, listed


def test_it_names_the_report_remembered_else_the_first_the_window_lists(three_reports):
    db, made, listed = three_reports
    for report in made:
        assert report_name(db, report.id) == report.name
    assert listed[0].name == "甲县应急管理局 2025年"
    assert report_name(db, None) == listed[0].name
    assert report_name(db, 999) == listed[0].name  # removed since it was remembered: the window opens the first


def test_reading_it_changes_nothing_in_the_file(three_reports):
    db, made, _ = three_reports
    before, stamp = db.read_bytes(), db.stat().st_mtime_ns
    report_name(db, made[0].id)
    assert db.read_bytes() == before and db.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]  # no journal left beside it


def test_a_file_with_no_report_or_no_file_gives_none_and_creates_nothing(tmp_path):
    empty = tmp_path / "空.sqlite3"
    Store(empty).close()
    assert report_name(empty, None) is None
    missing = tmp_path / "没有.sqlite3"
    assert report_name(missing, 1) is None
    assert not missing.exists()
    assert report_name(tmp_path, 1) is None  # a folder
    assert report_name(MEMORY, 1) is None


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00" * 8192, b"SQLite format 3\x00" + b"\xff" * 4000, "这不是数据库".encode() * 100],
    ids=["empty", "zeros", "damaged header", "text"],
)
def test_a_file_that_is_not_a_plain_database_gives_none(tmp_path, content):
    db = tmp_path / "坏.sqlite3"
    db.write_bytes(content)
    assert report_name(db, 1) is None
    assert db.read_bytes() == content


def test_another_schema_gives_none(tmp_path):
    db = tmp_path / "别的.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("create table reports (id integer primary key, unit blob, year text)")
        conn.execute("insert into reports values (1, x'00ff', 2024)")
        conn.execute("insert into reports values (2, '某县应急管理局', '二〇二四')")
    assert report_name(db, 1) is None and report_name(db, 2) is None
    other = tmp_path / "旧.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("create table tables_of_some_other_program (x)")
    assert report_name(other, 1) is None


def test_a_file_being_written_by_another_program_is_not_waited_for(three_reports):
    db, made, _ = three_reports
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("begin exclusive")
    try:
        started = time.monotonic()
        assert report_name(db, made[0].id) is None
        assert time.monotonic() - started < 1  # not the 5 s sqlite3 waits by default: the frame would wait
    finally:
        writer.execute("rollback")
        writer.close()
    assert report_name(db, made[0].id) == made[0].name


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_is_never_opened(tmp_path):
    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    assert report_name(fifo, 1) is None  # opening it for reading would block the start


def test_a_name_with_characters_a_uri_would_escape_is_read(tmp_path):
    db = tmp_path / "县局 #1 100% 数据?.sqlite3"
    store = Store(db)
    report = store.create_report("某县应急管理局", 2024)
    store.close()
    assert report_name(db, report.id) == "某县应急管理局 2024年"
