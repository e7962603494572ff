"""The city's board: one row per member unit for a year — whether its workbook came, which file and when,
its audit's 错误 and 提示, its 原因简析 and what its last workbook changed — and how each reads in the
window, on the command line and in the workbook the city mails up. storage/board.py gathers the rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum


class Since(Enum):
    """What the member's last workbook did to its figures."""

    FIRST = "首次导入"
    SAME = "无变化"
    MOVED = "改动"
    TYPED = "未导入"  # the report was typed in here (or made otherwise), no workbook read
    MISSING = ""  # no report: nothing to compare


SHOWN_MOVES = 3  # moves named in a row; the count says how many there are
MOVE_CHARS = 40  # a move that quotes a long 原因简析 is cut


@dataclass(frozen=True)
class MemberRow:
    unit: str
    reported: bool  # the member's report for the year is in the file
    file: str = ""  # the workbook its last import read ("" when none)
    at: str = ""  # when (ISO, seconds)
    errors: int = 0  # its stored report's audit
    hints: int = 0
    reasons: tuple[str, ...] = ()  # its 原因简析: 附件2 行政检查：…
    since: Since = Since.MISSING
    moves: tuple[str, ...] = field(default_factory=tuple)  # 附件2 行政检查(次)（2024）：120 → 135

    def status(self) -> str:
        return "已报送" if self.reported else "未报送"

    def when(self) -> str:
        return self.at.replace("T", " ")[:16]  # minutes: seconds say nothing to the city

    def change_text(self) -> str:
        if self.since is not Since.MOVED:
            return self.since.value
        shown = "；".join(_cut(m) for m in self.moves[:SHOWN_MOVES])
        more = " 等" if len(self.moves) > SHOWN_MOVES else ""
        return f"改动 {len(self.moves)} 处：{shown}{more}"

    def reason_text(self) -> str:
        return "；".join(self.reasons) if self.reasons else ("未填写" if self.reported else "")

    def cells(self) -> tuple[str, ...]:
        """The row as the window's table and the workbook show it, in ``COLUMNS`` order."""
        counted = self.reported
        return (
            self.unit,
            self.status(),
            self.file or ("（未导入）" if self.reported else ""),
            self.when(),
            str(self.errors) if counted else "",
            str(self.hints) if counted else "",
            self.reason_text(),
            self.change_text(),
        )

    def line(self) -> str:
        """One line of ``main.py members``: a missing member says only so."""
        if not self.reported:
            return f"{self.unit}\t未报送"
        unit, status, file, when, errors, hints, reasons, since = self.cells()
        return f"{unit}\t{status}\t{file}\t{when}\t错误 {errors} 条、提示 {hints} 条\t原因简析：{reasons}\t{since}"


COLUMNS = ("单位", "报送情况", "文件", "导入时间", "错误", "提示", "原因简析", "较上次导入的变化")
COUNT_COLUMNS = (4, 5)  # right-aligned numbers


def _cut(text: str) -> str:
    return text if len(text) <= MOVE_CHARS else text[: MOVE_CHARS - 1] + "…"


def title(city: str, year: int) -> str:
    return f"{city} {year}年 各成员单位报送情况"


def summary(rows: Sequence[MemberRow]) -> str:
    """成员 3 个：已报送 2 个（有错误 1 个），未报送 1 个：丙区应急管理局."""
    missing = [r.unit for r in rows if not r.reported]
    wrong = sum(1 for r in rows if r.reported and r.errors)
    flagged = f"（有错误 {wrong} 个）" if wrong else ""
    text = f"成员 {len(rows)} 个：已报送 {len(rows) - len(missing)} 个{flagged}，未报送 {len(missing)} 个"
    return text + (f"：{'、'.join(missing)}" if missing else "")
