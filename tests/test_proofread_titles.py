"""校对 of cited titles (forms/proofread_titles.py), at its edges: how near is near (one character below
16, two from 16, never a year's figures, never under 8 characters), the ways of writing one title that
are the same title, a list's lines as the clerk writes them, the titles inside a title, and the words and
fix each slip says. tests/test_proofread.py has the published reports' titles."""

from __future__ import annotations

import pytest

from forms.proofread_titles import near, norm, parse_titles, title_slips

# Titles no list holds, of chosen lengths (the shipped list is the national and provincial documents).
EIGHT = "某某区执法检查规定"[:8]  # 8 characters
FIFTEEN = "某某区应急管理局执法检查工作方案"[:15]
SIXTEEN = "某某区应急管理局执法检查工作方案"


def test_the_lengths() -> None:
    assert (len(EIGHT), len(FIFTEEN), len(SIXTEEN)) == (8, 15, 16)


@pytest.mark.parametrize(
    ("a", "b", "is_near"),
    [
        (EIGHT, EIGHT[:-1] + "定", True),  # 8 characters, one apart
        (EIGHT[:7], EIGHT[:6] + "定", False),  # 7: too short to tell
        (EIGHT, "甲" + EIGHT[1:], True),  # apart in the first character
        (FIFTEEN, "甲" + FIFTEEN[1:14] + "乙", False),  # below 16 two apart is another document
        (FIFTEEN, FIFTEEN + "案", True),  # one character more
        ("甲" + FIFTEEN, FIFTEEN, True),  # one more at the start
        ("甲" + FIFTEEN[:-1] + "乙", FIFTEEN, False),  # one more at the start and one other
        (FIFTEEN, FIFTEEN + "案子", False),  # two more: the shorter is below 16
        (SIXTEEN, "甲" + SIXTEEN[1:15] + "乙", True),  # from 16, two apart
        (SIXTEEN, "甲乙" + SIXTEEN[2:15] + "丙", False),  # three apart
        (SIXTEEN, SIXTEEN + "的通知", False),  # three more
        (SIXTEEN, SIXTEEN + "乙丙", True),  # two more
        (SIXTEEN, "森林草原防灭火条例实施办法规定细则", False),  # nothing alike
        (SIXTEEN, SIXTEEN, False),  # the same is no slip
    ],
)
def test_how_near_is_near(a: str, b: str, is_near: bool) -> None:
    assert near(a, b) is is_near
    assert near(b, a) is is_near


def test_figures_alone_make_two_documents_but_a_figure_for_a_word_does_not() -> None:
    assert not near("某某区2023年度执法工作计划", "某某区2024年度执法工作计划")
    assert not near("某某区2023年度执法工作计划", "某某区2019年度执法工作计划")  # two figures apart
    assert near("某某区2号执法检查工作方案", "某某区二号执法检查工作方案")
    assert near("某某区2023年度执法工作计划", "某某区2023年度执法工作计戈")


def test_the_same_title_written_otherwise_is_the_same_title() -> None:
    listed = "法治政府建设实施纲要（2021－2025年）"  # the shipped list's dash
    for dash in "－–-―—":
        assert norm(f"法治政府建设 实施纲要(2021{dash}2025年)") == norm(listed)
    assert (
        norm("应急管理部关于印发<应急管理行政处罚裁量权基准>的通知")
        == "应急管理部关于印发〈应急管理行政处罚裁量权基准〉的通知"
    )
    cited = ["依据《法治政府建设实施纲要(2021-2025年)》《应急管理部关于印发<应急管理行政处罚裁量权基准>的通知》"]
    assert title_slips(cited) == []


def test_a_list_s_lines_as_the_clerk_writes_them() -> None:
    text = "\ufeff# 某市局的清单\n\n《甲 市 应急管理局执法办法》  # 甲应急〔2024〕1号\n"
    text += "  乙市应急管理局执法办法  # 见#2号文件#附件\n#只有注释\n 《 》 \n"
    assert parse_titles(text) == ("甲市应急管理局执法办法", "乙市应急管理局执法办法")
    assert parse_titles("\ufeffX射线探伤作业安全管理规定\n") == ("X射线探伤作业安全管理规定",)


