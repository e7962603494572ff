"""A field that starts as the report's 填报单位 (``Field.default == FILLER``: 附件2's 行政执法单位名称):
left blank it is a 提示, with the 填报单位 as its fix. Storage makes it follow the 填报单位 until the
clerk types something else there (``Store.update_contact``)."""

from __future__ import annotations

from forms.findings import CellLocation, Finding
from forms.report import MAIN_ROW, CellKey, ReportData
from forms.rules import Severity
from forms.spec import FILLER


def check_unit_names(data: ReportData) -> list[Finding]:
    filler = data.report.filler or data.report.unit
    found = []
    for form in data.forms:
        for f in form.spec.fields():
            key = CellKey(MAIN_ROW, f.key)
            if f.default == FILLER and form.get(key) is None:
                message = f"{f.label}未填写（一般与填报单位相同：{filler}）"
                at = CellLocation(form.spec.key, key)
                found.append(Finding(at, Severity.HINT, message, "UNIT_NAME_BLANK", filler))
    return found
