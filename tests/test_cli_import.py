"""`main.py import` and `main.py aggregate` as a user runs them: a real process, exit codes, one line per file."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.support.ooxml import assert_valid
from tests.test_aggregate import COUNTIES, county_file
from tests.test_cli import assert_user_error, run
from tests.test_import import seed_workbook


def test_import_prints_a_line_per_file_and_exits_1_on_a_rejected_one(tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite3"
    seed = seed_workbook(tmp_path / "seed.xlsx", as_numbers=False)
    bad = tmp_path / "notes.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    result = run("import", "--db", str(db), str(seed), str(bad))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seed.xlsx\t湘潭市应急管理局\t2024\t已导入")
    assert "同比增减不一致：附件2 行政检查 同比增减 填写为 -26.64%，按数据应为 -35.59%" in result.stdout
    refused = "notes.xlsx\t-\t-\t未导入：不是 Excel 工作簿（.xlsx、.xls）或 ODS 表格（.ods）"
    assert refused in lines  # said once, not twice
    assert lines[-1] == "共 2 个文件：导入 1 个，与上次相同 0 个，未导入 1 个。"
    again = run("import", "--db", str(db), str(seed))
    assert again.returncode == 0
    assert again.stdout.splitlines() == ["seed.xlsx\t湘潭市应急管理局\t2024\t与上次导入的文件相同，没有改动"]


def test_aggregate_a_folder_of_county_workbooks(tmp_path: Path) -> None:
    folder = tmp_path / "县区报表"
    folder.mkdir()
    for unit, figures in COUNTIES.items():
        county_file(folder, unit, figures)
    for db in folder.glob("*.sqlite3"):
        db.unlink()
    db, out = tmp_path / "city.sqlite3", tmp_path / "汇总.xlsx"
    result = run(
        "aggregate", "--db", str(db), "--unit", "示例市应急管理局", "--year", "2024", "--xlsx", str(out), str(folder)
    )
    assert result.returncode == 0, result.stderr
    assert "汇总：示例市应急管理局 2024年，共 3 个单位" in result.stdout
    assert_valid(out)
    assert "附件2明细" in openpyxl.load_workbook(out, read_only=True).sheetnames


def test_aggregate_errors_are_one_chinese_line(tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite3"
    assert_user_error(run("aggregate", "--db", str(db), "--unit", "示例市应急管理局", "--year", "2024"), "参数错误")
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    assert_user_error(run("import", "--db", str(db), str(empty)), "没有 .xlsx、.xls 或 .ods 文件")
    bad = tmp_path / "notes.xlsx"
    bad.write_text("x", encoding="utf-8")
    assert_user_error(
        run("aggregate", "--db", str(db), "--unit", "示例市应急管理局", "--year", "2024", str(bad)), "没有可汇总的单位"
    )


def test_aggregate_takes_the_year_from_the_files_and_refuses_a_mix_naming_the_years(tmp_path: Path) -> None:
    folder = tmp_path / "县区报表"
    folder.mkdir()
    (a, fa), (b, fb) = list(COUNTIES.items())[:2]
    county_file(folder, a, fa)
    county_file(folder, b, fb)
    for db in folder.glob("*.sqlite3"):
        db.unlink()
    db = tmp_path / "city.sqlite3"
    result = run("aggregate", "--db", str(db), "--unit", "示例市应急管理局", str(folder))  # no --year
    assert result.returncode == 0, result.stderr
    assert "汇总：示例市应急管理局 2024年，共 2 个单位" in result.stdout
    assert "\t2024\t已导入，附件审核发现 错误 0 条、提示 " in result.stdout
    stray = county_file(folder, "丙区应急管理局", COUNTIES["丙区应急管理局"], year=2023)  # last year's, left there
    for given, said in (([], "已导入"), (["--year", "2024"], "与上次导入的文件相同，没有改动")):
        mixed = run("aggregate", "--db", str(db), "--unit", "示例市应急管理局", *given, str(folder))
        assert_user_error(mixed, "未生成汇总：所选文件的年度不同（2024年 2 个文件、2023年 1 个文件）")
        assert f"{stray.name}\t丙区应急管理局\t2023\t{said}" in mixed.stdout  # imported (then the same), and listed
    wrong = run("aggregate", "--db", str(db), "--unit", "示例市应急管理局", "--year", "2025", str(folder / f"{a}.xlsx"))
    assert_user_error(wrong, "所选文件是 2024年 1 个文件，不是 2025年的")
