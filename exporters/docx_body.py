"""The narrative part of the Word report, laid out per GB/T 9704 (shared/reference/GBT9704.md).

A4 portrait, margins 37/35/28/26 mm, 3号 仿宋 on a fixed 28.95 pt pitch (22 lines a page),
title 2号 小标宋, headings 黑体 / 楷体 / 仿宋, page numbers ``— 1 —`` in 4号 宋体 on the outer side.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Mm, Pt
from docx.text.paragraph import Paragraph

from exporters.docx_style import (
    FontNames,
    no_auto_space,
    overflow_punct,
    set_char_spacing,
    set_footer_distance,
    set_line_grid,
    set_page,
    set_run_font,
)
from forms.emphasis import spans
from forms.figures import render
from forms.report import ReportData, chinese_date
from forms.title import title_lines

# GB/T 9704 measures the text block (37 mm from the top, 225 mm tall, so 35 mm above the bottom
# edge) by its print: the first line's characters start 37 mm from the top. On an exact 28.95 pt
# line the 16 pt glyphs stand 2.5 mm below the top of the line box (the extra leading goes above
# them), so the page's text area starts that much higher and stays 225 mm tall: 22 lines, and
# LibreOffice, which centres its line grid in the text area, has nothing to centre.
GLYPH_DROP_MM = 2.5
TITLE_DROP_MM = 1.5
BLOCK_BOTTOM_MM = 35.0  # the printed text block's lower edge above the paper's: page numbers hang from it
BODY_MARGINS = (37.0 - GLYPH_DROP_MM, BLOCK_BOTTOM_MM + GLYPH_DROP_MM, 28.0, 26.0)  # top, bottom, left, right
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
LINE_PITCH_PT = 28.95  # 22 lines in the 225 mm text block
LINE_PITCH_TWIPS = 579
# 28 characters across the 156 mm text block: 442.2/28 = 15.79 pt a character, so body text is
# condensed by 0.25 pt (w:spacing, in twentieths of a point). Word's character grid would say the
# same, but LibreOffice and WPS read it differently; character spacing they all keep.
CONDENSE_TWENTIETHS = -5  # 0.25 pt: 28 × 15.75 pt = 441 pt fits 442.2 pt with rounding to spare
INDENT = Pt(2 * BODY_PT)  # first line indented two characters
SEAL_BLANK_LINES = 2  # between the body (or 附件说明) and 署名
LINES_A_PAGE = 22
CHARS_A_LINE = 28


def _format(paragraph: Paragraph, *, indent: Pt | None = INDENT, align: int | None = None) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = indent
    fmt.widow_control = False  # a fixed grid: lines never move between pages to avoid widows
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
    no_auto_space(paragraph)  # on the paragraph too: LibreOffice ignores it on the style
    overflow_punct(paragraph)


def _line(doc: DocumentObject, text: str, font: str, *, size: float = BODY_PT, **kwargs) -> Paragraph:
    paragraph = doc.add_paragraph()
    _format(paragraph, **kwargs)
    if text:
        run = paragraph.add_run(text)
        set_run_font(run, font, size)
        if size == BODY_PT:
            set_char_spacing(run, CONDENSE_TWENTIETHS)
    return paragraph


def _rich(doc: DocumentObject, pieces: list[tuple[str, str, bool]]) -> Paragraph:
    """One body paragraph of (text, font, bold) runs: a run-in heading, bold spans."""
    paragraph = doc.add_paragraph()
    _format(paragraph)
    for text, font, bold in pieces:
        if text:
            run = paragraph.add_run(text)
            set_run_font(run, font, BODY_PT, bold=bold)
            set_char_spacing(run, CONDENSE_TWENTIETHS)
    return paragraph


def _paragraphs(body: str, data: ReportData) -> list[str]:
    return [p.strip() for p in render(body, data).splitlines() if p.strip()]


def _body_pieces(paragraph: str, font: str) -> list[tuple[str, str, bool]]:
    return [(text, font, bold) for text, bold in spans(paragraph)]


RUN_IN_END = "。：:；;！？!?"  # a run-in heading ending in one of these needs no 。 of its own


def _page_field(paragraph: Paragraph, fonts: FontNames) -> None:
    """``— N —`` with a PAGE field (python-docx has no field API)."""

    def run(text: str = ""):
        r = paragraph.add_run(text)
        set_run_font(r, fonts.songti, PAGE_NUMBER_PT)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._element.append(fld)
        elif instr == " PAGE ":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instr
            r._element.append(text)
        else:
            r.text = instr
    run(" —")


def add_page_numbers(
    doc: DocumentObject, section: Section, fonts: FontNames, *, block_bottom_mm: float = BLOCK_BOTTOM_MM
) -> None:
    """Odd pages right, even pages left, one character in from the text edge; the dash 7 mm below
    the text block, whose lower edge is ``block_bottom_mm`` above the paper's."""
    doc.settings.odd_and_even_pages_header_footer = True
    set_footer_distance(section, block_bottom_mm)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            fmt.left_indent = Pt(PAGE_NUMBER_PT)
        _page_field(paragraph, fonts)


