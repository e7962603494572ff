"""How long one accepted edit takes, against the floor of a bare SQLite commit.

    python bench/bench_edit.py [--rounds N]

Measures, on a real file in a temporary folder: a bare ``INSERT … ; COMMIT`` (the baseline:
"committed before saved" costs at least this), ``Store.set_value``, the window's path without
Qt (``OpenReport.apply``: compare-and-set and commit, the copy in memory updated; the touched
grid cells recomputed; the incremental audit), and for comparison the path before the copy in
memory (store, rebuild the grid, read the whole report back, run every audit rule).
Prints medians and ratios to the baseline; it asserts nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forms.audit import audit
from forms.changes import SetCells
from forms.grid import Layout
from forms.kinds import Kind
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.open_report import OpenReport
from storage.sample import create_sample
from storage.store import Store


def median_ms(action: Callable[[int], None], rounds: int) -> float:
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        raw = sqlite3.connect(Path(folder) / "baseline.sqlite3", isolation_level=None)
        raw.execute("create table t (k integer primary key, v text)")

        def baseline(i: int) -> None:
            raw.execute("begin")
            raw.execute("insert or replace into t values (1, ?)", [str(i)])
            raw.execute("commit")

        store = Store(Path(folder) / "tianbao.sqlite3")
        report = create_sample(store)
        a2 = form("a2")
        key = CellKey(MAIN_ROW, "penalty", report.year)

        def set_value(i: int) -> None:
            store.set_value(report.id, a2, key, Kind.COUNT.parse(str(i)))

        def reread_edit(i: int) -> None:
            set_value(i)
            Layout(a2, report.year).body(store.form_data(report, a2), store.yoy_places())
            audit(store.report_data(report), store.previous_year_figures(report))

        opened = OpenReport(store, report)
        layout = Layout(a2, report.year)
        body = layout.body(opened.form("a2"), opened.data.places)

        def window_edit(i: int) -> None:
            if i == 0:
                opened.sync()  # the rounds above wrote the file
            form = opened.form("a2")
            opened.apply(SetCells("a2", {key: form.get(key)}, {key: Kind.COUNT.parse(str(1000 + i))}, "改"))
            layout.update(body, form, opened.data.places, [key])
            opened.findings(check=False)

        results = {
            name: median_ms(fn, rounds)
            for name, fn in (
                ("bare SQLite commit", baseline),
                ("Store.set_value", set_value),
                ("window edit (in memory)", window_edit),
                ("re-read + full audit", reread_edit),
            )
        }
    floor = results["bare SQLite commit"]
    print(f"{rounds} rounds each, median per call:")
    for name, ms in results.items():
        print(f"  {name:<24} {ms:8.3f} ms   {ms / floor:6.1f}× baseline")


if __name__ == "__main__":
    main()
