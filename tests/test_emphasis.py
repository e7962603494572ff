"""Ctrl+B on the report text without Qt (``forms.emphasis.toggle``): what the stored text becomes and
where the selection is afterwards (the marks hidden; the window's tests press the key: test_ui_bold)."""

from __future__ import annotations

import pytest

from forms.emphasis import toggle


@pytest.mark.parametrize(
    ("text", "start", "end", "after"),
    [
        ("一是明确职责。", 2, 6, ("一是**明确职责**。", 4, 8)),  # plain text becomes bold
        ("一是**明确职责**。", 2, 10, ("一是明确职责。", 2, 6)),  # a span selected with its marks: plain
        ("**明确职责**。", 2, 6, ("明确职责。", 0, 4)),  # a span's whole text: plain
        ("**明确职责**。", 6, 2, ("明确职责。", 0, 4)),  # selected backwards
        ("**明确职责**。", 2, 4, ("明确**职责**。", 0, 2)),  # its head
        ("**明确职责**。", 4, 6, ("**明确**职责。", 6, 8)),  # its tail
        ("**甲乙丙**", 3, 4, ("**甲**乙**丙**", 5, 6)),  # its middle
        ("****", 0, 4, ("", 0, 0)),  # an empty span selected with its marks goes
        ("一\n二\n**甲乙**\n三**丁**", 6, 8, ("一\n二\n甲乙\n三**丁**", 4, 6)),  # in the third paragraph
        ("一\n二\n甲乙\n三**丁**", 4, 6, ("一\n二\n**甲乙**\n三**丁**", 6, 8)),
        ("**一**\n甲乙", 6, 8, ("**一**\n**甲乙**", 8, 10)),  # a span in the paragraph before is no matter
        ("甲**乙\n**丙**", 7, 8, ("甲**乙\n丙", 5, 6)),  # a lone ** in the paragraph before pairs with nothing
        ("一\n甲**乙\n**丙**", 9, 10, ("一\n甲**乙\n丙", 7, 8)),  # nor two paragraphs before
    ],
)
def test_ctrl_b_marks_plain_text_and_makes_a_bold_part_plain(text, start, end, after):
    assert toggle(text, start, end) == after


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("**甲乙**", 0, 3),  # from a span's opening mark into its text
        ("**甲**", 2, 4),  # ends between the closing mark's stars
        ("**甲**", 1, 3),  # starts between the opening mark's stars
        ("甲\n乙", 0, 3),  # across two paragraphs
        ("甲乙", 1, 1),  # nothing selected
        ("甲  乙", 1, 3),  # only spaces
        ("甲**乙**丙", 0, 7),  # around another span
    ],
)
def test_ctrl_b_leaves_the_text_as_it_is_where_no_span_can_be(text, start, end):
    assert toggle(text, start, end) == (text, start, end)
