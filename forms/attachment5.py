"""附件5 — Y 年“两法衔接”工作情况统计表 (seed 000, FORMS.md). One row per enforcement unit."""

from forms.rules import AtLeastSum, SumEquals
from forms.spec import Field, FormSpec, Group, Kind, RowStyle


def _count(key: str, label: str) -> Field:
    return Field(key, label, Kind.COUNT)


SPEC = FormSpec(
    key="a5",
    number=5,
    title="{year}年“两法衔接”工作情况统计表",
    row_label="unit_name",
    rows=RowStyle.LIST,
    min_rows=4,
    header=(
        Field("unit_name", "行政执法单位名称", Kind.LINE, width=18),
        Field("uses_platform", "是否使用“两法衔接平台”", Kind.YESNO, width=8),
        Group(
            "正向衔接",
            (
                _count("transferred", "移送案件数(件)"),
                _count("criminal_filed", "刑事立案数"),
                _count("criminal_not_filed", "刑事不予立案数"),
                _count("not_prosecuted", "不予起诉案件数"),
            ),
        ),
        Group(
            "反向衔接",
            (
                _count("reverse_received", "反向衔接受案数"),
                _count("reverse_penalty_filed", "行政处罚立案数"),
                _count("reverse_no_penalty", "不予行政处罚案件数"),
            ),
        ),
    ),
    rules=(
        # 注5 and 注6, row by row.
        AtLeastSum("transferred", ("criminal_filed", "criminal_not_filed", "not_prosecuted"), code="A5_TRANSFERRED"),
        AtLeastSum("reverse_received", ("reverse_penalty_filed", "reverse_no_penalty"), code="A5_REVERSE"),
        # The units' transfers add up to 附件2 移送司法机关刑事案件件数 of the report year.
        SumEquals("transferred", "a2", "transfers", code="A5_TRANSFERRED_EQ_A2"),
    ),
    notes_heading="注：",
    notes=(
        "“刑事不予立案数”以行政执法机关收到公安机关不予立案文书为准。",
        "“不予起诉案件数”以行政执法机关收到检察机关不予起诉、检察建议为准。",
        "“反向衔接受案数”以行政执法机关收到检察建议、司法建议为准。",
        "同一检察建议、司法建议涉及多个行政执法案件线索或问题的，应当予以累计。",
        "“移送案件数”应当大于等于“刑事立案数”“刑事不予立案数”“不予起诉案件数”之和。",
        "“反向衔接受案数”应当大于等于“行政处罚立案数”“不予行政处罚案件数”。",
    ),
)
