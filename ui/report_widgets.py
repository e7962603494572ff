"""The widgets of the 报告正文 page and their wiring, built apart from what the page does (as Qt
Designer's ``setup_ui`` would be): a compact head of four rows, the outline, the text editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms import text_edits as edits
from forms.numbering import NUMBERINGS
from forms.outline import REPORT_KINDS
from ui import text_inserts
from ui.figure_edit import FigureEdit
from ui.outline_options import HeadingOptions, LevelOptions
from ui.text_layout import text_tabs

if TYPE_CHECKING:
    from forms.report import ReportText
    from ui.report_page import ReportPage

LEAD_LABEL = "（导语：标题下、“一、”之前的段落）"
CLOSING_LABEL = "（结束语：最后一节之后的段落）"


def outline_labels(text: ReportText) -> list[str]:
    """The outline list's entries: 导语, each heading indented by its level and numbered, 结束语."""
    numbers = text.numbers()
    headings = ["　" * (s.level - 1) + n + s.heading for n, s in zip(numbers, text.sections, strict=True)]
    return [LEAD_LABEL, *headings, CLOSING_LABEL]


class TitleEdit(QPlainTextEdit):
    """The title, on as many lines as the clerk breaks it into (Enter); saved on leaving it."""

    editingFinished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setToolTip("标题过长时按回车在词语之间换行；不换行时导出按词组自动分行")
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(line * 2.2) + 8)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def setup_ui(self: ReportPage) -> None:
    """Make the page's widgets (its attributes, which tests drive) and connect them to its slots."""
    store = self.store
    self.title = TitleEdit()
    self.unit_line = QLineEdit()
    self.unit_line.setPlaceholderText("可不填；填写后单独一行印在标题上方，如“某某市应急管理局”")
    self.kind = QComboBox()
    self.kind.setToolTip("每个单位每年可分别撰写两种报告，各有自己的提纲、正文和附件，分别导出")
    for kind in REPORT_KINDS:
        self.kind.addItem(kind.name, kind.key)
    self.levels = LevelOptions()
    self.levels.changed.connect(lambda styles, run_in: self._save(lambda t: edits.set_levels(t, styles, run_in)))
    self.signer = QLineEdit()
    self.sign_date = QDateEdit(calendarPopup=True)
    self.sign_date.setDisplayFormat("yyyy年M月d日")
    self.attachments: dict[str, QCheckBox] = {}
    attachment_row = QHBoxLayout()
    for spec in store.forms:
        box = QCheckBox(spec.label)
        box.toggled.connect(self._save_attachments)
        self.attachments[spec.key] = box
        attachment_row.addWidget(box)
    attachment_row.addWidget(QLabel("编号："))
    self.numbering = QComboBox()
    self.numbering.setToolTip("附件说明中的序号与附件页、Excel 工作表名称一致")
    for key, name in NUMBERINGS.items():
        self.numbering.addItem(name, key)
    self.numbering.activated.connect(
        lambda _index: self._save(lambda t: edits.set_numbering(t, self.numbering.currentData()))
    )
    attachment_row.addWidget(self.numbering)
    self.attachment_note = QCheckBox("印附件说明")
    self.attachment_note.setToolTip("正文后印“附件：1.……”（GB/T 9704 要求）；不勾选则不印，附件页照常")
    self.attachment_note.toggled.connect(lambda on: self._save(lambda t: edits.set_attachment_note(t, on)))
    attachment_row.addWidget(self.attachment_note)

    # Four compact rows, so the text editor below keeps the room (1024×700 included).
    head = QFormLayout()
    head.setVerticalSpacing(4)
    kind_row = QHBoxLayout()
    kind_row.addWidget(self.kind)
    kind_row.addWidget(QLabel("署名单位："))
    kind_row.addWidget(self.signer, 2)
    kind_row.addWidget(QLabel("成文日期："))
    kind_row.addWidget(self.sign_date)
    head.addRow("当前报告：", kind_row)
    head.addRow("标题上方单位：", self.unit_line)
    head.addRow("报告标题：", self.title)
    attachment_row.addStretch(1)
    head.addRow("随文附件：", attachment_row)
    head.addRow("标题编号：", self.levels)

    self.sections = QListWidget()
    self.sections.currentRowChanged.connect(self._section_chosen)
    outline_buttons = QHBoxLayout()
    for text, slot in (
        ("添加", self.add_section),
        ("删除", self.remove_section),
        ("上移", lambda: self.move_section(-1)),
        ("下移", lambda: self.move_section(1)),
        ("升级", lambda: self.change_level(-1)),
        ("降级", lambda: self.change_level(1)),
    ):
        button = QToolButton(text=text)  # a push button is at least 80 px wide: six of them kept 1024 px out
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        outline_buttons.addWidget(button)
    paste = QPushButton("粘贴整篇报告…")
    paste.setToolTip("把 Word/WPS 中的报告全文复制后点这里：自动识别标题、导语、各级标题（含编号样式）、加粗和正文")
    paste.clicked.connect(self.paste_report)
    from_word = QPushButton("导入 Word 报告…")
    from_word.setToolTip("选择一份 .docx 报告（如去年的），与粘贴整篇报告相同：识别标题、正文和加粗")
    from_word.clicked.connect(lambda: text_inserts.import_word_report(self))
    left = QWidget()
    left_layout = QVBoxLayout(left)
    outline_head = QHBoxLayout()
    outline_head.addWidget(QLabel("提纲"))
    outline_head.addStretch(1)
    outline_head.addWidget(paste)
    outline_head.addWidget(from_word)
    left_layout.addLayout(outline_head)
    left_layout.addWidget(self.sections, 1)
    left_layout.addLayout(outline_buttons)

    self.heading = QLineEdit()
    self.body = FigureEdit(self._figure_text)
    self.body.setPlaceholderText(
        "在此填写本节正文，每段一行。数据请用“插入数据”链接到附件表（蓝色），导出时自动取最新数值；"
        "选中文字按 Ctrl+B 加粗。"
    )
    self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    insert = QPushButton("插入数据…")
    insert.clicked.connect(self.insert_figure)
    draft = QPushButton("生成基本情况段落")
    draft.setToolTip("根据附件2、附件3的数据起草一段基本情况，插入到光标处，可再修改")
    draft.clicked.connect(self.insert_draft)
    self.preview = QLabel()
    self.preview.setWordWrap(True)
    self.preview.setTextFormat(Qt.TextFormat.RichText)
    self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    self.preview.setStyleSheet("background: #f9fafb; padding: 6px; color: #374151;")
    right = QWidget()
    right_layout = QVBoxLayout(right)
    heading_row = QHBoxLayout()
    heading_row.addWidget(QLabel("小标题："))
    heading_row.addWidget(self.heading, 1)
    self.heading_options = HeadingOptions()
    self.heading_options.changed.connect(self._save_heading_options)
    heading_row.addWidget(self.heading_options)
    heading_row.addWidget(insert)
    heading_row.addWidget(draft)
    right_layout.addLayout(heading_row)
    # The editor takes the page's height (1366×768 first); the preview is the tab beside it.
    self.text_tabs = text_tabs(self.body, self.preview)
    right_layout.addWidget(self.text_tabs, 1)

    splitter = QSplitter()
    splitter.setObjectName("outline")  # a stable settings key (the preview's splitter is gone)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setSizes([320, 900])
    layout = QVBoxLayout(self)
    layout.addLayout(head)
    layout.addWidget(splitter, 1)

    self.title.editingFinished.connect(self._save_title)
    self.unit_line.editingFinished.connect(lambda: self._save(lambda t: edits.set_unit_line(t, self.unit_line.text())))
    self.signer.editingFinished.connect(lambda: self._save(lambda t: edits.set_signer(t, self.signer.text())))
    self.sign_date.dateChanged.connect(lambda d: self._save(lambda t: edits.set_sign_date(t, d.toPython())))
    self.kind.activated.connect(self._kind_chosen)
    self.heading.editingFinished.connect(self._save_heading)
    self.body.textChanged.connect(self._body_changed)
