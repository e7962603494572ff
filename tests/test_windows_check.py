"""The window checks the Windows build before Qt loads (version and message box mocked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui.windows_check import MIN_BUILD, too_old_message

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("version", "refused"),
    [
        ((10, 0, 14393), True),
        ((10, 0, MIN_BUILD - 1), True),
        ((6, 3, 9600), True),
        ((10, 0, MIN_BUILD), False),
        ((10, 0, 22631), False),
        (None, False),
    ],
)
def test_builds_below_1809_are_refused(version, refused):
    message = too_old_message(version)
    assert (message is not None) == refused
    if refused:
        assert "1809" in message and str(version[2]) in message


def test_an_old_windows_gets_a_chinese_message_box_and_qt_never_loads(tmp_path):
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import main, ui.windows_check as check
shown = []
check.windows_version = lambda: (10, 0, 14393)  # Windows 10 LTSB 2016
check.message_box = lambda text, title=check.TITLE: shown.append((title, text))
code = main.main(["--db", {str(tmp_path / "db.sqlite3")!r}])
print(code, "PySide6" in sys.modules, len(shown), shown[0][0])
print(shown[0][1])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", timeout=60)
    first, message = done.stdout.splitlines()[:2]
    assert first == "2 False 1 填报助手", done.stderr
    assert "Windows 10 版本 1809" in message and "14393" in message
    assert not (tmp_path / "db.sqlite3").exists()
