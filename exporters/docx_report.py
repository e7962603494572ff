"""The Word report. Today: the attachment pages; the narrative body goes before them."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject

from exporters.docx_attachments import add_attachments
from exporters.docx_style import FontNames, prepare_document
from exporters.files import save_atomically
from forms.report import ReportData


def build_document(data: ReportData, fonts: FontNames | None = None) -> DocumentObject:
    fonts = fonts or FontNames()
    doc = Document()
    prepare_document(doc, fonts)
    core = doc.core_properties
    core.title = f"{data.report.unit}{data.report.year}年行政执法工作报告"
    core.author = data.report.unit
    core.language = "zh-CN"
    add_attachments(doc, data, fonts, after_body=False)
    return doc


def write_docx(path: Path, data: ReportData, fonts: FontNames | None = None) -> None:
    doc = build_document(data, fonts)
    save_atomically(Path(path), lambda tmp: doc.save(str(tmp)))
