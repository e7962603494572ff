"""The window keeps up with the file: after another program writes it (an import, the contact
line, the report text), the grid, the contact line, the report text and the whole audit show the
file without the clerk clicking anything, and what the clerk typed but has not saved stays."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from forms import text_edits as edits
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.report_text import ReportTexts
from storage.sample import create_sample
from storage.store import Store
from tests.support.qt import finding_items, show_tab
from tests.support.reports import audit_of_the_file
from tests.support.texts import edit_text

ROOT = Path(__file__).resolve().parents[1]
INSPECTION_2024 = CellKey(MAIN_ROW, "inspection", 2024)


def panel_codes(window) -> list[str]:
    return sorted(window.audit_panel.finding(item).code for item in finding_items(window.audit_panel))


def test_an_import_by_another_program_shows_everywhere_without_a_click(qtbot, main_window, store, sample, tmp_path):
    show_tab(qtbot, main_window, main_window.pages[0])
    # A colleague's workbook for the same unit and year: other figures, another 填报单位, a phone that is not one.
    source = Store(tmp_path / "colleague.sqlite3")
    theirs = create_sample(source)
    source.set_value(theirs.id, form("a2"), INSPECTION_2024, 400)
    source.update_contact(theirs.id, filler="示例市应急管理局法规科", contact_person="王五", contact_phone="12")
    source.close()
    workbook = tmp_path / "同事.xlsx"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    run = [sys.executable, str(ROOT / "main.py")]
    export = [*run, "export", "--db", str(tmp_path / "colleague.sqlite3"), "--unit", sample.unit, "--year", "2024"]
    done = subprocess.run([*export, "--xlsx", str(workbook)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    before = list(main_window.findings)
    imported = subprocess.run(  # `main.py import` while the window holds the file open
        [*run, "import", "--db", str(store.path), str(workbook)], capture_output=True, text=True, env=env, timeout=120
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr

    expected = audit_of_the_file(store.path, sample.id)
    assert expected != before  # the file now says one more 提示 (联系方式) at least
    qtbot.waitUntil(lambda: main_window.findings == expected, timeout=5000)
    model = main_window.pages[0].model
    assert model.data(model.index(*model.locate(INSPECTION_2024))) == "400"
    assert main_window.filler.text() == "示例市应急管理局法规科"
    assert (main_window.person.text(), main_window.phone.text()) == ("王五", "12")
    assert "CONTACT_PHONE" in panel_codes(main_window)
    assert panel_codes(main_window) == sorted(f.code for f in expected)


def test_another_programs_contact_line_and_text_show_and_typing_not_saved_stays(qtbot, main_window, store, sample):
    page = main_window.report_page
    show_tab(qtbot, main_window, page)
    page.sections.setCurrentRow(1)
    first = ReportTexts(store).get(sample).sections[0]
    other = Store(store.path)
    edit_text(other, sample, edits.set_body, first.key, "我局共办理行政处罚99件。")
    other.update_contact(sample.id, filler=sample.filler, contact_person="李四", contact_phone="12")
    other.close()
    qtbot.waitUntil(lambda: page.body.toPlainText() == "我局共办理行政处罚99件。", timeout=5000)
    assert main_window.person.text() == "李四" and main_window.phone.text() == "12"
    qtbot.waitUntil(lambda: main_window.findings == audit_of_the_file(store.path, sample.id), timeout=5000)
    assert "CONTACT_PHONE" in panel_codes(main_window)

    # The clerk types; before the pause that saves it, another program writes another section.
    qtbot.keyClicks(page.body, " 2")
    typed = page.body.toPlainText()
    other = Store(store.path)
    second = ReportTexts(other).get(sample).sections[1]
    edit_text(other, sample, edits.set_body, second.key, "另一节")
    other.close()
    main_window.watch.look()
    assert page.body.toPlainText() == typed  # kept in the editor …
    saved = typed.strip()
    qtbot.waitUntil(lambda: ReportTexts(store).get(sample).sections[0].body == saved, timeout=5000)  # … and saved
    assert ReportTexts(store).get(sample).sections[1].body == "另一节"
