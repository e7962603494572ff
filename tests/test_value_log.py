"""Every figure's history (issue 23, item 6): each applied change is kept in the database file with
when, old → new and from where — typed, pasted, cleared, a row, an audit's fix, an undo or redo, an
import of which file, a 汇总 — and reads back as the clerk sees it (``main.py history``, the grid's
修改记录). A refused change leaves no entry; a restore brings the backup's log."""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from exporters.xlsx import write_xlsx
from forms.editing import Conflict
from forms.history import History
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.value_log import Entry, Origin, history_rows, place, shown
from importers.city import build_aggregate
from importers.importing import import_file
from storage.backup import restore_file
from storage.store import Store
from storage.value_log import history_lines
from tests.support.sessions import open_session

PENALTY = CellKey(MAIN_ROW, "penalty", 2024)


def log(store: Store, report, **where) -> list[tuple[str, str, str, str]]:
    """(where, before → after, origin, source) of each entry, oldest first."""
    specs = {spec.key: spec for spec in store.forms_of(report)}
    shown = []
    for e in store.value_log(report, **where):
        line = e.line(specs.get(e.form)).split("  ")  # when, where, values, how
        shown.append((line[1], line[2], e.origin.value, e.source))
    return shown


def test_typing_clearing_and_undo_are_each_kept_with_their_origin(store, sample):
    session = open_session(store, sample, "a2", History())
    before = len(store.value_log(sample))
    session.edit(0, 13, "80")  # 行政处罚 2024: 78 → 80
    session.clear([(0, 13)])
    session.history.undo(functools.partial(session.commit, origin=Origin.UNDO, record=False))
    session.history.redo(functools.partial(session.commit, origin=Origin.REDO, record=False))
    assert log(store, sample)[before:] == [
        ("附件2 行政处罚(件)（2024）", "78 → 80", "输入", ""),
        ("附件2 行政处罚(件)（2024）", "80 → （空）", "清空", ""),
        ("附件2 行政处罚(件)（2024）", "（空） → 80", "撤销", ""),
        ("附件2 行政处罚(件)（2024）", "80 → （空）", "重做", ""),
    ]


def test_a_paste_and_the_rows_of_a_list_table_are_kept(store, sample):
    a4 = open_session(store, sample, "a4", History())
    before = len(store.value_log(sample))
    a4.paste(1, 2, "7\t8")  # a new row below the sample's one: one step, the row and its values
    pasted = log(store, sample)[before:]
    assert [origin for *_, origin, _ in pasted] == ["粘贴", "粘贴"]
    assert all(where.startswith("附件4 第 ") and values.startswith("（空） → ") for where, values, *_ in pasted)
    a4.remove_row(1)
    removed = log(store, sample)[before + 2 :]
    assert [(values.endswith("→ （空）"), origin) for _, values, origin, _ in removed] == [(True, "删除行")] * 2


def test_a_money_amount_and_a_reason_read_as_the_grid_shows_them(store, sample):
    a2 = open_session(store, sample, "a2", History())
    reason = CellKey(REASON_ROW, "penalty")
    old_reason = store.form_data(sample, form("a2")).values[reason]
    before = len(store.value_log(sample))
    a2.set_values({CellKey(MAIN_ROW, "fines", 2024): Decimal("1234567.5"), reason: "执法检查增加。"}, "两格")
    assert log(store, sample)[before:] == [
        ("附件2 罚没金额(元)（2024）", "4199252 → 1234567.50", "输入", ""),
        ("附件2 行政处罚(件) 原因简析", f"{old_reason} → 执法检查增加。", "输入", ""),
    ]


def test_a_refused_change_leaves_no_entry(store, sample):
    session = open_session(store, sample, "a2", History())
    other = Store(store.path)  # another window writes first
    other.set_values(sample.id, form("a2"), {PENALTY: 90})
    other.close()
    before = store.value_log(sample)
    with pytest.raises(Conflict):
        session.edit(0, 13, "80")  # the grid still shows 78: refused whole
    assert store.value_log(sample) == before


def test_an_import_keeps_each_changed_cell_with_the_file_and_the_same_file_again_adds_nothing(store, sample, tmp_path):
    county = tmp_path / "湘潭县.xlsx"
    store.set_values(sample.id, form("a2"), {PENALTY: 91})
    write_xlsx(county, store.report_data(sample))
    store.set_values(sample.id, form("a2"), {PENALTY: 78})
    before = len(store.value_log(sample))
    import_file(store, county)
    assert log(store, sample)[before:] == [("附件2 行政处罚(件)（2024）", "78 → 91", "导入", "湘潭县.xlsx")]
    import_file(store, county)
    assert len(store.value_log(sample)) == before + 1  # nothing changed: nothing logged


