"""Read the attachment tables out of a workbook: the app's own export or the official form filled by hand.

Everything is found by its text, never by position: each attachment by its title
(``2024年行政执法案件数据情况统计表``), the unit by ``填报单位：``, each column by its header label
and each year column by its year (``2023`` or ``2023年``), so other sheet names and order, extra
blank rows and columns, several attachments in one sheet or one per file all read the same.
Header text is compared after folding what people vary (full/half-width brackets, colons and
quotes, spaces, line breaks). Every value goes through its kind's ``parse``; the first value a
kind refuses rejects the file, naming the sheet and the cell.

The app's export carries a hidden sheet ``_填报助手`` with the unit, the contact line and the
row keys: those are taken from it, the figures still from the visible tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from forms.errors import InputError
from forms.grid import REASON_LABEL, YOY_LABEL
from forms.hygiene import echo
from forms.kinds import Kind, Stored, percent
from forms.registry import TEMPLATE
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.spec import Field, FormSpec, RowStyle
from forms.template import Template
from forms.years import YEARS_TEXT, is_report_year
from forms.yoy import yoy
from importers.cell_span import column_letters
from importers.reading import ImportRejected, Sheet, read_sheets
from importers.template_match import workbook_template
from importers.units import Filled, file_unit
from importers.workbook_titles import Title, find_titles, fold, labelled, meta_of, region_end, split_contact, text_of

_YEAR = re.compile(r"(\d{4})(?:\.0)?年?")
_NOTE_START = ("注:", "填表说明", "说明:")
_ABSURD_PERCENT = Decimal(10) ** 20  # beyond any 同比 of 15-digit counts (at most 10^17 %)


@dataclass
class FormRead:
    spec: FormSpec
    rows: list[str]
    values: dict[CellKey, Stored] = field(default_factory=dict)


@dataclass
class WorkbookRead:
    """What one file holds, ready to store."""

    path: Path
    unit: str
    year: int
    filler: str
    contact_person: str
    contact_phone: str
    forms: dict[str, FormRead]
    disagreements: list[str]  # its own 同比增减 row against its figures
    template: Template = TEMPLATE  # the one it was made with (importers/template_match.py)
    missing: dict[str, list[str]] = field(default_factory=dict)  # form key → its fields the file has no column for
    unit_notes: list[str] = field(default_factory=list)  # attachments whose 填报单位 names another unit
    sha256: str = ""  # of the file's bytes: the same file again is told by it (storage/imported_files.py)

    def hints(self) -> list[str]:
        """A line per column the file lacks: not imported, never a refusal (an older notice's form)."""
        out = []
        for key, fields in self.missing.items():
            spec = self.forms[key].spec
            labels = "、".join(f"“{spec.field(k).label}”" for k in fields)
            out.append(f"{spec.label}的表头中没有{labels}一列，这一项没有导入")
        return out


def _cell_name(sheet: Sheet, row: int, col: int) -> str:
    return f"工作表“{sheet.title}”{column_letters(col)}{row + 1}"


def _at(rows: list[list[object]], r: int, c: int) -> object:
    row = rows[r] if r < len(rows) else []
    return row[c] if c < len(row) else None


class _Region:
    """One attachment's rows: from its title to the next title (or the sheet's end)."""

    def __init__(self, title: Title, stop: int, report_year: int | None, *, keep_blank: bool = False) -> None:
        self.keep_blank = keep_blank  # the app's own export: its blank list rows are rows too
        self.title = title
        self.sheet = title.sheet
        self.rows = title.sheet.rows
        self.spec = title.spec
        self.start = title.row
        self.stop = stop
        self.year = title.year or report_year
        self.missing: list[str] = []  # fields the header has no column for
        self.head = -1  # the header's first row (the 序号 row), once read

    def reject(self, r: int, c: int, why: str) -> ImportRejected:
        return ImportRejected(f"{self.spec.label} {_cell_name(self.sheet, r, c)}：{why}")

    def header_row(self) -> tuple[int, int]:
        for r in range(self.start + 1, self.stop):
            for c, value in enumerate(self.rows[r] if r < len(self.rows) else []):
                if fold(value) == "序号":
                    return r, c
        raise ImportRejected(f"{self.spec.label}（工作表“{self.sheet.title}”）：找不到表头（“序号”一行），未导入")

    def columns(self, head: int, index_col: int) -> tuple[dict[tuple[str, int], int], int]:
        """(field key, period) → column, and the first body row."""
        # The header ends where the first body row starts: 序号 column holding 1, or a label row.
        body = head + 1
        while body < self.stop:
            first = fold(_at(self.rows, body, index_col))
            if first in ("1", "1.0") or first in (YOY_LABEL, REASON_LABEL):
                break
            body += 1
        body = min(body, self.stop)
        labels: dict[str, list[tuple[int, int]]] = {}
        for r in range(head, body):
            for c, value in enumerate(self.rows[r] if r < len(self.rows) else []):
                text = fold(value)
                if text:
                    labels.setdefault(text, []).append((r, c))
        found: dict[tuple[str, int], int] = {}
        header_end = head  # the last row holding a header label or a year: the body starts below it
        for f in self.spec.fields():
            spots = labels.get(fold(f.label)) or labels.get(fold(f.noun))  # a header may leave out the unit
            if not spots:  # a column of another notice's table: not imported, said as a 提示
                self.missing.append(f.key)
                continue
            r, c = spots[0]
            header_end = max(header_end, r)
            if not f.paired:
                found[(f.key, 0)] = c
                continue
            years: dict[int, int] = {}
            for rr in range(r + 1, body):
                for cc in (c, c + 1):
                    m = _YEAR.fullmatch(fold(_at(self.rows, rr, cc)))
                    if m:
                        years[int(m[1])] = cc
                        header_end = max(header_end, rr)
            if self.year is None and years:
                self.year = max(years)
            if self.year is None:
                raise ImportRejected(
                    f"{self.spec.label}（工作表“{self.sheet.title}”）：表名和表头中都找不到年度（如“2024年”），未导入"
                )
            for period in (self.year - 1, self.year):
                if period not in years:
                    raise self.reject(r, c, f"“{f.label}”下面找不到 {period} 年一列，未导入")
                found[(f.key, period)] = years[period]
        if not found:
            raise ImportRejected(f"{self.spec.label}（工作表“{self.sheet.title}”）：表头中找不到任何一列，未导入")
        if body >= self.stop:  # no 序号 1 in the body (the clerk did not number the rows)
            body = header_end + 1
        return found, body

    def read(self) -> tuple[FormRead, list[str]]:
        head, index_col = self.header_row()
        self.head = head
        columns, body = self.columns(head, index_col)
        if self.spec.rows is RowStyle.COMPARISON:
            return self._comparison(columns, body, index_col)
        return self._list(columns, body), []

    def _parse(self, f: Field, r: int, c: int) -> Stored:
        try:
            return f.kind.parse(text_of(_at(self.rows, r, c)))
        except InputError as exc:
            raise self.reject(r, c, f"{f.noun}：{exc.message}，未导入") from None

    def _is_note(self, r: int) -> bool:
        for value in self.rows[r] if r < len(self.rows) else []:
            text = fold(value).lstrip("-·•*")
            if text:
                return text.startswith(_NOTE_START)
        return False

    def _comparison(self, columns: dict[tuple[str, int], int], body: int, index_col: int) -> tuple[FormRead, list[str]]:
        form = FormRead(self.spec, [MAIN_ROW])
        label_cols = [c for (key, period), c in columns.items() if not self.spec.field(key).paired] + [index_col]
        main = yoy_row = reason_row = None
        for r in range(body, self.stop):
            if self._is_note(r):
                break
            labels = {fold(_at(self.rows, r, c)) for c in label_cols}
            filled = any(_at(self.rows, r, c) not in (None, "") for c in columns.values())
            if YOY_LABEL in labels:
                yoy_row = r
            elif REASON_LABEL in labels:
                reason_row = r
            elif main is None and filled:
                main = r
        if main is not None:  # else an empty table: read as empty, as it was sent
            for (key, period), c in columns.items():
                value = self._parse(self.spec.field(key), main, c)
                if value is not None:
                    form.values[CellKey(MAIN_ROW, key, period)] = value
        assert self.year is not None
        if reason_row is not None:
            for f in self.spec.paired_fields():
                if f.key in self.missing:
                    continue
                c = columns[(f.key, self.year - 1)]
                for cc in (c, c + 1):
                    raw = _at(self.rows, reason_row, cc)
                    if raw not in (None, ""):
                        try:
                            value = Kind.TEXT.parse(text_of(raw))
                        except InputError as exc:
                            raise self.reject(reason_row, cc, f"数据变化原因简析：{exc.message}，未导入") from None
                        if value is not None:
                            form.values[CellKey(REASON_ROW, f.key)] = value
                        break
        disagreements = self._check_yoy(form, columns, yoy_row) if yoy_row is not None else []
        return form, disagreements

    def _check_yoy(self, form: FormRead, columns: dict[tuple[str, int], int], r: int) -> list[str]:
        """The workbook's own 同比增减 against its figures: each disagreement in one sentence."""
        assert self.year is not None
        out = []
        for f in self.spec.paired_fields():
            if f.key in self.missing:
                continue
            c = columns[(f.key, self.year - 1)]
            raw = next((v for v in (_at(self.rows, r, c), _at(self.rows, r, c + 1)) if v not in (None, "")), None)
            if raw is None:
                continue
            written = _written_percent(raw)
            if written is None:
                continue
            if written is _ABSURD:
                said = repr(raw) if isinstance(raw, float) else echo(str(raw))  # 1e+300, not its 301 digits
                out.append(f"{self.spec.label} {f.noun} 同比增减 填写为 {said}，不是有效的百分比")
                continue
            shown, places = written
            prev = form.values.get(CellKey(MAIN_ROW, f.key, self.year - 1))
            cur = form.values.get(CellKey(MAIN_ROW, f.key, self.year))
            exact = yoy(prev, cur, 2)
            label = _percent_text(raw, shown)
            if exact.percent is None:
                out.append(f"{self.spec.label} {f.noun} 同比增减 填写为 {label}，按数据无法计算（{exact.reason}）")
                continue
            if yoy(prev, cur, places).percent != shown:
                out.append(f"{self.spec.label} {f.noun} 同比增减 填写为 {label}，按数据应为 {exact.text()}")
        return out

    def _list(self, columns: dict[tuple[str, int], int], body: int) -> FormRead:
        form = FormRead(self.spec, [])
        for r in range(body, self.stop):
            if self._is_note(r):
                break
            texts = [fold(_at(self.rows, r, c)) for c in columns.values()]
            filled = [t for t in texts if t]
            if filled == ["无"] or not (filled or self.keep_blank):  # 无: a table without a case prints it
                continue
            key = f"r{len(form.rows) + 1}"
            form.rows.append(key)
            for (field_key, _), c in columns.items():
                value = self._parse(self.spec.field(field_key), r, c)
                if value is not None:
                    form.values[CellKey(key, field_key)] = value
        return form


_ABSURD = (Decimal(0), -1)  # a 同比 no figures can give


def _written_percent(raw: object) -> tuple[Decimal, int] | None:
    """A 同比增减 cell as written: (percent, decimals shown). A number is a fraction (a % cell)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = Decimal(repr(float(raw))) * 100
        number = number.normalize()
    else:
        text = str(raw).strip().translate(str.maketrans("０１２３４５６７８９．－％", "0123456789.-%"))
        m = re.fullmatch(r"([+-]?)(\d+(?:\.\d+)?)\s*%", text)
        if not m:
            return None
        number = Decimal(m[2]) * (-1 if m[1] == "-" else 1)
    if not number.is_finite() or abs(number) >= _ABSURD_PERCENT:
        return _ABSURD  # no figures give it; "1E+300" would also overflow the rounding
    exponent = number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    places = min(places, 2)
    return percent(places).canonical(number), places


def _percent_text(raw: object, shown: Decimal) -> str:
    if isinstance(raw, str):
        return raw.strip()
    return f"{shown}%"


def read_workbook(path: Path, templates: tuple[Template, ...] = (TEMPLATE,)) -> WorkbookRead:
    """What the workbook at ``path`` holds, read with the template it was made with among ``templates``."""
    path = Path(path)
    sheets, sha256 = read_sheets(path)
    meta = meta_of(sheets)
    template = workbook_template(path.name, sheets, meta, templates)
    titles = find_titles(sheets, template.forms)
    if not titles:
        raise ImportRejected(f"{path.name}：找不到任何附件表（按表名，如“2024年行政执法案件数据情况统计表”），未导入")
    seen: dict[str, Title] = {}
    for t in titles:
        if t.spec.key in seen:
            raise ImportRejected(f"{path.name}：{t.spec.label}出现了两次（工作表“{t.sheet.title}”），未导入")
        seen[t.spec.key] = t
    years = {t.year for t in titles if t.year is not None}
    meta_year = int(meta["year"]) if "year" in meta and str(meta["year"]).isdigit() else None
    if meta_year is not None:
        years.add(meta_year)
    if len(years) > 1:
        raise ImportRejected(f"{path.name}：各附件的年度不一致（{'、'.join(map(str, sorted(years)))}），未导入")
    report_year = years.pop() if years else None

    read: dict[str, FormRead] = {}
    missing: dict[str, list[str]] = {}
    disagreements: list[str] = []
    fillers: list[tuple[Filled, str]] = []
    for t in titles:
        own = meta.get("app") == "填报助手"
        region = _Region(t, region_end(t, titles), report_year, keep_blank=own)
        form, found = region.read()
        if region.missing:
            missing[t.spec.key] = region.missing
        if report_year is None:
            report_year = region.year
        elif region.year != report_year:
            raise ImportRejected(f"{path.name}：各附件的年度不一致（{report_year}、{region.year}），未导入")
        read[t.spec.key] = form
        disagreements += found
        head = region.head
        filler = labelled(t.sheet.rows, t.row, head, "填报单位")
        contact = labelled(t.sheet.rows, t.row, head, "联系人和联系方式") or ""
        if filler:
            fillers.append((Filled(t.spec, t.sheet.title, filler), contact))
    if report_year is None:
        raise ImportRejected(f"{path.name}：找不到年度（表名或表头中的年份），未导入")
    if not is_report_year(report_year):
        raise ImportRejected(f"{path.name}：年度 {report_year} 不在 {YEARS_TEXT} 之间，未导入")

    if meta.get("app") == "填报助手" and meta.get("unit"):
        for key, form in read.items():
            keys = [k for k in str(meta.get(f"rows:{key}") or "").split(",") if k]
            if form.spec.rows is RowStyle.LIST and len(keys) == len(form.rows):
                renamed = dict(zip(form.rows, keys, strict=True))
                form.values = {CellKey(renamed[k.row], k.field, k.period): v for k, v in form.values.items()}
                form.rows = keys
        return WorkbookRead(
            path,
            str(meta["unit"]),
            report_year,
            str(meta.get("filler") or ""),
            str(meta.get("contact_person") or ""),
            str(meta.get("contact_phone") or ""),
            read,
            disagreements,
            template,
            missing,
            sha256=sha256,
        )

    notes: list[str] = []
    if fillers:
        unit, notes = file_unit([f for f, _ in fillers])
        filler = unit
    else:  # no 填报单位 line: the report keeps its own, the unit is 附件2's 行政执法单位名称
        a2 = read.get("a2")
        name = a2.values.get(CellKey(MAIN_ROW, "unit_name")) if a2 else None
        if not isinstance(name, str) or not name:
            raise ImportRejected(f"{path.name}：找不到“填报单位：”，无法确定是哪个单位的报表，未导入")
        unit, filler = name, ""
    person, phone = split_contact(next((c for _, c in fillers if c), ""))
    return WorkbookRead(
        path, unit, report_year, filler, person, phone, read, disagreements, template, missing, notes, sha256
    )
