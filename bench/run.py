"""The app's costs against the floor of doing the same with bare libraries, measured in one run.

    python3 bench/run.py [--runs N] [--json]

- startup_ratio: process start to the first paint of the window titled with the report (the sample, opened
  through main.py as a clerk starts it: the start's frame, ui/start_frame.py), over a bare QApplication +
  QMainWindow.show(); medians of N. Under Xvfb when it is installed (a real X server, as a desktop), else
  Qt's offscreen platform.
- ready_ratio: the same until the whole window (menus, contact line, tabs; the frame made the main window)
  has been painted; the 报告正文 page and the first audit follow it. No goal: the start's other half.
- peak_rss_ratio: peak resident memory of the same two processes once the whole window has been painted.
- mapped_ratio: the same start seen from outside, as a clerk sees it: process start until X shows the window
  titled with the report (xdotool polling; Xvfb and xdotool only), the child holding nothing of the benchmark.
- export_ratio: the sample's .docx + .xlsx through the app's export, over python-docx + openpyxl writing
  four unstyled tables of the same sizes (medians, libraries already imported).
- edit_ms: one cell typed into 附件2 through the window's model until it is saved, the grid's 同比增减 and the
  audit panel are refreshed (setData returns); edit_ratio is that over a bare SQLite INSERT + COMMIT in the
  same folder, the two interleaved (goal <= 2); edit_painted_ms adds Qt's repaint that follows.
- import_200_s: 200 hand-filled county workbooks imported into an empty database in one run (one
  transaction, a savepoint per file), audit included (goal <= 2 s); import_ratio is that over a bare
  openpyxl.load_workbook of the same files in the same run (goal <= 0.12), import_calamine_ratio over a
  bare python-calamine read of every sheet. Medians of 3 interleaved runs.

By hand only (not in the test suite: timings depend on the machine). Prints a table; with --json the last
line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
UNIT, YEAR = "示例市应急管理局", 2024

# The child processes: each reports (wall clock once the first paint of a window whose title holds MARK has
# reached the screen, peak RSS) on stdout and exits at once. The app child imports what main.py's window path
# imports, then creates the QApplication (as run_app does) and watches the window run_app shows; run_app
# reuses the application.
CHILD = r"""
import os, resource, sys, time
for name in sys.argv[5].split(","):  # optional libraries the product does not carry: as if not installed
    if name:
        sys.modules[name] = None
mark, kind = sys.argv[1], sys.argv[2]
if kind == "app":
    sys.path.insert(0, sys.argv[3])
    import main
    import ui.app
    import ui.start_frame
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

painted = []

def report():
    now = time.time()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(f"{painted[0]} {now} {rss_kb}\n")
    sys.stdout.flush()
    os._exit(0)

class FirstPaint(QObject):
    # On the window itself, not the application: a Python filter on the application makes PySide wrap
    # every object that receives an event, creating the Python types of whole Qt modules (≈40 ms for a
    # window with a combo box) that the program itself never pays.
    def eventFilter(self, obj, event):
        # Timed as the window's paint starts: its children (a bare window has none; the frame one label)
        # follow in the same pass. A timer here would come after what the program queued on this paint.
        if event.type() == QEvent.Type.Paint and mark in obj.windowTitle():
            obj.removeEventFilter(self)
            painted.append(time.time())
            if kind == "bare":
                QTimer.singleShot(0, report)  # a bare window is whole at its first paint
        return False

app = QApplication(sys.argv[:1])
watcher = FirstPaint()
outside = sys.argv[6] == "outside"  # watched from outside (the parent waits for the window to be mapped)
if kind == "bare":
    window = QMainWindow()
    window.setWindowTitle(mark)
    window.resize(1280, 760)
    if not outside:
        window.installEventFilter(watcher)
    window.show()
    app.exec()
else:
    shown = ui.start_frame.StartFrame.show

    def show(frame):  # the frame run_app shows first: watched from before its first paint
        if type(frame) is not ui.start_frame.StartFrame:  # the frame made the main window, shown again
            return shown(frame)
        frame.installEventFilter(watcher)
        frame.when_ready.insert(0, report)  # the whole window has been painted: before what the program does then
        shown(frame)

    if not outside:
        ui.start_frame.StartFrame.show = show
    main.main(["--db", sys.argv[4]])
