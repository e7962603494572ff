"""The command line as a user runs it: a real process, a real file, exit codes and stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.support.ooxml import assert_valid

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
    assert_valid(xlsx)
    assert_valid(docx)
    ws = openpyxl.load_workbook(xlsx, data_only=True)["附件2"]
    assert ws["C7"].value == 148 and ws["D7"].value == 178 and ws["C8"].value == pytest.approx(0.2027)


def test_attachment_numbers_option(tmp_path):
    import docx

    db = tmp_path / "data.sqlite3"
    assert run("sample", "--db", str(db)).returncode == 0
    xlsx, report = tmp_path / "附表.xlsx", tmp_path / "报告.docx"
    args = ["export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", str(xlsx), "--docx", str(report)]
    exported = run(*args, "--attachment-numbers", "sequential")
    assert exported.returncode == 0, exported.stderr
    assert openpyxl.load_workbook(xlsx).sheetnames[:4] == ["附件1", "附件2", "附件3", "附件4"]
    texts = [p.text for p in docx.Document(str(report)).paragraphs]
    assert "附件：1.2024年行政执法案件数据情况统计表" in texts and "附件4" in texts and "附件5" not in texts
    assert_user_error(run(*args, "--attachment-numbers", "roman"), "参数错误")


def test_db_before_the_command_works_too(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert run("--db", str(db), "sample").returncode == 0
    assert run("sample", "--db", str(db)).returncode == 2  # it exists already


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "--unit", UNIT, "--year", "2024", "--xlsx", "x.xlsx"], "找不到数据库文件"),
        (["audit", "--unit", UNIT, "--year", "2024"], "找不到数据库文件"),
        (["export", "--unit", UNIT, "--year", "二〇二四"], "年度“二〇二四”无效"),
        (["export", "--unit", UNIT, "--year", "99999999999999999999", "--xlsx", "x.xlsx"], "2000–2100"),
        (["audit", "--unit", UNIT, "--year", "1999"], "2000–2100"),
        (["audit", "--unit", UNIT, "--year", "-5"], "2000–2100"),
        (["export", "--year", "2024", "--xlsx", "x.xlsx"], "缺少参数"),
        (["export", "--unit", UNIT, "--year", "2024"], "--xlsx 或 --docx"),
        (["frobnicate"], "未知命令"),
        (["sample", "--colour"], "无法识别的参数"),
    ],
)
def test_user_errors_are_one_chinese_line_and_exit_2(tmp_path, args, words):
    db = tmp_path / "empty.sqlite3"
    assert_user_error(run(*args, "--db", str(db), cwd=tmp_path), words)
    assert not db.exists()  # a mistyped --db is never created empty


def test_export_never_overwrites_the_database_or_one_file_twice(tmp_path):
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    before = db.read_bytes()
    base = ["export", "--db", str(db), "--unit", UNIT, "--year", "2024"]
    assert_user_error(run(*base, "--xlsx", str(db)), "正在使用的数据库")
    other = tmp_path / "other.sqlite3"
    run("sample", "--db", str(other))
    assert_user_error(run(*base, "--docx", str(other)), "数据库文件")
    same = tmp_path / "同一个"
    assert_user_error(run(*base, "--xlsx", str(same), "--docx", str(same)), "不能是同一个文件")
    assert db.read_bytes() == before and not same.exists()
    assert not list(tmp_path.glob(".~tianbao-*"))


def test_a_read_only_target_keeps_the_old_file(tmp_path):
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    target = tmp_path / "附表.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    result = run("export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", str(target))
    assert_user_error(result, "只读")
    assert target.read_bytes() == b"old"


def test_exported_files_are_readable_by_others_like_any_document(tmp_path):
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    target = tmp_path / "附表.xlsx"
    old = os.umask(0o022)
    try:
        assert run("export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", str(target)).returncode == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_closed_pipe_ends_quietly(tmp_path):
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    audit = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "audit", "--db", str(db), "--unit", UNIT, "--year", "2024"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert audit.stdout is not None and audit.stderr is not None
    audit.stdout.read(1)
    audit.stdout.close()  # `| head -c 1`
    err = audit.stderr.read().decode("utf-8")
    assert audit.wait(timeout=60) in (1, 2)  # 1: finished before the pipe closed (the sample has 错误)
    assert "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX bytes arguments")
def test_arguments_that_are_not_utf8(tmp_path):
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "audit",
            "--db",
            str(db),
            "--unit",
            b"\xb9\xfa\xbc\xd2",
            "--year",
            "2024",
        ],
        capture_output=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8"),
        timeout=60,
    )
    assert result.returncode == 2
    assert "不是 UTF-8" in result.stderr.decode("utf-8") and b"Traceback" not in result.stderr


def test_a_bug_is_logged_and_apologised_for(tmp_path, monkeypatch, capsys):
    import main

    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))

    def broken(args):
        raise RuntimeError("a bug in export")

    monkeypatch.setitem(main.HANDLERS, "export", broken)
    code = main.main(["export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--xlsx", "x.xlsx"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == main.EXIT_BUG and len(err) == 1 and "很抱歉" in err[0] and "Traceback" not in err[0]
    assert "RuntimeError: a bug in export" in (tmp_path / "error.log").read_text(encoding="utf-8")


def test_backup_and_restore(tmp_path):
    db = tmp_path / "data.sqlite3"
    run("sample", "--db", str(db))
    copy = tmp_path / "备份.sqlite3"
    made = run("backup", "--db", str(db), "--to", str(copy))
    assert made.returncode == 0 and copy.exists(), made.stderr
    assert run("backup", "--db", str(db)).returncode == 0  # an automatic-style one in backups/
    newest = next((tmp_path / "backups").glob("data-*.sqlite3"))
    db.write_bytes(b"overwritten by mistake" * 100)
    damaged = run("audit", "--db", str(db), "--unit", UNIT, "--year", "2024")
    assert_user_error(damaged, "不是可用的填报助手数据库")
    assert f"restore --db <数据库文件> {newest}" in damaged.stderr
    restored = run("restore", "--db", str(db), str(copy))
    assert restored.returncode == 0, restored.stderr
    assert run("audit", "--db", str(db), "--unit", UNIT, "--year", "2024").returncode == 1  # the sample's 错误
    kept = list(tmp_path.glob("data.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"overwritten")


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


def test_export_chooses_which_report(tmp_path):
    import docx

    db = tmp_path / "data.sqlite3"
    assert run("sample", "--db", str(db)).returncode == 0
    out = tmp_path / "法治.docx"
    done = run("export", "--db", str(db), "--unit", UNIT, "--year", "2024", "--docx", str(out), "--kind", "rule_of_law")
    assert done.returncode == 0, done.stderr
    assert_valid(out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert f"{UNIT}2024年法治政府建设工作报告" in [t.replace("\n", "") for t in texts]  # title, on two lines
    assert "一、工作情况及主要成效" in texts
    assert not any(t.startswith("附件：") for t in texts)  # this report has no attachments by default


def test_audit_command_exit_codes(tmp_path):
    from forms.registry import form
    from forms.report import MAIN_ROW, CellKey
    from storage.store import Store

    db = tmp_path / "a.sqlite3"
    run("sample", "--db", str(db))
    result = run("audit", "--db", str(db), "--unit", UNIT, "--year", "2024")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[:2] == [
        "错误\t附件3 涉企行政检查(2024)\t附件3 涉企行政检查(2024) 336 大于 附件2 行政检查(2024) 190",
        "错误\t附件3 罚没金额(2024)\t附件3 罚没金额(2024) 4331500 大于 附件2 罚没金额(2024) 4199252",
    ]
    assert all(line.split("\t")[0] in ("错误", "提示") and len(line.split("\t")) == 3 for line in lines)
    store = Store(db)
    report = store.find_report(UNIT, 2024)
    store.set_value(report.id, form("a3"), CellKey(MAIN_ROW, "inspection", 2024), 190)
    store.set_value(report.id, form("a3"), CellKey(MAIN_ROW, "fines", 2024), Decimal(4199252))
    store.close()
    assert run("audit", "--db", str(db), "--unit", UNIT, "--year", "2024").returncode == 0
    assert run("audit", "--db", str(db), "--unit", "无此单位", "--year", "2024").returncode == 2
