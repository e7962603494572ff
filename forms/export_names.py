"""The file names the export dialog offers: the unit, the year and what the file is."""

from __future__ import annotations

import re

from forms.report import Report

WHAT = {"docx": "行政执法工作报告", "xlsx": "行政执法数据附表"}
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # not allowed in a Windows file name


def export_name(report: Report, kind: str, what: str | None = None) -> str:
    """示例市应急管理局2024年行政执法工作报告.docx / …行政执法数据附表.xlsx; ``what`` names the
    report text the .docx carries (法治政府建设工作报告) when it is not the default."""
    stem = _FORBIDDEN.sub("_", f"{report.unit}{report.year}年{what or WHAT[kind]}").strip(" .")
    return f"{stem}.{kind}"
