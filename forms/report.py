"""A report and its filled tables, as plain values shared by storage, exporters and the window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from forms.kinds import Kind, Stored, ValueKind
from forms.outline import DEFAULT_STYLES, heading_numbers
from forms.report_name import report_name
from forms.spec import FormSpec, RowStyle
from forms.template import FIRST_VERSION
from forms.yoy import YoY, yoy

MAIN_ROW = "main"  # the unit's figures in a COMPARISON form
REASON_ROW = "reason"  # its 数据变化原因简析 texts, one per paired field


def cell_kind(spec: FormSpec, row: str, field_key: str) -> ValueKind:
    """The kind of a cell: its field's, but text in the 原因简析 row (which sits under each figure)."""
    return Kind.TEXT if row == REASON_ROW else spec.field(field_key).kind


@dataclass(frozen=True)
class CellKey:
    """Where a value lives: (row, field, period). ``period`` is the year of a paired
    field's column and 0 for everything else. Never a grid position."""

    row: str
    field: str
    period: int = 0


@dataclass(frozen=True)
class Report:
    id: int
    unit: str  # 报告单位, e.g. 示例市应急管理局
    year: int  # the report year Y; paired columns show Y−1 and Y
    filler: str = ""  # 填报单位 as printed above each table (defaults to ``unit``)
    contact_person: str = ""
    contact_phone: str = ""
    template: str = FIRST_VERSION  # the version of the template it was made with or moved to

    @property
    def name(self) -> str:
        return report_name(self.unit, self.year)

    def filler_line(self) -> str:
        return f"填报单位：{self.filler or self.unit}"

    def contact_line(self) -> str:
        return f"联系人和联系方式：{self.contact_person} {self.contact_phone}".rstrip()


@dataclass
class FormData:
    spec: FormSpec
    rows: list[str]  # row keys in display order; [MAIN_ROW] for COMPARISON forms
    values: dict[CellKey, Stored] = field(default_factory=dict)  # Invalid where storage holds a bad text
    # Field key → why its 同比 is not given: a 汇总 of members some of whose templates lack the field.
    gaps: dict[str, str] = field(default_factory=dict)

    def get(self, key: CellKey) -> Stored:
        return self.values.get(key)

    def change(self, key: str, year: int, places: int) -> YoY:
        """The 同比 of paired field ``key`` in ``year``: from its two years, unless ``gaps`` says why not."""
        if key in self.gaps:
            return YoY(None, self.gaps[key], places)
        return yoy(self.get(CellKey(MAIN_ROW, key, year - 1)), self.get(CellKey(MAIN_ROW, key, year)), places)

    @staticmethod
    def row_keys(spec: FormSpec, stored_rows: list[str]) -> list[str]:
        return [MAIN_ROW] if spec.rows is RowStyle.COMPARISON else stored_rows


@dataclass(frozen=True)
class Section:
    key: str  # stable: survives renames and moves
    level: int  # 1–4: the depth, which sets the font (GB/T 9704 层次); the number's style is the report's
    heading: str  # without its number
    body: str  # plain paragraphs, one per line, may hold figure tokens
    numbered: bool = True  # False: a heading with no number (002's 下一步工作打算), not counted
    run_in: bool | None = None  # printed run into its text; None: as its level does (ReportText.run_in)


@dataclass(frozen=True)
class ReportText:
    kind: str  # forms.outline.ReportKind.key
    title: str
    signer: str  # 署名: the signing unit
    sign_date: date | None
    attachments: tuple[str, ...]  # form keys printed after the body, in this order
    sections: tuple[Section, ...]
    attachment_numbering: str = "provincial"  # forms.numbering: provincial (附件2–5) or sequential (1–N)
    lead: str = ""  # 导语: paragraphs under the title, before 一、
    closing: str = ""  # 结束语: paragraphs after the last section
    run_in: frozenset[int] = frozenset()  # heading levels printed run-in: （一）明确职责。一是…
    unit_line: str = ""  # an optional line above the title (the unit, as 000 and 002 print it)
    styles: tuple[str, ...] = DEFAULT_STYLES  # the number style of each level: 一、 （一） 1. 1、 （1）
    attachment_note: bool = True  # 附件说明 under the body (GB/T 9704 wants it; seed 000 prints none)

    def numbers(self) -> list[str]:
        """Each section's printed number ("" for an unnumbered heading)."""
        return heading_numbers([s.level for s in self.sections], self.styles, [s.numbered for s in self.sections])

    def runs_in(self, section: Section) -> bool:
        return section.level in self.run_in if section.run_in is None else section.run_in


def chinese_date(day: date) -> str:
    """2025年1月20日: Arabic numerals, no zero padding (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Fonts:
    """The Word report's font choice (``Store.font_set``: government or windows) and, for the Windows
    fonts, the characters their files hold (None: no file at hand); forms/font_cover.py reads it."""

    name: str = "government"
    chars: frozenset[int] | None = None


@dataclass
class ReportData:
    report: Report
    forms: list[FormData]
    places: int  # decimals of every 同比增减 figure
    text: ReportText | None = None  # the narrative; None exports the attachments alone
    numbering: str | None = None  # overrides text.attachment_numbering for one export (the CLI's option)
    fonts: Fonts = Fonts()  # what the Word report prints in: 校对 of the characters it cannot print
    titles: tuple[str, ...] = ()  # document titles the file's own lists add to the shipped ones (校对)

    def attachment_numbers(self) -> dict[str, int]:
        """Form key → the number its attachment page, 附件说明 line and sheet name carry."""
        from forms.numbering import DEFAULT, attachment_numbers

        numbering = self.numbering or (self.text.attachment_numbering if self.text else DEFAULT)
        included = self.text.attachments if self.text else [f.spec.key for f in self.forms]
        return attachment_numbers([f.spec for f in self.forms], included, numbering)

    def form(self, key: str) -> FormData:
        for data in self.forms:
            if data.spec.key == key:
                return data
        raise KeyError(key)
