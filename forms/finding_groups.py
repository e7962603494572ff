"""Findings as the 审核 panel lists them: each one's place in the clerk's words, and the groups
(the tables in template order, then 报告正文, then 填报单位和联系人), named here and nowhere else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forms.editing_labels import FIX
from forms.findings import CellLocation, ContactLocation, Finding, Location, TextLocation
from forms.report import REASON_ROW, CellKey, ReportData
from forms.rules import Severity
from forms.spec import FormSpec, RowStyle
from forms.text_edits import CLOSING, LEAD, entry_name

TEXT = "报告正文"
BLANKS = "PROOF_SPACE"  # blanks around figures: many where a text was copied, mended by one 同类全部改正
CONTACT = "填报单位和联系人"
UNTOUCHED = "untouched"  # the group of a report nobody has typed into yet: its blank-cell hints
UNTOUCHED_TITLE = "尚未开始填写：各表空白处的提示，开始填写后逐条列出"


def cell_place(spec: FormSpec, rows: Sequence[str], key: CellKey) -> str:
    """A cell as the clerk names it: 附件5 第2行 移送案件数, 附件2 罚没金额(2024)."""
    field = spec.field(key.field)
    if key.row == REASON_ROW:
        return f"{spec.label} 数据变化原因简析 {field.noun}"
    row = f" 第{rows.index(key.row) + 1}行" if spec.rows is RowStyle.LIST and key.row in rows else ""
    period = f"({key.period})" if key.period else ""
    return f"{spec.label}{row} {field.noun}{period}"


def place(finding: Finding, data: ReportData) -> str:
    """Where a finding is, as the clerk would say it."""
    where = finding.where
    if isinstance(where, ContactLocation):
        return CONTACT
    if isinstance(where, TextLocation):
        assert data.text is not None
        entries = {LEAD, CLOSING} | {section.key for section in data.text.sections}
        return f"{TEXT} {entry_name(data.text, where.section)}" if where.section in entries else TEXT
    form = data.form(where.form)
    return cell_place(form.spec, form.rows, where.key)


LINK_FIX = "改为链接的表格数据"
FONT_FIX = "改用 Windows 自带字体"


def fix_label(finding: Finding | None) -> str:
    """The words of the 审核 panel's button for a finding's fix: a linked figure, the fonts, or any
    other fix (a 校对 correction, a character no document holds taken out); with none chosen, the last."""
    if finding is None:
        return FIX
    if finding.code == "PROOF_FONT":
        return FONT_FIX
    return LINK_FIX if finding.code == "TEXT_FIGURE" else FIX


# 校对 slips whose fixes may all be put in place at once: each mends its own characters and no other's
# (a skipped 序号 is not among them: which number is wrong is the clerk's to say).
FIX_ALL_CODES = frozenset({BLANKS, "PROOF_HALF_WIDTH", "PROOF_TRADITIONAL", "PROOF_DOUBLED", "PROOF_TITLE"})


def same_fixes(findings: Sequence[Finding], finding: Finding | None) -> list[Finding]:
    """The report text's findings of ``finding``'s check that have a fix at their place: what 全部改正
    puts in place as one step. None when ``finding`` is not such a slip."""

    def mendable(f: Finding) -> bool:
        at = f.where
        return f.code in FIX_ALL_CODES and isinstance(at, TextLocation) and at.span is not None and bool(f.fix)

    if finding is None or not mendable(finding):
        return []
    return [f for f in findings if f.code == finding.code and mendable(f)]


def fix_all_label(findings: Sequence[Finding], finding: Finding | None) -> str:
    """The 全部改正 button's words: how many of the chosen finding's kind it mends."""
    same = same_fixes(findings, finding)
    return f"同类全部改正（{len(same)} 处）" if len(same) > 1 else "同类全部改正"


def check_name(code: str) -> str:
    """A 校对 check as the clerk reads it in 撤销's tooltip: 多余的空格, 半角标点."""
    from forms.proofread import CHECKS

    return next((c.name for c in CHECKS if c.code == code), "文件名称" if code == "PROOF_TITLE" else "校对")


