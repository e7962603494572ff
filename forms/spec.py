"""The building blocks of an attachment-table spec.

A spec is data: a header tree of ``Group`` and ``Field`` nodes, notes, and how its body
rows are made. ``forms/grid.py`` turns a spec and a report year into the cells that the
window, the workbook and the Word tables all show.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from forms.kinds import Kind, ValueKind
from forms.rules import AtLeastSum, Rule

__all__ = ["Field", "FormSpec", "Group", "Kind", "RowStyle", "SpecError"]

KEY = re.compile(r"[a-z][a-z0-9_]*")
UNIT_IN_LABEL = re.compile(r"\(([^)]*)\)$")  # 罚没金额(元)
PLACEHOLDERS = frozenset({"year", "prev"})  # what title_for / notes_for fill in


class SpecError(ValueError):
    """A spec that contradicts itself: a programming error (a template file's specs are checked first,
    in Chinese, by ``forms/template_file.py``; what still reaches this is refused there in one line)."""


FILLER = "filler"  # Field.default: the report's 填报单位


@dataclass(frozen=True)
class Field:
    """One stored quantity. ``key`` is its name in the database, the code and the exports."""

    key: str
    label: str  # the header text, verbatim from the paper form
    kind: ValueKind
    paired: bool = False  # has a (Y−1, Y) pair, a 同比增减 cell and a 原因简析 cell
    width: int = 0  # column width in characters; 0 means "work it out from the label"
    default: str = ""  # FILLER: starts as the report's 填报单位 and follows it until typed over; blank is a 提示
    # What a sentence calls it and counts it in: 行政检查 and 次 for 行政检查(次). Left blank, both are
    # read from a label that ends in its unit; a label without one (移送司法机关刑事案件件数) names no unit.
    noun: str = ""
    unit: str = ""

    def __post_init__(self) -> None:
        said = UNIT_IN_LABEL.search(self.label)
        if not self.noun:
            object.__setattr__(self, "noun", self.label[: said.start()] if said else self.label)
        if not self.unit and said:
            object.__setattr__(self, "unit", said[1])


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
    version: str = "2024.1"  # the template this spec belongs to (forms/registry.py: TEMPLATE_VERSION)
    row_label: str = ""  # the field naming each row (行政执法单位名称): with 序号 it stays in view and on every page

    def label_columns(self) -> int:
        """How many columns from the left name a row: 序号, and the row-label field when there is one."""
        return 2 if self.row_label else 1

    def __post_init__(self) -> None:
        """Refuse a spec that contradicts itself, when it is built rather than when a clerk exports."""
        problems = list(self._problems())
        if problems:
            raise SpecError(f"spec {self.key!r}: " + "; ".join(problems))

    def _problems(self) -> Iterator[str]:
        if not KEY.fullmatch(self.key):
            yield f"form key {self.key!r} is not a lower-case identifier"
        if self.number < 1:
            yield f"number {self.number} must be positive"
        if not re.fullmatch(r"\d{4}\.\d+", self.version):
            yield f"template version {self.version!r} is not like 2024.1"
        keys = [f.key for f in self.fields()]
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            yield f"field key {key!r} is used twice"
        for key in keys:
            if not KEY.fullmatch(key):
                yield f"field key {key!r} is not a lower-case identifier"
        yield from _empty_groups(self.header)
        for f in self.fields():
            if f.width < 0:
                yield f"field {f.key!r} has a negative width"
            if not f.label.strip() or not f.noun.strip():
                yield f"field {f.key!r} has no label"
            if f.paired and not f.kind.numeric:
                yield f"field {f.key!r} is paired but not a number: it can have no 同比"
            if f.default not in ("", FILLER):
                yield f"field {f.key!r} has an unknown default {f.default!r}"
            if f.default == FILLER and (f.paired or f.kind.numeric or self.rows is not RowStyle.COMPARISON):
                yield f"field {f.key!r}: only the unit-name text of a comparison form can follow 填报单位"
        if self.row_label:
            first = self.header[0] if self.header else None
            if not isinstance(first, Field) or first.key != self.row_label or first.paired or first.kind.numeric:
                yield f"row label {self.row_label!r} must be the first field, a text field without a year pair"
        for text in (self.title, *self.notes):
            try:
                unknown = _placeholders(text) - PLACEHOLDERS
            except ValueError:
                unknown = {"(unbalanced braces)"}
            if unknown:
                yield f"unknown placeholder(s) {sorted(unknown)} in {text[:20]!r}"
        if self.rows is RowStyle.COMPARISON:
            first = self.header[0] if self.header else None
            if not isinstance(first, Field) or first.paired:
                yield "a comparison form starts with an unpaired field (the unit name column)"
            if not self.paired_fields():
                yield "a comparison form has paired fields"
        else:
            if self.paired_fields():
                yield "a list form has no paired fields"
            if self.min_rows < 1:
                yield "a list form starts with at least one row"
        codes = [rule.code for rule in self.rules]
        if len(codes) != len(set(codes)):
            yield "rule codes are not unique"
        for rule in self.rules:
            for name in _own_fields(rule):
                if name not in keys:
                    yield f"rule {rule.code} names {name!r}, which is not a field"
                elif not self.field(name).kind.numeric:
                    yield f"rule {rule.code} adds or compares {name!r}, which is not a number"

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


def _empty_groups(nodes: tuple[Group | Field, ...]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, Group):
            if not node.children:
                yield f"group {node.label!r} has no field below it"
            yield from _empty_groups(node.children)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _own_fields(rule: Rule) -> list[str]:
    if isinstance(rule, AtLeastSum):
        return [rule.total, *rule.parts]
    return [rule.field]
