"""Input hygiene (``forms.hygiene``): what a one-line field keeps of a pasted tab or line break, how long a
length-limited field may be, and how much of the clerk's input a message quotes."""

from __future__ import annotations

import pytest

from forms.errors import InputError
from forms.hygiene import clean_limited, clean_text, echo


def test_a_tab_in_a_one_line_field_becomes_one_space():
    assert clean_text("张\t三") == "张 三"
    assert clean_text("张\t三", multiline=True) == "张\t三"


def test_a_length_limited_field_has_one_line_unless_asked():
    assert clean_limited("张\r\n三", "联系人", 200) == "张 三"
    assert clean_limited("张\r\n三", "正文", 200, multiline=True) == "张\n三"


def test_a_length_limited_field_refuses_one_character_too_many_by_name():
    assert clean_limited("一" * 5, "署名", 5) == "一" * 5
    with pytest.raises(InputError, match="署名过长（6 字），最多 5 字"):
        clean_limited("一" * 6, "署名", 5)


def test_a_message_quotes_a_short_input_whole_and_a_long_one_cut_with_an_ellipsis():
    assert echo("一" * 24) == "一" * 24
    assert echo("一" * 25) == "一" * 24 + "…"
