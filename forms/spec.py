"""The building blocks of an attachment-table spec.

A spec is data: a header tree of ``Group`` and ``Field`` nodes, notes, and how its body
rows are made. ``forms/grid.py`` turns a spec and a report year into the cells that the
window, the workbook and the Word tables all show.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from forms.rules import Rule
from forms.values import Kind

__all__ = ["Field", "FormSpec", "Group", "Kind", "RowStyle"]


@dataclass(frozen=True)
class Field:
    """One stored quantity. ``key`` is its name in the database, the code and the exports."""

    key: str
    label: str  # the header text, verbatim from the paper form
    kind: Kind
    paired: bool = False  # has a (Y−1, Y) pair, a 同比增减 cell and a 原因简析 cell
    decimals: int = 2  # money only: places allowed (元: 2, i.e. fen)
    width: int = 0  # column width in characters; 0 means "work it out from the label"


@dataclass(frozen=True)
class Group:
    """A header cell spanning the nodes below it."""

    label: str
    children: tuple[Group | Field, ...]


class RowStyle(Enum):
    # One row of the unit's figures, then 同比增减 and 数据变化原因简析 (附件2, 附件3).
    COMPARISON = "comparison"
    # Rows the clerk adds and removes, one per unit or per 执法领域 (附件4, 附件5).
    LIST = "list"


@dataclass(frozen=True)
class FormSpec:
    key: str  # stable name, e.g. "a2"
    number: int  # printed as 附件<number>
    title: str  # with {year}: "{year}年行政执法案件数据情况统计表"
    header: tuple[Group | Field, ...]  # everything right of the 序号 column
    rows: RowStyle
    notes_heading: str  # "填表说明：" or "注："
    notes: tuple[str, ...]  # verbatim; may use {year} and {prev}
    min_rows: int = 1  # LIST forms start with this many blank rows, as the paper does
    rules: tuple[Rule, ...] = ()  # this table's own audit rules (forms/audit.py adds the common ones)

    @property
    def label(self) -> str:
        return f"附件{self.number}"

    def title_for(self, year: int) -> str:
        return self.title.format(year=year, prev=year - 1)

    def notes_for(self, year: int) -> list[str]:
        return [note.format(year=year, prev=year - 1) for note in self.notes]

    def fields(self) -> list[Field]:
        """Every field, left to right."""
        return list(self._fields)

    def field(self, key: str) -> Field:
        try:
            return self._fields_by_key[key]
        except KeyError:
            raise KeyError(f"{self.key} has no field {key!r}") from None

    # Computed once per spec (it is frozen): every stored value and audit rule looks its field up.
    @cached_property
    def _fields(self) -> tuple[Field, ...]:
        out: list[Field] = []

        def walk(nodes: tuple[Group | Field, ...]) -> None:
            for node in nodes:
                if isinstance(node, Field):
                    out.append(node)
                else:
                    walk(node.children)

        walk(self.header)
        return tuple(out)

    @cached_property
    def _fields_by_key(self) -> dict[str, Field]:
        by_key: dict[str, Field] = {}
        for f in self._fields:
            by_key.setdefault(f.key, f)  # the first, as a left-to-right search finds it
        return by_key

    def paired_fields(self) -> list[Field]:
        return [f for f in self.fields() if f.paired]
