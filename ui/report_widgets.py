"""The widgets of the 报告正文 page and their wiring, built apart from what the page does (as Qt
Designer's ``setup_ui`` would be): a compact head of four rows, the outline, the text editor."""

from __future__ import annotations

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
from ui import text_inserts, text_preview
from ui.figure_edit import FigureEdit
from ui.outline_options import HeadingOptions, LevelOptions
from ui.text_layout import text_tabs
from ui.undo_keys import window_steps_when_empty

# ``page`` is ui/report_page.py's ReportPage, not imported here (it imports this module).


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

    def isModified(self) -> bool:  # as QLineEdit's: typed into since last set
        return self.document().isModified()

    def setModified(self, modified: bool) -> None:
        self.document().setModified(modified)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def setup_ui(page: QWidget) -> None:
    """Make the page's widgets (its attributes, which tests drive) and connect them to its slots."""
    store = page.store
    page.title = TitleEdit()
    page.unit_line = QLineEdit()
    page.unit_line.setPlaceholderText("可不填；填写后单独一行印在标题上方，如“某某市应急管理局”")
    page.kind = QComboBox()
    page.kind.setToolTip("每个单位每年可分别撰写两种报告，各有自己的提纲、正文和附件，分别导出")
    for kind in REPORT_KINDS:
        page.kind.addItem(kind.name, kind.key)
    page.levels = LevelOptions()
    page.levels.changed.connect(lambda styles, run_in: page._save(lambda t: edits.set_levels(t, styles, run_in)))
    page.signer = QLineEdit()
    page.sign_date = QDateEdit(calendarPopup=True)
    page.sign_date.setDisplayFormat("yyyy年M月d日")
    page.attachments: dict[str, QCheckBox] = {}
    attachment_row = QHBoxLayout()
    for spec in store.forms:
        box = QCheckBox(spec.label)
        box.toggled.connect(page._save_attachments)
        page.attachments[spec.key] = box
        attachment_row.addWidget(box)
    attachment_row.addWidget(QLabel("编号："))
    page.numbering = QComboBox()
    page.numbering.setToolTip("附件说明中的序号与附件页、Excel 工作表名称一致")
    for key, name in NUMBERINGS.items():
        page.numbering.addItem(name, key)
    page.numbering.activated.connect(
        lambda _index: page._save(lambda t: edits.set_numbering(t, page.numbering.currentData()))
    )
    attachment_row.addWidget(page.numbering)
    page.attachment_note = QCheckBox("印附件说明")
    page.attachment_note.setToolTip("正文后印“附件：1.……”（GB/T 9704 要求）；不勾选则不印，附件页照常")
    page.attachment_note.toggled.connect(lambda on: page._save(lambda t: edits.set_attachment_note(t, on)))
    attachment_row.addWidget(page.attachment_note)

    # Four compact rows, so the text editor below keeps the room (1024×700 included).
    head = QFormLayout()
    head.setVerticalSpacing(4)
    kind_row = QHBoxLayout()
    kind_row.addWidget(page.kind)
    kind_row.addSpacing(12)  # the label is the signer's, not the report kind's
    kind_row.addWidget(QLabel("署名单位："))
    kind_row.addWidget(page.signer, 2)
    kind_row.addWidget(QLabel("成文日期："))
    kind_row.addWidget(page.sign_date)
    head.addRow("当前报告：", kind_row)
    head.addRow("标题上方单位：", page.unit_line)
    head.addRow("报告标题：", page.title)
    attachment_row.addStretch(1)
    head.addRow("随文附件：", attachment_row)
    head.addRow("标题编号：", page.levels)

    page.sections = QListWidget()
    page.sections.currentRowChanged.connect(page._section_chosen)
    outline_buttons = QHBoxLayout()
    for text, slot in (
        ("添加", page.add_section),
        ("删除", page.remove_section),
        ("上移", lambda: page.move_section(-1)),
        ("下移", lambda: page.move_section(1)),
        ("升级", lambda: page.change_level(-1)),
        ("降级", lambda: page.change_level(1)),
    ):
        button = QToolButton(text=text)  # a push button is at least 80 px wide: six of them kept 1024 px out
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        outline_buttons.addWidget(button)
    paste = QPushButton("粘贴整篇报告…")
    paste.setToolTip("把 Word/WPS 中的报告全文复制后点这里：自动识别标题、导语、各级标题（含编号样式）、加粗和正文")
    paste.clicked.connect(page.paste_report)
    from_word = QPushButton("导入 Word 报告…")
    from_word.setToolTip("选择一份 .docx 报告（如去年的），与粘贴整篇报告相同：识别标题、正文和加粗")
    from_word.clicked.connect(lambda: text_inserts.import_word_report(page))
    left = QWidget()
    left_layout = QVBoxLayout(left)
    outline_head = QHBoxLayout()
    outline_head.addWidget(QLabel("提纲"))
    outline_head.addStretch(1)
    outline_head.addWidget(paste)
    outline_head.addWidget(from_word)
    left_layout.addLayout(outline_head)
    left_layout.addWidget(page.sections, 1)
    left_layout.addLayout(outline_buttons)

    page.heading = QLineEdit()
    page.body = FigureEdit(lambda token: text_preview.figure_text(page, token))
    window_steps_when_empty(page, page.title, page.unit_line, page.signer, page.heading, page.body)
    page.body.setPlaceholderText(
        "在此填写本节正文，每段一行。数据请用“插入数据”链接到附件表（蓝色），导出时自动取最新数值；"
        "选中文字按 Ctrl+B 加粗。"
    )
    page.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    insert = QPushButton("插入数据…")
    insert.clicked.connect(page.insert_figure)
    draft = QPushButton("生成基本情况段落")
    draft.setToolTip("根据附件2、附件3的数据起草一段基本情况，插入到光标处，可再修改")
    draft.clicked.connect(page.insert_draft)
    page.preview = QLabel()
    page.preview.setWordWrap(True)
    page.preview.setTextFormat(Qt.TextFormat.RichText)
    page.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    page.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    page.preview.setStyleSheet("background: #f9fafb; padding: 6px; color: #374151;")
    right = QWidget()
    right_layout = QVBoxLayout(right)
    heading_row = QHBoxLayout()
    heading_row.addWidget(QLabel("小标题："))
    heading_row.addWidget(page.heading, 1)
    page.heading_options = HeadingOptions()
    page.heading_options.changed.connect(page._save_heading_options)
    heading_row.addWidget(page.heading_options)
    heading_row.addWidget(insert)
    heading_row.addWidget(draft)
    right_layout.addLayout(heading_row)
    # The editor takes the page's height (1366×768 first); the preview is the tab beside it.
    page.text_tabs = text_tabs(page.body, page.preview)
    right_layout.addWidget(page.text_tabs, 1)

    splitter = QSplitter()
    splitter.setObjectName("outline")  # a stable settings key (the preview's splitter is gone)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setSizes([320, 900])
    layout = QVBoxLayout(page)
    layout.addLayout(head)
    layout.addWidget(splitter, 1)

    page.title.editingFinished.connect(page._save_title)
    page.unit_line.editingFinished.connect(
        lambda: page._save(lambda t: edits.set_unit_line(t, page.unit_line.text()), page.unit_line)
    )
    page.signer.editingFinished.connect(
        lambda: page._save(lambda t: edits.set_signer(t, page.signer.text()), page.signer)
    )
    page.sign_date.dateChanged.connect(lambda d: page._save(lambda t: edits.set_sign_date(t, d.toPython())))
    page.kind.activated.connect(page._kind_chosen)
    page.heading.editingFinished.connect(page._save_heading)
    page.body.textChanged.connect(page._body_changed)
