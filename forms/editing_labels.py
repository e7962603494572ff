"""What the clerk reads about a grid step: its name (the 撤销/重做 menu, "已撤销：…"), the status line
once it is saved, and a cell's tooltip.

A step's name is what the menu shows after 撤销: a typed value is named by the cell and what it now
holds (附件2 行政处罚(件)（2024）：80); any other step by its verb first (清空 …, 粘贴 …, 删除…, 在…插入…).
"""

from __future__ import annotations

from forms.grid import Cell, Column, Role
from forms.kinds import Stored

# Names that start with one of these say what was done; the status line puts 已 before them.
# (A text or contact step adds its verb here.)
FIX = "按建议改正"  # an audit finding's fix: the 审核 panel's button and the step it makes
VERBS = ("清空", "粘贴", "删除", "在", FIX)
REASON_HINT = "请简要分析数据变化原因（数据为 0 或无变化的也要分析）"


def saved_line(name: str) -> str:
    """The status line once a step is saved: 已清空 …; a typed value reads 已保存 附件2 …."""
    return f"已{name}" if name.startswith(VERBS) else f"已保存 {name}"


def undone_line(name: str, *, undo: bool) -> str:
    return f"{'已撤销' if undo else '已重做'}：{name}"


def _cell_name(form_label: str, cell: Cell) -> str:
    name = cell.field.label if cell.field is not None else ""
    if cell.role is Role.REASON:
        name += " 原因简析"
    elif cell.key is not None and cell.key.period:
        name += f"（{cell.key.period}）"
    return f"{form_label} {name}"


def edit_name(form_label: str, cell: Cell, value: Stored) -> str:
    shown = cell.kind.text(value) if value is not None else "（清空）"
    return f"{_cell_name(form_label, cell)}：{shown}"


def fix_name(form_label: str, cell: Cell | None) -> str:
    """An audit's fix is named by what was done and where, as the text's are (按建议改正 三、存在问题);
    a cell the grid does not show by its table."""
    return f"{FIX} {_cell_name(form_label, cell) if cell is not None else form_label}"


def clear_name(form_label: str, count: int) -> str:
    return f"清空 {form_label} {count} 个单元格"


def paste_name(count: int, new_rows: int) -> str:
    return f"粘贴 {count} 个单元格" + (f"（新增 {new_rows} 行）" if new_rows else "")


def insert_name(form_label: str, position: int) -> str:
    return f"在{form_label}插入第 {position + 1} 行"


def remove_name(form_label: str, position: int) -> str:
    return f"删除{form_label}第 {position + 1} 行"


def tooltip(cell: Cell) -> str | None:
    """What a cell says under the pointer: how its 同比 is computed, what a value must be."""
    if cell.role is Role.YOY and cell.yoy is not None:
        if cell.yoy.percent is None:
            return f"{cell.field.label if cell.field else ''}：{cell.yoy.reason}"
        return f"同比增减 = (本年 − 上年) ÷ 上年，自动计算：{cell.yoy.text()}"
    if cell.role is Role.REASON:
        return cell.text or REASON_HINT
    if cell.role is Role.VALUE and cell.field is not None:
        return f"{cell.field.label}：{cell.field.kind.hint}"
    return None


def alignment(cell: Cell) -> str:
    """Figures right, a 原因简析 left, labels and 同比 centred: "right", "left" or "center"."""
    if cell.role is Role.VALUE and cell.kind.align == "right":
        return "right"
    return "left" if cell.role is Role.REASON else "center"


def column_title(column: Column) -> str:
    """A column's header: 序号, a field's label, a paired field's label and year."""
    if column.field is None:
        return "序号"
    return f"{column.field.label} {column.period}" if column.period else column.field.label
