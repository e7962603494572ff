"""Audit rules as data, declared in each spec (``FormSpec.rules``); forms/audit.py evaluates them.

Blank vs 0: a blank is "not filled". Sum rules count blank parts as 0 and are skipped when
every field they name is blank; comparison rules are skipped when either side is blank
(the completeness rules report the blank instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Severity(Enum):
    ERROR = "错误"  # must be fixed
    HINT = "提示"  # needs a look or an explanation

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class AtLeastSum:
    """Row by row in a LIST form: ``total`` ≥ the sum of ``parts`` (附件5 notes 5 and 6)."""

    total: str
    parts: tuple[str, ...]
    code: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class NotMoreThan:
    """This form's ``field`` ≤ ``other_form``'s ``other_field``, year by year (涉企 ⊂ 全部).

    The report year is an error; the prior year was reported last year and is a hint.
    """

    field: str
    other_form: str
    other_field: str
    code: str


@dataclass(frozen=True)
class SumEquals:
    """Σ over this LIST form's rows of ``field`` = ``other_form``'s ``other_field`` for Y."""

    field: str
    other_form: str
    other_field: str
    code: str
    severity: Severity = Severity.HINT


Rule = AtLeastSum | NotMoreThan | SumEquals


def number(value: object) -> Decimal | None:
    """A stored value as a number for the rules; None for blanks and for values that are not numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    return None
