"""The city bureau's 汇总: import the counties' workbooks, then sum them into the city's report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from forms.aggregate import Breakdown, aggregate, breakdowns
from forms.errors import UserError
from forms.report import Report
from importers.importing import FileResult, changed_figures, import_files
from storage.store import Store


@dataclass
class AggregateResult:
    report: Report
    units: list[str]
    files: list[FileResult] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # 汇总 figures that changed since it was last built
    breakdowns: list[Breakdown] = field(default_factory=list)


def build_aggregate(store: Store, city: str, year: int, units: list[str]) -> AggregateResult:
    """Sum the (unit, year) reports of ``units`` and of the units the 汇总 already had into (city, year)."""
    chosen = list(dict.fromkeys([*store.aggregate_members(city, year), *units]))
    if city in chosen:
        raise UserError(f"汇总单位“{city}”不能同时是被汇总的单位")
    if not chosen:
        raise UserError(f"没有可汇总的单位：{city} {year}年")
    sources = [store.report_data(store.require_report(unit, year), with_text=False) for unit in chosen]
    forms = aggregate(city, year, sources, store.forms)
    with store.write():
        report, previous = store.import_forms(city, year, {f.spec.key: (f.rows, f.values) for f in forms})
        store.set_aggregate_members(city, year, chosen)
    changes: list[str] = []
    if previous is not None:
        for form in forms:
            changes += changed_figures(form, previous.get(form.spec.key, {}))
    return AggregateResult(report, chosen, [], changes, breakdowns(year, sources, store.forms))


def aggregate_files(
    store: Store,
    city: str,
    year: int,
    paths: list[Path],
    progress: Callable[[int, FileResult], None] | None = None,
) -> AggregateResult:
    """Import each file (a rejected one is listed and left out), then build the 汇总 of ``city``."""
    results = import_files(store, paths, progress)
    units = [r.unit for r in results if not r.rejected and r.year == year and r.unit != city]
    result = build_aggregate(store, city, year, units)
    result.files = results
    return result
