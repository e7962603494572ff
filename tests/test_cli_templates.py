"""``main.py template add|list|remove|move``: the one path of the CLI and the window (storage/
template_shelf.py, storage/template_move.py), with a real file, exit codes and what a user reads."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main as app
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from storage import backup
from storage.sample import create_sample
from storage.store import Store
from tests.support.templates import NEXT_FILE

UNIT = "某县应急管理局"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table: what "nothing changed" compares."""
    conn = sqlite3.connect(db)
    tables = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table' order by name")]
    rows = {t: sorted(conn.execute(f"select * from {t}").fetchall(), key=repr) for t in tables}
    conn.close()
    return rows


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data.sqlite3"
    store = Store(path)
    store.create_report(UNIT, 2024)
    store.close()
    return path


def test_add_list_and_remove_a_template(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "template", "add", str(NEXT_FILE), "--db", str(db)) == (
        0,
        "已装入表样 2025.1（适用于 2025–2100年）\n",
        "",
    )
    assert (
        cli(capsys, "template", "add", str(NEXT_FILE), "--db", str(db))[1] == "已有表样 2025.1（适用于 2025–2100年）\n"
    )
    code, out, _ = cli(capsys, "template", "list", "--db", str(db))
    assert code == 0 and out.splitlines() == [
        "2024.1\t适用于 2000–2100年\t程序自带、存于数据库\t1 份报表",
        "2025.1\t适用于 2025–2100年\t存于数据库\t0 份报表",
    ]
    assert cli(capsys, "template", "remove", "2025.1", "--db", str(db)) == (0, "已删除表样 2025.1\n", "")
    assert cli(capsys, "template", "list", "--db", str(db))[1].count("\n") == 1


def test_a_new_report_of_2025_takes_the_added_template(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli(capsys, "template", "add", str(NEXT_FILE), "--db", str(db))
    store = Store(db)
    assert store.create_report(UNIT, 2025).template == "2025.1"
    assert store.find_report(UNIT, 2024).template == "2024.1"
    store.close()
    code, out, err = cli(capsys, "template", "remove", "2025.1", "--db", str(db))
    assert (code, out, err) == (2, "", "表样 2025.1 还有 1 份报表在用，不能删除\n")
    assert cli(capsys, "template", "remove", "2024.1", "--db", str(db))[2] == "表样 2024.1 是程序自带的，不能删除\n"
    assert cli(capsys, "template", "remove", "2030.1", "--db", str(db))[2] == "没有表样 2030.1\n"


BAD = [
    ('label = "听证(件)", kind = "count"', 'label = "听证(件)", kind = "cont"', "字段 hearings（第 "),
    ("first_year = 2025", "first_year = 2025\nfirst_year = 2026", "不是有效的 TOML"),
    ('{ key = "hearings"', '{ key = "penalty"', "字段 penalty（第 "),
    ('other_field = "legal_review"', 'other_field = "no_such"', "用到的字段 a2.no_such 不存在"),
    ("first_year = 2025", "first_year = 2025\nlast_year = 2024", "“last_year”2024 早于“first_year”2025"),
]


@pytest.mark.parametrize(("old", "new", "said"), BAD)
def test_a_bad_template_file_is_refused_in_one_line_and_nothing_changes(db, tmp_path, capsys, old, new, said):
    text = NEXT_FILE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "坏表样.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = snapshot(db)
    code, out, err = cli(capsys, "template", "add", str(bad), "--db", str(db))
    assert code == 2 and out == "" and len(err.splitlines()) == 1, err
    assert err.startswith("坏表样.toml") and said in err and "第 " in err  # the file, what, and the line where
    assert snapshot(db) == before


def test_a_known_version_with_another_text_and_files_that_are_no_template_are_refused(db, tmp_path, capsys):
    other = tmp_path / "2024.1.toml"
    other.write_text(NEXT_FILE.read_text(encoding="utf-8").replace('version = "2025.1"', 'version = "2024.1"'))
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (2 << 20))
    before = snapshot(db)
    for path, said in (
        (other, "已有表样 2024.1，但内容与这个文件不同"),
        (big, "big.toml 过大"),
        (tmp_path / "missing.toml", "找不到这个文件"),
        (tmp_path, "这是一个文件夹"),
    ):
        code, _, err = cli(capsys, "template", "add", str(path), "--db", str(db))
        assert code == 2 and len(err.splitlines()) == 1 and said in err, err
    assert snapshot(db) == before


