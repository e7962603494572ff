"""The city bureau's 汇总: the sum of the counties' reports, and the breakdown behind each sum.

Every figure is the sum over the chosen units (a blank stays blank only when every unit left it
blank; an invalid stored text is never added). 同比增减 is not summed or averaged: the grid
computes it from the summed years, like any report. 附件4 keeps one row per 执法领域 (the
monitoring rows of all units with the same 领域 summed); 附件5 lists each unit's rows.

Members may have filled different templates (a county still on last year's notice): each is moved into
the 汇总's template first (``forms/template_moves.py``: a renamed field sums with its old name). A figure
only some members' templates carry is summed over those, and its 同比 is not given (``FormData.gaps``
says which members lack it), since the two years would not compare the same units.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from forms.kinds import Stored
from forms.report import MAIN_ROW, CellKey, FormData, ReportData
from forms.spec import Field, FormSpec, RowStyle
from forms.template import Template
from forms.template_moves import moves

AREA = "monitoring_area"  # 附件4: the rows a unit adds, one per 执法领域


def _number(value: Stored) -> int | Decimal | None:
    return value if isinstance(value, int | Decimal) and not isinstance(value, bool) else None


def add(values: list[Stored]) -> int | Decimal | None:
    """The sum of the figures among ``values``; None when none of them is a figure."""
    numbers = [n for n in map(_number, values) if n is not None]
    if not numbers:
        return None
    return sum(numbers[1:], numbers[0])


def value_columns(spec: FormSpec, year: int) -> list[tuple[Field, int]]:
    """(field, period) of every numeric column, left to right."""
    out = []
    for f in spec.fields():
        if not f.kind.numeric:
            continue
        out += [(f, year - 1), (f, year)] if f.paired else [(f, 0)]
    return out


@dataclass(frozen=True)
class Member:
    """A member unit's report as filed, and the template it was filled on."""

    data: ReportData
    template: Template


def in_template(
    member: Member, target: Template, known: Sequence[Template] = ()
) -> tuple[ReportData, dict[str, frozenset[str]]]:
    """The member's report under ``target``'s keys, and per form the target's fields its template lacks."""
    moved = moves(member.template, target, known)  # known: the templates between (template_moves.chain)
    forms = []
    for spec in target.forms:
        try:
            own = member.data.form(spec.key)
        except KeyError:
            forms.append(FormData(spec, FormData.row_keys(spec, [])))
            continue
        values, _ = moved.cells(spec.key, own.values)
        forms.append(FormData(spec, list(own.rows), values))
    return ReportData(member.data.report, forms, member.data.places), dict(moved.lacking)


def member_gaps(
    target: Template, members: Sequence[tuple[str, Template]], known: Sequence[Template] = ()
) -> dict[str, dict[str, str]]:
    """Form key → {paired field: why it has no 同比} for a 汇总 of ``target`` over (unit, its template)."""
    without: dict[tuple[str, str], list[str]] = {}
    for unit, template in members:
        for form, keys in moves(template, target, known).lacking.items():
            for key in sorted(keys):
                without.setdefault((form, key), []).append(unit)
    out: dict[str, dict[str, str]] = {}
    for spec in target.forms:
        for f in spec.paired_fields():
            if (spec.key, f.key) in without:
                out.setdefault(spec.key, {})[f.key] = gap_reason(without[(spec.key, f.key)])
    return out


def gap_reason(units: Sequence[str]) -> str:
    return f"{'、'.join(units)}的表样没有这一项，汇总只含其余单位，不计算同比"


