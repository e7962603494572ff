"""Figures linked to the tables: tokens in the report text that become the current numbers.

A token names a stable key, never a number: ``{{a2.penalty.cur}}`` is 附件2 行政处罚 of the
report year, whatever it is when the report is exported. Kinds:

- ``cur`` / ``prev``: the value of Y / Y−1 (LIST forms: the column total of Y);
- ``yoy``: the 同比增减 as the table shows it (``-35.59%``);
- ``change``: the same in words, with its brackets: ``（同比增长20.27%）``, ``（同比下降35.59%）``,
  ``（与上年持平）``, or nothing where no percentage can be given (prior year 0 or blank).

Tokens of an amount in 元 may end in ``.wan``: 万元 with 4 decimals, half-up, trailing zeros
dropped (4199252 → 419.9252). An amount entered in 万元 prints as entered, with or without it.
Every figure is written by its field's kind (``forms.kinds``), as the tables write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.kinds import YUAN, Invalid, MoneyKind, Stored
from forms.registry import FORMS
from forms.report import MAIN_ROW, CellKey, FormData, ReportData
from forms.spec import Field, FormSpec, RowStyle
from forms.yoy import YoY, yoy

TOKEN = re.compile(r"\{\{(a\d)\.([a-z_]+)\.(cur|prev|yoy|change)(\.wan)?\}\}")
WHICH_LABELS = {"cur": "本年", "prev": "上年", "yoy": "同比", "change": "同比（文字）"}
MISSING = "□"  # printed where a linked figure is not filled in, so nobody signs a blank


@dataclass(frozen=True)
class Link:
    form: str
    field: str
    which: str  # cur | prev | yoy | change
    wan: bool = False

    def token(self) -> str:
        return "{{" + f"{self.form}.{self.field}.{self.which}" + (".wan" if self.wan else "") + "}}"


def _link(match: re.Match[str]) -> Link:
    return Link(match[1], match[2], match[3], bool(match[4]))


def parse_token(text: str) -> Link | None:
    match = TOKEN.fullmatch(text)
    return _link(match) if match else None


def linkable_fields(spec: FormSpec) -> list[Field]:
    """Fields a figure can be taken from: numbers only."""
    return [f for f in spec.fields() if f.kind.numeric]


def converts_to_wan(field: Field) -> bool:
    """Whether a figure of ``field`` may be written in 万元 (an amount entered in 元)."""
    return isinstance(field.kind, MoneyKind) and field.kind.unit == YUAN


def _spec(key: str, forms: tuple[FormSpec, ...] = FORMS) -> FormSpec | None:
    return next((s for s in forms if s.key == key), None)


def describe(link: Link, year: int) -> str:
    """What a token means, in the clerk's words: 附件2 行政处罚(件) 2024年."""
    spec = _spec(link.form)
    if spec is None:
        return "未知表格"
    try:
        field = spec.field(link.field)
    except KeyError:
        return f"{spec.label} 未知项目"
    period = {"cur": f"{year}年", "prev": f"{year - 1}年"}.get(link.which, WHICH_LABELS[link.which])
    return f"{spec.label} {field.label} {period}" + ("（万元）" if link.wan and converts_to_wan(field) else "")


def value_of(data: FormData, field: Field, year: int) -> Stored:
    """The figure a token stands for: the cell of a COMPARISON form, the column total of a
    LIST form (blank rows skipped; None when every row is blank; Invalid when a row is)."""
    if data.spec.rows is RowStyle.COMPARISON:
        return data.get(CellKey(MAIN_ROW, field.key, year if field.paired else 0))
    values = [data.get(CellKey(row, field.key)) for row in data.rows]
    bad = [v for v in values if isinstance(v, Invalid)]
    if bad:
        return Invalid("", f"第{values.index(bad[0]) + 1}行的数据无效")
    filled = [v for v in values if v is not None]
    if not filled:
        return None
    return sum(filled)  # type: ignore[arg-type]  # Decimal for amounts, int for counts


def change_words(change: YoY) -> str:
    """``（同比增长20.27%）``; a change that rounds to zero is 基本持平, none at all 持平."""
    if change.percent is None:
        return ""
    if change.percent == 0:
        return "（与上年持平）" if change.trend == 0 else "（与上年基本持平）"
    word = "增长" if change.percent > 0 else "下降"
    return f"（同比{word}{change.text().removeprefix('-')}）"


def figure(link: Link, data: ReportData) -> str:
    """The text a token stands for now; ``MISSING`` where the table has no value."""
    spec = _spec(link.form)
    if spec is None:
        return MISSING
    try:
        field = spec.field(link.field)
        form = data.form(link.form)
    except KeyError:
        return MISSING
    year = data.report.year
    if link.which in ("yoy", "change"):
        if not field.paired:
            return MISSING
        change = yoy(value_of(form, field, year - 1), value_of(form, field, year), data.places)
        return change.text() if link.which == "yoy" else change_words(change)
    if link.which == "prev" and not field.paired:
        return MISSING
    value = value_of(form, field, year - 1 if link.which == "prev" else year)
    if value is None or isinstance(value, Invalid):
        return MISSING  # an invalid cell is reported by the audit, never printed as a figure
    return field.kind.figure(value, wan=link.wan)


def render(text: str, data: ReportData) -> str:
    """The report text with every token replaced by its current figure."""

    return TOKEN.sub(lambda match: figure(_link(match), data), text)
