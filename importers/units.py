"""Which unit a hand-filled workbook is from, when its attachments' 填报单位 lines do not all agree.

A county's own inconsistency is no reason to refuse its file: 附件2's line is the unit (else the first
attachment's in print order), and every attachment naming another unit is a 提示 naming its sheet. A
name that only lacks a prefix the file gives elsewhere (``市应急管理局`` where the other attachments say
``湘潭市应急管理局``) is the same unit, taken by its full name, and said nowhere: it is how clerks abbreviate.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.hygiene import echo
from forms.spec import FormSpec


@dataclass(frozen=True)
class Filled:
    """One attachment's 填报单位 line."""

    spec: FormSpec
    sheet: str  # the title of the sheet it stands on
    unit: str


def file_unit(filled: list[Filled]) -> tuple[str, list[str]]:
    """(the unit, a 提示 per attachment naming another); ``filled`` holds at least one line."""
    ordered = sorted(filled, key=lambda f: f.spec.number)  # print order
    chosen = ordered[0]
    # the full name: the longest the file gives that ends with the chosen one (the chosen one itself if none)
    longer = [f.unit for f in ordered if f.unit.endswith(chosen.unit)]
    unit = max(longer, key=len)
    notes = [
        f"{f.spec.label}（工作表“{echo(f.sheet)}”）的填报单位为“{echo(f.unit)}”，"
        f"与{chosen.spec.label}的“{echo(unit)}”不同，已按“{echo(unit)}”导入"
        for f in ordered
        if not unit.endswith(f.unit)
    ]
    return unit, notes
