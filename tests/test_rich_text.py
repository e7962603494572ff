"""Clipboard HTML as report text (``forms.rich_text.html_to_marked``): what a pasted fragment becomes
when its tags are nested, left open or carry a style they cannot apply (Word's own HTML: test_paste_report)."""

from __future__ import annotations

import pytest

from forms.rich_text import html_to_marked


def test_nothing_inside_the_head_is_text_even_after_a_style_closes_in_it():
    html = "<head><style>p{}</style><title>标题</title></head><p>正文</p>"
    assert html_to_marked(html) == "正文"


def test_a_fragment_without_a_body_ends_its_bold_where_it_closes():
    assert html_to_marked("<b>粗</b>后") == "**粗**后"


def test_text_after_a_closed_paragraph_is_a_paragraph_of_its_own():
    assert html_to_marked("<div><p>甲</p>乙</div>") == "甲\n乙"


@pytest.mark.parametrize(
    ("tag", "text"),
    [("br", "甲\n乙"), ("img", "甲乙"), ("meta", "甲乙"), ("link", "甲乙"), ("hr", "甲乙"), ("input", "甲乙")],
)
def test_an_element_without_an_end_tag_makes_nothing_after_it_bold(tag, text):
    assert html_to_marked(f'<p>甲<{tag} style="font-weight:bold">乙</p>') == text
