"""What start-up must not do: load the exporters' libraries or build grids nobody has looked at yet."""

from __future__ import annotations

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


def test_grids_are_built_when_their_tab_is_first_shown(qtbot, main_window):
    assert main_window.tabs.count() == 5
    assert [main_window.tabs.tabText(i) for i in range(1, 5)] == ["附件2", "附件3", "附件4", "附件5"]
    assert main_window.tabs.widget(2).findChild(QTableView) is None  # 附件3 not opened yet
    main_window.tabs.setCurrentIndex(2)
    page = main_window.tabs.currentWidget()
    qtbot.waitUntil(page.isVisible)
    assert page.spec.label == "附件3"
    assert page.model.data(page.model.index(0, 7)) == "336"


def test_the_first_audit_is_shown_once_the_window_is_up(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.audit_panel.summary.text().startswith("审核：错误 2 条"))
    page = main_window.pages[1]
    show_tab(qtbot, main_window, page)
    assert "336 大于" in page.model.data(page.model.index(0, 7), Qt.ItemDataRole.ToolTipRole)
