"""The command line as a user runs it: a real process, a real file, exit codes and stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
UNIT = "示例市应急管理局"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env
    )


def assert_user_error(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr


def test_sample_then_export_both_files(tmp_path):
    db = tmp_path / "data.sqlite3"
    created = run("sample", "--db", str(db))
    assert created.returncode == 0 and "已创建示例报表" in created.stdout
    xlsx, docx = tmp_path / "附表.xlsx", tmp_path / "报告.docx"
    exported = run(
        "export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", str(xlsx), "--docx", str(docx)
    )
    assert exported.returncode == 0, exported.stderr
    assert xlsx.exists() and docx.exists() and docx.stat().st_size > 10_000
    ws = openpyxl.load_workbook(xlsx, data_only=True)["附件2"]
    assert ws["C7"].value == 148 and ws["D7"].value == 178 and ws["C8"].value == pytest.approx(0.2027)


def test_db_before_the_command_works_too(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert run("--db", str(db), "sample").returncode == 0
    assert run("sample", "--db", str(db)).returncode == 2  # it exists already


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "--unit", UNIT, "--year", "2024", "--xlsx", "x.xlsx"], "找不到报表"),
        (["export", "--unit", UNIT, "--year", "二〇二四"], "不是有效的整数"),
        (["export", "--year", "2024", "--xlsx", "x.xlsx"], "缺少参数"),
        (["export", "--unit", UNIT, "--year", "2024"], "--xlsx 或 --docx"),
        (["frobnicate"], "未知命令"),
        (["sample", "--colour"], "无法识别的参数"),
    ],
)
def test_user_errors_are_one_chinese_line_and_exit_2(tmp_path, args, words):
    db = tmp_path / "empty.sqlite3"
    assert_user_error(run(*args, "--db", str(db), cwd=tmp_path), words)


def test_unwritable_path_and_unreadable_database(tmp_path):
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    missing_dir = tmp_path / "没有这个文件夹" / "附表.xlsx"
    assert_user_error(
        run("export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", str(missing_dir)), "无法写入"
    )
    assert_user_error(
        run("export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--docx", str(tmp_path)), "这是一个文件夹"
    )
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"\x00\x01not sqlite" * 500)
    assert_user_error(run("sample", "--db", str(garbage)), "不是填报助手的数据库")
    assert_user_error(run("sample", "--db", str(tmp_path / "nope" / "x.sqlite3")), "文件夹不存在")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder(tmp_path):  # pragma: no cover - CI runs as root
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    assert_user_error(
        run("export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", str(locked / "a.xlsx")), "无法写入"
    )
