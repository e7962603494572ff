"""What the grid shows beside its figures, without Qt: column widths and titles, where text sits in a
cell, the merged 同比增减 and 原因简析 cells, and a cell shown again after a change made elsewhere."""

from __future__ import annotations

import pytest

from forms.editing_labels import alignment, column_title
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from tests.support.sessions import open_session

PENALTY = CellKey(MAIN_ROW, "penalty", 2024)


@pytest.fixture
def a2(store, sample):
    return open_session(store, sample, "a2")


@pytest.fixture
def a4(store, sample):
    return open_session(store, sample, "a4")


def test_columns_are_as_wide_as_what_they_hold(a2, a4):
    # 序号 2.5; a width the spec gives (行政执法单位名称 16, 执法领域 10); an amount 6 (1234567.80); a year
    # column 4; any other column by its label, 0.7 a character, between 4 and 7.
    a2_chars = a2.layout.column_chars()
    a2_width = dict(zip([column_title(c) for c in a2.layout.columns], a2_chars, strict=True))
    assert a2_chars[:4] == [2.5, 16.0, 4.0, 4.0]
    assert a2_width["罚没金额(元) 2023"] == a2_width["罚没金额(元) 2024"] == 6.0
    assert a2_width["移送司法机关刑事案件件数 2023"] == a2_width["移送司法机关刑事案件件数 2024"] == 4.0
    a4_chars = a4.layout.column_chars()
    titles = [column_title(c) for c in a4.layout.columns]
    width = dict(zip(titles, a4_chars, strict=True))
    assert width["序号"] == 2.5
    assert width["行政执法岗位编制数"] == pytest.approx(6.3)  # 9 characters
    assert width["行政编制"] == 4.0  # 4 characters would be 2.8: never narrower than 4
    assert width["本部门持证人数"] == pytest.approx(4.9)
    assert width["综合行政执法机构持证人数"] == 7.0  # 12 characters would be 8.4: never wider than 7
    assert width["执法领域"] == 10.0
    assert width["近三年罚款金额(万元)"] == 6.0


def test_column_titles_name_the_field_and_a_paired_column_its_year(a2, a4):
    titles = [column_title(c) for c in a2.layout.columns]
    assert titles[:4] == ["序号", "行政执法单位名称", "行政许可(件) 2023", "行政许可(件) 2024"]
    assert titles[titles.index("移送司法机关刑事案件件数 2023") + 1] == "移送司法机关刑事案件件数 2024"
    assert column_title(a4.layout.columns[2]) == "行政编制"


def test_figures_sit_right_reasons_left_and_the_rest_centred(a2, a4):
    assert alignment(a2.cell(0, 2)) == "right"  # 行政许可 2023
    assert alignment(a2.cell(2, 2)) == "left"  # its 原因简析
    assert [alignment(a2.cell(*at)) for at in [(0, 0), (0, 1), (1, 1), (1, 2), (2, 1)]] == ["center"] * 5
    assert alignment(a4.cell(0, 1)) == "right" and alignment(a4.cell(0, 15)) == "center"  # 执法领域 is text


def test_the_yoy_and_reason_cells_of_a_pair_span_its_two_columns(a2, a4):
    pairs = [(2 + 2 * i, 2) for i in range(len(a2.spec.paired_fields()))]  # 附件2: 10 pairs on the 2024 notice
    assert a2.spans() == [(1, col, span) for col, span in pairs] + [(2, col, span) for col, span in pairs]
    assert a2.reason_rows() == {2: pairs}  # only the 原因简析 row grows with its text
    assert a4.spans() == [] and a4.reason_rows() == {}
    assert not a2.is_list() and a4.is_list()  # 附件4 has rows to insert and remove; 附件2 one unit


def test_a_value_changed_elsewhere_is_shown_with_the_yoy_it_feeds(a2, store, sample):
    data = store.report_data(sample).form("a2")
    data.values[PENALTY] = 80  # 行政处罚 2024: 78 → 80, as another step of the window stored it
    assert a2.update(data, 2, [PENALTY]) == [(0, 13), (1, 12)]
    assert a2.cell(0, 13).text == "80" and a2.cell(1, 12).text == "-45.58%"
    assert a2.update(data, 2, []) == []


def test_keys_the_grid_does_not_show_are_passed_over_and_the_rest_shown(a2, a4, store, sample):
    data = store.report_data(sample).form("a2")
    reason = CellKey(REASON_ROW, "penalty")
    data.values[PENALTY], data.values[reason] = 80, "新的原因"
    unshown = [CellKey(MAIN_ROW, "withdrawn"), CellKey(REASON_ROW, "unit_name"), CellKey(MAIN_ROW, "unit_name")]
    assert a2.update(data, 2, [*unshown, PENALTY, reason]) == [(0, 13), (1, 12), (2, 12)]
    assert a2.cell(2, 12).text == "新的原因" and a2.cell(1, 12).text == "-45.58%"
    rows = store.report_data(sample).form("a4")
    posts = CellKey(rows.rows[0], "posts")
    rows.values[posts] = 99
    assert a4.update(rows, 2, [CellKey("r99", "posts"), posts, CellKey(rows.rows[1], "withdrawn")]) == [(0, 1)]
    assert a4.cell(0, 1).text == "99"
