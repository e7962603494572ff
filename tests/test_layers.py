"""The house's layers hold (pyproject.toml, [tool.importlinter]): forms/ below storage/ below exporters/ and
importers/ below ui/, no PySide6 in the domain, no import circles (type-only imports included),
and only main.py imports ui/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_only_main_imports_the_window() -> None:
    importers = []
    for path in ROOT.glob("*/**/*.py"):
        top = path.relative_to(ROOT).parts[0]
        # mutants/: mutmut's copy of the project (README, "Development"), not part of it
        if top in ("ui", "tests", "bench", "tools", "packaging", "build", "mutants") or top.startswith("."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(n == "ui" or n.startswith("ui.") for n in names):
                importers.append(str(path.relative_to(ROOT)))
    assert importers == []
