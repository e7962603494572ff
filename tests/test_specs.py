"""Walk every spec: what the grid, the exports and the audit all rely on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forms.grid import Layout
from forms.registry import FORMS, form
from forms.spec import Field, Group, Kind, RowStyle

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("spec", FORMS, ids=lambda s: s.key)
def test_field_keys_are_unique_identifiers(spec):
    keys = [f.key for f in spec.fields()]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys)


def test_forms_are_attachments_2_to_5_in_order():
    assert [s.label for s in FORMS] == ["附件2", "附件3", "附件4", "附件5"]
    assert len({s.key for s in FORMS}) == 4


@pytest.mark.parametrize("spec", FORMS, ids=lambda s: s.key)
@pytest.mark.parametrize("year", [2024, 2025])
def test_header_tiles_the_grid_exactly_once(spec, year):
    layout = Layout(spec, year)
    covered: dict[tuple[int, int], str] = {}
    for cell in layout.header:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert (r, c) not in covered, f"{cell.text} overlaps {covered.get((r, c))}"
                covered[(r, c)] = cell.text
    assert len(covered) == layout.depth * layout.column_count


@pytest.mark.parametrize("spec", FORMS, ids=lambda s: s.key)
def test_year_labels_follow_the_report_year(spec):
    layout = Layout(spec, 2025)
    years = {c.text for c in layout.header if c.text.isdigit()}
    assert years == ({"2024", "2025"} if spec.paired_fields() else set())
    assert spec.title_for(2025).startswith("2025年")
    if spec.paired_fields():
        notes = " ".join(spec.notes_for(2025))
        assert "2024年1月1日至2024年12月31日止和2025年1月1日至2025年12月31日止" in notes


def test_attachment2_is_the_paper_layout():
    layout = Layout(form("a2"), 2024)
    assert layout.depth == 3
    assert layout.column_count == 2 + 10 * 2
    top = [c.text for c in layout.header if c.row == 0]
    assert top == ["序号", "行政执法单位名称", "行政执法行为类别及项目"]
    groups = [c.text for c in layout.header if c.row == 1]
    assert groups[0] == "行政许可(件)" and groups[-1] == "移送司法机关刑事案件件数"
    assert form("a2").field("fines").kind is Kind.MONEY
    assert "2023年1月1日至2023年12月31日止和2024年1月1日至2024年12月31日止" in form("a2").notes_for(2024)[2]


def test_attachment3_has_eleven_groups_and_seven_notes():
    spec = form("a3")
    assert len(spec.paired_fields()) == 11
    assert len(spec.notes) == 7
    assert [f.key for f in spec.paired_fields() if f.kind is Kind.MONEY] == ["fines", "exempt_amount", "lenient_amount"]


def test_attachments_4_and_5_are_lists_without_year_pairs():
    for key, leaf_count in (("a4", 17), ("a5", 9)):
        spec = form(key)
        assert spec.rows is RowStyle.LIST and spec.min_rows == 4
        assert not spec.paired_fields()
        assert len(spec.fields()) == leaf_count
    assert form("a5").field("uses_platform").kind is Kind.YESNO
    assert form("a4").field("monitoring_area").kind is Kind.LINE
    assert form("a4").field("monitoring_fines").kind is Kind.MONEY_WAN  # entered in 万元


@pytest.mark.parametrize("spec", [s for s in FORMS if s.rows is RowStyle.COMPARISON], ids=lambda s: s.key)
def test_comparison_forms_have_a_label_column_before_the_pairs(spec):
    first = spec.header[0]
    assert isinstance(first, Field) and not first.paired
    assert all(isinstance(n, Group) for n in spec.header[1:])


def test_domain_imports_no_qt():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("forms", "storage", "exporters")
        for path in (ROOT / package).rglob("*.py")
        if re.search(r"^\s*(from|import)\s+PySide6", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_every_field_says_its_noun_and_unit():
    """What a sentence calls a field and counts it in: the audit's messages and the text check use these."""
    fields = {f.key: f for f in form("a2").fields()} | {f.key: f for f in form("a4").fields()}
    assert (fields["inspection"].noun, fields["inspection"].unit) == ("行政检查", "次")
    assert (fields["monitoring_fines"].noun, fields["monitoring_fines"].unit) == ("近三年罚款金额", "万元")
    assert (fields["transfers"].noun, fields["transfers"].unit) == ("移送司法机关刑事案件件数", "")  # none said
    for spec in FORMS:
        for f in spec.fields():
            assert f.noun and f.label in (f.noun, f"{f.noun}({f.unit})"), f.key
    said = Field("posts", "编制(个)", Kind.COUNT, noun="行政执法岗位编制", unit="名")  # a template may say both
    assert (said.noun, said.unit, said.label) == ("行政执法岗位编制", "名", "编制(个)")
    read = Field("inspection", "行政检查(次)", Kind.COUNT, paired=True)  # built here, not at import
    assert (read.noun, read.unit) == ("行政检查", "次")
    unsaid = Field("transfers", "移送司法机关刑事案件件数", Kind.COUNT, paired=True)
    assert (unsaid.noun, unsaid.unit) == ("移送司法机关刑事案件件数", "")
