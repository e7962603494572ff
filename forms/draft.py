"""The drafted 基本情况 paragraph: standard wording over linked figures, for the clerk to edit."""

from __future__ import annotations

from forms.figures import DEFAULT_TRIM, Link
from forms.report import MAIN_ROW, CellKey, ReportData

# (form, field, noun, measure word) in the order the seeds' 基本情况 paragraphs use.
A2_ITEMS = (
    ("license", "行政许可", "件"),
    ("confirmation", "行政确认", "件"),
    ("coercion", "行政强制", "件"),
    ("ruling", "行政裁决", "件"),
    ("inspection", "行政检查", "次"),
    ("penalty", "行政处罚", "件"),
)
A3_ITEMS = (
    ("inspection", "涉企行政检查", "次"),
    ("penalty", "涉企行政处罚", "件"),
    ("exempt_cases", "免罚案件", "件"),
    ("lenient_cases", "从轻减轻案件", "件"),
)


def _t(form: str, field: str, which: str, *, wan: bool = False) -> str:
    # A change is worded as 插入数据 words it by default (同比增长300%, not 300.00%).
    return Link(form, field, which, wan, trim=DEFAULT_TRIM and which == "change").token()


def _has(data: ReportData, form: str, field: str) -> bool:
    """Whether the report's own template has the field (a later one may rename or drop it)."""
    return field in {f.key for f in data.form(form).spec.fields()}


def _nil(data: ReportData, form: str, field: str) -> bool:
    value = data.form(form).get(CellKey(MAIN_ROW, field, data.report.year))
    return value == 0


def draft_basic_situation(data: ReportData) -> str:
    """One paragraph; items with 0 this year are named together as 无办件. An item the report's
    template does not have is left out rather than printed as a missing figure."""
    year = data.report.year
    a2_items = [item for item in A2_ITEMS if _has(data, "a2", item[0])]
    done = [
        f"{noun}{_t('a2', key, 'cur')}{unit}{_t('a2', key, 'change')}"
        for key, noun, unit in a2_items
        if not _nil(data, "a2", key)
    ]
    none = [noun for key, noun, _ in a2_items if _nil(data, "a2", key)]
    text = f"{year}年，我局共办理" + "，".join(done) + "。"
    if none:
        text += "、".join(none) + "无办件。"
    text += (
        f"罚没金额{_t('a2', 'fines', 'cur', wan=True)}万元{_t('a2', 'fines', 'change')}；"
        f"重大执法决定法制审核案件{_t('a2', 'legal_review', 'cur')}件{_t('a2', 'legal_review', 'change')}；"
        f"移送司法机关刑事案件{_t('a2', 'transfers', 'cur')}件。"
    )
    a3_items = [item for item in A3_ITEMS if _has(data, "a3", item[0])]
    enterprise = "，".join(f"{noun}{_t('a3', key, 'cur')}{unit}" for key, noun, unit in a3_items)
    text += f"涉企行政执法方面，{enterprise}，涉企罚没金额{_t('a3', 'fines', 'cur', wan=True)}万元。"
    return text
