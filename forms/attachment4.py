"""附件4 — Y 年行政执法保障情况统计表 (seed 000, FORMS.md). No year pair, no 同比."""

from forms.spec import Field, FormSpec, Group, Kind, RowStyle


def _count(key: str, label: str) -> Field:
    return Field(key, label, Kind.COUNT)


SPEC = FormSpec(
    key="a4",
    number=4,
    title="{year}年行政执法保障情况统计表",
    rows=RowStyle.LIST,
    min_rows=4,
    header=(
        _count("posts", "行政执法岗位编制数"),
        Group("在岗人数", (_count("admin_staff", "行政编制"), _count("institution_staff", "事业编制"))),
        Group("辅助人数", (_count("workers", "工勤"), _count("contractors", "外聘"))),
        _count("certified", "本部门持证人数"),
        _count("certified_joint", "综合行政执法机构持证人数"),
        Group(
            "行政执法人员培训",
            (_count("training_persons", "人次(人)"), _count("training_hours", "学时(时)")),
        ),
        Group(
            "行政执法音像记录设备",
            (
                _count("body_cameras", "执法记录仪(台)"),
                _count("recorders", "录音笔(台)"),
                _count("uniforms", "服装(人)"),
                _count("vehicles", "车辆(辆)"),
                _count("other_equipment", "其他执法设备"),
            ),
        ),
        Group(
            "执法类电子技术监控设备",
            (
                Field("monitoring_area", "执法领域", Kind.LINE, width=10),
                _count("monitoring_devices", "设备数量"),
                # Entered in 万元 (the unit is part of the kind): never converted again.
                Field("monitoring_fines", "近三年罚款金额(万元)", Kind.MONEY_WAN),
            ),
        ),
    ),
    notes_heading="注：",
    notes=(
        "“本部门执法证持有人数”包含本部门二级行政执法机构持证人数。",
        "“综合行政执法大队拥有执法资格证人数”指单独设立的行政执法机构（如支队、乡镇综合执法大队等），未单独设立执法机构，则不填。",
    ),
)
