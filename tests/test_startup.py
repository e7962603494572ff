"""What start-up must not do: load the exporters' libraries or build grids nobody has looked at yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from tests.support.qt import show_tab

ROOT = Path(__file__).resolve().parents[1]


def test_the_window_module_does_not_load_openpyxl_or_python_docx():
    code = "import sys, ui.app; print(sorted(m for m in ('openpyxl', 'docx', 'lxml') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_window_module_does_not_load_the_audit_or_the_sample():
    # The audit's modules (校对's and OpenCC among them) and the 报告正文 page load after the first paint;
    # the sample when asked for; the city's board when opened.
    later = (
        "forms.audit",
        "forms.audit_text",
        "forms.proofread",
        "forms.proofread_titles",
        "forms.proofread_report",
        "forms.font_cover",
        "opencc",
        "fontTools",
        "storage.sample",
        "storage.board",
        "ui.report_page",
        "ui.figure_edit",
        "ui.board_dialog",
    )
    code = f"import sys, ui.app; print(sorted(m for m in {later!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_pyside_does_not_read_the_source_of_every_module_the_window_imports():
    # PySide's __feature__ hook would read each module's whole source into linecache (≈4 MiB at the
    # first paint, ui/pyside_scan.py); the window still builds and shows Qt types from ui/ as before.
    code = (
        "import linecache, sys, ui.app, ui.main_window\n"
        "ends = ('store.py', 'registry.py', 'typing.py', 'main_window.py')\n"
        "read = [n for n in linecache.cache if n.endswith(ends)]\n"
        "print(len(read), 'storage.store' in sys.modules, 'ui.main_window' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["0", "True", "True"]


def test_grids_are_built_when_their_tab_is_first_shown(qtbot, main_window):
    assert main_window.tabs.count() == 5
    assert [main_window.tabs.tabText(i) for i in range(1, 5)] == ["附件2", "附件3", "附件4", "附件5"]
    assert main_window.tabs.widget(2).findChild(QTableView) is None  # 附件3 not opened yet
    main_window.tabs.setCurrentIndex(2)
    page = main_window.tabs.currentWidget()
    qtbot.waitUntil(page.isVisible)
    assert page.spec.label == "附件3"
    assert page.model.data(page.model.index(0, 7)) == "336"


def test_the_report_text_page_fills_its_tab_once_the_window_is_up(qtbot, store, sample):
    from storage.report_text import ReportTexts
    from ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.tabs.tabText(0) == "报告正文" and window.built_report_page is None  # not before the first paint
    window.show()
    qtbot.waitUntil(lambda: window.built_report_page is not None)
    page = window.tabs.widget(0)
    assert page is window.report_page and window.tabs.tabText(0) == "报告正文" and window.tabs.currentIndex() == 0
    qtbot.waitUntil(page.isVisible)
    assert page.title.toPlainText() == ReportTexts(store).get(sample).title != ""


def test_the_first_audit_is_shown_once_the_window_is_up(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.audit_panel.summary.text().startswith("审核：错误 2 条"))
    page = main_window.pages[1]
    show_tab(qtbot, main_window, page)
    assert "336 大于" in page.model.data(page.model.index(0, 7), Qt.ItemDataRole.ToolTipRole)


# A clerk's day starts with opening the file and typing (tables and text): none of it needs sqlite-utils
# (≈0.1 s and 15 MiB with its plugins), kept for migrations and writes that insert whole rows.
START_AND_EDIT = """
import json, sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
import main, ui.app
from forms import text_edits as edits
from storage.report_text import ReportTexts
from storage.text_changes import apply_text

def look():
    window = next((w for w in QApplication.topLevelWidgets() if hasattr(w, "audited")), None)
    if window is None or not window.audited:
        QTimer.singleShot(20, look)
        return
    model = window.pages[0].model
    index = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                 if (cell := model.cell(r, c)) is not None and cell.editable and cell.key is not None)
    assert model.setData(index, "123", Qt.ItemDataRole.EditRole)
    texts = ReportTexts(window.store)  # what the 报告正文 autosave does
    text = texts.get(window.report)
    apply_text(texts, window.report, edits.set_body(text, text.sections[0].key, "本年度工作稳步推进。"))
    shown = {"title": window.windowTitle(), "cell": model.data(index), "audit": window.audit_panel.summary.text()}
    shown["loaded"] = sorted(m for m in ("sqlite_utils", "openpyxl", "docx") if m in sys.modules)
    print(json.dumps(shown, ensure_ascii=False))
    QApplication.instance().quit()

QTimer.singleShot(0, look)
sys.exit(main.main(["--db", sys.argv[1]]))
"""


def test_opening_a_file_and_typing_do_not_load_sqlite_utils(tmp_path):
    from storage.sample import create_sample
    from storage.store import Store

    db = tmp_path / "报表.sqlite3"
    store = Store(db)
    create_sample(store)
    store.close()
    result = subprocess.run(
        [sys.executable, "-c", START_AND_EDIT, str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert "示例市应急管理局" in shown["title"]
    assert shown["cell"] == "123" and shown["audit"].startswith("审核：")
    assert shown["loaded"] == []
    store = Store(db)  # the edit is in the file
    assert "123" in {str(v) for v in store.form_data(store.reports()[0], store.forms[0]).values.values()}
