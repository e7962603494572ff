"""The path rules as pure functions: Windows' rules are tested here on Linux, the running system's by use."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.errors import UserError
from storage.path_check import (
    POSIX,
    check_path,
    path_problem,
    posix_problem,
    windows_problem,
    windows_target_problem,
)

FOLDER = "C:\\Users\\张三\\Documents\\"


@pytest.mark.parametrize(
    "name",
    ["CON", "con", "CON.xlsx", "con.tar.gz", "NUL", "nul .txt", "AUX.docx", "PRN", "COM1", "com9.xlsx", "LPT1.docx",
     "COM\u00b9.xlsx", "CONIN$", "conout$.txt"],
)  # fmt: skip
def test_reserved_device_names_are_refused_with_or_without_an_extension(name):
    problem = windows_problem(FOLDER + name)
    assert problem is not None and "保留的设备名" in problem


@pytest.mark.parametrize("name", ["CONSOLE.xlsx", "AUXILIARY.docx", "COM10.xlsx", "NULL", "附表CON.xlsx", "LPT.docx"])
def test_names_that_only_start_like_a_device_are_fine(name):
    assert windows_problem(FOLDER + name) is None


def test_a_reserved_folder_name_is_refused_too():
    assert "保留的设备名" in windows_problem("D:\\aux\\附表.xlsx")


@pytest.mark.parametrize("name", ["附表.xlsx.", "附表.xlsx ", "报告 .", "报告..."])
def test_trailing_dots_and_spaces_are_refused(name):
    assert "以点或空格结尾" in windows_problem(FOLDER + name)


@pytest.mark.parametrize("char", [*'<>:"|?*', "\x01"])
def test_characters_windows_forbids_are_refused(char):
    assert "不允许的字符" in windows_problem(FOLDER + f"附表{char}2024.xlsx")


def test_a_whole_path_of_260_characters_is_refused_259_is_not():
    base = "C:\\报表\\"
    fits = base + "表" * (259 - len(base) - 5) + ".xlsx"
    assert len(fits) == 259 and windows_problem(fits) is None
    assert "路径太长" in windows_problem(fits[:-5] + "表.xlsx")


def test_the_temporary_file_beside_a_short_name_must_fit_in_the_path_too():
    folder = "C:\\" + "\\".join(["文件夹" * 10] * 7)  # 220 characters of folders
    target = folder + "\\a.xlsx"
    assert windows_problem(target) is None  # the file itself would fit …
    assert "路径太长" in windows_target_problem(target)  # … but not .~tianbao-<pid>-<hex>.xlsx beside it
    assert windows_target_problem(folder[:180] + "\\a.xlsx") is None


def test_a_database_leaves_room_for_its_journal():
    folder = "C:\\" + "目" * 200 + "\\"
    db = folder + "库" * (259 - len(folder) - 4)
    assert windows_problem(db) is None
    assert "路径太长" in windows_target_problem(db, reserve=len("-journal"))


@pytest.mark.parametrize(
    "path",
    [
        "\\\\fileserver\\应急管理局\\2024 年报\\附表.xlsx",  # a network folder (UNC)
        "\\\\?\\C:\\报表\\附表.xlsx",  # the long-path form
        "Z:\\共享\\附表.xlsx",  # a mapped network drive
        "C:\\Users\\张三\\OneDrive - 示例市应急管理局\\文档\\附表.xlsx",  # OneDrive for Business
        "C:\\Users\\张三\\OneDrive\\桌面\\报告（定稿）.docx",
        "D:\\填报助手\\备份 #1 100%.sqlite3",
    ],
)
def test_network_and_onedrive_folders_are_ordinary_paths(path):
    assert windows_problem(path) is None


def test_ninety_chinese_characters_fit_windows_but_not_linux():
    name = "附" * 90 + ".xlsx"
    assert windows_problem("C:\\" + name) is None  # NTFS counts UTF-16 units: 95 of 255
    assert "文件名太长" in posix_problem(Path("/tmp") / name)


def test_posix_rules_take_the_file_systems_limit_and_the_companions(tmp_path):
    fits = tmp_path / ("a" * 255)
    assert path_problem(fits, POSIX) is None
    assert "文件名太长" in path_problem(fits, POSIX, reserve=len("-journal"))
    assert path_problem(tmp_path / ("a" * 247), POSIX, reserve=len("-journal")) is None


def test_check_path_names_the_action_and_the_path(tmp_path):
    long = tmp_path / ("附" * 90 + ".xlsx")
    with pytest.raises(UserError) as caught:
        check_path(long, "无法写入", POSIX)
    assert caught.value.message.startswith(f"无法写入 {long}：文件名太长（")
