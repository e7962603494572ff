"""Where the start-up goes, against the floor of any window that shows the report's name (issue 21).

    python3 bench/startup_floor.py [--runs 7]

Four children, interleaved round by round, each timed in process from the moment the parent starts it to
its first paint (offscreen unless QT_QPA_PLATFORM says otherwise), medians of the runs:

- bare: QApplication + QMainWindow.show(), the floor bench/run.py divides by;
- tabs: the same with five tabs of Chinese labels and a status line (text needs the fonts);
- store: ``tabs`` that also touches PySide's ``Qt`` namespace once (PySide builds all its enums then) and
  imports ``storage.store`` to read the first report's name into the title: the least any window of this
  program does before it can say which report it shows;
- app: main.py as a clerk starts it: its first paint is the start's frame (ui/start_frame.py), titled with
  the report; ``ready`` is the whole window painted (ms since start, not a stage of the total).

Each child prints its stages (ms since it was started; a paint timed as it starts); the table gives each
stage's median and the total's ratio to bare. By hand only, like bench/run.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("bare", "tabs", "store", "app")

CHILD = r"""
import os, sys, time
started = float(sys.argv[1]); kind = sys.argv[2]; db = sys.argv[3]
sys.path.insert(0, sys.argv[4])
marks = [("python", time.time())]
if kind == "app":
    import main
    import ui.app
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget
marks.append(("imports", time.time()))

def report():
    out, last = [], started
    for name, at in marks:
        out.append(f"{name}={(at - last) * 1000:.2f}")
        last = at
    print(" ".join(out), flush=True)
    if kind != "app":
        os._exit(0)  # the app goes on to its whole window (ready=, ms since start)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:  # timed as it starts, as bench/run.py does
            obj.removeEventFilter(self)
            marks.append(("painted", time.time()))
            report()
        return False

watch = FirstPaint()
if kind == "app":
    import ui.start_frame
    shown = ui.start_frame.StartFrame.show
    def show(frame):
        if type(frame) is not ui.start_frame.StartFrame:  # the frame made the main window, shown again
            return shown(frame)
        marks.append(("window", time.time()))
        frame.installEventFilter(watch)
        def ready():  # the whole window painted: ms since start, on a line of its own
            print(f"ready={(time.time() - started) * 1000:.2f}", flush=True)
            os._exit(0)
        frame.when_ready.insert(0, ready)
        shown(frame)
    ui.start_frame.StartFrame.show = show
    main.main(["--db", db])
else:
    app = QApplication(sys.argv[:1])
    marks.append(("qapp", time.time()))
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.resize(1280, 760)
    if kind == "store":
        from PySide6.QtCore import Qt
        Qt.AlignmentFlag.AlignLeft
        marks.append(("Qt", time.time()))
        from storage.store import Store
        marks.append(("store_import", time.time()))
        window.setWindowTitle(Store(db).reports()[0].name)
        marks.append(("store_read", time.time()))
    if kind in ("tabs", "store"):
        tabs = QTabWidget()
        for name in ("报告正文", "附件2", "附件3", "附件4", "附件5"):
            tabs.addTab(QLabel("行政执法案件数据"), name)
        window.setCentralWidget(tabs)
        window.statusBar().showMessage("数据库：某县应急管理局")
    marks.append(("window", time.time()))
    window.installEventFilter(watch)
    window.show()
    app.exec()
"""


def run_child(kind: str, db: Path, env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(started), kind, str(db), str(ROOT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise SystemExit(f"{kind} failed:\n{result.stderr}")
    stages = {name: float(ms) for name, ms in (part.split("=") for part in lines[0].split())}
    stages["total"] = sum(stages.values())
    for line in lines[1:]:  # ready=: the app's whole window, since start (not a stage of the total)
        name, ms = line.split("=")
        stages[name] = float(ms)
    return stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from storage.sample import create_sample
    from storage.store import Store

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a clerk's start reads cached bytecode
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "data.sqlite3"
        store = Store(db)
        create_sample(store)
        store.close()
        for kind in KINDS:  # warm the bytecode and page caches for all alike
            run_child(kind, db, env)
        runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
        for _ in range(args.runs):
            for kind in KINDS:
                runs[kind].append(run_child(kind, db, env))
    bare = statistics.median(r["total"] for r in runs["bare"])
    print(f"platform {env['QT_QPA_PLATFORM']}, {args.runs} interleaved runs, medians (ms)")
    for kind in KINDS:
        names = list(runs[kind][0])
        stages = "  ".join(f"{n} {statistics.median(r[n] for r in runs[kind]):.1f}" for n in names if n != "total")
        total = statistics.median(r["total"] for r in runs[kind])
        print(f"{kind:6} {total:7.1f}  {total / bare:4.2f}×   {stages}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
