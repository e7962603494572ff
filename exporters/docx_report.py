"""The Word report: the narrative body (when the report has one), then the attachment pages."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject

from exporters.docx_attachments import LANDSCAPE_MARGINS, add_attachments
from exporters.docx_body import add_body, add_page_numbers
from exporters.docx_package import clean_package
from exporters.docx_style import FontNames, prepare_document
from exporters.files import save_atomically
from forms.report import ReportData
from forms.stored_chars import printable_data

CORE_MAX = 255
TEMPLATE_LABEL = "填报助手表样 "  # + its version: the docx's category (exporters/docx_report.py)


def template_label(version: str) -> str:
    return f"{TEMPLATE_LABEL}{version}"


def build_document(data: ReportData, fonts: FontNames | None = None) -> DocumentObject:
    fonts = fonts or FontNames()
    data = printable_data(data)  # whatever an older version left in the file, Word holds no control character
    doc = Document()
    prepare_document(doc, fonts)
    clean_package(doc, fonts)
    core = doc.core_properties
    core.author = _core_text(data.report.unit)
    core.language = "zh-CN"
    # The report's template, where Word and WPS show it (文件 → 属性 → 摘要 → 类别); ``version`` would
    # say the document's own revision, and is shown by neither.
    core.category = template_label(data.report.template)
    if data.text is None:
        core.title = _core_text(f"{data.report.unit}{data.report.year}年行政执法工作报告附件")
        add_attachments(doc, data, fonts, after_body=False)
        add_page_numbers(doc, doc.sections[0], fonts, block_bottom_mm=LANDSCAPE_MARGINS[1])
        return doc
    core.title = _core_text(" ".join(data.text.title.split()))
    add_body(doc, data, fonts)
    included = [f for f in data.forms if f.spec.key in data.text.attachments]
    if included:
        add_attachments(doc, data, fonts, after_body=True, forms=included)
    return doc


def _core_text(text: str) -> str:
    # The file's properties (title, author) hold at most 255 characters; the page holds all of it.
    return text if len(text) <= CORE_MAX else text[: CORE_MAX - 1] + "…"


def write_docx(path: Path, data: ReportData, fonts: FontNames | None = None) -> None:
    doc = build_document(data, fonts)
    # Packed in memory, then written in one go: python-docx leaves its ZipFile open when a write
    # fails (a full disk), and the ZipFile's __del__ then prints a traceback on stderr.
    package = io.BytesIO()
    doc.save(package)
    save_atomically(Path(path), lambda tmp: tmp.write_bytes(package.getvalue()))
