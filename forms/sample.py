"""The seed report's figures (seed 000, FORMS.md) under an invented unit and contact.

Used by ``python main.py sample`` so a new user sees a filled report, and by the tests
as the known-answer case (its 同比增减 row must read 20.27%, …, -35.59%, …).
"""

from __future__ import annotations

from decimal import Decimal

from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.values import Value

UNIT = "示例市应急管理局"
YEAR = 2024
CONTACT_PERSON = "林晓岚"  # invented
CONTACT_PHONE = "0730-5550123"  # invented

_REASON_LENIENT = "打造法治化营商环境，秉持包容审慎执法理念，落实安全生产领域轻微违法行为不予行政处罚、从轻减轻处罚。"
_REASON_COMPLAINT = "鼓励支持群众监督，2024年投诉举报较2023年有所提升。"

# field: (Y−1, Y, 原因简析)
A2: dict[str, tuple[Value, Value, str | None]] = {
    "license": (148, 178, "市场经营行为，自然增加。"),
    "confirmation": (0, 0, None),
    "coercion": (2, 2, None),
    "ruling": (0, 0, None),
    "inspection": (295, 190, _REASON_LENIENT),
    "penalty": (147, 78, _REASON_LENIENT),
    "complaint_cases": (6, 8, _REASON_COMPLAINT),
    "legal_review": (106, 58, _REASON_LENIENT),
    "fines": (Decimal(9217701), Decimal(4199252), _REASON_LENIENT),
    "transfers": (1, 1, None),
}

A3: dict[str, tuple[Value, Value, str | None]] = {
    "penalty": (134, 76, _REASON_LENIENT),
    "coercion": (2, 2, None),
    "inspection": (423, 336, _REASON_LENIENT),
    "fines": (Decimal(9217701), Decimal(4331500), _REASON_LENIENT),
    "complaint_cases": (6, 8, _REASON_COMPLAINT),
    "legal_review": (106, 23, "案件数量减少。"),
    "exempt_cases": (4, 31, _REASON_LENIENT),
    "exempt_amount": (Decimal(30000), Decimal(307000), _REASON_LENIENT),
    "lenient_cases": (0, 2, _REASON_LENIENT),
    "lenient_amount": (0, Decimal(318000), _REASON_LENIENT),
    "prudent_coercion": (0, 0, _REASON_LENIENT),
}

A4_ROW: dict[str, Value] = {
    "posts": 79,
    "admin_staff": 44,
    "institution_staff": 31,
    "workers": 4,
    "contractors": 0,
    "certified": 59,
    "certified_joint": 13,
    "training_persons": 60,
    "training_hours": 40,
    "body_cameras": 25,
    "recorders": 2,
    "uniforms": 59,
    "vehicles": 1,
}

A5_ROW: dict[str, Value] = {
    "unit_name": "示例市应急管理综合行政执法支队",
    "uses_platform": "是",
    "transferred": 1,
    "criminal_not_filed": 1,
    "reverse_received": 2,
    "reverse_penalty_filed": 1,
}


def comparison_values(figures: dict[str, tuple[Value, Value, str | None]], year: int) -> dict[CellKey, Value]:
    values: dict[CellKey, Value] = {CellKey(MAIN_ROW, "unit_name"): UNIT}
    for field, (prev, cur, reason) in figures.items():
        values[CellKey(MAIN_ROW, field, year - 1)] = prev
        values[CellKey(MAIN_ROW, field, year)] = cur
        if reason:
            values[CellKey(REASON_ROW, field)] = reason
    return values


def list_row(row: str, figures: dict[str, Value]) -> dict[CellKey, Value]:
    return {CellKey(row, field): value for field, value in figures.items()}
