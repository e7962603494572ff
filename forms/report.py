"""A report and its filled tables, as plain values shared by storage, exporters and the window."""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.spec import FormSpec, RowStyle
from forms.values import Value

MAIN_ROW = "main"  # the unit's figures in a COMPARISON form
REASON_ROW = "reason"  # its 数据变化原因简析 texts, one per paired field


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

    @property
    def name(self) -> str:
        return f"{self.unit} {self.year}年"

    def filler_line(self) -> str:
        return f"填报单位：{self.filler or self.unit}"

    def contact_line(self) -> str:
        return f"联系人和联系方式：{self.contact_person} {self.contact_phone}".rstrip()


@dataclass
class FormData:
    spec: FormSpec
    rows: list[str]  # row keys in display order; [MAIN_ROW] for COMPARISON forms
    values: dict[CellKey, Value] = field(default_factory=dict)

    def get(self, key: CellKey) -> Value:
        return self.values.get(key)

    @staticmethod
    def row_keys(spec: FormSpec, stored_rows: list[str]) -> list[str]:
        return [MAIN_ROW] if spec.rows is RowStyle.COMPARISON else stored_rows


@dataclass
class ReportData:
    report: Report
    forms: list[FormData]
    places: int  # decimals of every 同比增减 figure

    def form(self, key: str) -> FormData:
        for data in self.forms:
            if data.spec.key == key:
                return data
        raise KeyError(key)