def test_moving_a_report_follows_the_key_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "data.sqlite3"
    store = Store(db)
    report = create_sample(store)  # 示例市应急管理局 2024, on 2024.1
    store.close()
    cli(capsys, "template", "add", str(NEXT_FILE), "--db", str(db))
    args = ["template", "move", "--unit", report.unit, "--year", "2024", "--to", "2025.1", "--db", str(db)]
    code, _, err = cli(capsys, *args)
    assert (code, err) == (2, f"表样 2025.1 适用于 2025–2100年，不能用于 {report.name}的报表\n")

    store = Store(db)
    this = store.create_report(report.unit, 2025, template="2024.1")  # made before 2025.1 came
    a3 = store.spec_of(this, "a3")
    store.set_values(
        this.id, a3, {CellKey(MAIN_ROW, "exempt_cases", 2025): 9, CellKey(REASON_ROW, "exempt_cases"): "增"}
    )
    a4 = store.spec_of(this, "a4")
    row = store.form_data(this, a4).rows[0]
    store.set_value(this.id, a4, CellKey(row, "recorders"), 6)
    before = store.report_data(this, with_text=False).form("a3").values
    store.close()

    args[5] = "2025"
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    said = f"已把 {this.name}的报表换到表样 2025.1（改名的字段 1 个，不再显示的字段 1 个）；换之前的数据库已备份到 "
    assert out.startswith(said)
    made = [p for p in backup.backups(db) if "before-template-move" in p.name]
    assert len(made) == 1

    store = Store(db)
    moved = store.require_report(report.unit, 2025)
    assert moved.template == "2025.1" and store.require_report(report.unit, 2024).template == "2024.1"
    a3 = store.report_data(moved, with_text=False).form("a3").values
    renamed = {k: v for k, v in before.items() if k.field == "exempt_cases"}
    assert len(renamed) == 3  # 2024 (carried forward), 2025 and the 原因简析
    assert {k.field for k in a3 if k.field in ("exempt_cases", "exempt_penalty")} == {"exempt_penalty"}
    assert {(k.row, k.period): v for k, v in a3.items() if k.field == "exempt_penalty"} == {
        (k.row, k.period): v for k, v in renamed.items()
    }
    stored = store.conn.execute(
        "select value from cells where report_id = ? and form = 'a4' and field = 'recorders'", [moved.id]
    ).fetchall()
    assert stored == [("6",)]  # dropped: still in the file, no longer shown
    assert "recorders" not in {k.field for k in store.report_data(moved, with_text=False).form("a4").values}
    store.close()

    code, _, err = cli(capsys, *args[:-4], "--to", "2024.1", "--db", str(db))  # back to the older one
    assert (code, err) == (2, "不能从表样 2025.1 换到表样 2024.1：只能换到更新的表样\n")
    with sqlite3.connect(made[0]) as copy:  # the backup holds the report as it was: 从备份恢复 takes it back
        assert copy.execute("select template from reports where year = 2025").fetchone() == ("2024.1",)


def test_a_move_no_chain_of_key_changes_leads_to_is_refused(tmp_path, capsys) -> None:
    db = tmp_path / "data.sqlite3"
    store = Store(db)
    store.create_report(UNIT, 2025)
    store.close()
    text = NEXT_FILE.read_text(encoding="utf-8").replace('version = "2025.1"', 'version = "2025.2"')
    lost = tmp_path / "2025.2.toml"  # 行政许可 gone, and no key change says where
    lost.write_text(
        text.replace('    { key = "license", label = "行政许可(件)", kind = "count", paired = true },\n', "")
    )
    assert cli(capsys, "template", "add", str(lost), "--db", str(db))[0] == 0
    before = snapshot(db)
    code, _, err = cli(capsys, "template", "move", "--unit", UNIT, "--year", "2025", "--to", "2025.2", "--db", str(db))
    assert (code, err) == (
        2,
        "表样 2025.2 没有 a2 的字段 license，也没有说明它改成了什么（key_changes）：不能从表样 2024.1 换过去\n",
    )
    assert snapshot(db) == before


def test_the_commands_as_a_user_runs_them(db: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    main = str(Path(app.__file__))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, main, *args], capture_output=True, text=True, timeout=120, env=env)

    listed = run("template", "list", "--db", str(db))
    assert (listed.returncode, listed.stdout) == (0, "2024.1\t适用于 2000–2100年\t程序自带、存于数据库\t1 份报表\n")
    bad = tmp_path / "bad.toml"
    bad.write_text("version = 2025.1\n", encoding="utf-8")
    refused = run("template", "add", str(bad), "--db", str(db))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.splitlines()[0] == "bad.toml（第 1 行）：“version”应为文字"
    missing = run("template", "list", "--db", str(tmp_path / "typo.sqlite3"))
    assert missing.returncode == 2 and "找不到数据库文件" in missing.stderr
    assert not (tmp_path / "typo.sqlite3").exists()  # a mistyped --db is never created
