"""审核: every rule over a report, as pure functions returning findings.

The tables' own rules are declared in their specs (``FormSpec.rules``); the rules every
table shares are here: value kinds (for imported or old data), blanks, 原因简析, the contact
line, and hand-typed numbers in the report text that contradict the tables.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from forms.audit_text import _Mention, check_text, text_mentions
from forms.findings import CellLocation, ContactLocation, Finding
from forms.font_cover import fonts_of_form, fonts_of_lines
from forms.hygiene import echo, echo_at, first_forbidden
from forms.kinds import Invalid, Stored, TextKind
from forms.proofread_report import proofread_contact, proofread_reason, proofread_text
from forms.report import MAIN_ROW, REASON_ROW, CellKey, FormData, ReportData
from forms.rules import AtLeastSum, NotMoreThan, Rule, Severity, SumEquals, number
from forms.spec import FILLER, Field, FormSpec, RowStyle
from forms.stored_chars import check_stored_chars
from forms.text_audit import check_empty_sections
from forms.unit_name import unit_name_blank

BIG_CHANGE = Decimal(50)  # a 同比 of ±50 % or more must be explained
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


def _show(field: Field, value: Stored) -> str:
    """A value in a message, written as the tables write it."""
    return "未填" if value is None else field.kind.text(value)


# --- common rules -----------------------------------------------------------------


def check_value_kinds(form: FormData) -> list[Finding]:
    """Stored text that is not a canonical value of its kind (old files, imported workbooks,
    hand edits): an error, and never used as a figure until it is typed again. In table order
    (not the order the values were read or typed in)."""
    spec = form.spec
    bad = [(key, value) for key, value in form.values.items() if isinstance(value, Invalid)]
    if not bad:
        return []
    rows = {row: i for i, row in enumerate(form.rows)}
    columns = {f.key: i for i, f in enumerate(spec.fields())}
    bad.sort(key=lambda kv: (rows.get(kv[0].row, len(rows)), columns[kv[0].field], kv[0].period))
    found = []
    for key, value in bad:
        assert isinstance(value, Invalid)
        field = spec.field(key.field)
        what = f"{field.noun}的原因简析" if key.row == REASON_ROW else field.noun
        at = first_forbidden(value.stored)
        message = f"{what}“{echo_at(value.stored, at) if at >= 0 else echo(value.stored)}”无效：{value.problem}"
        # text with a character no document holds is exported without it: a 提示, as on the contact line;
        # a figure that reads as no number is an 错误
        text = key.row == REASON_ROW or isinstance(field.kind, TextKind)
        severity = Severity.HINT if text and at >= 0 and value.fix else Severity.ERROR
        found.append(Finding(CellLocation(form.spec.key, key), severity, message, "VALUE_KIND", value.fix))
    return found


def check_blanks(form: FormData, year: int) -> list[Finding]:
    """A blank count is "not filled"; 0 is a value. LIST rows left wholly blank are unused rows."""
    spec = form.spec
    found = []
    numeric = [f for f in spec.fields() if f.kind.numeric]
    for row in form.rows:
        if spec.rows is RowStyle.LIST and all(form.get(CellKey(row, f.key)) is None for f in spec.fields()):
            continue
        for field in numeric:
            found += _blanks(form, row, field, year)
    return found


def _blanks(form: FormData, row: str, field: Field, year: int) -> list[Finding]:
    found = []
    for period in (year - 1, year) if field.paired else (0,):
        key = CellKey(row, field.key, period)
        if form.get(key) is None:
            message = f"{field.noun}未填写；没有发生的请填 0"
            found.append(Finding(CellLocation(form.spec.key, key), Severity.HINT, message, "VALUE_BLANK"))
    return found


def _reason(form: FormData, field: Field, year: int, places: int) -> list[Finding]:
    """附件3 注3: every 原因简析 of a comparison form is filled, even for unchanged or zero figures."""
    key = CellKey(REASON_ROW, field.key)
    if form.get(key):
        return []
    change = form.change(field.key, year, places)
    if change.percent is not None and abs(change.percent) >= BIG_CHANGE:
        message = f"{field.noun}同比{change.text()}，变化较大，请在原因简析中说明"
        return [Finding(CellLocation(form.spec.key, key), Severity.HINT, message, "YOY_UNEXPLAINED")]
    message = f"{field.noun}的数据变化原因简析未填写（数据无变化或为 0 的也要分析）"
    return [Finding(CellLocation(form.spec.key, key), Severity.HINT, message, "REASON_MISSING")]


def check_contact(data: ReportData) -> list[Finding]:
    report = data.report
    found = []
    if not report.filler.strip():
        found.append(Finding(ContactLocation("filler"), Severity.HINT, "填报单位未填写", "CONTACT_UNIT"))
    if not report.contact_person.strip():
        found.append(Finding(ContactLocation("contact_person"), Severity.HINT, "联系人未填写", "CONTACT_PERSON"))
    phone = re.sub(r"[\s（）()]", "", report.contact_phone)
    if not PHONE.match(phone):
        message = (
            f"联系方式“{report.contact_phone}”不像电话号码（手机 11 位，座机如 0731-12345678）"
            if report.contact_phone.strip()
            else "联系方式未填写"
        )
        found.append(Finding(ContactLocation("contact_phone"), Severity.HINT, message, "CONTACT_PHONE"))
    return found


# --- the specs' own rules -------------------------------------------------------------


def _at_least_sum(rule: AtLeastSum, form: FormData) -> list[Finding]:
    spec = form.spec
    found = []
    for i, row in enumerate(form.rows, start=1):
        total_value = form.get(CellKey(row, rule.total))
        total = number(total_value) or Decimal(0)  # a wholly blank row gives 0 ≥ 0: nothing to say
        parts = sum(number(form.get(CellKey(row, p))) or Decimal(0) for p in rule.parts)
        if total < parts:
            names = "+".join(spec.field(p).noun for p in rule.parts)
            shown = _show(spec.field(rule.total), total_value)
            message = (
                f"{spec.label} 第{i}行 {spec.field(rule.total).noun}({shown}) "
                f"小于 {names}({_show(spec.field(rule.total), parts)})"
            )
            found.append(Finding(CellLocation(spec.key, CellKey(row, rule.total)), rule.severity, message, rule.code))
    return found


def _not_more_than(rule: NotMoreThan, form: FormData, data: ReportData) -> list[Finding]:
    spec, other = form.spec, data.form(rule.other_form)
    field, other_field = spec.field(rule.field), other.spec.field(rule.other_field)
    year = data.report.year
    found = []
    for period in (year, year - 1):
        mine, theirs = (
            form.get(CellKey(MAIN_ROW, rule.field, period)),
            other.get(CellKey(MAIN_ROW, rule.other_field, period)),
        )
        a, b = number(mine), number(theirs)
        if a is None or b is None or a <= b:
            continue
        severity = Severity.ERROR if period == year else Severity.HINT  # Y−1 was reported last year
        message = (
            f"{spec.label} {field.noun}({period}) {_show(field, mine)} 大于 "
            f"{other.spec.label} {other_field.noun}({period}) {_show(other_field, theirs)}"
        )
        at = CellLocation(spec.key, CellKey(MAIN_ROW, rule.field, period))
        found.append(Finding(at, severity, message, rule.code))
    return found


def _sum_equals(rule: SumEquals, form: FormData, data: ReportData) -> list[Finding]:
    spec, other = form.spec, data.form(rule.other_form)
    field, other_field = spec.field(rule.field), other.spec.field(rule.other_field)
    year = data.report.year
    values = [number(form.get(CellKey(row, rule.field))) for row in form.rows]
    theirs = number(other.get(CellKey(MAIN_ROW, rule.other_field, year)))  # a paired field (forms/registry.py)
    if theirs is None or all(v is None for v in values):
        return []
    total = sum(v for v in values if v is not None)
    if total == theirs:
        return []
    message = (
        f"{spec.label} {field.noun}合计({_show(field, total)}) 与 "
        f"{other.spec.label} {other_field.noun}({year})({_show(other_field, theirs)}) 不一致"
    )
    return [Finding(CellLocation(spec.key, CellKey(form.rows[0], rule.field)), rule.severity, message, rule.code)]


def check_rule(rule: Rule, form: FormData, data: ReportData) -> list[Finding]:
    if isinstance(rule, AtLeastSum):
        return _at_least_sum(rule, form)
    if isinstance(rule, NotMoreThan):
        return _not_more_than(rule, form, data)
    if isinstance(rule, SumEquals):
        return _sum_equals(rule, form, data)
    return []


# Last year's report as filed: form key → {field key: its figure of that year}. Storage reads it
# (``Store.previous_year_figures``); the audit only compares.
PreviousFigures = dict[str, dict[str, Stored]]


def _previous(form: FormData, field: Field, year: int, filed: dict[str, Stored]) -> list[Finding]:
    """A (Y−1) figure that differs from what last year's report gave for its own year: retyped
    wrongly, or changed since, either way it needs a look (the seed's 行政检查 259/295)."""
    if field.key not in filed:
        return []
    key = CellKey(MAIN_ROW, field.key, year - 1)
    then, now = filed[field.key], form.get(key)
    if then is None or isinstance(then, Invalid) or now == then:
        return []
    was = _show(field, then)
    message = f"{field.noun}({year - 1}) 为 {_show(field, now)}，与 {year - 1} 年报表所报的 {was} 不同，请核对"
    return [Finding(CellLocation(form.spec.key, key), Severity.HINT, message, "PREVIOUS_YEAR")]


# --- the whole audit, in parts ---------------------------------------------------------------

ANY = "*"  # in what a part reads: every row, or every field, of a form
Read = tuple[str, str, str]  # (form key, row or ANY, field key or ANY)
Reads = frozenset[Read]
_Run = Callable[[ReportData, PreviousFigures | None], list[Finding]]


@dataclass(frozen=True)
class _Part:
    """A piece of ``audit()``: what it reads and how to run it on a report's data and last
    year's figures."""

    name: tuple
    reads: Reads
    run: _Run


def _rule_reads(rule: Rule, spec: FormSpec) -> Reads:
    if isinstance(rule, NotMoreThan):
        return frozenset({(spec.key, ANY, rule.field), (rule.other_form, ANY, rule.other_field)})
    if isinstance(rule, SumEquals):
        return frozenset({(spec.key, ANY, ANY), (rule.other_form, ANY, rule.other_field)})
    return frozenset({(spec.key, ANY, ANY)})  # AtLeastSum: row by row in its own form


def _font_reads(spec: FormSpec) -> Reads:
    """The cells ``fonts_of_form`` looks at: the 原因简析 row and the text fields."""
    texts = {(spec.key, ANY, f.key) for f in spec.fields() if isinstance(f.kind, TextKind)}
    return frozenset({(spec.key, REASON_ROW, ANY), *texts})


def _on(key: str, check: Callable[..., list[Finding]], *args: object) -> _Run:
    """``check(form key's data, *args)`` as a part's run."""
    return lambda data, _previous: check(data.form(key), *args)


def _rule_part(key: str, rule: Rule) -> _Run:
    return lambda data, _previous: check_rule(rule, data.form(key), data)


def _fonts_part(key: str) -> _Run:
    return lambda data, _previous: fonts_of_form(data.form(key), data.fonts)


def _unit_part(key: str, field: Field) -> _Run:
    return lambda data, _previous: unit_name_blank(data.form(key), field, data.report)


def _previous_part(key: str, field: Field, year: int) -> _Run:
    def run(data: ReportData, previous: PreviousFigures | None) -> list[Finding]:
        filed = (previous or {}).get(key)
        return _previous(data.form(key), field, year, filed) if filed else []

    return run


@functools.lru_cache(maxsize=16)
def _parts(specs: tuple[FormSpec, ...], year: int, places: int) -> tuple[_Part, ...]:
    """Every table's checks as parts, in the order ``audit()`` lists their findings. In a
    COMPARISON form (one row of figures) a check is a part per field, reading that field alone
    (and of it the figures' row or the 原因简析 row alone, where that is all it looks at).
    Built once per tables, year and places."""
    parts: list[_Part] = []
    for spec in specs:
        key = spec.key
        whole = frozenset({(key, ANY, ANY)})
        for f in spec.fields():
            if f.default == FILLER:  # left blank: the 填报单位 is its fix
                parts.append(_Part((key, "unit", f.key), frozenset({(key, MAIN_ROW, f.key)}), _unit_part(key, f)))
        parts.append(_Part((key, "kinds"), whole, _on(key, check_value_kinds)))
        parts.append(_Part((key, "fonts"), _font_reads(spec), _fonts_part(key)))  # 校对: what the fonts cannot print
        for i, rule in enumerate(spec.rules):
            parts.append(_Part((key, "rule", i), _rule_reads(rule, spec), _rule_part(key, rule)))
        if spec.rows is RowStyle.COMPARISON:
            for f in spec.paired_fields():
                reads = frozenset({(key, ANY, f.key)})
                parts.append(_Part((key, "reason", f.key), reads, _on(key, _reason, f, year, places)))
            for f in spec.fields():
                if f.kind.numeric:
                    reads = frozenset({(key, MAIN_ROW, f.key)})
                    parts.append(_Part((key, "blank", f.key), reads, _on(key, _blanks, MAIN_ROW, f, year)))
            for f in spec.paired_fields():  # last year's figures, when there is such a report
                reads = frozenset({(key, MAIN_ROW, f.key)})
                parts.append(_Part((key, "previous", f.key), reads, _previous_part(key, f, year)))
            for f in spec.paired_fields():  # 校对 of each 原因简析
                reads = frozenset({(key, REASON_ROW, f.key)})
                parts.append(_Part((key, "proofread", f.key), reads, _on(key, proofread_reason, f)))
        else:
            parts.append(_Part((key, "blanks"), whole, _on(key, check_blanks, year)))
    return tuple(parts)


def _report_lines(data: ReportData) -> list[Finding]:
    """The contact line, the stored characters of it and of the text, their 校对 and fonts: these
    depend on the report row, the text and the fonts only."""
    found = check_contact(data) + check_stored_chars(data) + proofread_contact(data.report)
    return found + fonts_of_lines(data.report, data.text, data.fonts)


def audit(data: ReportData, previous: PreviousFigures | None = None) -> list[Finding]:
    """Every finding for a report: errors first, then hints, each in table order. ``previous``:
    the same unit's report of the year before, when the database has it."""
    found: list[Finding] = _report_lines(data)
    for part in _parts(tuple(f.spec for f in data.forms), data.report.year, data.places):
        found += part.run(data, previous)
    found += (
        check_text(data) + check_empty_sections(data.text) + proofread_text(data.text, data.report.year, data.titles)
    )
    return errors_first(found)


class Auditor:
    """``audit()`` kept up to date while a report is edited, for the window's every keystroke.

    Each part of the audit (``_parts``) is kept until ``changed`` names a cell it reads (or the
    form is another object, or the year, 同比 places, last year's figures, the fonts or the 填报单位
    differ); the contact line's and text's own checks run again when they changed, the
    text-against-tables comparison each time, the search of the text for typed numbers and its 校对
    (``forms/proofread_report.py``) only when the text changed. The result is
    always ``audit(data, previous)`` (tests/test_audit_incremental.py checks it after random edits)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """The report was read again as a whole (another program wrote the file): nothing kept
        from before is used; the next ``findings`` is a full audit."""
        self._context: tuple | None = None
        self._parts: tuple[_Part, ...] = ()
        self._readers: dict[Read, list[int]] = {}  # (form, row or ANY, field or ANY) → parts reading it
        self._kept: list[list[Finding]] = []  # each part's findings, by its place in ``_parts``
        self._stale: set[int] = set()  # the parts to run again
        self._forms: dict[str, FormData] = {}  # the objects the kept findings were computed from
        self._text: tuple[tuple, tuple[_Mention, ...]] | None = None  # (what they were read from, mentions)
        self._proof: tuple[tuple, list[Finding]] | None = None  # (text, year, titles lists; its 校对)
        self._lines: tuple[tuple, list[Finding]] | None = None  # (report, text, fonts): their checks

    def changed(self, form_key: str | None = None, keys: Iterable[CellKey] | None = None) -> None:
        """Cells of ``form_key`` changed: those at ``keys``, or any (rows too) when None;
        ``form_key`` None: anything may have."""
        if form_key is None:
            self._stale.update(range(len(self._parts)))
        elif keys is None:
            for (form, _row, _field), parts in self._readers.items():
                if form == form_key:
                    self._stale.update(parts)
        else:
            readers = self._readers
            for key in set(keys):
                for read in ((key.row, key.field), (ANY, key.field), (key.row, ANY), (ANY, ANY)):
                    self._stale.update(readers.get((form_key, *read), ()))

    def findings(self, data: ReportData, previous: PreviousFigures | None = None) -> list[Finding]:
        specs = tuple(f.spec for f in data.forms)
        report = data.report  # its 填报单位 is the fix of a blank unit name
        context = (specs, report.year, data.places, previous, data.fonts, report.filler, report.unit)
        if context != self._context:
            self._context = context
            self._parts = _parts(specs, report.year, data.places)
            self._readers = {}
            for i, part in enumerate(self._parts):
                for read in part.reads:
                    self._readers.setdefault(read, []).append(i)
            self._kept = [[] for _ in self._parts]
            self._stale = set(range(len(self._parts)))
        for form in data.forms:
            if self._forms.get(form.spec.key) is not form:  # read again: nothing kept from the old one
                self.changed(form.spec.key)
                self._forms[form.spec.key] = form
        for i in self._stale:
            self._kept[i] = self._parts[i].run(data, previous)
        self._stale.clear()
        lines = (report, data.text, data.fonts)
        if self._lines is None or self._lines[0] != lines:
            self._lines = (lines, _report_lines(data))
        found = list(self._lines[1])
        found.extend(itertools.chain.from_iterable(self._kept))
        found += check_text(data, self._mentions(data)) + check_empty_sections(data.text) + self._proofread(data)
        return errors_first(found)

    def _proofread(self, data: ReportData) -> list[Finding]:
        """校对 of the report text, read again only when the text (or the year, or the lists of titles) changed."""
        source = (data.text, data.report.year, data.titles)
        if self._proof is None or self._proof[0] != source:
            self._proof = (source, proofread_text(*source))
        return list(self._proof[1])

    def _mentions(self, data: ReportData) -> tuple[_Mention, ...]:
        source = (data.text, tuple(f.spec for f in data.forms), data.report.year)
        if self._text is None or self._text[0] != source:
            mentions = text_mentions(data.text, source[1], source[2]) if data.text is not None else ()
            self._text = (source, mentions)
        return self._text[1]


def errors_first(findings: list[Finding]) -> list[Finding]:
    """The errors, then the rest, each in the order given."""
    return errors(findings) + [f for f in findings if f.severity is not Severity.ERROR]


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]