def test_the_fix_is_the_title_as_its_list_writes_it() -> None:
    ((piece, slip),) = title_slips(["按《法治政府建设实施纲耍(2021-2025年)》要求"])
    assert (piece, slip.code, slip.fix) == (0, "PROOF_TITLE", "法治政府建设实施纲要（2021－2025年）")
    assert slip.what == "《法治政府建设实施纲耍(2021-2025年)》与文件名称《法治政府建设实施纲要（2021－2025年）》不一致"
    assert slip.span == (2, 24)


NOTICE = "应急管理部关于印发〈应急管理行政处罚裁量权基准〉的通知"


def test_a_title_inside_a_title_is_checked_on_its_own() -> None:
    text = "按照《应急管理部关于印发〈应急管理行政处罚裁量基准〉的通知》执行"
    found = title_slips(["前言。", text])
    assert [(piece, text[slip.span[0] : slip.span[1]], slip.fix) for piece, slip in found] == [
        (
            1,
            "应急管理部关于印发〈应急管理行政处罚裁量基准〉的通知",
            "应急管理部关于印发〈应急管理行政处罚裁量权基准〉的通知",
        ),
        (1, "应急管理行政处罚裁量基准", "应急管理行政处罚裁量权基准"),
    ]


REGULATION = "湖南省安全生产条例"


def test_every_slip_of_the_report_is_found_in_text_order() -> None:
    pieces = [
        "没有引用文件的一段。",
        f"制定《{SIXTEEN}》，落实《湖南省安全生产条列》。",
        "依照《中华人民共和国安全生产法》《某某县应急管理局行政执法公示办法》",
        f"执行《{SIXTEEN[:-2]}计划》和《湖南省安全生产条例》。",
    ]
    found = [(piece, slip.code, slip.span, slip.what, slip.fix) for piece, slip in title_slips(pieces)]
    assert found == [
        (1, "PROOF_TITLE", (24, 33), f"《湖南省安全生产条列》与文件名称《{REGULATION}》不一致", REGULATION),
        (3, "PROOF_TITLE", (3, 19), f"《{SIXTEEN[:-2]}计划》与前文引用的《{SIXTEEN}》写法不同", None),
    ]


def test_a_title_first_cited_in_a_variant_is_what_later_ones_are_told_of() -> None:
    pieces = [f"《{SIXTEEN[:-1]}划》", f"《{SIXTEEN}》", f"《{SIXTEEN[:-2]}计划》"]
    found = [(piece, slip.what) for piece, slip in title_slips(pieces)]
    assert found == [
        (1, f"《{SIXTEEN}》与前文引用的《{SIXTEEN[:-1]}划》写法不同"),
        (2, f"《{SIXTEEN[:-2]}计划》与前文引用的《{SIXTEEN[:-1]}划》写法不同"),
    ]


def test_the_clerk_s_own_list_is_read_beside_the_shipped_one() -> None:
    own = ("某某县应急管理局行政执法公示办法",)
    ((_, slip),) = title_slips(["《某某县应急管理局行政执法公式办法》"], own)
    assert slip.fix == own[0]
    assert [s.fix for _, s in title_slips(["《湖南省安全生产条列》"], own)] == ["湖南省安全生产条例"]
    assert title_slips(["没有书名号"], own) == []


def test_a_title_cited_again_as_first_written_is_never_told_of() -> None:
    # A, B, A: only B differs from how the title was first cited; each B is told of, the second A never
    a, b = SIXTEEN, f"{SIXTEEN[:-2]}计划"
    assert [piece for piece, _ in title_slips([f"《{a}》", f"《{b}》", f"《{a}》"])] == [1]
    assert [piece for piece, _ in title_slips([f"《{a}》", f"《{b}》", f"《{b}》"])] == [1, 2]
    # a listed title cited as listed, then otherwise, then as listed again: the one slip has the fix
    found = title_slips([f"《{REGULATION}》", "《湖南省安全生产条列》", f"《{REGULATION}》"])
    assert [(piece, slip.fix) for piece, slip in found] == [(1, REGULATION)]
