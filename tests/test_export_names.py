"""The file names the export dialog offers: the unit, the year and what the file is."""

from __future__ import annotations

from forms.export_names import export_name
from forms.report import Report


def test_file_names_say_what_the_file_is():
    report = Report(1, "示例市应急管理局", 2024)
    assert export_name(report, "docx") == "示例市应急管理局2024年行政执法工作报告.docx"
    assert export_name(report, "xlsx") == "示例市应急管理局2024年行政执法数据附表.xlsx"
    assert export_name(report, "docx", "法治政府建设工作报告") == "示例市应急管理局2024年法治政府建设工作报告.docx"


def test_characters_windows_forbids_become_underscores_and_no_name_ends_in_a_dot_or_space():
    assert export_name(Report(1, 'A/B:"县"', 2024), "xlsx") == "A_B__县_2024年行政执法数据附表.xlsx"
    assert export_name(Report(1, "县\t局", 2024), "docx", "报告. ") == "县_局2024年报告.docx"
    assert export_name(Report(1, " .县", 2024), "docx", "报告") == "县2024年报告.docx"


def test_a_unit_written_with_placeholder_letters_keeps_them_in_the_file_name():
    assert export_name(Report(1, "XX市应急管理局", 2024), "docx", "报告XX") == "XX市应急管理局2024年报告XX.docx"
