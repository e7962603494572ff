"""Cells follow a field from one template to another: renamed keys both ways, dropped and added ones named."""

from __future__ import annotations

import dataclasses

from forms.registry import TEMPLATE
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.template_file import read_template
from forms.template_moves import moves
from tests.support.drill import drill_from_text, drill_template, drill_text
from tests.support.templates import NEXT_FILE

NEW = drill_template()


def test_a_renamed_field_is_the_same_figure_under_its_new_name() -> None:
    forward = moves(TEMPLATE, NEW)
    assert forward.key("a3", "exempt_cases") == "exempt_penalty"
    assert forward.key("a3", "penalty") == "penalty"
    values = {
        CellKey(MAIN_ROW, "exempt_cases", 2024): 3,
        CellKey(REASON_ROW, "exempt_cases"): "依法不予处罚",
        CellKey(MAIN_ROW, "penalty", 2023): 9,
    }
    moved, left = forward.cells("a3", values)
    assert moved == {
        CellKey(MAIN_ROW, "exempt_penalty", 2024): 3,
        CellKey(REASON_ROW, "exempt_penalty"): "依法不予处罚",
        CellKey(MAIN_ROW, "penalty", 2023): 9,
    }
    assert left == []


def test_backward_a_renamed_field_takes_its_old_name_and_an_added_one_is_left_behind() -> None:
    backward = moves(NEW, TEMPLATE)
    assert backward.key("a3", "exempt_penalty") == "exempt_cases"
    moved, left = backward.cells("a2", {CellKey(MAIN_ROW, "hearings", 2025): 4, CellKey(MAIN_ROW, "penalty", 2025): 8})
    assert moved == {CellKey(MAIN_ROW, "penalty", 2025): 8}
    assert left == ["hearings"]
    assert backward.lacking["a4"] == {"recorders"}  # the newer template dropped it: the older one still has it
    assert backward.lacking["a2"] == set()


def test_forward_a_dropped_field_is_left_behind_and_an_added_one_is_lacking() -> None:
    forward = moves(TEMPLATE, NEW)
    moved, left = forward.cells("a4", {CellKey("r1", "recorders"): 2, CellKey("r1", "workers"): 5})
    assert moved == {CellKey("r1", "workers"): 5}
    assert left == ["recorders"]
    assert forward.lacking == {"a2": {"hearings"}, "a3": set(), "a4": set(), "a5": set()}


def test_within_one_template_nothing_moves() -> None:
    same = moves(TEMPLATE, TEMPLATE)
    for spec in TEMPLATE.forms:
        assert all(same.key(spec.key, f.key) == f.key for f in spec.fields())
        assert same.lacking[spec.key] == set()


def test_a_step_over_several_templates_follows_the_key_changes_of_each() -> None:
    # 2026.1 lists only what changed since 2025.1: from 2024.1 the rename of 2025.1 still applies.
    text = drill_text().replace('version = "2025.1"', 'version = "2026.1"', 1)
    text = text.replace('{ key = "exempt_penalty", label', '{ key = "exempt_steps", label')
    start = text.index("key_changes = [")
    end = text.index("]", start) + 1
    text = (
        text[:start]
        + 'key_changes = [{ version = "2026.1", form = "a3", old = "exempt_penalty", new = "exempt_steps" }]'
        + text[end:]
    )
    later = read_template(text.encode("utf-8"), "2026.1.toml")
    assert moves(TEMPLATE, later, [TEMPLATE, NEW, later]).key("a3", "exempt_cases") == "exempt_steps"
    assert moves(later, TEMPLATE, [NEW]).key("a3", "exempt_steps") == "exempt_cases"
    assert moves(TEMPLATE, later).key("a3", "exempt_cases") is None  # without 2025.1 the chain is broken


def test_the_drill_file_is_the_shipped_file_with_its_three_edits_alone() -> None:
    # Next year's template is an edit of the file, nothing else: the drill file is held to it.
    assert NEXT_FILE.read_text(encoding="utf-8") == drill_text()
    assert drill_from_text() == NEW


def test_a_change_of_one_form_leaves_the_same_key_of_another_form_alone() -> None:
    # 附件2 and 附件3 both have 行政处罚 (penalty): renaming 附件3's must not move 附件2's.
    change = '{ version = "2025.1", form = "a3", old = "penalty", new = "fined" }'
    text = drill_text().replace('new = "exempt_penalty" }', 'new = "exempt_penalty" },\n    ' + change)
    text = text.replace('{ key = "penalty", label = "涉企行政处罚(件)"', '{ key = "fined", label = "涉企行政处罚(件)"')
    text = text.replace('field = "penalty"\nother_form = "a2"', 'field = "fined"\nother_form = "a2"')
    renamed = read_template(text.encode("utf-8"), "2025.1.toml")
    forward = moves(TEMPLATE, renamed)
    assert forward.key("a3", "penalty") == "fined"
    assert forward.key("a2", "penalty") == "penalty"


def test_a_form_one_template_lacks_moves_nothing_and_an_unknown_form_is_none() -> None:
    forms = tuple(dataclasses.replace(spec, version="2025.2") for spec in TEMPLATE.forms[:3])
    fewer = dataclasses.replace(TEMPLATE, version="2025.2", forms=forms, changes=())
    forward = moves(TEMPLATE, fewer)
    assert forward.key("a5", "transferred") is None
    assert forward.key("a9", "penalty") is None  # a form neither has
    assert "a5" not in forward.lacking
    assert moves(fewer, TEMPLATE).lacking["a5"] == {f.key for f in TEMPLATE.forms[3].fields()}
