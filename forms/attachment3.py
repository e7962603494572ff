"""附件3 — Y 年涉企行政执法数据情况统计表 (seed 000, FORMS.md).

Keys shared with 附件2 (penalty, coercion, inspection, fines, complaint_cases, legal_review)
name the same quantity restricted to enterprises: 涉企 figures are a part of all figures.
"""

from forms.rules import NotMoreThan
from forms.spec import Field, FormSpec, Group, Kind, RowStyle


def _count(key: str, label: str) -> Field:
    return Field(key, label, Kind.COUNT, paired=True)


def _money(key: str, label: str) -> Field:
    return Field(key, label, Kind.MONEY, paired=True)


SPEC = FormSpec(
    key="a3",
    number=3,
    title="{year}年涉企行政执法数据情况统计表",
    row_label="unit_name",
    rows=RowStyle.COMPARISON,
    header=(
        Field("unit_name", "行政执法单位名称", Kind.LINE, width=16),
        Group(
            "行政执法行为类别",
            (
                _count("penalty", "涉企行政处罚(件)"),
                _count("coercion", "涉企行政强制(件)"),
                _count("inspection", "涉企行政检查(次)"),
                _money("fines", "罚没金额(元)"),
                _count("complaint_cases", "投诉举报为线索来源办案数(件)"),
                _count("legal_review", "重大执法决定法制审核案件(件)"),
                _count("exempt_cases", "免罚案件(件)"),
                _money("exempt_amount", "免罚金额(元)"),
                _count("lenient_cases", "从轻减轻案件(件)"),
                _money("lenient_amount", "从轻减轻金额(元)"),
                _count("prudent_coercion", "包容审慎适用行政强制措施(起)"),
            ),
        ),
    ),
    # 涉企 figures are a part of all figures: never more than 附件2's for the same year.
    rules=tuple(
        NotMoreThan(key, "a2", key, code=f"A3_{key.upper()}_LE_A2")
        for key in ("penalty", "coercion", "inspection", "fines", "complaint_cases", "legal_review")
    ),
    notes_heading="填表说明：",
    notes=(
        "各单位汇总的执法案件数据必须是当年已办结的案件数据。",
        "本表汇总数据为{prev}年1月1日至{prev}年12月31日止和{year}年1月1日至{year}年12月31日止。",
        "执法数据为“0”的也要进行分析。",
        "县市区数据含乡镇(街道)执法数据,但注意不要与委托执法部门重复统计。",
        "委托执法的有关数据由委托机关汇总报告、公开。",
        "“包容审慎适用行政强制措施情况”包括不予实施行政强制措施决定、限缩行政强制措施范围、限缩行政强制措施实施时间。",
        "“罚没金额”以年底各单位财政入库数额为准。",
    ),
)
