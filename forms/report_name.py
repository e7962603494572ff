"""What a report is called wherever it is named: the window's list and title, the start's frame
(storage/first_look.py, which loads no other form module), the command line's messages."""

from __future__ import annotations


def report_name(unit: str, year: int) -> str:
    return f"{unit} {year}年"
