"""附件2 — Y 年行政执法案件数据情况统计表 (seed 000, FORMS.md)."""

from forms.spec import FILLER, Field, FormSpec, Group, Kind, RowStyle


def _count(key: str, label: str) -> Field:
    return Field(key, label, Kind.COUNT, paired=True)


SPEC = FormSpec(
    key="a2",
    number=2,
    title="{year}年行政执法案件数据情况统计表",
    row_label="unit_name",
    rows=RowStyle.COMPARISON,
    header=(
        # seed 000 prints the unit here; its 附件3 and 附件5 leave it to the clerk
        Field("unit_name", "行政执法单位名称", Kind.LINE, width=16, default=FILLER),
        Group(
            "行政执法行为类别及项目",
            (
                _count("license", "行政许可(件)"),
                _count("confirmation", "行政确认(件)"),
                _count("coercion", "行政强制(件)"),
                _count("ruling", "行政裁决(件)"),
                _count("inspection", "行政检查(次)"),
                _count("penalty", "行政处罚(件)"),
                _count("complaint_cases", "投诉举报为线索来源办案数(件)"),
                _count("legal_review", "重大执法决定法制审核案件(件)"),
                Field("fines", "罚没金额(元)", Kind.MONEY, paired=True),
                _count("transfers", "移送司法机关刑事案件件数"),
            ),
        ),
    ),
    notes_heading="填表说明：",
    notes=(
        "各单位汇总的执法案件数据必须是当年已办结的案件数据。",
        "委托执法的有关数据由委托机关汇总报告、公开。",
        "本表汇总数据为{prev}年1月1日至{prev}年12月31日止和{year}年1月1日至{year}年12月31日止。",
        "县市区数据含乡镇（街道）执法数据，但注意不要与委托执法部门重复统计。",
    ),
)
