"""The seed report's figures (seed 000, FORMS.md) under an invented unit and contact.

Used by ``python main.py sample`` so a new user sees a filled report, and by the tests
as the known-answer case (its 同比增减 row must read 20.27%, …, -35.59%, …).
"""

from __future__ import annotations

from decimal import Decimal

from forms.kinds import Value
from forms.report import MAIN_ROW, REASON_ROW, CellKey

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


SIGN_DATE = (2025, 1, 20)
DRAFTED = "{drafted}"  # replaced by forms.draft.draft_basic_situation when the sample is created

# heading → body (one paragraph per line). Invented prose in the outline of seeds 000/003.
NARRATIVE: dict[str, str] = {
    "行政执法基本情况": (
        "2024年，我局坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        "积极运用法治思维和法治方式解决安全生产问题，全市安全生产形势持续稳定向好。"
        "现将2024年行政执法工作情况报告如下。"
    ),
    "行政执法案件办理情况": DRAFTED,
    "行政执法检查情况": (
        "我局根据生产经营单位的行业类别、固有风险、事故统计和信用等级等因素，区分重点检查单位和一般检查单位，"
        "对重点检查单位实施全覆盖检查，对一般检查单位通过“双随机、一公开”方式抽取开展执法检查，"
        "全年执法计划完成率100%。检查中发现的事故隐患均已督促整改到位，对拒不整改的依法予以处罚。\n"
        "全年共办理行政检查{{a2.inspection.cur}}次{{a2.inspection.change}}，检查数量下降的主要原因是执法方式由"
        "“大水漫灌”转向“精准滴灌”，对信用良好、风险较低的企业减少现场检查频次，做到无事不扰。"
    ),
    "行政执法规范化建设情况": (
        "我局持续推进严格规范公正文明执法，健全执法制度体系，落实行政裁量权基准制度，"
        "在案件承办人意见、集体讨论记录等过程性文书中载明裁量基准适用情况，并在行政处罚决定书中引用裁量权适用条款。"
    ),
    "行政执法人员培训和管理情况": (
        "一是严格落实“谁执法谁普法”普法责任制，组织全体执法人员利用网上学法考法平台开展自主学习，考法通过率100%。"
        "二是按照专题培训计划，组织全系统行政执法人员开展安全生产执法业务培训，"
        "全年培训{{a4.training_persons.cur}}人次、{{a4.training_hours.cur}}学时。"
        "三是组织新从事行政执法岗位的人员参加执法资格考试，未取得执法证件的人员一律不得从事执法活动。"
    ),
    "行政执法“三项制度”落实情况": (
        "坚持执法信息依法全面公开，督促受处罚企业及时开展信用修复；坚持执法全过程记录，"
        "为执法人员配备执法记录仪{{a4.body_cameras.cur}}台，制定执法记录仪使用管理规定；严格落实重大执法决定法制审核制度，"
        "全年审核重大执法决定{{a2.legal_review.cur}}件，提出法制审核意见并全部落实，执法质量稳步提升。\n"
        "坚持包容审慎监管，严格执行安全生产领域轻微违法行为不予行政处罚清单，全年办理免罚案件{{a3.exempt_cases.cur}}件，"
        "从轻减轻案件{{a3.lenient_cases.cur}}件，做到宽严相济、法理相融。"
    ),
    "行政执法工作保障情况": (
        "我局共有行政执法岗位编制{{a4.posts.cur}}个，其中行政编制在岗{{a4.admin_staff.cur}}人、事业编制在岗"
        "{{a4.institution_staff.cur}}人，本部门持证人数{{a4.certified.cur}}人。每年聘请律师事务所担任常年法律顾问，"
        "为重大执法决定、规范性文件和合同审查提供法律意见。执法经费纳入年度预算，执法车辆、执法服装等装备保障到位。"
    ),
    "存在问题": (
        "一是执法队伍专业结构有待优化，既懂安全生产业务又精通法律的复合型人才不足，个别执法人员调查取证、"
        "文书制作等基本功还不够扎实。二是执法与服务结合还不够紧密，对中小企业的指导帮扶针对性不强。"
        "三是执法信息化水平有待提升，执法数据统计仍依赖人工汇总，效率不高、差错难免。"
    ),
    "下一步工作打算": (
        "一是深入学习贯彻习近平法治思想，贯彻落实习近平总书记关于应急管理的重要论述，筑牢依法行政的思想根基。\n"
        "二是持续提升执法规范化水平，落实提升行政执法质量三年行动方案，秉持服务与监管并重，优化法治化营商环境。\n"
        "三是加强执法队伍建设，加大执法人员培训力度，规范执法程序，严格执行行政执法“三项制度”，"
        "加强对执法活动的监督检查，及时纠正违法或不当的执法行为，不断提升执法公信力。"
    ),
}
