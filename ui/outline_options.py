"""The outline's choices: each level's number style and run-in, and one heading's own (no number,
run-in other than its level's). The page stores them (``storage.report_text``); these widgets only
show and report them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from forms.outline import LEVEL_NAMES, LEVELS, NUMBER_STYLES
from forms.report import ReportText, Section

_FOLLOW, _RUN_IN, _OWN_LINE = "level", "run_in", "own_line"


class LevelOptions(QWidget):
    """一级 [一、▾] □接排  二级 [（一）▾] ☑接排 …"""

    changed = Signal(object, object)  # (styles, run-in levels)

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.styles: dict[int, QComboBox] = {}
        self.run_in: dict[int, QCheckBox] = {}
        for level in LEVELS:
            style = QComboBox()
            style.addItems(NUMBER_STYLES)
            style.setToolTip(f"{LEVEL_NAMES[level]}标题的编号样式（字体按级别：黑体、楷体、仿宋加粗、仿宋）")
            style.activated.connect(self._report)
            box = QCheckBox("接排")
            box.setToolTip("勾选：标题与正文接排在同一段，如“（一）明确职责。一是……”；不勾选：标题单独成行")
            box.toggled.connect(self._report)
            self.styles[level], self.run_in[level] = style, box
            row.addWidget(QLabel(LEVEL_NAMES[level]))
            row.addWidget(style)
            row.addWidget(box)
        self._loading = False

    def show_text(self, text: ReportText) -> None:
        self._loading = True
        for level in LEVELS:
            self.styles[level].setCurrentText(text.styles[level - 1])
            self.run_in[level].setChecked(level in text.run_in)
        self._loading = False

    def _report(self) -> None:
        if not self._loading:
            styles = tuple(self.styles[level].currentText() for level in LEVELS)
            self.changed.emit(styles, frozenset(level for level in LEVELS if self.run_in[level].isChecked()))


class HeadingOptions(QWidget):
    """One heading: □不编号  [跟随级别设置 / 与正文接排 / 单独成行 ▾]"""

    changed = Signal(bool, object)  # (numbered, run-in: True/False, None to follow the level)

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.unnumbered = QCheckBox("不编号")
        self.unnumbered.setToolTip("这个标题不带序号，也不占序号（如“下一步工作打算”），其下的标题从一重新编号")
        self.run_in = QComboBox()
        for label, key in (("接排：按级别", _FOLLOW), ("与正文接排", _RUN_IN), ("单独成行", _OWN_LINE)):
            self.run_in.addItem(label, key)
        self.run_in.setToolTip("这个标题是否与其正文接排；“按级别”即按上方各级的设置")
        row.addWidget(self.unnumbered)
        row.addWidget(self.run_in)
        self.unnumbered.toggled.connect(self._report)
        self.run_in.activated.connect(self._report)
        self._loading = False

    def show_section(self, section: Section | None) -> None:
        self._loading = True
        self.setEnabled(section is not None)
        self.unnumbered.setChecked(section is not None and not section.numbered)
        own = None if section is None else section.run_in
        self.run_in.setCurrentIndex(self.run_in.findData(_FOLLOW if own is None else _RUN_IN if own else _OWN_LINE))
        self._loading = False

    def _report(self) -> None:
        if not self._loading:
            key = self.run_in.currentData()
            self.changed.emit(not self.unnumbered.isChecked(), None if key == _FOLLOW else key == _RUN_IN)