def test_a_new_report_from_an_import_logs_every_value_it_brings(tmp_path, store, sample):
    workbook = tmp_path / "示例.xlsx"
    write_xlsx(workbook, store.report_data(sample))
    fresh = Store(tmp_path / "new.sqlite3")
    import_file(fresh, workbook)
    report = fresh.find_report(sample.unit, 2024)
    values = sum(len(fresh.form_data(report, spec).values) for spec in fresh.forms_of(report))
    entries = fresh.value_log(report)
    # Each value once, from the file; the 填报单位 cell as the new report's own (from the same file).
    assert len(entries) == values and {(e.origin, e.source, e.before) for e in entries} == {
        (Origin.IMPORT, "示例.xlsx", None),
        (Origin.FILLER, "", None),
    }


def test_a_city_aggregate_logs_its_sums_as_a_huizong(tmp_path, store, sample):
    build_aggregate(store, "示例省应急管理厅", 2024, [sample.unit])
    city = store.find_report("示例省应急管理厅", 2024)
    entries = store.value_log(city, form="a2", key=PENALTY)
    assert [(e.before, e.after, e.origin.value, e.source) for e in entries] == [(None, 78, "汇总", "1 个单位")]


def test_a_restore_brings_the_backups_log(store, sample, tmp_path):
    copy = store.backup("测试", tmp_path / "备份.sqlite3")
    kept = store.value_log(sample)
    store.set_values(sample.id, form("a2"), {PENALTY: 99})
    assert len(store.value_log(sample)) == len(kept) + 1
    path = store.path
    store.close()
    restore_file(path, copy)
    restored = Store(path)
    assert restored.value_log(restored.report(sample.id)) == kept
    restored.close()


def test_the_command_lines_history_names_each_cell_and_refuses_an_unknown_field(store, sample):
    session = open_session(store, sample, "a2", History())
    session.edit(0, 13, "80")
    reason = store.form_data(sample, form("a2")).values[CellKey(REASON_ROW, "penalty")]
    lines = history_lines(store, sample, "a2.penalty")
    assert [line.split("  ", 1)[1] for line in lines] == [
        "附件2 行政处罚(件)（2023）  （空） → 147  程序写入",
        "附件2 行政处罚(件)（2024）  （空） → 78  程序写入",
        f"附件2 行政处罚(件) 原因简析  （空） → {reason}  程序写入",
        "附件2 行政处罚(件)（2024）  78 → 80  输入",
    ]
    assert set(lines) < set(history_lines(store, sample, "penalty"))  # 附件3 has a 行政处罚 too
    with pytest.raises(Exception, match=r"没有“a3\.penalty_x”这一项"):
        history_lines(store, sample, "a3.penalty_x")


def test_the_history_reads_in_the_clerks_words_and_keeps_what_a_later_template_dropped():
    a2, a4 = form("a2"), form("a4")
    fines = CellKey(MAIN_ROW, "fines", 2024)
    typed = Entry("2026-12-02T08:10:00", "a2", fines, None, Decimal("1234567.5"), Origin.TYPED)
    imported = Entry(
        "2026-12-02T09:00:05", "a2", fines, Decimal("1234567.5"), Decimal("7"), Origin.IMPORT, "雨湖区.xlsx"
    )
    # newest first, the time without ISO's T, each value as the grid shows it, the file after the origin
    assert history_rows([typed, imported], a2) == [
        ("2026-12-02 09:00:05", "1234567.50", "7", "导入 雨湖区.xlsx"),
        ("2026-12-02 08:10:00", "（空）", "1234567.50", "输入"),
    ]
    row_field = a4.fields()[0].key
    assert Entry("t", "a4", CellKey("r12", row_field), None, "x", Origin.PASTED).where(a4) == (
        f"附件4 第 12 号行 {a4.fields()[0].label}"
    )
    gone = CellKey(MAIN_ROW, "retired_field", 2024)  # a field the report's template no longer has
    assert place(a2, "a2", gone) == "附件2 retired_field（2024）"
    assert shown(a2, gone, Decimal("5.5")) == "5.5"
    assert Entry("t", "a9", gone, None, None, Origin.TYPED).where(None) == "a9 retired_field"
