"""Hygiene at the exit: text an older version or a hand edit left in the file (Word's soft break, ESC,
NUL) never fails an export; both files drop it, and the audit names each place with a fix that
differs from what is stored."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import docx
import openpyxl
import pytest

import main as app
from forms.audit import audit
from forms.findings import ContactLocation, TextLocation
from storage.sample import create_sample
from storage.store import Store
from tests.support.ooxml import assert_valid

UNIT = "示例市应急管理局"


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    """The sample, then control characters written straight into the file, as no entry allows today."""
    db = tmp_path / "old.sqlite3"
    create_sample(Store(db))
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update reports set contact_person=?, filler=?", ("林\x1b某", "示例市\x0b应急管理局"))
        conn.execute(
            "update cells set value=? where form='a2' and row='reason' and field='inspection'",
            ("减少\x0b主要原因\x00",),
        )
        conn.execute("update sections set heading=heading||? where position=0", ("\x1b",))
        conn.execute("update sections set body=body||? where position=0", ("\x0c另起一页\x1b。",))
        conn.execute("update report_texts set title=title||?", ("\x08",))
    conn.close()
    return db


def _texts_of_docx(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_both_exports_of_old_text_succeed_and_hold_no_control_character(tmp_path: Path, old_db: Path, capsys) -> None:
    xlsx, docx_path = tmp_path / "附表.xlsx", tmp_path / "报告.docx"
    code = app.main(
        ["export", "--db", str(old_db), "--unit", UNIT, "--year", "2024", "--xlsx", str(xlsx), "--docx", str(docx_path)]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    for path in (xlsx, docx_path):
        assert_valid(path)
    cells = [c.value for ws in openpyxl.load_workbook(xlsx).worksheets for row in ws.iter_rows() for c in row]
    texts = [v for v in cells if isinstance(v, str)]
    assert "减少\n主要原因" in texts  # the soft break as a line break, NUL gone
    assert any("联系人和联系方式：林某" in t for t in texts)
    assert any("填报单位：示例市 应急管理局" in t for t in texts)  # one line: the break is a space
    body = _texts_of_docx(docx_path)
    assert "另起一页。" in body
    assert not any(ch in body for ch in "\x00\x08\x0b\x0c\x1b")


def test_the_audit_names_each_place_with_a_fix_that_differs(old_db: Path) -> None:
    store = Store(old_db)
    report = store.require_report(UNIT, 2024)
    found = audit(store.report_data(report), store.previous_year_figures(report))
    store.close()
    by_code: dict[str, list] = {}
    for f in found:
        by_code.setdefault(f.code, []).append(f)
    chars = [f for f in found if f.code in ("CONTACT_CHARS", "TEXT_CHARS")]
    kinds = [f for f in by_code["VALUE_KIND"] if "控制字符" in f.message]
    assert len(kinds) == 1 and kinds[0].fix == "减少\n主要原因"
    assert "“减少␋主要原因␀”" in kinds[0].message
    messages = [f.message for f in chars]
    assert any(m.startswith("联系人“林␛某”") and m.endswith("应为“林某”") for m in messages), messages
    assert any(m.startswith("填报单位“示例市␋应急管理局”") for m in messages), messages
    assert sum(f.code == "TEXT_CHARS" for f in chars) == 3, messages  # title, the first heading, its body
    for f in kinds + chars:  # the quote shows what the fix takes away: never the same text twice
        said, named = re.match(r"^.*?“(.*?)”.*应为“(.*?)”$", f.message).groups()
        assert said != named, f.message
        if f.fix:
            assert f.fix == named.replace(" ", "\n") or f.fix == named or f.fix.endswith(named.lstrip("…"))
    offered = {f.where.field if isinstance(f.where, ContactLocation) else f.where.part for f in chars if f.fix}
    assert offered == {"contact_person", "filler", "body"}  # the window applies these; a title's is named
    body = next(f for f in chars if isinstance(f.where, TextLocation) and f.where.part == "body")
    assert body.where.span is not None and body.fix.endswith("另起一页。") and "\x1b" not in body.fix