def group_key(where: Location) -> str:
    """Which group a finding is listed in: its table's key, "text" or "contact"."""
    if isinstance(where, CellLocation):
        return where.form
    return "text" if isinstance(where, TextLocation) else "contact"


@dataclass(frozen=True)
class FindingGroup:
    key: str  # stable across refreshes: a group the clerk folded stays folded
    title: str
    findings: list[Finding]  # errors first, each kind in the audit's order


def group_findings(
    findings: list[Finding], specs: Sequence[FormSpec], *, untouched: bool = False
) -> list[FindingGroup]:
    """The groups of the panel: those with errors first, then in the order of the report.
    ``untouched`` (nobody has typed into the tables yet): the tables' hints in one group after the
    errors, so that the many blank cells do not hide what matters; the report text's and the contact
    line's keep their own (a report pasted before its tables are filled shows its 校对 as the text's)."""
    if not untouched:
        return _groups(findings, specs)
    blanks = [f for f in findings if f.severity is Severity.HINT and isinstance(f.where, CellLocation)]
    groups = _groups(
        [f for f in findings if not (f.severity is Severity.HINT and isinstance(f.where, CellLocation))], specs
    )
    wrong = [g for g in groups if any(f.severity is Severity.ERROR for f in g.findings)]
    summary = [FindingGroup(UNTOUCHED, UNTOUCHED_TITLE, blanks)] if blanks else []
    return [*wrong, *summary, *(g for g in groups if g not in wrong)]


def _groups(findings: list[Finding], specs: Sequence[FormSpec]) -> list[FindingGroup]:
    names = {spec.key: spec.label for spec in specs} | {"text": TEXT, "contact": CONTACT}
    order = list(names)
    by_key: dict[str, list[Finding]] = {}
    for finding in findings:
        by_key.setdefault(group_key(finding.where), []).append(finding)

    def has_errors(key: str) -> bool:
        return any(f.severity is Severity.ERROR for f in by_key[key])

    keys = sorted(by_key, key=lambda k: (not has_errors(k), order.index(k) if k in order else len(order)))
    return [FindingGroup(key, names.get(key, key), sorted(by_key[key], key=_rank)) for key in keys]


def _rank(finding: Finding) -> tuple[bool, bool]:
    """Within a group: errors first, the blanks around figures last (seed 000 has 65: listed before its 員,
    they buried it); otherwise in the order of the report."""
    return finding.severity is not Severity.ERROR, finding.code == BLANKS


PROOFREADING = "校对"
FILTERS = ("全部", "错误", "提示", PROOFREADING)  # the panel's 显示 choices


def shown_by(findings: list[Finding], wanted: str) -> list[Finding]:
    """The findings a filter of ``FILTERS`` shows: all, those of one severity, or the 校对 ones (to go
    through the slips of the text, the 原因简析 and the contact line without the tables' blanks between)."""
    if wanted == PROOFREADING:
        return [f for f in findings if f.proofreading]
    return [f for f in findings if wanted == FILTERS[0] or str(f.severity) == wanted]


def _errors(findings: list[Finding]) -> int:
    return sum(f.severity is Severity.ERROR for f in findings)


def summary_line(findings: list[Finding]) -> str:
    """The panel's one line: the counts, or that nothing was found."""
    if not findings:
        return "审核：未发现问题"
    wrong = _errors(findings)
    return f"审核：错误 {wrong} 条（必须改正），提示 {len(findings) - wrong} 条（请核对或说明）"


def group_heading(group: FindingGroup) -> str:
    """A group's line in the panel: its title and counts (提示 alone when it has no 错误)."""
    wrong = _errors(group.findings)
    hints = len(group.findings) - wrong
    return f"{group.title}（{f'错误 {wrong}，提示 {hints}' if wrong else f'提示 {hints}'}）"
