"""forms/ and storage/ type-check clean ([tool.mypy] in pyproject.toml): a row read by column name,
a change applied, a setting read all have the types the code says. Without mypy a developer's run
skips with one line; CI (CI=true) must have it, so there a missing mypy fails."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_forms_and_storage_type_check() -> None:
    if importlib.util.find_spec("mypy") is None and os.environ.get("CI", "").lower() != "true":
        pytest.skip('需要 mypy：python3 -m pip install -e ".[test]"')
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "forms", "storage"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
