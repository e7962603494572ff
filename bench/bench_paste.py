"""How long a paste of many rows into 附件5 takes, against the floor of a bare SQLite insert.

    python bench/bench_paste.py [--rows 1000] [--rounds 5]      # QT_QPA_PLATFORM=offscreen unless set

Measures, on a real file in a temporary folder, for a block of ``--rows`` rows copied from Excel
(单位名称, 是否使用平台 and the counts): a bare ``executemany`` of the same rows and cells into
tables of the same shape in one transaction (the baseline), the domain's path without Qt (the
block planned, one ``Batch`` of ``InsertRow``s committed through ``OpenReport.apply``, one audit),
and the window's: Ctrl+V's ``paste_text`` into the shown grid until Qt has processed the repaint
(planning, the commit, one model reset, one audit, the status bar). Also what refusing a block
over the limit (forms/paste.py ``MAX_PASTE_ROWS``) costs. Prints medians and ratios to the
baseline; it asserts nothing (the goal: 1,000 rows ≤ 2 s in the window).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forms.changes import Batch, InsertRow
from forms.grid import Layout
from forms.paste import MAX_PASTE_ROWS, parse_block, plan_paste
from forms.registry import form
from forms.report import CellKey
from storage.open_report import OpenReport
from storage.sample import create_sample
from storage.store import Store

A5 = form("a5")


def block(rows: int) -> str:
    return "".join(f"第{n}执法大队\t是\t{n % 9}\t{n % 5}\t{n % 3}\t{n % 2}\r\n" for n in range(rows))


def median_s(action: Callable[[Path], None], template: Path, rounds: int) -> float:
    """Each round on a fresh copy of the sample file (a paste adds rows: rounds must not pile up)."""
    times = []
    for i in range(rounds):
        path = template.parent / f"round{i}.sqlite3"
        shutil.copy(template, path)
        start = time.perf_counter()
        action(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def baseline(path: Path, text: str) -> None:
    """The same rows and cells, inserted by bare sqlite3 in one transaction."""
    raw = sqlite3.connect(path.with_suffix(".raw"), isolation_level=None)
    raw.execute("create table if not exists r (k text primary key, p integer)")
    raw.execute("create table if not exists c (k text, f text, v text, primary key (k, f))")
    rows = [line.split("\t") for line in text.splitlines()]
    fields = [f.key for f in A5.fields()]
    raw.execute("begin")
    raw.executemany("insert into r values (?, ?)", [(f"r{n}", n) for n in range(len(rows))])
    raw.executemany(
        "insert into c values (?, ?, ?)",
        [(f"r{n}", fields[j], v) for n, row in enumerate(rows) for j, v in enumerate(row)],
    )
    raw.execute("commit")
    raw.close()


def domain(path: Path, text: str) -> None:
    """Plan the block onto an empty 附件5 and commit it as the window does, then audit it."""
    store = Store(path)
    report = store.find_report("示例市应急管理局", 2024)
    assert report is not None
    opened = OpenReport(store, report)
    layout = Layout(A5, report.year)
    body = layout.body(opened.form("a5"), opened.data.places)
    plan = plan_paste(
        body, len(body), 1, parse_block(text), lambda cell, t: cell.kind.parse(t), new_row=layout.new_row()
    )
    first = int(store.new_row_key(report.id, A5)[1:])
    parts = tuple(
        InsertRow(
            "a5",
            f"r{first + n}",
            len(body) + n,
            "粘贴",
            {CellKey(f"r{first + n}", f, p): v for (f, p), v in values.items()},
        )
        for n, values in enumerate(plan.new_rows)
    )
    opened.apply(Batch("a5", parts, "粘贴"))
    opened.findings(check=False)
    store.close()


def window_paste(path: Path, text: str) -> tuple[float, int, str]:
    """Ctrl+V's path in the real window with 附件5 shown; (seconds, rows shown, status line)."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = Store(path)
    window = MainWindow(store)
    window.show()
    page = window._page_of("a5")
    window.tabs.setCurrentWidget(page)
    for _ in range(5):
        app.processEvents()
    window.refresh_audit()
    model = page.model
    start = time.perf_counter()
    model.paste_text(len(model.body) - 1, 1, text)  # from the last row down: the rows are added
    app.processEvents()  # the repaint
    took = time.perf_counter() - start
    shown, status = model.rowCount(), window.statusBar().currentMessage()
    window.leaving = True  # nothing pending: close without the unsaved-text dialog
    window.close()
    window.deleteLater()
    app.processEvents()
    store.close()
    return took, shown, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=MAX_PASTE_ROWS)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    text = block(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "sample.sqlite3"
        store = Store(template)
        create_sample(store)
        store.close()
        bare = median_s(lambda p: baseline(p, text), template, args.rounds)
        planned = median_s(lambda p: domain(p, text), template, args.rounds)
        windowed = []
        for i in range(args.rounds):
            path = Path(folder) / f"window{i}.sqlite3"
            shutil.copy(template, path)
            windowed.append(window_paste(path, text))
        shown = statistics.median(t for t, _, _ in windowed)
        path = Path(folder) / "refused.sqlite3"
        shutil.copy(template, path)
        refused, _, said = window_paste(path, block(MAX_PASTE_ROWS * 5))
    print(f"paste of {args.rows} rows × {len(A5.fields())} fields into 附件5, medians of {args.rounds}:")
    print(f"  baseline (bare sqlite3 executemany, one commit) {bare * 1000:8.1f} ms")
    print(f"  domain (plan + Batch commit + audit, no Qt)     {planned * 1000:8.1f} ms   ratio {planned / bare:6.1f}")
    print(f"  window (Ctrl+V until repainted)                 {shown * 1000:8.1f} ms   ratio {shown / bare:6.1f}")
    print(f"    rows shown {windowed[0][1]}; status: {windowed[0][2].split('  ', 1)[-1]}")
    said = said.split("  ", 1)[-1]
    print(f"  {MAX_PASTE_ROWS * 5} rows refused in                        {refused * 1000:8.1f} ms: {said}")


if __name__ == "__main__":
    main()
