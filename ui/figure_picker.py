"""插入数据: pick attachment → field → 本年/上年/同比, get a linked-figure token."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from forms.figures import DEFAULT_TRIM, WORDINGS, Link, converts_to_wan, figure, linkable_fields
from forms.report import ReportData


class FigurePicker(QDialog):
    def __init__(self, data: ReportData, parent: QWidget | None = None, *, selected: Link | None = None) -> None:
        """``selected``: the linked figure selected in the text; the picker opens on its field."""
        super().__init__(parent)
        self.setWindowTitle("插入表格数据")
        self.data = data
        self.form = QComboBox()
        for form in data.forms:
            self.form.addItem(f"{form.spec.label} {form.spec.title_for(data.report.year)}", form.spec.key)
        self.field = QComboBox()
        self.which = QComboBox()
        self.wan = QCheckBox("以万元表示（保留到分，不四舍五入）")
        self.wording = QComboBox()  # how a change is worded, as the bureau writes it
        for key, example in WORDINGS.items():
            self.wording.addItem(example, key)
        self.decimals = QComboBox()
        self.decimals.addItem("按设置的同比小数位", None)
        self.decimals.addItem("去掉末尾的 0（30%、36.3%）", "trim")
        for places in (0, 1, 2):
            self.decimals.addItem(f"固定 {places} 位小数", places)
        self.decimals.setCurrentIndex(self.decimals.findData("trim" if DEFAULT_TRIM else None))
        self.preview = QLabel()
        self.preview.setStyleSheet("font-size: 13pt; color: #1d4ed8;")
        layout = QFormLayout(self)
        layout.addRow("附件：", self.form)
        layout.addRow("项目：", self.field)
        layout.addRow("取值：", self.which)
        layout.addRow("", self.wan)
        layout.addRow("同比写法：", self.wording)
        layout.addRow("百分数小数：", self.decimals)
        layout.addRow("当前数值：", self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.form.currentIndexChanged.connect(self._fill_fields)
        self.field.currentIndexChanged.connect(self._fill_which)
        self.which.currentIndexChanged.connect(self._update)
        self.wan.toggled.connect(self._update)
        self.wording.currentIndexChanged.connect(self._update)
        self.decimals.currentIndexChanged.connect(self._update)
        self._fill_fields()
        if selected is not None:
            self.show_link(selected)
        self.setMinimumWidth(480)

    def show_link(self, link: Link) -> None:
        for combo, value in ((self.form, link.form), (self.field, link.field), (self.which, link.which)):
            index = combo.findData(value)
            if index < 0:
                return  # a field this template no longer links: the picker stays at its start
            combo.setCurrentIndex(index)

    def _spec(self):
        return self.data.form(self.form.currentData()).spec

    def _fill_fields(self) -> None:
        self.field.clear()
        for field in linkable_fields(self._spec()):
            self.field.addItem(field.label, field.key)

    def _fill_which(self) -> None:
        self.which.clear()
        if self.field.currentData() is None:
            return
        field = self._spec().field(self.field.currentData())
        year = self.data.report.year
        options = {"cur": f"本年（{year}年）"}
        if field.paired:
            options |= {
                "prev": f"上年（{year - 1}年）",
                "yoy": "同比增减（如 -35.59%）",
                "change": "同比文字（如“（同比下降35.59%）”）",
            }
        for key, label in options.items():
            self.which.addItem(label, key)
        self.wan.setEnabled(converts_to_wan(field))  # an amount entered in 万元 is never converted again
        self.wan.setChecked(converts_to_wan(field))
        self._update()

    def link(self) -> Link | None:
        if self.field.currentData() is None or self.which.currentData() is None:
            return None
        which = self.which.currentData()
        wan = self.wan.isEnabled() and self.wan.isChecked() and which in ("cur", "prev")
        link = Link(self.form.currentData(), self.field.currentData(), which, wan)
        if which in ("yoy", "change"):
            decimals = self.decimals.currentData()
            link = replace(
                link,
                wording=self.wording.currentData() if which == "change" else "paren",
                trim=decimals == "trim",
                places=decimals if isinstance(decimals, int) else None,
            )
        return link

    def _update(self) -> None:
        link = self.link()
        is_change = link is not None and link.which in ("yoy", "change")
        self.wording.setEnabled(is_change and link.which == "change")
        self.decimals.setEnabled(is_change)
        self.preview.setText(figure(link, self.data) or "（不显示：上年为 0 或未填）" if link else "")
