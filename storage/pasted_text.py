"""A whole report's text put into a report: the one path of 粘贴整篇报告, 导入 Word 报告… and
``main.py paste-report`` (the window and the command line say the same)."""

from __future__ import annotations

from forms.errors import UserError
from forms.paste_report import HasText, PastedReport, has_text
from forms.report import Report
from storage.report_text import ReportTexts

__all__ = ["NO_HEADINGS", "HasText", "put_pasted"]

NO_HEADINGS = "没有识别到“一、（一）1.（1）”等形式的标题，请确认复制或选择的是报告全文"


def put_pasted(
    texts: ReportTexts, report: Report, pasted: PastedReport, *, kind: str | None = None, replace: bool = False
) -> str:
    """Make ``pasted`` the title, 导语, outline, number styles and 结束语 of the report's text of ``kind``;
    a report that already has text is refused unless ``replace``. Returns what was done, in one line."""
    if not pasted.sections:
        raise UserError(NO_HEADINGS)
    if not replace and has_text(texts.get(report, kind)):
        raise HasText
    lines = [line for line in pasted.title.split("\n") if line]
    # 000 and 002 print the unit on a line of its own above the title
    unit_line = lines.pop(0) if len(lines) > 1 and lines[0].endswith(("局", "委员会", "政府")) else ""
    with texts.store.write():  # one transaction: all of it or none
        texts.replace_outline(report, pasted.lead, pasted.sections, pasted.closing, kind=kind)
        changes: dict[str, object] = {"styles": pasted.styles, "unit_line": unit_line}
        if pasted.run_in is not None:  # else no heading had text of its own: the report's choice stays
            changes["run_in"] = pasted.run_in
        if lines:  # else the text came without a title: the report keeps its own
            changes["title"] = "\n".join(lines)
        texts.update(report, kind=kind, **changes)  # type: ignore[arg-type]
    unnumbered = sum(not s.numbered for s in pasted.sections)
    said = [f"识别出 {len(pasted.sections)} 个标题"]
    if unnumbered:
        said.append(f"其中 {unnumbered} 个不编号")
    if pasted.joined:
        said.append(f"合并了 {pasted.joined} 处被拆开的行")
    return "，".join(said)
