"""Where a workbook's attachments are: each found by its title, compared after folding what people vary
(full/half-width brackets, colons and quotes, spaces, line breaks); the lines around a title (填报单位,
联系人和联系方式); and the app's own hidden sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from forms.spec import FormSpec
from importers.reading import Sheet

META_SHEET = "_填报助手"  # exporters/xlsx.py writes it
_FOLD = str.maketrans({"（": "(", "）": ")", "：": ":", "“": '"', "”": '"', "＂": '"', "〔": "(", "〕": ")"})
_SPACE = re.compile(r"\s+")


def fold(value: object) -> str:
    """Header text as compared: brackets, colons and quotes in one width, no blanks at all."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _fold_text(value)
    if type(value) is int or type(value) is float:
        return str(value)  # digits, point, sign, e, inf, nan: nothing to fold (a date's text has a space)
    return _SPACE.sub("", str(value).translate(_FOLD))


@lru_cache(maxsize=8192)  # every county's form repeats the same titles and headers: fold each once a run
def _fold_text(text: str) -> str:
    return _SPACE.sub("", text.translate(_FOLD))


def fold_colons(text: str) -> str:
    """Only the folding of brackets, colons and quotes (a label's text keeps its spaces)."""
    return text.translate(_FOLD)


@dataclass
class Title:
    spec: FormSpec
    sheet: Sheet
    row: int
    year: int | None


def _title_patterns(forms: tuple[FormSpec, ...]) -> list[tuple[FormSpec, re.Pattern[str]]]:
    out = []
    for spec in forms:
        rest = fold(spec.title.replace("{year}年", "").replace("{year}", ""))
        out.append((spec, re.compile(r"(?:(\d{4})年?)?" + re.escape(rest))))
    return out


def find_titles(sheets: list[Sheet], forms: tuple[FormSpec, ...]) -> list[Title]:
    patterns = _title_patterns(forms)
    found = []
    for sheet in sheets:
        if sheet.title == META_SHEET:
            continue
        for r, row in enumerate(sheet.rows):
            for value in row:
                if not isinstance(value, str):
                    continue
                text = fold(value)
                for spec, pattern in patterns:
                    m = pattern.fullmatch(text)
                    if m:
                        found.append(Title(spec, sheet, r, int(m[1]) if m[1] else None))
                        break
                else:
                    continue
                break
    return found


def region_end(title: Title, titles: list[Title]) -> int:
    """The row after an attachment's last: the next title on its sheet, or the sheet's end."""
    return min((o.row for o in titles if o.sheet is title.sheet and o.row > title.row), default=len(title.sheet.rows))


def meta_of(sheets: list[Sheet]) -> dict[str, object]:
    for sheet in sheets:
        if sheet.title == META_SHEET:
            return {str(row[0]): row[1] for row in sheet.rows if len(row) >= 2 and row[0] is not None}
    return {}


# --- the lines around a title: 填报单位：…, 联系人和联系方式：… ----------------------------------


def text_of(value: object) -> str:
    """A cell value as the text a clerk typed; numbers in their shortest exact form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def labelled(rows: list[list[object]], start: int, stop: int, label: str) -> str | None:
    """The text after ``label：`` (in the same cell, or the next filled cell of the row)."""
    for r in range(start, stop):
        row = rows[r] if r < len(rows) else []
        for c, value in enumerate(row):
            if not isinstance(value, str):
                continue
            text = fold_colons(value.strip())
            if fold(text).startswith(label + ":"):
                rest = text.split(":", 1)[1].strip()
                if rest:
                    return rest
                for later in row[c + 1 :]:
                    if later not in (None, ""):
                        return text_of(later).strip()
                return ""
    return None


def split_contact(text: str) -> tuple[str, str]:
    """``张三 0731-1234567`` → (name, phone): the phone is the last token that is mostly digits."""
    parts = text.split()
    if len(parts) >= 2 and sum(ch.isdigit() for ch in parts[-1]) >= 5:
        return " ".join(parts[:-1]), parts[-1]
    return text, ""
