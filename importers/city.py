"""The city bureau's 汇总: import the counties' workbooks, then sum them into the city's report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from forms.aggregate import Breakdown, Member, aggregate, breakdowns, gap_notes
from forms.errors import UserError
from forms.report import Report
from forms.value_log import Origin
from importers.importing import FileResult, changed_figures, import_files
from storage import templates
from storage.store import Store


@dataclass
class AggregateResult:
    report: Report
    units: list[str]
    files: list[FileResult] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # 汇总 figures that changed since it was last built
    notes: list[str] = field(default_factory=list)  # figures only some members' templates carry
    breakdowns: list[Breakdown] = field(default_factory=list)


class NotAggregated(UserError):
    """The 汇总 was not built (files of several years, none imported, …); ``files`` were imported all the same."""

    def __init__(self, message: str, files: list[FileResult]) -> None:
        super().__init__(message)
        self.files = files


def years_text(years: Counter[int]) -> str:
    """``2024年 2 个文件、2023年 1 个文件``: the most files first, then the later year."""
    return "、".join(f"{y}年 {n} 个文件" for y, n in sorted(years.items(), key=lambda yn: (-yn[1], -yn[0])))


def aggregate_year(files: Iterable[tuple[str, int | None]], city: str, year: int | None = None) -> int:
    """The year of the 汇总 of files holding these (unit, year): the files' own year, which ``year``, when
    given, must match. Files of several years make no 汇总 (a 汇总 of part of the chosen files would leave a
    county out of the figures sent on), and neither do files none of which can be read. The city's own
    workbook, if among them, does not count."""
    years = Counter(y for unit, y in files if y is not None and unit != city)
    if len(years) > 1:
        raise UserError(f"所选文件的年度不同（{years_text(years)}），请每次只汇总同一年度的文件")
    if year is None:
        if not years:
            raise UserError("没有可汇总的单位：所选文件都未能导入")
        return next(iter(years))
    if years and year not in years:
        raise UserError(f"所选文件是 {years_text(years)}，不是 {year}年的")
    return year


def build_aggregate(store: Store, city: str, year: int, units: list[str]) -> AggregateResult:
    """Sum the (unit, year) reports of ``units`` and of the units the 汇总 already had into (city, year)."""
    chosen = list(dict.fromkeys([*store.aggregate_members(city, year), *units]))
    if city in chosen:
        raise UserError(f"汇总单位“{city}”不能同时是被汇总的单位")
    if not chosen:
        raise UserError(f"没有可汇总的单位：{city} {year}年")
    members = []
    for unit in chosen:
        member = store.require_report(unit, year)
        members.append(Member(store.report_data(member, with_text=False), store.template_of(member)))
    existing = store.find_report(city, year)  # the 汇总 is of its own template, a new one of the year's newest
    template = store.template_of(existing) if existing else templates.for_year(store, year)
    forms, sources = aggregate(city, year, members, template, templates.all_known(store))
    with store.write():
        report, previous, _written = store.import_forms(
            city,
            year,
            {f.spec.key: (f.rows, f.values) for f in forms},
            template=template.version,
            origin=Origin.AGGREGATE,
            source=f"{len(chosen)} 个单位",
        )
        store.set_aggregate_members(city, year, chosen)
    changes: list[str] = []
    if previous is not None:
        for form in forms:
            changes += changed_figures(form, previous.get(form.spec.key, {}))
    notes = gap_notes(forms)
    return AggregateResult(report, chosen, [], changes, notes, breakdowns(year, sources, template.forms))


def aggregate_files(
    store: Store,
    city: str,
    year: int | None,
    paths: list[Path],
    progress: Callable[[int, FileResult], None] | None = None,
) -> AggregateResult:
    """Import each file (a rejected one is listed and left out), then build the 汇总 of ``city`` for the
    files' year (``aggregate_year``). Raises ``NotAggregated``, carrying the imported files, when no 汇总 is
    made."""
    results = import_files(store, paths, progress)
    imported = [r for r in results if not r.rejected]
    try:
        if not city.strip():
            raise UserError("请填写汇总单位")
        year = aggregate_year([(r.unit, r.year) for r in imported], city, year)
        result = build_aggregate(store, city, year, [r.unit for r in imported if r.unit != city])
    except UserError as exc:
        kept = "；文件已照常导入" if imported else ""
        raise NotAggregated(f"未生成汇总：{exc.message}{kept}", results) from None
    result.files = results
    return result
