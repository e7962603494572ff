"""报告正文 laid out for 1366×768 first: the editor gets the height, the preview is a tab, the
审核 panel is one summary line there (opened by a click, the choice remembered per page)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.support.qt import show_tab
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def visible_lines(editor) -> int:
    return editor.viewport().height() // editor.fontMetrics().lineSpacing()


@pytest.mark.parametrize(("size", "least"), [((1366, 768), 15), ((1280, 720), 13), ((1024, 700), 8)])
def test_the_editor_shows_enough_lines(qtbot, main_window, size, least):
    main_window.resize(*size)
    show_tab(qtbot, main_window, main_window.report_page)
    QGuiApplication.processEvents()
    assert main_window.size().height() == size[1]
    assert visible_lines(main_window.report_page.body) >= least


def test_the_preview_is_a_tab_beside_the_editor(qtbot, main_window):
    page = main_window.report_page
    show_tab(qtbot, main_window, page)
    bar = page.text_tabs.tabBar()
    assert [bar.tabText(i) for i in range(bar.count())] == ["编辑正文", "导出效果预览"]
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(1).center())
    qtbot.waitUntil(page.preview.isVisible)
    assert not page.body.isVisible() and page.preview.text()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(0).center())
    assert page.body.isVisible()


def test_the_audit_panel_is_one_line_on_the_text_page_and_opens_on_click(qtbot, main_window, store):
    window = main_window
    window.resize(1366, 768)
    panel = window.audit_panel
    show_tab(qtbot, window, window.report_page)
    assert panel.folded and not panel.tree.isVisible()
    assert panel.summary.isVisible() and panel.summary.text().startswith("审核：错误 2 条")
    assert window.audit_dock.height() < 3 * panel.fold_button.sizeHint().height()
    qtbot.mouseClick(panel.summary, LEFT)  # the counts open the list
    qtbot.waitUntil(panel.tree.isVisible)
    qtbot.waitUntil(lambda: window.audit_dock.height() > 150)
    show_tab(qtbot, window, window.pages[0])  # a grid: opened by default
    assert panel.tree.isVisible()
    qtbot.mouseClick(panel.fold_button, LEFT)  # folded on 附件2 only
    assert panel.folded
    show_tab(qtbot, window, window.report_page)
    assert not panel.folded  # as the clerk left it on this page
    qtbot.mouseClick(panel.fold_button, LEFT)
    show_tab(qtbot, window, window.pages[1])
    assert not panel.folded  # 附件3 was never folded
    window.close()
    again = MainWindow(store)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.audited)
    assert again.audit_panel.folded  # 报告正文, folded, remembered
    show_tab(qtbot, again, again.pages[0])
    assert again.audit_panel.folded
    show_tab(qtbot, again, again.pages[1])
    assert not again.audit_panel.folded


def test_the_window_fits_1024_pixels_wide_on_every_page(qtbot, main_window):
    """A laptop at 1024 px: no page may ask for more width than the screen has (the window would be cut)."""
    for page in [main_window.report_page, *main_window.pages]:
        show_tab(qtbot, main_window, page)
        assert main_window.minimumSizeHint().width() <= 1024, type(page).__name__
    main_window.audit_panel.setVisible(True)  # the audit list opened
    assert main_window.minimumSizeHint().width() <= 1024