"""
# numpy and pandas are installed on this machine for other tools; sqlite-utils and openpyxl import them when
# present (≈0.15 s). The Windows build and a clean `pip install` carry neither. --keep-optional measures as is.
OPTIONAL = ("numpy", "pandas")


def start_display() -> tuple[dict[str, str], subprocess.Popen | None]:
    env = dict(os.environ)
    if shutil.which("Xvfb") is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env, None
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x800x24", "-nolisten", "tcp"],
        pass_fds=[write],
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    env["DISPLAY"] = f":{display}"
    env["QT_QPA_PLATFORM"] = "xcb"
    return env, xvfb


def first_paint(env: dict[str, str], kind: str, db: Path, hide: str) -> tuple[float, float, float]:
    """Seconds from process start to the first paint of the window titled MARK and to the whole window
    painted (the same for a bare window), and the peak RSS then (MiB)."""
    mark = "bare window" if kind == "bare" else UNIT
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mark, kind, str(ROOT), str(db), hide, "paint"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"{kind} start failed:\n{result.stderr}")
    painted, ready, rss_kb = result.stdout.split()
    return float(painted) - started, float(ready) - started, int(rss_kb) / 1024


def mapped(env: dict[str, str], kind: str, db: Path, hide: str) -> float | None:
    """Process start until X shows a visible window titled MARK, seen from outside (xdotool polls);
    the child runs as the clerk's program does, with nothing of the benchmark inside it."""
    mark = "bare window" if kind == "bare" else UNIT
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mark, kind, str(ROOT), str(db), hide, "outside"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.time() - started < 20:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", mark], env=env, capture_output=True, check=False
            )
            if found.returncode == 0:
                return time.time() - started
        return None  # not seen (it happens under heavy load): this run is left out and counted
    finally:
        child.kill()
        child.wait()


def median_ms(action: Callable[[int], object], rounds: int) -> float:
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def startup(runs: int, folder: Path, hide: str) -> dict[str, float]:
    from storage.sample import create_sample
    from storage.store import Store

    db = folder / "startup.sqlite3"
    create_sample(Store(db))
    env, xvfb = start_display()
    # Installed programs have their bytecode compiled (pip, PyInstaller): let the warm-up runs write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        first_paint(env, "bare", db, hide)  # warm the page and bytecode caches for both
        first_paint(env, "app", db, hide)
        bare, app = [], []
        bare_seen: list[float | None] = []
        app_seen: list[float | None] = []
        seen = xvfb is not None and shutil.which("xdotool") is not None
        for _ in range(runs):  # interleaved, so a busy moment hits both
            bare.append(first_paint(env, "bare", db, hide))
            app.append(first_paint(env, "app", db, hide))
            if seen:
                bare_seen.append(mapped(env, "bare", db, hide))
                app_seen.append(mapped(env, "app", db, hide))
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    bare_s, app_s = statistics.median(r[0] for r in bare), statistics.median(r[0] for r in app)
    bare_ready, app_ready = statistics.median(r[1] for r in bare), statistics.median(r[1] for r in app)
    bare_mb, app_mb = statistics.median(r[2] for r in bare), statistics.median(r[2] for r in app)
    outside: dict[str, float] = {}
    missed = sum(t is None for t in bare_seen + app_seen)
    bare_seen, app_seen = [t for t in bare_seen if t is not None], [t for t in app_seen if t is not None]
    if bare_seen and app_seen:
        bare_m, app_m = statistics.median(bare_seen), statistics.median(app_seen)
        outside = {"mapped_bare_s": round(bare_m, 3), "mapped_app_s": round(app_m, 3), "mapped_missed": missed}
        outside["mapped_ratio"] = round(app_m / bare_m, 2)
    return {
        "platform": env["QT_QPA_PLATFORM"],
        "hidden": hide,
        "startup_bare_s": round(bare_s, 3),
        "startup_app_s": round(app_s, 3),
        "startup_ratio": round(app_s / bare_s, 2),
        "ready_app_s": round(app_ready, 3),
        "ready_ratio": round(app_ready / bare_ready, 2),
        "peak_rss_bare_mib": round(bare_mb, 1),
        "peak_rss_app_mib": round(app_mb, 1),
        "peak_rss_ratio": round(app_mb / bare_mb, 2),
        **outside,
    }


