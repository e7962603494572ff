"""The window's copy of a report (storage/open_report.py) and its incremental audit
(forms.audit.Auditor) against the file read afresh and ``audit()`` from scratch, after random
sequences of edits, undos, row changes, text and contact edits, and writes by a second program
(cells, last year's report, the contact line, the report text, an import)."""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import kinds as vk
from forms import text_edits
from forms.audit import Auditor, audit
from forms.changes import InsertRow, RemoveRow, SetCells
from forms.grid import Layout
from forms.registry import FORMS
from forms.report import MAIN_ROW, REASON_ROW, CellKey, FormData, ReportData
from forms.spec import Field, FormSpec, RowStyle
from storage.open_report import OpenReport
from storage.report_text import ReportTexts
from storage.sample import create_sample
from storage.store import ChangeConflict, Store
from tests.support.texts import edit_text

UNIT, YEAR = "示例市应急管理局", 2024


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The sample report and, for the previous-year checks, the same unit's report of 2023."""
    path = tmp_path_factory.mktemp("template") / "t.sqlite3"
    store = Store(path)
    create_sample(store)
    last = store.create_report(UNIT, YEAR - 1)
    a2 = next(s for s in FORMS if s.key == "a2")
    store.set_values(last.id, a2, {CellKey(MAIN_ROW, f.key, YEAR - 1): 7 for f in a2.paired_fields()[:5]})
    store.close()
    return path


def value_for(field: Field, reason: bool) -> st.SearchStrategy[vk.Stored]:
    """Values a clerk's change may carry, blanks and stored texts that are not valid included."""
    bad = st.builds(vk.Invalid, st.sampled_from(["12a", " 3", "1.5"]), st.just("无效"))
    if reason or not field.kind.numeric:
        return st.one_of(st.none(), st.sampled_from(["", "有所增加", "数据无变化", "市场经营行为, 自然增加"]), bad)
    if field.kind is vk.Kind.COUNT:
        return st.one_of(st.none(), st.integers(0, 400), bad)
    return st.one_of(st.none(), st.decimals(0, 10**6, places=2).map(Decimal), bad)


def cell_keys(spec: FormSpec, rows: list[str]) -> list[tuple[CellKey, Field, bool]]:
    keys = []
    for field in spec.fields():
        if spec.rows is RowStyle.COMPARISON:
            for period in (YEAR - 1, YEAR) if field.paired else (0,):
                keys.append((CellKey(MAIN_ROW, field.key, period), field, False))
            if field.paired:
                keys.append((CellKey(REASON_ROW, field.key), field, True))
        else:
            keys += [(CellKey(row, field.key), field, False) for row in rows]
    return keys


# One step: (what, form position, a number to pick with, a value chooser)
STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "set",
                "set",
                "set",
                "set2",
                "undo",
                "insert",
                "remove",
                "foreign",
                "foreign",
                "last_year",
                "text",
                "contact",
                "their_contact",
                "their_text",
                "their_import",
            ]
        ),
        st.integers(0, len(FORMS) - 1),
        st.integers(0, 10**6),
        st.data(),
    ),
    min_size=1,
    max_size=12,
)


def same_tables(mine: ReportData, theirs: ReportData) -> None:
    for a, b in zip(mine.forms, theirs.forms, strict=True):
        assert (a.rows, a.values) == (b.rows, b.values)


