"""The 审核 panel's groups, decided in the domain: which findings, under which title, in what order."""

from __future__ import annotations

from forms.audit import audit
from forms.finding_groups import (
    UNTOUCHED,
    UNTOUCHED_TITLE,
    check_name,
    fix_all_label,
    fix_label,
    group_findings,
    same_fixes,
)
from forms.findings import CellLocation, ContactLocation, Finding, TextLocation, of_form
from forms.registry import FORMS
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.rules import Severity
from forms.text_edits import LEAD
from tests.support.reports import sample_data

HINT, ERROR = Severity.HINT, Severity.ERROR


def finding(where, severity=HINT, code="X") -> Finding:
    return Finding(where, severity, "", code)


CONTACT = finding(ContactLocation("contact_phone"))
TEXT = finding(TextLocation("s1", "body", (0, 2)))
A2 = finding(CellLocation("a2", CellKey(MAIN_ROW, "license", 2024)))
A5_HINT = finding(CellLocation("a5", CellKey("r1", "transferred")))
A5_ERROR = finding(CellLocation("a5", CellKey("r2", "transferred")), ERROR)


def titles(groups) -> list[str]:
    return [g.title for g in groups]


def test_tables_in_template_order_then_the_text_then_the_contact_line():
    groups = group_findings([CONTACT, TEXT, A5_HINT, A2], FORMS)
    assert titles(groups) == ["附件2", "附件5", "报告正文", "填报单位和联系人"]
    assert [g.key for g in groups] == ["a2", "a5", "text", "contact"]


def test_a_group_with_an_error_comes_first_and_lists_its_errors_first():
    groups = group_findings([CONTACT, A2, A5_HINT, A5_ERROR], FORMS)
    assert titles(groups) == ["附件5", "附件2", "填报单位和联系人"]
    assert groups[0].findings == [A5_ERROR, A5_HINT]


def test_an_untouched_report_lists_its_errors_and_folds_the_tables_hints_into_one_group():
    groups = group_findings([CONTACT, A2, A5_ERROR, A5_HINT, TEXT], FORMS, untouched=True)
    # the text's and the contact line's stay their own: a pasted report's 校对 is never filed as a table's blank
    assert titles(groups) == ["附件5", UNTOUCHED_TITLE, "报告正文", "填报单位和联系人"]
    assert groups[0].findings == [A5_ERROR]
    assert groups[1].key == UNTOUCHED and groups[1].findings == [A2, A5_HINT]
    assert group_findings([A5_ERROR], FORMS, untouched=True)[-1].key == "a5"  # no hints: no such group
    assert titles(group_findings([TEXT], FORMS, untouched=True)) == ["报告正文"]


def test_the_sample_groups_and_a_grid_colours_only_its_own_cells():
    found = audit(sample_data(body="我局共办理行政处罚 80 件。"))
    assert titles(group_findings(found, FORMS)) == ["附件3", "附件2", "附件4", "附件5", "报告正文"]
    assert {f.where.form for f in of_form(found, "a3")} == {"a3"}
    assert all(isinstance(f.where, CellLocation) for f in of_form(found, "a2"))


def test_a_finding_of_a_table_the_template_lacks_is_listed_last_under_its_key():
    stray = finding(CellLocation("a9", CellKey("r1", "x")))
    groups = group_findings([stray, CONTACT, A2], FORMS)
    assert [(g.key, g.title) for g in groups] == [("a2", "附件2"), ("contact", "填报单位和联系人"), ("a9", "a9")]


def test_fix_all_gathers_the_texts_slips_of_the_chosen_kind_that_have_a_fix():
    def slip(where, code="PROOF_SPACE", fix="8") -> Finding:
        return Finding(where, HINT, "", code, fix)

    chosen = slip(TextLocation("s1", "body", (3, 5)))
    same = [chosen, slip(TextLocation(LEAD, "body", (3, 5)), fix="4"), slip(TextLocation("", "title", (6, 8)))]
    others = [
        slip(TextLocation("s1", "body", (9, 10)), code="PROOF_HALF_WIDTH", fix="，"),  # another kind
        slip(TextLocation("s1", "body", (0, 1)), fix=""),  # no fix to put in place
        slip(TextLocation("", "signer", None)),  # no place in the text
        slip(CellLocation("a2", CellKey(REASON_ROW, "license"))),  # a 原因简析: mended cell by cell
        slip(TextLocation("s2", "body", (0, 1)), code="PROOF_SEQUENCE", fix="三"),  # which number is wrong: the clerk's
    ]
    findings = [*others, *same]
    assert same_fixes(findings, chosen) == same
    assert fix_all_label(findings, chosen) == "同类全部改正（3 处）"
    assert check_name("PROOF_SPACE") == "多余的空格" and check_name("PROOF_TITLE") == "文件名称"
    for not_mendable in others[1:]:
        assert same_fixes(findings, not_mendable) == []
    assert same_fixes(findings, others[0]) == [others[0]]
    assert same_fixes(findings, None) == [] and fix_all_label(findings, None) == "同类全部改正"
    assert fix_all_label(findings, others[0]) == "同类全部改正"  # the only one of its kind


def test_fix_all_counts_its_slips_from_two_and_each_fix_button_says_what_it_does():
    def slip(start: int) -> Finding:
        return Finding(TextLocation("s1", "body", (start, start + 1)), HINT, "", "PROOF_SPACE", "8")

    assert fix_all_label([slip(0), slip(4)], slip(0)) == "同类全部改正（2 处）"
    assert fix_all_label([slip(0)], slip(0)) == "同类全部改正"  # one slip: no count
    font = Finding(TextLocation("s1", "body", (0, 1)), HINT, "", "PROOF_FONT", "")
    assert fix_label(font) == "改用 Windows 自带字体"
    assert check_name("PROOF_FONT") == "校对"  # a code no 校对 check lists: the general word


def test_in_a_group_errors_come_first_and_the_blanks_around_figures_last():
    blank = finding(TextLocation("s1", "body", (3, 4)), code="PROOF_SPACE")
    traditional = finding(TextLocation("s1", "body", (9, 10)), code="PROOF_TRADITIONAL")
    wrong = finding(TextLocation("s2", "body", (0, 2)), ERROR, "TEXT_NUMBER")
    (text,) = group_findings([blank, TEXT, traditional, wrong], FORMS)
    # seed 000's 65 blanks were listed before its 員, which a walkthrough had to scroll to
    assert text.findings == [wrong, TEXT, traditional, blank]
