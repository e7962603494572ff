"""Text with its bold kept, from what Word and WPS give: the clipboard's HTML flavour, or a .docx's runs.

Both become the report text's own form: one paragraph a line, a bold span as ``**…**``
(``forms.emphasis``). Nothing else of the formatting is kept: a 公文 body has fonts by level and
bold lead sentences only. Word's automatic list numbers are text in its HTML (``mso-list:Ignore``
spans) and are kept; in a .docx they are not text, and python-docx does not render them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from forms.emphasis import MARK
from forms.errors import UserError
from forms.hygiene import clean_text

HTML_MAX = 20 << 20  # characters of clipboard HTML; a long report is a few hundred KB
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "title"}
_SKIP = {"style", "script", "head", "xml"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_NORMAL_STYLE = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)", re.I)


def marked(pieces: list[tuple[str, bool]]) -> str:
    """(text, bold) pieces of one paragraph as its text with ``**`` around each bold stretch; a bold
    stretch of blanks only is not marked, and the marks sit inside the stretch's outer blanks."""
    out: list[str] = []
    merged: list[list] = []
    for text, bold in pieces:
        text = text.replace(MARK, "＊＊")  # a typed ** must not open a span
        if merged and merged[-1][1] == bold:
            merged[-1][0] += text
        elif text:
            merged.append([text, bold])
    for text, bold in merged:
        core = text.strip()
        if bold and core:
            start = text.index(core[0])
            out.append(text[:start] + MARK + core + MARK + text[start + len(core) :])
        else:
            out.append(text)
    return "".join(out)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[tuple[str, bool]]] = [[]]
        self.stack: list[tuple[str, bool | None]] = []  # open tags, each with its bold setting
        self.skipping = 0

    def _bold(self) -> bool:
        for _tag, bold in reversed(self.stack):
            if bold is not None:
                return bold
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        if tag in _BLOCKS:
            self.paragraphs.append([])
        if tag in ("br", "img", "meta", "link", "hr", "input"):
            return  # no end tag follows
        style = dict(attrs).get("style") or ""
        bold: bool | None = None
        if tag in ("b", "strong") or _BOLD_STYLE.search(style):
            bold = True
        elif _NORMAL_STYLE.search(style):
            bold = False
        self.stack.append((tag, bold))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        for i in range(len(self.stack) - 1, -1, -1):  # close it and anything left open inside it
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in _BLOCKS:
            self.paragraphs.append([])

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.paragraphs[-1].append((re.sub(r"\s+", " ", data.replace("\xa0", " ")), self._bold()))


def html_to_marked(html: str) -> str:
    """The clipboard's HTML (Word, WPS, a browser) as the report text's form."""
    if len(html) > HTML_MAX:
        raise UserError(f"剪贴板内容过大（{len(html) >> 20} MB），请分几次复制")
    parser = _Html()
    parser.feed(html)
    parser.close()
    lines = [clean_text(marked(p)) for p in parser.paragraphs]
    return "\n".join(line for line in lines if line.replace(MARK, "").strip())
