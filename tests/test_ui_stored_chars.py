"""Control characters an older version left in the file: the panel lists each place, and its fix
button puts the cleaned text there — a cell in one undo step, a contact line, a section's text."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from forms.report import REASON_ROW, CellKey
from storage.report_text import ReportTexts
from storage.sample import create_sample
from storage.store import Store
from tests.support.qt import finding_items, open_window

REASON = CellKey(REASON_ROW, "inspection")


@pytest.fixture
def old_store(tmp_path):
    """The sample with control characters written straight into the file, opened as the window opens it."""
    path = tmp_path / "old.sqlite3"
    seeded = Store(path)
    create_sample(seeded)
    seeded.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("update reports set contact_person=?", ("林\x1b某",))
        conn.execute(
            "update cells set value=? where form='a2' and row='reason' and field='inspection'", ("减少\x0b主要原因",)
        )
        conn.execute("update sections set body=body||? where position=0", ("\x1b",))
    conn.close()
    store = Store(path)
    yield store
    store.close()


@pytest.fixture
def window(qtbot, old_store):
    return open_window(qtbot, old_store)


def _click_fix(qtbot, window, code: str, words: str) -> None:
    panel = window.audit_panel
    item = next(i for i in finding_items(panel) if panel.finding(i).code == code and words in i.text(2))
    panel.tree.setCurrentItem(item)
    assert panel.fix_button.isEnabled()
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)


def test_fixes_for_stored_control_characters_clean_each_place(qtbot, window, old_store):
    report = old_store.reports()[0]
    _click_fix(qtbot, window, "VALUE_KIND", "减少␋主要原因")
    a2 = window.pages[0].model
    assert old_store.form_data(report, a2.spec).values[REASON] == "减少\n主要原因"
    assert not [i for i in finding_items(window.audit_panel) if "␋" in i.text(2)]
    qtbot.keySequence(window, QKeySequence.StandardKey.Undo)  # the fix is one step, undone like typing
    assert old_store.form_data(report, a2.spec).values[REASON].stored == "减少\x0b主要原因"

    _click_fix(qtbot, window, "CONTACT_CHARS", "林␛某")
    assert old_store.report(report.id).contact_person == "林某"
    assert window.person.text() == "林某"

    _click_fix(qtbot, window, "TEXT_CHARS", "␛")
    first = ReportTexts(old_store).get(old_store.report(report.id)).sections[0]
    assert "\x1b" not in first.body and first.body.endswith("如下。")
    assert not [i for i in finding_items(window.audit_panel) if "控制字符" in i.text(2) and "原因简析" not in i.text(2)]


@pytest.fixture
def contact_store(tmp_path):
    """The sample with a control character in its 填报单位 and a phone number that is none."""
    path = tmp_path / "contact.sqlite3"
    seeded = Store(path)
    create_sample(seeded)
    seeded.close()
    with sqlite3.connect(path) as conn:
        conn.execute("update reports set filler=?, contact_phone=?", ("示例市\x0b应急管理局", "12345"))
    store = Store(path)
    yield store
    store.close()


def test_enter_on_a_contact_finding_puts_the_keyboard_in_the_line_it_names(qtbot, contact_store) -> None:
    window = open_window(qtbot, contact_store)
    window.activateWindow()
    qtbot.waitActive(window)
    panel = window.audit_panel
    panel.set_folded(False)
    for code, line in (("CONTACT_CHARS", window.filler), ("CONTACT_PHONE", window.phone)):
        item = next(i for i in finding_items(panel) if panel.finding(i).code == code)
        panel.tree.setFocus()
        panel.tree.setCurrentItem(item)
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
        qtbot.waitUntil(line.hasFocus)  # 填报单位“示例市␋应急管理局”: the 填报单位 box, not 联系人
