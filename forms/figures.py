"""Figures linked to the tables: tokens in the report text that become the current numbers.

A token names stable keys, never a number: ``{{a2.penalty.cur}}`` is 附件2 行政处罚 of the
report year, whatever it is when the report is exported. Kinds:

- ``cur`` / ``prev``: the value of Y / Y−1 (LIST forms: the column total of Y);
- ``yoy``: the 同比增减 as the table shows it (``-35.59%``);
- ``change``: the same in words, worded as the bureau writes it (``|`` options below).

A figure may add fields up and be a share of others (000: 33起 = 31 + 2 免罚/从轻; 42.3% = 33/78):
``{{a3.exempt_cases+a3.lenient_cases.cur}}``, ``{{a3.exempt_cases+a3.lenient_cases/a2.penalty.cur|d1}}``.

Options after ``|``: the wording of a change — ``paren`` ``（同比下降30%）`` (the default), ``comma``
``，同比下降30%``, ``vs`` ``较上年下降30%``, ``bare`` ``下降30%``; decimals of a change or share —
``d0``/``d1``/``d2`` (fixed; default the report's 同比 places) and ``trim`` (trailing zeros dropped).
Tokens of an amount in 元 may end in ``.wan``: 万元, exact to the fen (4199252 → 419.9252,
3164580.26 → 316.458026). Every figure is written by its field's kind (``forms.kinds``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from forms.kinds import YUAN, Invalid, MoneyKind, Stored, percent
from forms.registry import FORMS
from forms.report import MAIN_ROW, CellKey, FormData, ReportData
from forms.spec import Field, FormSpec, RowStyle
from forms.yoy import ALLOWED_PLACES, YoY, yoy

_TERM = r"a\d\.[a-z_]+"
_SUM = rf"{_TERM}(?:\+{_TERM})*"
TOKEN = re.compile(
    rf"\{{\{{(?P<num>{_SUM})(?:/(?P<den>{_SUM}))?\.(?P<which>cur|prev|yoy|change)(?P<wan>\.wan)?"
    r"(?P<opts>(?:\|[a-z0-9]+)*)\}\}"
)
WORDINGS = {
    "paren": "（同比下降30%）",
    "comma": "，同比下降30%",
    "vs": "较上年下降30%",
    "bare": "下降30%",
}
WHICH_LABELS = {"cur": "本年", "prev": "上年", "yoy": "同比", "change": "同比（文字）"}
# How 插入数据 and the drafted 基本情况 word a change unless the clerk picks otherwise: as the
# seeds print it (同比下降30%, 同比下降37.04%), trailing zeros dropped.
DEFAULT_TRIM = True
MISSING = "□"  # printed where a linked figure is not filled in, so nobody signs a blank


@dataclass(frozen=True)
class Link:
    form: str  # the first term
    field: str
    which: str  # cur | prev | yoy | change
    wan: bool = False
    more: tuple[tuple[str, str], ...] = ()  # further (form, field) terms added to the first
    per: tuple[tuple[str, str], ...] = ()  # the total it is a share of (a percentage)
    wording: str = "paren"  # of a change: a key of WORDINGS
    places: int | None = None  # decimals of a change or a share; None: the report's 同比 places
    trim: bool = False  # trailing zeros of a change or a share dropped (30.00% → 30%)

    @property
    def terms(self) -> tuple[tuple[str, str], ...]:
        return ((self.form, self.field), *self.more)

    def token(self) -> str:
        expr = "+".join(f"{f}.{k}" for f, k in self.terms)
        if self.per:
            expr += "/" + "+".join(f"{f}.{k}" for f, k in self.per)
        opts = "" if self.wording == "paren" else f"|{self.wording}"
        opts += "" if self.places is None else f"|d{self.places}"
        opts += "|trim" if self.trim else ""
        return "{{" + f"{expr}.{self.which}" + (".wan" if self.wan else "") + opts + "}}"


def _terms(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(term.split(".", 1)) for term in text.split("+"))  # type: ignore[misc]


def _link(match: re.Match[str]) -> Link | None:
    terms = _terms(match["num"])
    link = Link(terms[0][0], terms[0][1], match["which"], bool(match["wan"]), terms[1:])
    if match["den"]:
        link = replace(link, per=_terms(match["den"]))
    for opt in filter(None, match["opts"].split("|")):
        if opt in WORDINGS:
            link = replace(link, wording=opt)
        elif opt == "trim":
            link = replace(link, trim=True)
        elif re.fullmatch(r"d\d", opt) and int(opt[1]) in ALLOWED_PLACES:
            link = replace(link, places=int(opt[1]))
        else:
            return None  # an option this version does not know: printed as missing, never guessed
    return link


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


def _field_label(form: str, key: str, forms: tuple[FormSpec, ...] = FORMS) -> str:
    spec = _spec(form, forms)
    if spec is None:
        return "未知表格"
    try:
        return f"{spec.label} {spec.field(key).label}"
    except KeyError:
        return f"{spec.label} 未知项目"


def describe(link: Link, year: int, forms: tuple[FormSpec, ...] = FORMS) -> str:
    """What a token means, in the clerk's words: 附件2 行政处罚(件) 2024年. ``forms``: the report's
    own template's attachments."""
    spec = _spec(link.form, forms)
    if spec is None:
        return "未知表格"
    names = " + ".join(_field_label(f, k, forms) for f, k in link.terms)
    if any(_field(f, k, forms) is None for f, k in link.terms + link.per):
        return names
    if link.per:
        names = f"（{names}）占（{' + '.join(_field_label(f, k, forms) for f, k in link.per)}）的比例"
    period = {"cur": f"{year}年", "prev": f"{year - 1}年"}.get(link.which, WHICH_LABELS[link.which])
    field = _field(link.form, link.field, forms)
    wan = link.wan and field is not None and converts_to_wan(field)
    return f"{names} {period}" + ("（万元）" if wan else "")


