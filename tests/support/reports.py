"""The sample report as plain values, without a database: fast domain tests build on it."""

from __future__ import annotations

from pathlib import Path

from forms import sample
from forms.audit import Finding, audit
from forms.registry import FORMS
from forms.report import FormData, Report, ReportData, ReportText, Section
from forms.spec import RowStyle

ROWS = ["r1", "r2", "r3", "r4"]


def sample_data(places: int = 2, body: str | None = None) -> ReportData:
    """The seed figures (forms/sample.py) of 示例市应急管理局 2024; ``body``: one section of report text."""
    year = sample.YEAR
    forms = []
    for spec in FORMS:
        if spec.rows is RowStyle.COMPARISON:
            data = FormData(spec, ["main"])
            data.values.update(sample.comparison_values(sample.A2 if spec.key == "a2" else sample.A3, year))
        else:
            data = FormData(spec, list(ROWS))
            data.values.update(sample.list_row("r1", sample.A4_ROW if spec.key == "a4" else sample.A5_ROW))
        forms.append(data)
    report = Report(1, sample.UNIT, year, sample.UNIT, sample.CONTACT_PERSON, sample.CONTACT_PHONE)
    text = None
    if body is not None:
        text = ReportText("enforcement", "报告", sample.UNIT, None, (), (Section("s1", 1, "基本情况", body),))
    return ReportData(report, forms, places, text)


def audit_of_the_file(path: Path, report_id: int) -> list[Finding]:
    """What ``main.py audit`` says: the file read afresh, audited from scratch."""
    from storage.store import Store

    fresh = Store(path)
    try:
        report = fresh.report(report_id)
        return audit(fresh.report_data(report), fresh.previous_year_figures(report))
    finally:
        fresh.close()