def fresh(path: Path, report_id: int) -> tuple[ReportData, object]:
    """The file as a program that just opened it reads it."""
    store = Store(path)
    try:
        report = store.report(report_id)
        return store.report_data(report), store.previous_year_figures(report)
    finally:
        store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_the_open_report_and_its_audit_match_the_file_after_random_edits(template, steps):
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "e.sqlite3"
        shutil.copy(template, path)
        store, other = Store(path), Store(path)  # other: a second window or program on the file
        report = store.find_report(UNIT, YEAR)
        assert report is not None
        opened = OpenReport(store, report)
        done: list = []
        for what, position, pick, data in steps:
            spec = FORMS[position]
            form = opened.form(spec.key)
            keys = cell_keys(spec, form.rows)
            edits = opened.store.commits
            try:
                if what in ("set", "set2"):
                    chosen = [keys[pick % len(keys)]] + ([keys[(pick * 7 + 3) % len(keys)]] if what == "set2" else [])
                    after = {k: data.draw(value_for(f, reason)) for k, f, reason in chosen}
                    change = SetCells(spec.key, {k: form.get(k) for k in after}, after, "改")
                    opened.apply(change)
                    done.append(change)
                elif what == "undo" and done:
                    change = done.pop()
                    opened.apply(change.inverse())
                elif what == "insert" and spec.rows is RowStyle.LIST:
                    row = store.new_row_key(report.id, spec)
                    field = spec.fields()[pick % len(spec.fields())]
                    values = {CellKey(row, field.key): data.draw(value_for(field, False))}
                    change = InsertRow(spec.key, row, pick % (len(form.rows) + 1), "插入", values)
                    opened.apply(change)
                    done.append(change)
                elif what == "remove" and spec.rows is RowStyle.LIST and form.rows:
                    row = form.rows[pick % len(form.rows)]
                    values = {k: v for k, v in form.values.items() if k.row == row}
                    change = RemoveRow(spec.key, row, form.rows.index(row), "删除", values)
                    opened.apply(change)
                    done.append(change)
                elif what == "foreign":
                    key, field, reason = keys[pick % len(keys)]
                    other.set_value(report.id, spec, key, data.draw(value_for(field, reason)))
                elif what == "last_year":  # last year's report changes, here or in another program
                    last = store.find_report(UNIT, YEAR - 1)
                    field = FORMS[0].paired_fields()[pick % 5]
                    writer = other if pick % 2 else store
                    writer.set_value(last.id, FORMS[0], CellKey(MAIN_ROW, field.key, YEAR - 1), pick % 9 or None)
                elif what == "text":
                    section = ReportTexts(store).get(report).sections[pick % 3]
                    number = data.draw(st.integers(0, 300))
                    body = data.draw(
                        st.sampled_from(["我局共办理行政处罚{}件。", "2024 年年初，行政处罚 {} 件。一是甲。三是乙。"])
                    )
                    edit_text(store, report, text_edits.set_body, section.key, body.format(number))
                elif what == "contact":
                    phone = data.draw(st.sampled_from(["", "0731-12345678", "12"]))
                    person = data.draw(st.sampled_from(["张三", "张 三"]))  # a blank between two characters: 校对
                    report = store.update_contact(report.id, filler=UNIT, contact_person=person, contact_phone=phone)
                    opened.open(report)
                elif what == "their_contact":  # another program changes the contact line
                    phone = data.draw(st.sampled_from(["", "0731-12345678", "12"]))
                    other.update_contact(report.id, filler=UNIT, contact_person="", contact_phone=phone)
                elif what == "their_text":
                    section = ReportTexts(other).get(report).sections[pick % 3]
                    number = data.draw(st.integers(0, 300))
                    edit_text(other, report, text_edits.set_body, section.key, f"我局共办理行政处罚{number}件。")
                elif what == "their_import":  # `main.py import` run while the window is open
                    rows = FormData.row_keys(spec, [f"r{n}" for n in range(1, pick % 3 + 2)])
                    values = {}
                    for key, field, reason in cell_keys(spec, rows)[pick % 5 :: 7]:
                        value = data.draw(value_for(field, reason))
                        if value is not None:
                            values[key] = value
                    person = data.draw(st.sampled_from(["", "李四"]))
                    other.import_forms(UNIT, YEAR, {spec.key: (rows, values)}, filler=UNIT, contact_person=person)
            except ChangeConflict:
                done.clear()  # the window drops the history too; the copy is read again at the next use
                edits = -1
            if what in ("foreign", "last_year"):
                continue  # seen by the next edit (or the next sync), whatever it is
            data_now, previous = fresh(path, report.id)
            if what in ("set", "set2", "undo", "insert", "remove") and store.commits > edits:
                same_tables(opened.data, data_now)  # an edit leaves the copy as the file is, unread
            findings = opened.findings()
            same_tables(opened.data, data_now)
            assert opened.previous == previous
            assert findings == audit(data_now, previous)
        store.close()
        other.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def put_drawn(data, form: FormData, chosen) -> None:
    """Give each chosen cell a drawn value (None clears it), as an edit would."""
    for key, field, reason in chosen:
        value = data.draw(value_for(field, reason))
        if value is None:
            form.values.pop(key, None)
        else:
            form.values[key] = value


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_auditor_told_which_fields_changed_equals_a_full_audit(data):
    """The Auditor alone, on data in memory: after each change of a few cells it is told about,
    its findings are ``audit()``'s."""
    store = Store(":memory:")
    report = create_sample(store)
    report_data = store.report_data(report)
    previous = {"a2": {"penalty": 3, "inspection": None}}
    auditor = Auditor()
    assert auditor.findings(report_data, previous) == audit(report_data, previous)
    for _ in range(data.draw(st.integers(1, 8))):
        form: FormData = data.draw(st.sampled_from(report_data.forms))
        keys = cell_keys(form.spec, form.rows)
        if not keys:
            continue
        chosen = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3))
        put_drawn(data, form, chosen)
        auditor.changed(form.spec.key, [key for key, _f, _r in chosen])
        assert auditor.findings(report_data, previous) == audit(report_data, previous)
    store.close()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_updating_grid_cells_in_place_equals_building_the_grid_again(data):
    spec: FormSpec = data.draw(st.sampled_from(FORMS))
    layout = Layout(spec, YEAR)
    form = FormData(spec, FormData.row_keys(spec, ["r1", "r2", "r3"]))
    body = layout.body(form, 2)
    for _ in range(data.draw(st.integers(1, 6))):
        chosen = data.draw(st.lists(st.sampled_from(cell_keys(spec, form.rows)), min_size=1, max_size=3))
        put_drawn(data, form, chosen)
        layout.update(body, form, 2, [key for key, _f, _r in chosen])
        assert body == layout.body(form, 2)
