"""A report's stored heading number styles read back (``forms.outline``): anything but one known style per
level falls back to the default 一、 （一） 1. （1）; an unknown style or report kind is refused by name."""

from __future__ import annotations

import pytest

from forms.outline import DEFAULT_STYLES, number_text, report_kind, styles_of, styles_text


def test_stored_styles_read_back_as_they_were_saved():
    styles = ("1、", "（1）", "1.", "（一）")
    assert styles_of(styles_text(styles)) == styles


def test_styles_stored_for_too_few_levels_fall_back_to_the_default():
    assert styles_of("1、|（1）") == DEFAULT_STYLES
    assert styles_of("一、|（一）|1.|（1）|1、") == DEFAULT_STYLES


def test_styles_with_an_unknown_number_fall_back_to_the_default():
    assert styles_of("一、|（一）|1.|A.") == DEFAULT_STYLES
    assert styles_of("") == DEFAULT_STYLES
    assert styles_of(None) == DEFAULT_STYLES


def test_an_unknown_number_style_is_refused_by_name():
    with pytest.raises(ValueError, match="A、"):
        number_text("A、", 1)


def test_an_unknown_report_kind_is_refused_by_name():
    with pytest.raises(KeyError, match="annual"):
        report_kind("annual")
