"""The file names the export dialog offers: the unit, the year and what the file is."""

from __future__ import annotations

import re

from forms.report import Report

WHAT = {"docx": "行政执法工作报告", "xlsx": "行政执法数据附表"}
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # not allowed in a Windows file name


def export_name(report: Report, kind: str) -> str:
    """示例市应急管理局2024年行政执法工作报告.docx / …行政执法数据附表.xlsx"""
    stem = _FORBIDDEN.sub("_", f"{report.unit}{report.year}年{WHAT[kind]}").strip(" .")
    return f"{stem}.{kind}"
