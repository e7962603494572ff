"""Chinese typography for python-docx: fonts named for East Asian text, page geometry.

python-docx's ``font.name`` only sets the Latin font, and its default template sends East
Asian text to a Japanese theme font; every run and style here names ``w:eastAsia``
explicitly and the document defaults say zh-CN.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run


@dataclass(frozen=True)
class FontNames:
    """Which font names the document asks for. Defaults: what a government PC has
    (GB/T 9704 names); ``FontNames.windows()`` for a stock Windows without them."""

    fangsong: str = "仿宋_GB2312"
    kaiti: str = "楷体_GB2312"
    heiti: str = "黑体"
    title: str = "方正小标宋简体"
    songti: str = "宋体"

    @classmethod
    def windows(cls) -> FontNames:
        return cls(fangsong="仿宋", kaiti="楷体", title="宋体")


def _set_rfonts(rpr, east_asian: str, latin: str | None = None) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    latin = latin or east_asian
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:hint"), "eastAsia")


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def set_run_font(run: Run, name: str, size_pt: float, *, bold: bool = False) -> None:
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    _set_rfonts(run._element.get_or_add_rPr(), name)


# CT_RPr children that come after w:spacing (ECMA-376 order; Word rejects others as corrupt).
_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def set_char_spacing(run: Run, twentieths: int) -> None:
    """Character spacing (w:spacing, in twentieths of a point), in its schema place in w:rPr."""
    rpr = run._element.get_or_add_rPr()
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, *_AFTER_SPACING)
    spacing.set(qn("w:val"), str(twentieths))


# CT_PPrBase children after w:autoSpaceDN, in schema order.
_AFTER_AUTOSPACE = (
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def no_auto_space(paragraph: Paragraph) -> None:
    _no_auto_space(paragraph._p.get_or_add_pPr())


def overflow_punct(paragraph: Paragraph) -> None:
    _overflow_punct(paragraph._p.get_or_add_pPr())


def _overflow_punct(ppr) -> None:
    """``w:overflowPunct w:val="1"``: a closing mark may stand past the right edge, Word's and WPS's
    default, written out for LibreOffice. Its DOCX import reads the value inverted (1 turns its
    hanging punctuation off; absent or 0 leaves it on), and in a justified line LibreOffice 7.4
    never paints a mark it hangs: the comma after a full line of 28 characters disappears. With
    hanging off it carries the character before the mark to the next line (27 on that line)."""
    element = ppr.find(qn("w:overflowPunct"))
    if element is None:
        element = OxmlElement("w:overflowPunct")
        ppr.insert_element_before(element, "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", *_AFTER_AUTOSPACE)
    element.set(qn("w:val"), "1")


def _no_auto_space(ppr) -> None:
    """No extra space between Chinese and Latin text or digits: 公文 sets ``2024年`` and
    ``20.27%`` solid, and a justified line then has no gaps to stretch around a figure."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        element = ppr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            successors = _AFTER_AUTOSPACE if tag == "w:autoSpaceDN" else ("w:autoSpaceDN", *_AFTER_AUTOSPACE)
            ppr.insert_element_before(element, *successors)
        element.set(qn("w:val"), "0")


def prepare_document(doc: DocumentObject, fonts: FontNames) -> None:
    """Replace the template's theme fonts and ja-JP language with ours, on defaults and styles."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rfonts(rpr_default, fonts.fangsong)
    _set_lang(rpr_default)
    for style in doc.styles:
        element = style.element
        rpr = element.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _set_rfonts(rpr, fonts.heiti if style.name.startswith(("Heading", "Title")) else fonts.fangsong)
    normal = doc.styles["Normal"]
    _no_auto_space(normal.element.get_or_add_pPr())
    _overflow_punct(normal.element.get_or_add_pPr())
    normal.font.size = Pt(16)
    _set_rfonts(normal.element.get_or_add_rPr(), fonts.fangsong)
    _set_lang(normal.element.get_or_add_rPr())


def set_page(section: Section, *, landscape: bool, margins_mm: tuple[float, float, float, float]) -> None:
    """A4; margins (top, bottom, left, right). python-docx does not swap sides for landscape."""
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    top, bottom, left, right = margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


PAGE_NUMBER_GAP_MM = 7.0  # GB/T 9704: the page number's dash 7 mm below the text block
DASH_RISE_MM = 2.6  # the dash of a 4号 number stands this far above the bottom of its footer line


def set_footer_distance(section: Section, block_bottom_mm: float) -> None:
    """Footer placed so the page number's dash prints 7 mm below the text block, whose lower edge
    is ``block_bottom_mm`` above the paper's."""
    section.footer_distance = Mm(block_bottom_mm - PAGE_NUMBER_GAP_MM - DASH_RISE_MM)


def set_line_grid(section: Section, pitch_twips: int | None) -> None:
    """Snap lines to a fixed pitch (the 公文 body), or not at all (``None``: tables)."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    if pitch_twips is None:
        for attr in ("w:type", "w:linePitch", "w:charSpace"):
            grid.attrib.pop(qn(attr), None)
        return
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch_twips))
