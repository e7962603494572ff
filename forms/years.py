"""The report years the program knows: one range for the window, the command line, imports and storage."""

from __future__ import annotations

from forms.errors import UserError

YEAR_MIN = 2000
YEAR_MAX = 2100
YEARS_TEXT = f"{YEAR_MIN}–{YEAR_MAX}"  # as a clerk reads it in a message


def is_report_year(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def check_year(year: int) -> int:
    """``year`` when it is a report year, else the UserError that names the range."""
    if not is_report_year(year):
        raise UserError(f"年度 {year} 不在 {YEARS_TEXT} 之间")
    return year