def export(rounds: int, folder: Path) -> dict[str, float]:
    from docx import Document
    from openpyxl import Workbook

    from exporters.report_export import export_report
    from forms.grid import Layout
    from storage.sample import create_sample
    from storage.store import Store

    store = Store(folder / "export.sqlite3")
    report = create_sample(store)
    data = store.report_data(report)
    # The baseline writes tables of the sizes the app writes: each attachment's header and body rows.
    sizes = []
    for spec in store.forms:
        layout = Layout(spec, report.year)
        rows = layout.depth + len(layout.body(data.form(spec.key), store.yoy_places()))
        sizes.append((rows, layout.column_count))

    def app(_: int) -> None:
        export_report(store, UNIT, YEAR, xlsx=folder / "app.xlsx", docx=folder / "app.docx")

    def bare(_: int) -> None:
        book = Workbook()
        book.remove(book.active)
        document = Document()
        for index, (rows, cols) in enumerate(sizes):
            sheet = book.create_sheet(f"附件{index + 2}")
            table = document.add_table(rows=rows, cols=cols)
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    sheet.cell(r + 1, c + 1, r * cols + c)
                    cell.text = str(r * cols + c)
        book.save(folder / "bare.xlsx")
        document.save(str(folder / "bare.docx"))

    app(0), bare(0)  # warm
    app_ms, bare_ms = median_ms(app, rounds), median_ms(bare, rounds)
    return {
        "export_bare_ms": round(bare_ms, 1),
        "export_app_ms": round(app_ms, 1),
        "export_ratio": round(app_ms / bare_ms, 2),
    }


def hand_filled(folder: Path, count: int) -> list[Path]:
    """``count`` county workbooks filled by hand in the official form (one sheet per attachment, as
    tests/test_import.py's ``write_form`` lays them out), one unit each."""
    import openpyxl

    from forms.registry import FORMS
    from tests import test_import as forms_by_hand

    counties = folder / "counties"
    counties.mkdir()
    paths = []
    for i in range(count):
        unit = f"示例县{i + 1:03d}应急管理局"
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for spec in FORMS:
            ws = wb.create_sheet(spec.label)
            forms_by_hand.write_form(ws, spec)
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and forms_by_hand.UNIT in cell.value:
                        cell.value = cell.value.replace(forms_by_hand.UNIT, unit)
        paths.append(counties / f"{i + 1:03d}.xlsx")
        wb.save(paths[-1])
    return paths


def import_200(folder: Path, count: int = 200) -> dict[str, float]:
    """``count`` hand-filled county workbooks imported into an empty database (one run: one transaction,
    a savepoint per file, audit included), against a bare ``openpyxl.load_workbook`` and a bare
    python-calamine read of every sheet of the same files, interleaved in the same run."""
    import openpyxl
    import python_calamine as calamine

    from importers.importing import import_files
    from storage.store import Store

    paths = hand_filled(folder, count)

    def bare() -> float:
        start = time.perf_counter()
        for path in paths:
            openpyxl.load_workbook(path).close()
        return time.perf_counter() - start

    def bare_calamine() -> float:
        start = time.perf_counter()
        for path in paths:
            with calamine.CalamineWorkbook.from_path(str(path)) as wb:
                for name in wb.sheet_names:
                    wb.get_sheet_by_name(name).to_python()
        return time.perf_counter() - start

    def app(run: int) -> float:
        store = Store(folder / f"city{run}.sqlite3")
        start = time.perf_counter()
        results = import_files(store, paths)
        elapsed = time.perf_counter() - start
        assert not any(r.rejected for r in results), [r.message for r in results if r.rejected][:1]
        store.close()
        return elapsed

    runs = [(bare(), bare_calamine(), app(run)) for run in range(3)]  # interleaved: load hits all three alike
    bare_s, calamine_s, app_s = (statistics.median(r[i] for r in runs) for i in range(3))
    return {
        "import_bare_s": round(bare_s, 2),
        "import_calamine_s": round(calamine_s, 3),
        "import_200_s": round(app_s, 2),
        "import_ratio": round(app_s / bare_s, 3),
        "import_calamine_ratio": round(app_s / calamine_s, 1),
    }