def aggregate_form(
    spec: FormSpec, city: str, year: int, units: list[ReportData], lacking: Sequence[Collection[str]] = ()
) -> FormData:
    """``units`` under ``spec``'s template; ``lacking``, unit by unit, the fields its own template has not."""
    forms = [u.form(spec.key) for u in units]
    lacks = list(lacking) or [()] * len(units)
    if spec.rows is RowStyle.COMPARISON:
        data = FormData(spec, [MAIN_ROW])
        data.values[CellKey(MAIN_ROW, spec.fields()[0].key)] = city  # a comparison form starts with the unit name
        for f, period in value_columns(spec, year):
            key = CellKey(MAIN_ROW, f.key, period)
            total = add([form.get(key) for form, lack in zip(forms, lacks, strict=True) if f.key not in lack])
            if total is not None:
                data.values[key] = total
        for f in spec.paired_fields():
            without = [u.report.unit for u, lack in zip(units, lacks, strict=True) if f.key in lack]
            if without:
                data.gaps[f.key] = gap_reason(without)
        return data
    if any(f.key == AREA for f in spec.fields()):
        return _by_area(spec, year, forms)
    data = FormData(spec, [])  # 附件5: each unit's rows, in the order the units were chosen
    for form in forms:
        for row in form.rows:
            cells = {k: v for k, v in form.values.items() if k.row == row and v is not None}
            if not cells:
                continue
            new = f"r{len(data.rows) + 1}"
            data.rows.append(new)
            data.values.update({CellKey(new, k.field, k.period): v for k, v in cells.items()})
    return data


def _by_area(spec: FormSpec, year: int, forms: list[FormData]) -> FormData:
    groups: dict[str, list[tuple[FormData, str]]] = {}
    for form in forms:
        for row in form.rows:
            if not any(k.row == row and v is not None for k, v in form.values.items()):
                continue
            area = form.get(CellKey(row, AREA))
            groups.setdefault(area if isinstance(area, str) else "", []).append((form, row))
    data = FormData(spec, [])
    for area in sorted(groups, key=lambda a: (a != "", list(groups).index(a))):  # the row without a 领域 first
        new = f"r{len(data.rows) + 1}"
        data.rows.append(new)
        if area:
            data.values[CellKey(new, AREA)] = area
        for f, period in value_columns(spec, year):
            total = add([form.get(CellKey(row, f.key, period)) for form, row in groups[area]])
            if total is not None:
                data.values[CellKey(new, f.key, period)] = total
    return data


def aggregate(
    city: str, year: int, members: Sequence[Member], target: Template, known: Sequence[Template] = ()
) -> tuple[list[FormData], list[ReportData]]:
    """The 汇总's forms under ``target``, and the members' reports moved into it (for ``breakdowns``)."""
    moved = [in_template(m, target, known) for m in members]
    units = [data for data, _ in moved]
    forms = [
        aggregate_form(spec, city, year, units, [lack.get(spec.key, frozenset()) for _, lack in moved])
        for spec in target.forms
    ]
    return forms, units


def gap_notes(forms: Sequence[FormData]) -> list[str]:
    """A line per figure summed over part of the members (the 提示 of the 汇总)."""
    return [
        f"{form.spec.label} {form.spec.field(key).label}：{why}" for form in forms for key, why in form.gaps.items()
    ]


@dataclass(frozen=True)
class Breakdown:
    """One attachment's sums, unit by unit: the breakdown sheet of the 汇总 workbook."""

    spec: FormSpec
    columns: list[tuple[Field, int]]
    units: list[tuple[str, list[int | Decimal | None]]]
    total: list[int | Decimal | None]


def unit_totals(form: FormData, columns: list[tuple[Field, int]]) -> list[int | Decimal | None]:
    """A unit's figure for each column: summed over its rows (one row in 附件2/3)."""
    return [add([form.get(CellKey(row, f.key, period)) for row in form.rows]) for f, period in columns]


def breakdowns(year: int, units: list[ReportData], specs: tuple[FormSpec, ...]) -> list[Breakdown]:
    out = []
    for spec in specs:
        columns = value_columns(spec, year)
        rows = [(u.report.unit, unit_totals(u.form(spec.key), columns)) for u in units]
        total = [add([values[i] for _, values in rows]) for i in range(len(columns))]
        out.append(Breakdown(spec, columns, rows, total))
    return out
