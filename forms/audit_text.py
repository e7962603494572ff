"""审核 of the report text against the tables: numbers typed right after a field's name that differ
from the table (the report text's own figures should be linked, ``forms/figures.py``)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from forms.figures import Link, converts_to_wan, linkable_fields, value_of
from forms.findings import Finding, TextLocation
from forms.kinds import wan_text
from forms.report import ReportData, ReportText
from forms.rules import Severity, number
from forms.spec import Field, FormSpec

# --- the report text against the tables ---------------------------------------------------

_AFTER = (
    r"\s*(?:共|为|达|有|计|合计)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9.%％])"
    r"\s*(万元|元|个|件|次|人次|人|台|辆|起|名|家|条|时)?"
)
_SENTENCE_START = re.compile(r"[。；;！？!?\n]")
_CLAUSE_START = re.compile(r"[。；;！？!?\n，,、：:（(]")
# A figure that belongs to someone else or to a part: 全市行政检查6312次, 其中行政处罚31次.
OTHER_SUBJECT = re.compile(r"全市|全区|全县|全省|全州|全国|全系统|各地|各县|各区|各市|各单位|各部门|其中|分别|包括|含")
_OWN_SUBJECT = re.compile(r"我局|本局|我单位|本单位")
# What may stand between the start of a clause and the field's name when the clause is about the
# unit's own figure of the report year: 我局共办理行政许可178件.
_LEAD_IN = (
    r"(?:{year}年度?|全年|本年度?|今年|年内|我局|本局|本单位|我单位|共计?|累计|合计|总计|办理|实施|开展|作出|做出|"
    r"受理|查处|完成|办结|立案|有|了|的|各类|\s)*"
)


@dataclass(frozen=True)
class _Name:
    spec: FormSpec
    field: Field
    name: str


def _names(specs: tuple[FormSpec, ...]) -> list[_Name]:
    """Names a sentence may use for a field: its label without the unit, and without a final 数;
    in table order, so where two tables share a name (罚没金额) 附件2's comes first and wins."""
    out = []
    for spec in specs:
        for field in linkable_fields(spec):
            base = field.noun
            out += [_Name(spec, field, name) for name in sorted({base, base.removesuffix("数")}) if len(name) >= 4]
    return out


@functools.lru_cache(maxsize=512)
def _pattern(name: str) -> re.Pattern[str]:
    """A field's name followed by a typed number: compiled once, checked after every edit."""
    return re.compile(re.escape(name) + _AFTER)


def _found_names(body: str, names: list[_Name]) -> list[tuple[re.Match[str], _Name]]:
    matches = [(m, n) for n in names for m in _pattern(n.name).finditer(body)]
    # "涉企行政处罚 76" must not also count as "行政处罚 76": keep the longest name.
    matches.sort(key=lambda mn: (mn[0].start(), -len(mn[1].name)))
    kept: list[tuple[re.Match[str], _Name]] = []
    for m, n in matches:
        if any(k.start() <= m.start() and m.start() + len(n.name) <= k.start() + len(kn.name) for k, kn in kept):
            continue
        kept.append((m, n))
    return kept


def _about_own_figure(before: str, year: int) -> bool | None:
    """Whether the clause ending at a field's name (``before``: the text up to it) is about the
    unit's own figure of the report year: True (sure), None (in doubt), False (someone else's
    figure, or a part of a breakdown)."""
    sentence = _SENTENCE_START.split(before)[-1]
    if OTHER_SUBJECT.search(_OWN_SUBJECT.split(sentence)[-1]):  # 全市…，我局… : the last subject counts
        return False
    clause = _CLAUSE_START.split(sentence)[-1]
    return True if re.fullmatch(_LEAD_IN.format(year=year), clause) else None


@dataclass(frozen=True)
class _Mention:
    """A number typed right after a field's name in the text, about the unit's own figure (``own``
    True) or perhaps (None): what ``check_text`` compares with the tables."""

    section: str  # the section's key
    said: str  # the whole match, as quoted in the message
    typed: Decimal
    typed_unit: str
    span: tuple[int, int]  # of the number in the section's text
    name: _Name
    own: bool | None


def text_mentions(text: ReportText, specs: tuple[FormSpec, ...], year: int) -> tuple[_Mention, ...]:
    """The typed numbers of a report text that ``check_text`` compares: they depend on the text
    only (not on the figures), so an edit of a table need not search the text again."""
    names = _names(specs)
    found = []
    for section in text.sections:
        for m, n in _found_names(section.body, names):
            own = _about_own_figure(section.body[: m.start()], year)
            if own is False:
                continue
            typed = Decimal(m[1].replace(",", ""))
            found.append(_Mention(section.key, m[0].strip(), typed, m[2] or "", m.span(1), n, own))
    return tuple(found)


def check_text(data: ReportData, mentions: tuple[_Mention, ...] | None = None) -> list[Finding]:
    """A number typed right after a field's name that differs from the table.

    Only where the clause is about the unit's own figure: a 提示 with the linked figure as the
    fix when sure (TEXT_FIGURE), a 提示 without a fix when in doubt (TEXT_FIGURE_UNSURE: another
    unit word, a qualifier or a year before the name); nothing for 全市…, 其中…, 分别….
    Figures inserted as links are tokens, not digits, so they are never flagged.
    ``mentions``: ``text_mentions`` of this text, when the caller kept them.
    """
    if data.text is None:
        return []
    year = data.report.year
    if mentions is None:
        mentions = text_mentions(data.text, tuple(f.spec for f in data.forms), year)
    found = []
    for mention in mentions:
        n = mention.name
        table = number(value_of(data.form(n.spec.key), n.field, year))  # what a token would print
        if table is None:
            continue
        typed_unit, unit = mention.typed_unit, n.field.unit
        wan = typed_unit == "万元" and converts_to_wan(n.field)
        # 行政处罚31次 against a table counted in 件: not sure it is the same figure
        other_unit = typed_unit not in ("", unit) and unit != "" and not wan
        expected = Decimal(wan_text(table)) if wan else table
        if expected == mention.typed:
            continue
        shown = wan_text(table) + "万元" if wan else n.field.kind.text(table) + unit
        link = Link(n.spec.key, n.field.key, "cur", wan)
        at = TextLocation(mention.section, "body", mention.span)
        where = f"{n.spec.label} {n.field.label}"
        if mention.own and not other_unit:
            message = f"正文“{mention.said}”与 {where}({shown}) 不一致，建议改为链接的表格数据"
            found.append(Finding(at, Severity.HINT, message, "TEXT_FIGURE", link.token()))
        else:
            message = f"正文“{mention.said}”与 {where}({shown}) 不同，如说的是本单位{year}年的数，请核对"
            found.append(Finding(at, Severity.HINT, message, "TEXT_FIGURE_UNSURE"))
    return found