def edit(rounds: int, folder: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from forms.grid import Role
    from storage.sample import create_sample
    from storage.store import Store
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    raw = sqlite3.connect(folder / "baseline.sqlite3", isolation_level=None)
    raw.execute("create table t (k integer primary key, v text)")

    def baseline(i: int) -> None:
        raw.execute("begin")
        raw.execute("insert or replace into t values (1, ?)", [str(i)])
        raw.execute("commit")

    store = Store(folder / "edit.sqlite3")
    create_sample(store)
    window = MainWindow(store)
    window.show()
    app.processEvents()
    page = next(p for p in window.pages if p.spec.key == "a2")
    model = page.model
    row, col = next(
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if (cell := model.cell(r, c)) is not None
        and cell.editable
        and cell.role is Role.VALUE
        and cell.key is not None
        and cell.key.period == YEAR
    )
    index = model.index(row, col)
    window.tabs.setCurrentWidget(page)  # the grid a clerk types into is the one shown
    app.processEvents()

    # setData returns once the value is committed, the grid (同比增减 included) updated and the audit re-run and
    # shown: that is edit_ms. The repaint Qt does afterwards is timed separately (edit_painted_ms).
    def one_edit(i: int) -> None:
        assert model.setData(index, str(100 + i % 50), Qt.ItemDataRole.EditRole)

    def painted_edit(i: int) -> None:
        one_edit(i)
        app.processEvents()

    def timed(action: Callable[[int], object], i: int) -> float:
        app.processEvents()  # the previous edit's repaint, outside the timing
        start = time.perf_counter()
        action(i)
        return (time.perf_counter() - start) * 1000

    # Interleaved, a bare commit then an edit each round: the disk's and the machine's moods hit both alike.
    painted_edit(0)
    rounds_ms = [(timed(baseline, i), timed(one_edit, i)) for i in range(rounds)]
    bare_ms = statistics.median(bare for bare, _ in rounds_ms)
    edit_ms = statistics.median(edit for _, edit in rounds_ms)
    painted_ms = median_ms(painted_edit, rounds)
    window.close()
    return {
        "commit_bare_ms": round(bare_ms, 3),
        "edit_ms": round(edit_ms, 3),
        "edit_ratio": round(edit_ms / bare_ms, 2),
        "edit_painted_ms": round(painted_ms, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="process starts of each kind")
    parser.add_argument("--rounds", type=int, default=15, help="exports / edits of each kind")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--only", choices=["startup", "export", "edit", "import"], help="measure only this part")
    parser.add_argument("--keep-optional", action="store_true", help=f"do not hide {', '.join(OPTIONAL)}")
    args = parser.parse_args()
    hide = "" if args.keep_optional else ",".join(OPTIONAL)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        parts = {
            "startup": lambda: startup(args.runs, folder, hide),
            "export": lambda: export(args.rounds, folder),
            "edit": lambda: edit(args.rounds * 10, folder),
            "import": lambda: import_200(folder),
        }
        figures: dict[str, object] = {}
        for name, measure in parts.items():
            if args.only in (None, name):
                figures |= measure()
    goals = {"startup_ratio": 1.5, "mapped_ratio": 1.5, "peak_rss_ratio": 1.5, "edit_ratio": 2.0}
    goals |= {"import_200_s": 2.0, "import_ratio": 0.12}
    for key, value in figures.items():
        goal = f"   (goal ≤ {goals[key]}: {'met' if value <= goals[key] else 'NOT met'})" if key in goals else ""
        print(f"{key:<20} {value}{goal}")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # skip tearing down Qt objects the measurements left behind


if __name__ == "__main__":
    main()
