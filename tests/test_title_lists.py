"""The file's own lists of document titles (issue 24, item 5): the clerk's or the city's, in the shipped
list's format, added by name, replacing a list of that name, read by the audit beside the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms import text_edits as edits
from forms.audit import audit
from forms.errors import UserError
from storage import title_lists
from storage.report_text import ReportTexts
from storage.store import Store
from tests.support.texts import edit_text

CITY = "# 某某市应急管理局 2025 年发的清单\n某某市应急管理局行政执法公示办法  # 某应急〔2024〕1号\n"


def test_a_citys_list_is_added_and_read_by_the_audit(tmp_path: Path, store: Store, sample) -> None:
    path = tmp_path / "某某市清单.txt"
    path.write_text("\ufeff" + CITY, encoding="utf-8")
    assert title_lists.add_file(store, path) == "已装入文件名称清单“某某市清单”（1 个）"
    assert store.report_data(sample).titles == ("某某市应急管理局行政执法公示办法",)
    key = ReportTexts(store).get(sample).sections[1].key
    edit_text(store, sample, edits.set_body, key, "落实《某某市应急管理局行政执法公式办法》。")
    (finding,) = [f for f in audit(store.report_data(sample)) if f.code == "PROOF_TITLE"]
    assert finding.fix == "某某市应急管理局行政执法公示办法"


def test_a_list_of_the_same_name_replaces_it_and_one_can_be_removed(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "清单.txt"
    path.write_bytes(CITY.encode("gb18030"))  # as Notepad on a Chinese Windows saves it
    title_lists.add_file(store, path)
    path.write_text("甲市应急管理局安全生产执法检查办法\n乙市应急管理局安全生产执法检查办法\n", encoding="utf-8")
    assert title_lists.add_file(store, path) == "已更新文件名称清单“清单”（2 个）"
    assert len(title_lists.titles(store)) == 2
    title_lists.remove(store, "清单")
    assert title_lists.titles(store) == ()
    with pytest.raises(UserError, match="没有名为“清单”"):
        title_lists.remove(store, "清单")


def test_a_file_without_titles_is_refused_and_nothing_stored(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "空.txt"
    path.write_text("# 只有注释\n\n", encoding="utf-8")
    with pytest.raises(UserError, match="没有读到任何文件名称"):
        title_lists.add_file(store, path)
    with pytest.raises(UserError, match="文件不存在"):
        title_lists.add_file(store, tmp_path / "没有.txt")
    big = tmp_path / "大.txt"
    big.write_bytes(("《安全生产法》\n" * 200_000).encode())  # ≈3 MB
    with pytest.raises(UserError, match="文件超过 1 MB"):
        title_lists.add_file(store, big)
    assert title_lists.lists(store) == {}
