"""Input hygiene: the one place where text from the keyboard, the clipboard, a workbook or
the report editor is made safe to store and to write into .xlsx/.docx.

Text pasted from Word carries control characters (``\\x0b`` for a soft line break, ``\\x0c``
for a page break, NUL, ESC) that XML 1.0 forbids: openpyxl and python-docx refuse them at
export, long after the clerk typed them. They are removed here, before anything is stored.
Nothing else is changed: no Unicode normalisation, so ``，：（一）`` stay full-width.
"""

from __future__ import annotations

import re

from forms.errors import InputError

# Forbidden in XML 1.0 (and so in every .docx/.xlsx part), plus lone surrogates, which cannot
# be encoded at all, and the two non-characters U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|\r|\x0b|\u2028|\u2029")  # Word's soft break is \x0b
_ECHO_CHARS = 24

UNIT_MAX = 100  # a unit name; the Word file's core properties hold at most 255 characters
LINE_MAX = 200  # contact name, phone, signer, a heading
TEXT_MAX = 2000  # a 原因简析 or another text cell
BODY_MAX = 50_000  # one section of the report text


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without characters no document may hold; line breaks become ``\\n`` (or a
    space where a field has one line); leading and trailing blanks go."""
    text = _LINE_BREAKS.sub("\n" if multiline else " ", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return _FORBIDDEN.sub("", text).strip()


def clean_limited(text: str, what: str, limit: int, *, multiline: bool = False) -> str:
    """``clean_text`` and a length limit, refused with a message naming ``what``."""
    text = clean_text(text, multiline=multiline)
    if len(text) > limit:
        raise InputError(f"{what}过长（{len(text)} 字），最多 {limit} 字")
    return text


def printable(text: str, *, multiline: bool = True) -> str:
    """Stored text as an export may write it, whatever an older version or a hand edit left in the
    file: line breaks as ``\n`` (a space in a one-line field), without what XML forbids; nothing
    else changes (no strip)."""
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n" if multiline else " ", text))


def _picture(m: re.Match[str]) -> str:
    code = ord(m[0])
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"  # ␀ ␋ ␛: the Unicode pictures of C0 controls


def visible(text: str) -> str:
    """``text`` with each forbidden character drawn as its picture (``\x1b`` → ␛), so a message can show it."""
    return _FORBIDDEN.sub(_picture, text)


def forbidden(text: str) -> str:
    """The forbidden characters in ``text`` as pictures, each once ("" when there are none)."""
    return "".join(dict.fromkeys(visible(m[0]) for m in _FORBIDDEN.finditer(text)))


def echo_at(text: str, index: int) -> str:
    """A quote of ``text`` around ``index`` (where a long text goes wrong), a few dozen characters at most."""
    start = max(0, index - _ECHO_CHARS // 2)
    return ("…" if start else "") + echo(text[start:])


def first_forbidden(text: str) -> int:
    m = _FORBIDDEN.search(text)
    return m.start() if m else -1


def echo(text: str) -> str:
    """What a message quotes of the clerk's input: a few dozen characters at most; a control
    character shows as its picture, so the quote differs from the text without it."""
    text = clean_text(visible(text))
    return text if len(text) <= _ECHO_CHARS else text[:_ECHO_CHARS] + "…"
