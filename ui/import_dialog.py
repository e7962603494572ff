"""文件 → 导入/汇总…: pick county workbooks (files or a folder), see each file's unit and year and the year of
the 汇总 before anything is stored, import them with a line per file and a progress bar, and optionally build
the city's 汇总 report. A thin shell over ``importers`` (the year rule is ``importers.city.aggregate_year``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.errors import UserError
from forms.report import Report
from importers.city import NotAggregated, aggregate_files, aggregate_year
from importers.importing import FileLook, FileResult, import_files, look_at_file, results_summary, workbooks_in
from storage.store import Store
from ui.file_dialogs import IMPORT
from ui.settings import last_folder, remember_folder


def result_text(result: FileResult) -> str:
    """A list entry: the file's line, then what the clerk should look at."""
    return "\n".join([result.line().replace("\t", "　"), *(f"　　{line}" for line in result.details())])


class ImportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None, *, city: str = "") -> None:
        super().__init__(parent)
        self.store = store
        self.paths: list[Path] = []
        self.looks: list[FileLook] = []
        self.results: list[FileResult] = []
        self.aggregated: Report | None = None
        self.setWindowTitle("导入/汇总")
        self.setMinimumSize(720, 480)

        pick_files = QPushButton("选择文件…")
        pick_files.clicked.connect(self.choose_files)
        pick_folder = QPushButton("选择文件夹…")
        pick_folder.clicked.connect(self.choose_folder)
        self.chosen = QLabel("尚未选择文件")
        picks = QHBoxLayout()
        picks.addWidget(pick_files)
        picks.addWidget(pick_folder)
        picks.addWidget(self.chosen, 1)

        self.combine = QCheckBox("导入后生成汇总报表")
        self.city = QLineEdit(city)
        self.city.setPlaceholderText("汇总单位，如：某某市应急管理局")
        self.city.textChanged.connect(self._say_year)
        self.year = QLabel("取自所选文件")  # the year the 汇总 will have, read from the files
        self.year.setWordWrap(True)
        options = QFormLayout()
        options.addRow(self.combine)
        options.addRow("汇总单位：", self.city)
        options.addRow("年度：", self.year)
        for widget in (self.city, self.year):  # the 汇总's own: greyed until one is asked for
            widget.setEnabled(False)
            self.combine.toggled.connect(widget.setEnabled)

        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start = self.buttons.addButton("开始导入", QDialogButtonBox.ButtonRole.ActionRole)
        self.start.setEnabled(False)
        self.start.clicked.connect(self.run)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(picks)
        layout.addLayout(options)
        layout.addWidget(self.progress)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def set_paths(self, paths: list[Path]) -> None:
        """Show the chosen files with the unit and year each holds (read, not stored) and the 汇总's year."""
        self.paths = [Path(p) for p in paths]
        self.list.clear()
        self.summary.clear()
        self.progress.reset()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.looks = [look_at_file(path, self.store) for path in self.paths]
        finally:
            QApplication.restoreOverrideCursor()
        for look in self.looks:
            self.list.addItem(look.line().replace("\t", "　"))
        unreadable = sum(look.rejected for look in self.looks)
        chosen = f"已选择 {len(self.paths)} 个文件" + (f"（{unreadable} 个无法导入）" if unreadable else "")
        self.chosen.setText(chosen if self.paths else "所选位置没有 .xlsx、.xls 或 .ods 文件")
        self._say_year()
        self.start.setEnabled(bool(self.paths))

    def _say_year(self) -> None:
        if not self.looks or all(look.rejected for look in self.looks):
            self.year.setText("取自所选文件" + ("（所选文件都无法导入）" if self.looks else ""))
            return
        try:
            year = aggregate_year([(look.unit, look.year) for look in self.looks], self.city.text().strip())
        except UserError as exc:
            self.year.setText(f"{exc.message}。可以导入，但不会生成汇总")
            return
        self.year.setText(f"{year}年（取自所选文件）")

    def choose_files(self) -> None:
        start = str(last_folder(IMPORT) or Path.home())  # not the program's folder
        kinds = "Excel/WPS 表格 (*.xlsx *.xls *.ods)"
        names, _ = QFileDialog.getOpenFileNames(self, "选择各单位的 Excel 附表", start, kinds)
        if names:
            remember_folder(IMPORT, Path(names[0]).parent)
            self.set_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        start = str(last_folder(IMPORT) or Path.home())
        folder = QFileDialog.getExistingDirectory(self, "选择存放各单位附表的文件夹", start)
        if folder:
            remember_folder(IMPORT, Path(folder))
            self.set_paths(workbooks_in(Path(folder)))

    def run(self) -> None:
        """Import each file (the list grows as they go), then build the 汇总 when asked."""
        city = self.city.text().strip()
        if self.combine.isChecked() and not city:
            self.summary.setText("请先填写汇总单位")
            self.city.setFocus()
            return
        self.start.setEnabled(False)
        self.list.clear()
        self.results = []
        self.progress.setRange(0, len(self.paths))
        self.progress.setValue(0)
        made = ""
        try:
            if self.combine.isChecked():
                made = self._aggregate(city)
            else:
                import_files(self.store, self.paths, self._imported)
        finally:
            self.start.setEnabled(True)
        self.summary.setText(results_summary(self.results) + (" " + made if made else ""))

    def _imported(self, i: int, result: FileResult) -> None:
        self.results.append(result)
        self.list.addItem(result_text(result))
        self.progress.setValue(i + 1)
        QApplication.processEvents()  # the bar and the list move while the files are read

    def _aggregate(self, city: str) -> str:
        try:
            result = aggregate_files(self.store, city, None, self.paths, self._imported)
        except NotAggregated as exc:
            return exc.message
        self.aggregated = result.report
        for note in result.notes:
            self.list.addItem(f"提示：{note}")
        for change in result.changes:
            self.list.addItem(f"汇总改动：{change}")
        return f"已生成汇总：{city} {result.report.year}年，共 {len(result.units)} 个单位。"
