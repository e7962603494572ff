"""What an export asks or refuses before it writes (文件 → 导出 Excel 附表… / 导出 Word 报告…).

The window shows these; the rules are here: what the clerk typed must be saved first (the file
would lack it), errors still in the audit are asked about, and the file name offered."""

from __future__ import annotations

from forms.export_names import export_name
from forms.findings import Finding
from forms.report import Report
from forms.rules import Severity
from forms.unsaved import BEFORE_EXPORT, unsaved_note


def unsaved_refusal(problems: list[str | None]) -> str | None:
    """The refusal when something typed could not be saved (each reason one line), else None."""
    return unsaved_note(problems, BEFORE_EXPORT)


def errors_question(findings: list[Finding]) -> str | None:
    """The question when the audit still finds 错误, else None (export goes ahead: 提示 are not asked
    about). It names the 校对 findings too, which the clerk may want to see before the file goes out."""
    wrong = sum(f.severity is Severity.ERROR for f in findings)
    if not wrong:
        return None
    proofread = sum(f.proofreading for f in findings)
    also = f"，另有 {proofread} 条校对提示" if proofread else ""
    return f"审核发现 {wrong} 个错误尚未改正{also}（见窗口下方“审核”）。仍要导出吗？"


def export_kind(suffix: str) -> str:
    """``.xlsx`` → ``xlsx``: the kind ``exporters.report_export.export_report`` takes as keyword."""
    return suffix.lstrip(".")


def offered_name(report: Report, suffix: str, text_kind_name: str | None = None) -> str:
    """The file name the save dialog offers; a .docx is named after the report text it carries."""
    kind = export_kind(suffix)
    return export_name(report, kind, text_kind_name if kind == "docx" else None)


def with_suffix(path: str, suffix: str) -> str:
    """A name typed without its extension gets it."""
    return path if path.lower().endswith(suffix) else path + suffix
