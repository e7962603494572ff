"""Printing never crashes: Chinese messages through pipes on code pages without Chinese (an English Windows)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNIT = "示例市应急管理局"


def run(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    # PYTHONIOENCODING stands in for the Windows code page a pipe or redirected file gets.
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("console") / "data.sqlite3"
    assert run("utf-8", "sample", "--db", str(path)).returncode == 0
    return path


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_chinese_reaches_a_pipe_on_a_western_code_page(db, encoding):
    result = run(encoding, "audit", "--db", str(db), "--unit", UNIT, "--year", "2024")
    assert result.returncode == 1, result.stderr  # the sample has 错误
    assert b"Traceback" not in result.stderr
    assert "错误" in result.stdout.decode("utf-8")
    assert "共" in result.stderr.decode("utf-8")


def test_a_chinese_code_page_is_kept(db):
    result = run("gbk", "audit", "--db", str(db), "--unit", UNIT, "--year", "2024")
    assert result.returncode == 1
    assert "错误" in result.stdout.decode("gbk")


def test_user_error_on_a_western_code_page_is_one_chinese_line(db):
    result = run("cp1252", "audit", "--db", str(db), "--unit", "不存在的单位", "--year", "2024")
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and "不存在的单位" in lines[0]


def test_export_paths_with_chinese_on_a_western_code_page(db, tmp_path):
    xlsx = tmp_path / "导出 文件" / "附表.xlsx"
    xlsx.parent.mkdir()
    result = run("cp1252", "export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert xlsx.exists()
    assert f"已导出：{xlsx}" in result.stdout.decode("utf-8")
