"""Changes in the domain, without Qt: each kind applied by the store, undone by its inverse,
by stable keys — also after rows were inserted or removed in between."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pytest

from forms.changes import Batch, InsertRow, RemoveRow, SetCells, Touched
from forms.history import Histories, History
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.store import ChangeConflict

PENALTY = CellKey(MAIN_ROW, "penalty", 2024)


def values(store, report, key):
    return store.form_data(report, form(key)).values


def rows(store, report, key="a5"):
    return store.form_data(report, form(key)).rows


def test_set_cells_and_its_inverse(store, sample):
    change = SetCells("a2", {PENALTY: 78, CellKey("reason", "penalty"): None}, {PENALTY: 80}, "已保存 行政处罚")
    with pytest.raises(ChangeConflict):  # the reason cell is not blank: the change names what it replaces
        store.apply(sample.id, change)
    change = SetCells("a2", {PENALTY: 78}, {PENALTY: None}, "已清空")
    assert store.apply(sample.id, change) == Touched("a2", frozenset({PENALTY}))
    assert PENALTY not in values(store, sample, "a2")  # a blank is no row, never 0
    store.apply(sample.id, change.inverse())
    assert values(store, sample, "a2")[PENALTY] == 78


def test_insert_and_remove_rows_and_their_inverses(store, sample):
    first = rows(store, sample)[0]
    key = store.new_row_key(sample.id, form("a5"))
    insert = InsertRow("a5", key, 0, "已插入")
    assert store.apply(sample.id, insert) == Touched("a5", frozenset(), rows=True)  # the grid's shape changed
    assert rows(store, sample)[:2] == [key, first]
    held = {k: v for k, v in values(store, sample, "a5").items() if k.row == first}
    remove = RemoveRow("a5", first, 1, "已删除", held)
    assert store.apply(sample.id, remove) == Touched("a5", frozenset(held), rows=True)  # and its cells went
    assert first not in rows(store, sample) and not any(k.row == first for k in values(store, sample, "a5"))
    store.apply(sample.id, remove.inverse())  # the row comes back where it was, with its values
    assert rows(store, sample)[1] == first
    assert {k: v for k, v in values(store, sample, "a5").items() if k.row == first} == held
    store.apply(sample.id, insert.inverse())
    assert rows(store, sample)[0] == first


def test_removing_a_row_whose_values_changed_meanwhile_is_refused(store, sample):
    first = rows(store, sample)[0]
    stale = RemoveRow("a5", first, 0, "已删除", {})  # as a window that never saw its values
    with pytest.raises(ChangeConflict):
        store.apply(sample.id, stale)
    assert rows(store, sample)[0] == first


def test_a_batch_is_one_transaction_and_one_inverse(store, sample):
    key = store.new_row_key(sample.id, form("a5"))
    cell = CellKey(key, "transferred")
    batch = Batch(
        "a5",
        (InsertRow("a5", key, 4, "插入"), SetCells("a5", {cell: None}, {cell: 3}, "粘贴")),
        "已粘贴 1 个单元格",
    )
    # the grid refreshes what a step touched: the pasted cell, and its shape since a row came
    assert store.apply(sample.id, batch) == Touched("a5", frozenset({cell}), rows=True)
    assert values(store, sample, "a5")[cell] == 3
    bad = Batch("a5", (InsertRow("a5", "r99", 0, "插入"), SetCells("a5", {cell: 1}, {cell: 4}, "粘贴")), "x")
    with pytest.raises(ChangeConflict):
        store.apply(sample.id, bad)
    assert "r99" not in rows(store, sample)  # the part that could apply was rolled back too
    assert store.apply(sample.id, batch.inverse()) == Touched("a5", frozenset({cell}), rows=True)
    assert key not in rows(store, sample) and cell not in values(store, sample, "a5")
    cells_only = Batch("a5", (SetCells("a5", {cell: None}, {cell: 1}, "粘贴"),), "已粘贴")
    assert cells_only.touched() == Touched("a5", frozenset({cell}), rows=False)


def test_undoing_an_undo_is_the_step_again_with_its_name_and_place():
    cell = CellKey("r9", "transferred")
    steps = [
        SetCells("a5", {cell: None}, {cell: 3}, "粘贴"),
        InsertRow("a5", "r9", 2, "在附件5插入第 3 行", {cell: 3}),
        RemoveRow("a5", "r9", 2, "删除附件5第 3 行", {cell: 3}),
        Batch("a5", (InsertRow("a5", "r9", 2, "插入"), SetCells("a5", {cell: None}, {cell: 3}, "粘贴")), "已粘贴"),
    ]
    for step in steps:
        assert step.inverse().inverse() == step
        assert step.inverse().label == step.label


def test_undo_by_keys_after_rows_moved(store, sample):
    history = History()
    first = rows(store, sample)[0]
    name = CellKey(first, "unit_name")
    old = values(store, sample, "a5")[name]
    for change in (
        SetCells("a5", {name: old}, {name: "某县应急管理局执法大队"}, "改名"),
        InsertRow("a5", store.new_row_key(sample.id, form("a5")), 0, "插入"),
    ):
        store.apply(sample.id, change)
        history.record(change)
    assert history.undo_name() == "插入" and history.redo_name() is None
    apply = functools.partial(store.apply, sample.id)
    for _ in range(2):
        assert history.undo(apply) is not None
    assert values(store, sample, "a5")[name] == old and rows(store, sample)[0] == first
    assert history.undo(apply) is None and history.redo_name() == "改名"
    assert history.redo(apply) is not None
    assert values(store, sample, "a5")[name] == "某县应急管理局执法大队"
    history.record(SetCells("a5", {}, {}, "新的一步"))
    assert history.redo_name() is None  # a new step ends what could be redone


def test_history_stays_when_a_step_is_refused():
    history = History()
    history.record(SetCells("a2", {}, {}, "一步"))
    assert history.undo(lambda change: False) is None and history.undo_name() == "一步"
    with pytest.raises(RuntimeError):
        history.undo(lambda change: (_ for _ in ()).throw(RuntimeError()))
    assert history.undo_name() == "一步" and history.redo_name() is None
    applied = []
    assert history.undo(applied.append) is not None and applied[0].label == "一步"
    assert history.redo(lambda change: False) is None and history.redo_name() == "一步"


def test_a_step_whose_apply_dropped_the_history_is_not_counted_undone_or_redone():
    # a conflict drops the report's history while the step is applied: nothing is left to move
    history = History()
    history.record(SetCells("a2", {}, {}, "一步"))
    assert history.undo(lambda change: history.clear()) is None
    assert history.undo_name() is None and history.redo_name() is None
    history.record(SetCells("a2", {}, {}, "一步"))
    history.undo(lambda change: True)
    assert history.redo(lambda change: history.clear()) is None
    assert history.undo_name() is None and history.redo_name() is None


def test_a_redone_step_can_be_undone_again():
    history = History()
    history.record(SetCells("a2", {}, {}, "一步"))
    history.undo(lambda change: True)
    assert history.redo(lambda change: True) is not None
    assert history.undo_name() == "一步" and history.redo_name() is None


def test_histories_are_per_report_and_bounded():
    histories = Histories()
    assert histories.of(1) is histories.of(1) and histories.of(1) is not histories.of(2)
    short = History(limit=3)
    for n in range(5):
        short.record(SetCells("a2", {}, {}, str(n)))
    labels = []
    while (change := short.undo(lambda step: True)) is not None:
        labels.append(change.label)
    assert labels == ["4", "3", "2"]


@dataclass(frozen=True)
class Rename:
    """Not a grid change: a history takes any step with a name and an inverse (the report text's too)."""

    old: str
    new: str

    @property
    def label(self) -> str:
        return f"改名为{self.new}"

    def inverse(self) -> Rename:
        return Rename(self.new, self.old)


def test_a_history_takes_any_step_with_a_label_and_an_inverse():
    history: History[Rename] = History()
    history.record(Rename("甲", "乙"))
    applied: list[Rename] = []
    step = history.undo(applied.append)
    assert step == Rename("甲", "乙") and applied == [Rename("乙", "甲")]
    assert history.redo_name() == "改名为乙" and history.redo(applied.append) == step and applied[-1] == step
