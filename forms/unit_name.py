"""A field that starts as the report's 填报单位 (``Field.default == FILLER``: 附件2's 行政执法单位名称):
left blank it is a 提示, with the 填报单位 as its fix. Storage makes it follow the 填报单位 until the
clerk types something else there (``Store.update_contact``)."""

from __future__ import annotations

from forms.findings import CellLocation, Finding
from forms.report import MAIN_ROW, CellKey, FormData, Report, ReportData
from forms.rules import Severity
from forms.spec import FILLER, Field


def unit_name_blank(form: FormData, field: Field, report: Report) -> list[Finding]:
    """The finding of one such field, when it is blank (the audit runs it per field: forms/audit.py)."""
    key = CellKey(MAIN_ROW, field.key)
    if form.get(key) is not None:
        return []
    filler = report.filler or report.unit
    message = f"{field.label}未填写（一般与填报单位相同：{filler}）"
    return [Finding(CellLocation(form.spec.key, key), Severity.HINT, message, "UNIT_NAME_BLANK", filler)]


def check_unit_names(data: ReportData) -> list[Finding]:
    """Every such field of the report's tables, in table order."""
    found = []
    for form in data.forms:
        for f in form.spec.fields():
            if f.default == FILLER:
                found += unit_name_blank(form, f, data.report)
    return found
