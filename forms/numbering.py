"""Which number each attachment carries: the provincial notice's (附件2–5) or 1–N of this report.

GB/T 9704: the numbers in 附件说明 and the labels on the attachment pages must match; the
workbook's sheets carry the same labels so a clerk can say "see 附件3" of either file.
The seeds (湘潭) keep the provincial numbers, so that is the default; a stand-alone report
may number its attachments 1–N instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from forms.spec import FormSpec

PROVINCIAL = "provincial"
SEQUENTIAL = "sequential"
NUMBERINGS = {
    PROVINCIAL: "按省厅通知编号（附件2–5）",
    SEQUENTIAL: "按本报告顺序编号（附件1起）",
}
DEFAULT = PROVINCIAL


def attachment_numbers(specs: Sequence[FormSpec], included: Sequence[str], numbering: str) -> dict[str, int]:
    """Form key → its attachment number.

    ``included``: the keys the report prints, in order. Sequential numbering gives them 1–N
    and the forms the report leaves out (the workbook still has their sheets) N+1 onwards.
    """
    if numbering not in NUMBERINGS:
        raise ValueError(f"unknown attachment numbering {numbering!r}")
    if numbering == PROVINCIAL:
        return {spec.key: spec.number for spec in specs}
    order = [key for key in included if any(s.key == key for s in specs)]
    order += [spec.key for spec in specs if spec.key not in order]
    return {key: i for i, key in enumerate(order, start=1)}


def attachment_label(number: int) -> str:
    return f"附件{number}"
