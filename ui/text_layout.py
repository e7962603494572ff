"""The 报告正文 page laid out for 1366×768 first: the editor gets the height, the preview is a tab
beside it (below the editor it left the editor ≈6 lines at 1366×768 and ≈3 at 1024×700)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

EDIT_TAB = "编辑正文"
PREVIEW_TAB = "导出效果预览"


def text_tabs(editor: QWidget, preview: QLabel) -> QTabWidget:
    tabs = QTabWidget()
    tabs.setDocumentMode(True)  # no frame: the editor's own border is enough
    tabs.addTab(editor, EDIT_TAB)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel("导出效果（数据为当前表格中的数值）："))
    scroll = QScrollArea()  # a long section scrolls instead of pushing the page taller
    scroll.setWidgetResizable(True)
    scroll.setWidget(preview)
    layout.addWidget(scroll, 1)
    tabs.addTab(box, PREVIEW_TAB)
    tabs.setTabToolTip(1, "本节正文导出到 Word 后的样子：链接的数据填为当前数值，加粗标记显示为加粗")
    return tabs