def add_body(doc: DocumentObject, data: ReportData, fonts: FontNames) -> None:
    """Title, sections, 附件说明, signature and date, in the document's first section."""
    text = data.text
    assert text is not None
    section = doc.sections[0]
    set_page(section, landscape=False, margins_mm=BODY_MARGINS)
    set_line_grid(section, LINE_PITCH_TWIPS)
    add_page_numbers(doc, section, fonts)

    first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    _format(first, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.CENTER)
    lines = ([text.unit_line] if text.unit_line else []) + title_lines(text.title)
    # 2号 needs more than one grid line: each title line takes 1.5, rounded up to whole grid lines
    # for the title as a whole, so the body below stays on the page's 22-line grid.
    grid_lines = -(-3 * len(lines) // 2)
    first.paragraph_format.line_spacing = Pt(LINE_PITCH_PT * grid_lines / len(lines))
    # The 22 pt title stands higher in its lines than body text does in one: lower it into
    # the text block, and take the same height off the blank line under it.
    first.paragraph_format.space_before = Mm(TITLE_DROP_MM)
    for i, line in enumerate(lines):
        run = first.add_run(line)
        set_run_font(run, fonts.title, TITLE_PT)
        if i < len(lines) - 1:
            run.add_break()  # the clerk's or a phrase boundary's break, never one inside a word
    blank = _line(doc, "", fonts.fangsong)  # one blank line under the title
    blank.paragraph_format.line_spacing = Emu(Pt(LINE_PITCH_PT) - Mm(TITLE_DROP_MM))

    for paragraph in _paragraphs(text.lead, data):  # 导语: before 一、
        _rich(doc, _body_pieces(paragraph, fonts.fangsong))
    heading_fonts = {1: fonts.heiti, 2: fonts.kaiti, 3: fonts.fangsong, 4: fonts.fangsong}
    for number, section_text in zip(text.numbers(), text.sections, strict=True):
        font = heading_fonts[section_text.level]
        bold = section_text.level == 3  # 1. in bold 仿宋, set apart from the text after it
        heading = number + section_text.heading
        paragraphs = _paragraphs(section_text.body, data)
        if text.runs_in(section_text) and paragraphs:
            # （一）明确职责。一是… : the heading in its level's font, its first paragraph after it.
            # A run-in heading with no text of its own (sub-headings follow) stands as it is.
            if not heading.endswith(tuple(RUN_IN_END)):
                heading += "。"
            _rich(doc, [(heading, font, bold), *_body_pieces(paragraphs.pop(0), fonts.fangsong)])
        else:
            _rich(doc, [(heading, font, bold)])
        for paragraph in paragraphs:
            _rich(doc, _body_pieces(paragraph, fonts.fangsong))
    for paragraph in _paragraphs(text.closing, data):  # 结束语: after the last section
        _rich(doc, _body_pieces(paragraph, fonts.fangsong))

    _closing_block(doc, data, fonts)


def _closing_block(doc: DocumentObject, data: ReportData, fonts: FontNames) -> None:
    """附件说明, 署名 and 成文日期, kept on one page with the body's last lines (GB/T 9704 7.3.5:
    no signature page without body text), with room for the seal over 署名 and date."""
    text = data.text
    assert text is not None
    # Every line of the block but the date keeps with the next one, and the last body paragraph
    # with the block: when the block does not fit, the body's end moves with it (no page of
    # signature alone). Word keeps a paragraph's last line with the next; LibreOffice moves the
    # whole paragraph and, when paragraph and block exceed a page, breaks the block anyway, so a
    # last paragraph too long to move with the block is not kept (README, "Word report layout").
    last = doc.paragraphs[-1]
    tail = [last]
    attachment_no = data.attachment_numbers()  # the same numbers label the attachment pages
    titles = [(attachment_no[f.spec.key], f.spec.title_for(data.report.year)) for f in data.forms]
    titles = sorted(t for t, f in zip(titles, data.forms, strict=True) if f.spec.key in text.attachments)
    if titles and text.attachment_note:
        tail.append(_line(doc, "", fonts.fangsong))
        for i, (number, title) in enumerate(titles, start=1):
            # 附件：1.… then 2.… aligned under the first name; no closing punctuation.
            p = _line(
                doc,
                ("附件：" if i == 1 else "") + f"{number}.{title}",
                fonts.fangsong,
                indent=None,
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )
            p.paragraph_format.left_indent = Pt(5 * BODY_PT)
            p.paragraph_format.first_line_indent = Pt(-3 * BODY_PT) if i == 1 else Pt(0)
            tail.append(p)

    date_text = chinese_date(text.sign_date) if text.sign_date else ""
    # Two blank lines: a 42 mm seal centred on the top of the 署名 line (署名 and date just below
    # its centre, the date inside it) then starts less than one line below the text above
    # (GB/T 9704 7.3.5.1); with three it would start more than a line below.
    for _ in range(SEAL_BLANK_LINES):
        tail.append(_line(doc, "", fonts.fangsong))
    # The signature is centred over the date (GB/T 9704 7.3.5.1), which stands four characters
    # in from the right. Both are set on one centre tab stop, so they share a centre whatever
    # width a program gives the digits; the stop is where the date's right edge is four in.
    text_width = Mm(210 - BODY_MARGINS[2] - BODY_MARGINS[3]).pt
    centre = text_width - 4 * BODY_PT - _width_pt(date_text or text.signer) / 2
    centre = min(centre, text_width - _width_pt(text.signer) / 2)  # a long name stays on the page
    for line in (text.signer, date_text):
        if line:
            p = _line(doc, "\t" + line, fonts.fangsong, indent=Pt(0), align=WD_ALIGN_PARAGRAPH.LEFT)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(centre), WD_TAB_ALIGNMENT.CENTER)
            tail.append(p)
    for paragraph in tail[1:]:
        paragraph.paragraph_format.keep_together = True
    for paragraph in tail[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    if _estimated_lines(last.text) + len(tail) - 1 > LINES_A_PAGE - 2:  # 2 to spare: lines of 27
        last.paragraph_format.keep_with_next = None


def _estimated_lines(text: str) -> int:
    """Lines a body paragraph takes: 28 characters a line, digits half, the indent two."""
    units = 2 + sum(0.5 if ch.isascii() else 1.0 for ch in text)
    return -(-int(units * 2) // (2 * CHARS_A_LINE))


def _width_pt(text: str) -> float:
    """Printed width of a body line: digits are half-width, every character condensed."""
    return sum((0.5 if ch.isascii() else 1.0) * BODY_PT + CONDENSE_TWENTIETHS / 20 for ch in text)
