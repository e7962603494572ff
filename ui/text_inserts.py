"""What goes into the report text from outside: a whole report (copied from Word/WPS or read from a
.docx), a linked figure from the picker, the drafted 基本情况 paragraph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from forms.draft import draft_basic_situation
from forms.errors import UserError
from ui.figure_picker import FigurePicker
from ui.figure_selection import selected_link

# ``page`` is ui/report_page.py's ReportPage, not imported here (it imports this module).


def paste_report(page: QWidget) -> None:
    """A report copied from Word/WPS (its HTML flavour keeps the bold and its paragraphs; else the
    plain text, whose lines a PDF may have broken) becomes this (empty) report's text."""
    from forms.rich_text import html_to_marked  # the paste's modules load when a paste happens, not at start

    mime = QGuiApplication.clipboard().mimeData()
    if mime.hasHtml():
        _put_report(page, "粘贴整篇报告", lambda: (html_to_marked(mime.html()), False))
    else:
        _put_report(page, "粘贴整篇报告", lambda: (mime.text(), True))


def import_word_report(page: QWidget) -> None:
    """The same from a .docx (last year's report), read behind the guarded boundary."""
    from PySide6.QtWidgets import QFileDialog

    from importers.word_report import read_report_file

    path, _ = QFileDialog.getOpenFileName(page, "导入 Word 报告", "", "Word 文档 (*.docx)")
    if path:
        _put_report(page, "导入 Word 报告", lambda: read_report_file(Path(path)))


def _put_report(page: QWidget, title: str, read: Callable[[], tuple[str, bool]]) -> None:
    """The one path of the paste (storage.pasted_text): a report with text is refused there."""
    from forms.paste_report import parse_pasted
    from storage.pasted_text import put_pasted

    def put() -> str:
        text, wrapped = read()
        return put_pasted(page.texts, page.report, parse_pasted(text, wrapped=wrapped))

    said = page.put_whole(title, put)
    if said is not None:
        page.message.emit(f"已{title.removesuffix('…')}：{said}")


def insert_figure(page: QWidget) -> None:
    try:
        tables = page.store.report_data(page.report, with_text=False)
    except UserError as exc:
        QMessageBox.warning(page, "填报助手", exc.message)
        return
    picker = FigurePicker(tables, page, selected=selected_link(page.body))
    if picker.exec() and (link := picker.link()) is not None:
        page.refresh_figures()  # the picker read the tables: the page reads them again too
        page.body.insertPlainText(link.token())
        page.flush()


def insert_draft(page: QWidget) -> None:
    try:
        draft = draft_basic_situation(page.store.report_data(page.report, with_text=False))
    except UserError as exc:
        QMessageBox.warning(page, "填报助手", exc.message)
        return
    cursor = page.body.textCursor()
    if cursor.positionInBlock() > 0:
        draft = "\n" + draft
    page.refresh_figures()
    page.body.insertPlainText(draft)
    page.flush()
    page.message.emit("已生成基本情况段落，可直接修改文字；蓝色部分为链接的表格数据")