def _field(form: str, key: str, forms: tuple[FormSpec, ...] = FORMS) -> Field | None:
    spec = _spec(form, forms)
    try:
        return spec.field(key) if spec else None
    except KeyError:
        return None


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


def _percent_text(value: Decimal, link: Link, places: int) -> str:
    text = percent(places).text(value)
    if link.trim and "." in text:
        text = text.removesuffix("%").rstrip("0").rstrip(".") + "%"
    return text


def change_words(change: YoY, wording: str = "paren", trim: bool = False) -> str:
    """``（同比增长20.27%）``, ``，同比增长20.27%``, ``较上年增长20.27%`` or ``增长20.27%``; a change
    that rounds to zero is 基本持平, none at all 持平; nothing where no percentage can be given."""
    if change.percent is None:
        return ""
    if change.percent == 0:
        same = "与上年持平" if change.trend == 0 else "与上年基本持平"
        return {"paren": f"（{same}）", "comma": f"，{same}", "vs": same, "bare": same.removeprefix("与上年")}[wording]
    word = "增长" if change.percent > 0 else "下降"
    amount = _percent_text(abs(change.percent), Link("", "", "change", trim=trim), change.places)
    return {
        "paren": f"（同比{word}{amount}）",
        "comma": f"，同比{word}{amount}",
        "vs": f"较上年{word}{amount}",
        "bare": f"{word}{amount}",
    }[wording]


def _gap(data: ReportData, form_key: str, key: str) -> bool:
    try:
        return key in data.form(form_key).gaps
    except KeyError:
        return False


def _total(terms: tuple[tuple[str, str], ...], data: ReportData, period: int) -> tuple[Stored, Field | None]:
    """The sum of ``terms`` in one period, and the field whose kind writes it (None if the kinds differ)."""
    total: Stored = None
    kinds = set()
    first: Field | None = None
    for form_key, key in terms:
        try:  # the report's own template's field: a figure of a field only it has prints too
            form = data.form(form_key)
            field = form.spec.field(key)
        except KeyError:
            return None, None
        if period != data.report.year and not field.paired:
            return None, None
        value = value_of(form, field, period)
        if value is None or isinstance(value, Invalid):
            return None, None  # a blank or invalid part: the audit names it, the figure is missing
        total = value if total is None else total + value  # type: ignore[operator]
        kinds.add(field.kind)
        first = first or field
    return total, (first if len(kinds) == 1 else None)


def figure(link: Link | None, data: ReportData) -> str:
    """The text a token stands for now; ``MISSING`` where the table has no value."""
    if link is None:
        return MISSING
    year = data.report.year
    places = data.places if link.places is None else link.places
    if link.per:  # a share: sum / total, as a percentage
        if link.which not in ("cur", "prev"):
            return MISSING
        period = year - 1 if link.which == "prev" else year
        part, _f = _total(link.terms, data, period)
        whole, _g = _total(link.per, data, period)
        if part is None or whole is None or whole == 0:
            return MISSING
        share = percent(places).canonical(Decimal(part) * 100 / Decimal(whole))  # type: ignore[arg-type]  # numbers only
        return _percent_text(share, link, places)
    if link.which in ("yoy", "change"):
        if any(_gap(data, form_key, key) for form_key, key in link.terms):
            return MISSING  # a 汇总's figure some members lack: no 同比 (FormData.gaps)
        prev, field = _total(link.terms, data, year - 1)
        cur, _f = _total(link.terms, data, year)
        if field is None:
            return MISSING
        change = yoy(prev, cur, places)
        if link.which == "yoy":
            return (
                change.text()
                if not link.trim or change.percent is None
                else _percent_text(change.percent, link, places)
            )
        return change_words(change, link.wording, link.trim)
    value, field = _total(link.terms, data, year - 1 if link.which == "prev" else year)
    if value is None or field is None:
        return MISSING  # an invalid cell is reported by the audit, never printed as a figure
    return field.kind.figure(value, wan=link.wan)


def render(text: str, data: ReportData) -> str:
    """The report text with every token replaced by its current figure."""

    return TOKEN.sub(lambda match: figure(_link(match), data), text)
