"""The five real reports, pasted whole (from their text, and from a .docx of it with its bold), export
with every paragraph, heading number, run-in choice and bold span as the seed prints them.

Compared paragraph by paragraph with python-docx (no render needed: the render's own checks are
tests/test_report_characters_pdf.py). Folded on both sides: blanks (the seeds' ``2024 年``, ``1. ``)
and half-width brackets, which the export prints full-width (001's ``(一)`` → ``（一）``).

The seeds split some paragraphs where the original's page broke (``PAGE_BREAKS``: the line endings
where it happens). The paste joins those itself; the expected paragraphs are the seed's lines with
them joined, 000's item 3 too (``3. 加强…培训力`` / ``度，…``: an item of a list a line end broke, shaped
as a heading but next to an item of its list) and its line ending inside a title (``…余册《安全`` /
``生产…》``). One extraction artefact is repaired in the test's copy (``REPAIRS``): a Word bookmark left in
003's text.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from exporters.report_export import export_report
from forms.emphasis import SPAN
from forms.paste_report import numbered, parse_pasted
from forms.rich_text import marked
from importers.word_report import read_word_report
from storage.pasted_text import put_pasted
from storage.report_text import ReportTexts
from storage.sample import create_sample
from storage.store import Store

SEEDS = Path(__file__).parent / "data" / "seeds"
KINDS = {"000": "enforcement", "001": "rule_of_law", "002": "rule_of_law", "003": "enforcement", "004": "rule_of_law"}
TITLE_LINES = {"000": 2, "001": 1, "002": 2, "003": 1, "004": 1}  # the unit line and the title, as printed
REPAIRS = {
    "003": [("[bookmark: _GoBack]", "")],
}
PAGE_BREAKS = {
    "000": [
        *("实施固定式全覆盖检查，通过", "裁量基准已覆盖", "本领域行政处罚权以", "模拟执法过程，练习"),
        *("培训力", "余册《安全"),  # a list's item, a title: each broken where a line ended
    ],
    "001": ["“安全生产法", "在门户网站上予", "有力提高基层应急处置", "将全市", "个个会应急”良"],
}
_FOLD = str.maketrans("()", "（）")


def fold(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(_FOLD)


def seed_text(name: str) -> str:
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    for before, after in REPAIRS.get(name, []):
        assert before in text, before
        text = text.replace(before, after)
    return text


def seed_paragraphs(name: str, *, title: bool = False) -> list[str]:
    """The seed's body as it prints it: one line a paragraph, after the title (``title``: with it), before
    the attachments."""
    lines = [line.strip() for line in seed_text(name).split("\n") if line.strip()]
    head, lines = lines[: TITLE_LINES[name]], lines[TITLE_LINES[name] :]
    end = next((i for i, line in enumerate(lines) if re.match(r"^附\s*件\s*\d", line)), len(lines))
    out: list[str] = []
    broken = False
    for line in lines[:end]:
        if broken:
            out[-1] += line
        else:
            out.append(line)
        broken = line.endswith(tuple(PAGE_BREAKS.get(name, [])))
    return head + out if title else out


def as_docx(text: str, path: Path) -> Path:
    """The seed as a Word file would hold it: a paragraph a line, each ``**…**`` a bold run."""
    document = docx.Document()
    for line in text.split("\n"):
        paragraph = document.add_paragraph()
        at = 0
        for m in SPAN.finditer(line):
            paragraph.add_run(line[at : m.start()])
            paragraph.add_run(m[1]).bold = True
            at = m.end()
        paragraph.add_run(line[at:])
    document.save(str(path))
    return path


def exported(tmp_path: Path, name: str, text: str, *, wrapped: bool = True) -> docx.document.Document:
    store = Store(tmp_path / f"{name}.sqlite3")
    report = create_sample(store)
    kind = KINDS[name]
    ReportTexts(store).open(report, kind)
    put_pasted(ReportTexts(store), report, parse_pasted(text, wrapped=wrapped), kind=kind, replace=True)
    out = tmp_path / f"{name}.docx"
    export_report(store, report.unit, report.year, docx=out, kind=kind)
    store.close()
    return docx.Document(str(out))


def body_of(document) -> list[docx.text.paragraph.Paragraph]:
    """The paragraphs between the blank line under the title and the blank line before 附件说明."""
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if not p.text.strip()) + 1
    end = next(i for i in range(start, len(paragraphs)) if not paragraphs[i].text.strip())
    return paragraphs[start:end]


def bold_spans(paragraphs) -> list[str]:
    """Bold stretches of the body that are not a whole heading (headings take bold from their level)."""
    spans = []
    for p in paragraphs:
        text = marked([(run.text, bool(run.bold)) for run in p.runs])
        spans += [m[1] for m in SPAN.finditer(text) if fold(m[1]) != fold(p.text)]
    return spans


def _compare(name: str, document) -> None:
    body = body_of(document)
    expected = seed_paragraphs(name)
    got = [fold(p.text) for p in body]
    want = [fold(SPAN.sub(r"\1", line)) for line in expected]
    for i, (a, b) in enumerate(zip(got, want, strict=False)):
        assert a == b, f"{name} paragraph {i + 1}:\n printed {a[:60]}\n seed    {b[:60]}"
    assert len(got) == len(want), f"{name}: {len(got)} paragraphs printed, the seed has {len(want)}"
    seed_bold = [fold(m[1]) for line in expected for m in SPAN.finditer(line)]
    marked_bold = [s for s in bold_spans(body) if numbered(s) is None]  # a level-3 heading prints bold
    assert [fold(s) for s in marked_bold] == seed_bold


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_seed_pasted_as_text_exports_as_it_prints(tmp_path: Path, name: str) -> None:
    _compare(name, exported(tmp_path, name, seed_text(name)))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_seed_from_its_word_file_exports_as_it_prints(tmp_path: Path, name: str) -> None:
    # A Word file holds whole paragraphs: the seed's page-break splits are joined in it, as its source had them
    source = "\n".join(seed_paragraphs(name, title=True))
    text = read_word_report(as_docx(source, tmp_path / f"{name}-source.docx"))
    assert [m[1] for m in SPAN.finditer(text)] == [m[1] for m in SPAN.finditer(seed_text(name))]  # bold kept
    _compare(name, exported(tmp_path, name, text, wrapped=False))


def test_the_seeds_outline_choices_are_recognised() -> None:
    """What the issue measured: 004's 1、/（1）, 002's unnumbered heading and its one standalone （四）."""
    p004 = parse_pasted(seed_text("004"))
    assert p004.styles[:2] == ("1、", "（1）")
    p002 = parse_pasted(seed_text("002"))
    unnumbered = [s for s in p002.sections if not s.numbered]
    assert [s.heading for s in unnumbered] == ["下一步工作打算"] and unnumbered[0].level == 1
    assert [s.heading[:4] for s in p002.sections[p002.sections.index(unnumbered[0]) + 1 :]] == ["持续强化"] * 3
    standalone = [s.heading for s in p002.sections if s.level == 2 and s.run_in is False]
    assert standalone == ["深化普法宣传教育，营造浓厚法治氛围"] and 2 in p002.run_in
    p000 = parse_pasted(seed_text("000"))
    last = p000.sections[-1]
    assert last.heading == "下一步工作打算或计划" and len(last.body.split("\n")) == 3  # three list items
    assert parse_pasted(seed_text("001")).joined >= 1  # 安全生产法 / 宣传周, split by a page break
