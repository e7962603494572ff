"""插入数据 through the real dialog: every field of every attachment, each choice the picker offers."""

from __future__ import annotations

from decimal import Decimal

from forms.figures import describe, figure
from tests.test_figures import ALL_LINKS, Y, filled
from ui.figure_picker import FigurePicker


def test_the_picker_offers_every_link_and_previews_its_figure(qtbot):
    data = filled()
    picker = FigurePicker(data)
    qtbot.addWidget(picker)
    offered = []
    for f in range(picker.form.count()):
        picker.form.setCurrentIndex(f)
        for i in range(picker.field.count()):
            picker.field.setCurrentIndex(i)
            for w in range(picker.which.count()):
                picker.which.setCurrentIndex(w)
                if picker.which.currentData() not in ("cur", "prev"):
                    continue
                for ticked in (False, True) if picker.wan.isEnabled() else (picker.wan.isChecked(),):
                    picker.wan.setChecked(ticked)
                    link = picker.link()
                    offered.append(link)
                    assert picker.preview.text() == figure(link, data)
                    if "万元" in picker.field.currentText() and not link.wan:
                        # an amount entered in 万元: printed as entered, whatever the tick says
                        assert Decimal(picker.preview.text()) == sum(
                            v for v in data.form("a4").values.values() if isinstance(v, Decimal)
                        )
                        assert "（万元）" not in describe(link, Y)
    assert sorted(offered, key=str) == sorted((link for _, _, link in ALL_LINKS), key=str)


def test_the_picker_words_a_change_as_chosen(qtbot):
    data = filled()
    picker = FigurePicker(data)
    qtbot.addWidget(picker)
    picker.field.setCurrentIndex(picker.field.findData("penalty"))
    picker.which.setCurrentIndex(picker.which.findData("change"))
    picker.wording.setCurrentIndex(picker.wording.findData("vs"))
    picker.decimals.setCurrentIndex(picker.decimals.findData("trim"))
    link = picker.link()
    assert link.token() == "{{a2.penalty.change|vs|trim}}"
    assert picker.preview.text() == figure(link, data) and picker.preview.text().startswith("较上年")
    picker.which.setCurrentIndex(picker.which.findData("cur"))
    assert not picker.wording.isEnabled() and picker.link().token() == "{{a2.penalty.cur}}"


def test_the_picker_trims_trailing_zeros_by_default(qtbot):
    picker = FigurePicker(filled())
    qtbot.addWidget(picker)
    picker.field.setCurrentIndex(picker.field.findData("penalty"))
    picker.which.setCurrentIndex(picker.which.findData("change"))
    assert picker.link().token() == "{{a2.penalty.change|trim}}"
