"""校对 in the audit (issue 24): seed 000's 附件2 imported brings its 原因简析 slips, its text pasted
brings the text's; both are 提示 with the fix as the window puts it (a cell or the contact line whole,
a section's text at its span), listed by ``main.py audit``; the incremental ``Auditor`` equals ``audit()``
(tests/test_audit_incremental.py edits the text, the cells and the contact line with slips too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from forms.audit import Auditor, audit, errors
from forms.findings import CellLocation, ContactLocation, Finding, TextLocation
from forms.paste_report import parse_pasted
from forms.report import REASON_ROW, CellKey
from forms.rules import Severity
from importers.importing import import_file
from storage.pasted_text import put_pasted
from storage.report_text import ReportTexts
from storage.store import Store
from tests.test_import import seed_workbook
from tests.test_seed_outline import seed_text

UNIT, YEAR = "湘潭市应急管理局", 2024
ROOT = Path(__file__).resolve().parents[1]


def _seed_000(store: Store, tmp_path: Path) -> None:
    result = import_file(store, seed_workbook(tmp_path / "seed.xlsx", as_numbers=True))
    assert (result.unit, result.year) == (UNIT, YEAR), result.message
    report = store.require_report(UNIT, YEAR)
    put_pasted(ReportTexts(store), report, parse_pasted(seed_text("000")), replace=True)


def test_the_seeds_reasons_arrive_through_its_table_with_their_fixes(store: Store, tmp_path: Path) -> None:
    _seed_000(store, tmp_path)
    report = store.require_report(UNIT, YEAR)
    found = audit(store.report_data(report))
    proof = [f for f in found if f.code.startswith("PROOF_")]
    assert all(f.severity is Severity.HINT for f in proof)
    cells = {(f.where.key.field, f.code, f.fix) for f in proof if isinstance(f.where, CellLocation)}
    assert ("license", "PROOF_HALF_WIDTH", "市场经营行为，自然增加") in cells
    assert (
        "complaint_cases",
        "PROOF_DOUBLED",
        "鼓励支持群众监督, 2024年投诉举报较2023年有所提升",
    ) in cells
    assert ("complaint_cases", "PROOF_HALF_WIDTH", "鼓励支持群众监督，2024年年投诉举报较2023年有所提升") in cells
    lenient = "打造法治化营商环境，秉持包容审慎执法理念, 落实安全生产领域轻微违法行为不予行政处罚、从轻减轻处罚。"
    assert ("inspection", "PROOF_HALF_WIDTH", lenient) in cells
    assert all(f.where.key.row == REASON_ROW for f in proof if isinstance(f.where, CellLocation))
    doubled = next(f for f in proof if f.code == "PROOF_DOUBLED")
    assert doubled.message == (
        "校对：投诉举报为线索来源办案数的原因简析“年年”多了一个“年”："
        "“支持群众监督, 2024年年投诉举报较2023年有所”，应为“支持群众监督, 2024年投诉举报较2023年有所”"
    )
    texts = [f for f in proof if isinstance(f.where, TextLocation)]
    assert ("PROOF_TRADITIONAL", "员") in {(f.code, f.fix) for f in texts}
    assert not errors(proof)


def test_the_contact_line_is_proofread_with_the_line_mended(store: Store) -> None:
    report = store.create_report("某县应急管理局", YEAR)
    report = store.update_contact(
        report.id, filler="某县应急管理局", contact_person="张 三", contact_phone="13800000000"
    )
    (finding,) = [f for f in audit(store.report_data(report)) if f.code.startswith("PROOF_")]
    assert (finding.where, finding.fix) == (ContactLocation("contact_person"), "张三")


def test_the_auditor_keeps_equal_to_audit_over_the_seed(store: Store, tmp_path: Path) -> None:
    _seed_000(store, tmp_path)
    report = store.require_report(UNIT, YEAR)
    auditor = Auditor()
    data = store.report_data(report)
    assert auditor.findings(data) == audit(data)
    a2 = data.form("a2")
    a2.values[CellKey(REASON_ROW, "license")] = "市场经营行为，自然增加"
    auditor.changed("a2", [CellKey(REASON_ROW, "license")])
    assert auditor.findings(data) == audit(data)


def test_main_audit_lists_the_proofreading(store: Store, tmp_path: Path) -> None:
    _seed_000(store, tmp_path)
    store.close()
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "audit", "--db", str(store.path), "--unit", UNIT, "--year", "2024"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONUTF8": "1"},
    )
    lines = result.stdout.splitlines()
    assert any(line.startswith("提示\t附件2 数据变化原因简析 行政许可\t校对：") for line in lines), result.stdout
    assert any("“員”是繁体字" in line for line in lines)


def test_the_seeds_table_count(store: Store, tmp_path: Path) -> None:
    _seed_000(store, tmp_path)
    found = audit(store.report_data(store.require_report(UNIT, YEAR)))
    cells = [f for f in found if f.code.startswith("PROOF_") and isinstance(f.where, CellLocation)]
    fields = {f.where.key.field for f in cells}  # type: ignore[union-attr]
    assert (sum(f.code == "PROOF_HALF_WIDTH" for f in cells), len(fields)) == (10, 6)
    assert sum(f.code == "PROOF_DOUBLED" for f in cells) == 1


def test_the_fix_buttons_words_follow_the_finding() -> None:
    from forms.finding_groups import fix_label

    link = Finding(TextLocation("s1", "body", (0, 2)), Severity.HINT, "…", "TEXT_FIGURE", "{{a2.penalty.cur}}")
    proof = Finding(TextLocation("s1", "body", (0, 1)), Severity.HINT, "…", "PROOF_TRADITIONAL", "员")
    assert (fix_label(link), fix_label(proof), fix_label(None)) == (
        "改为链接的表格数据",
        "按建议改正",
        "按建议改正",  # nothing chosen: the button (greyed) says what it does in general
    )


def test_a_fix_is_put_in_any_part_of_the_text_as_one_named_step() -> None:
    from forms import text_edits as edits
    from forms.report import ReportText, Section

    text = ReportText(
        "enforcement", "某县 2024 年报告", "某 县", None, (), (Section("s1", 1, "一、基本情况", "甲 乙"),), lead="丙 丁"
    )
    heading = edits.apply_fix(text, "s1", (0, 3), "基", "按建议改正", "heading")
    assert heading.after.sections[0].heading == "基本情况" and heading.label.startswith("按建议改正 ")
    assert edits.apply_fix(text, "", (1, 3), "县", "按建议改正", "title").after.title == "某县2024 年报告"
    assert edits.apply_fix(text, "", (0, 2), "某", "按建议改正", "signer").after.signer == "某县"
    assert edits.apply_fix(text, edits.LEAD, (0, 2), "丙", "按建议改正").after.lead == "丙丁"
    body = edits.apply_fix(text, "s1", (0, 2), "甲", "按建议改正")
    assert body.after.sections[0].body == "甲乙" and body.label == "按建议改正 一、一、基本情况"
