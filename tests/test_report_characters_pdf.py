"""No character of the Word report is lost in LibreOffice's PDF: the sample and the five seed reports,
with the test fonts (stand-ins for 仿宋_GB2312 & co.) and with the machine's own fonts.

LibreOffice 7.4 lays a closing mark that follows a full justified line out as a hanging portion past
the right edge and never paints it (4–9 of ，。、 a report went missing); exporters/docx_style.py
``_overflow_punct`` says how the export keeps it. Each document is rendered once per font set, all
in one soffice run."""

from __future__ import annotations

import collections
import difflib
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from exporters.report_export import export_report
from storage.sample import create_sample
from storage.store import Store
from tests.support import libreoffice
from tools.rebuild_seed import build_seed

pytestmark = pytest.mark.libreoffice
SEEDS = Path(__file__).parent / "data" / "seeds"  # the five real reports, contact person made up
RULE_OF_LAW = {"001", "002", "004"}  # the seeds that are 法治政府建设 reports
DOCUMENTS = ["sample", *sorted(p.stem for p in SEEDS.glob("*.txt"))]
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    store = Store(folder / "sample.sqlite3")
    try:
        sample = create_sample(store)
        export_report(store, sample.unit, sample.year, docx=folder / "sample.docx")
    finally:
        store.close()
    for seed in sorted(SEEDS.glob("*.txt")):
        kind = "rule_of_law" if seed.stem in RULE_OF_LAW else "enforcement"
        build_seed(seed.read_text(encoding="utf-8"), folder / f"{seed.stem}.docx", kind, figures=seed.stem == "000")
    return {name: folder / f"{name}.docx" for name in DOCUMENTS}


@pytest.fixture(scope="module", params=[True, False], ids=["test-fonts", "own-fonts"])
def pdfs(request, documents, tmp_path_factory) -> dict[str, Path]:
    rendered = libreoffice.to_pdfs(list(documents.values()), tmp_path_factory.mktemp("pdf"), test_fonts=request.param)
    return {name: rendered[path] for name, path in documents.items()}


def _docx_text(path: Path) -> str:
    """Every character of the document body (the narrative and the attachment tables), no blanks."""
    body = Document(str(path)).element.body
    return re.sub(r"\s+", "", "".join(t.text or "" for t in body.iter(qn("w:t"))))


def _pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", PAGE_NUMBER.sub("", out))


def lost_characters(docx: Path, pdf: Path) -> tuple[int, list[str]]:
    """How many characters of the .docx the PDF's text lacks (counted, order aside: pdftotext may
    read table cells in another order), and where the missing ones stood in the body text."""
    printed, written = _pdf_text(pdf), _docx_text(docx)
    missing = collections.Counter(written) - collections.Counter(printed)
    where = [
        written[max(0, a - 8) : a + 8]
        for tag, a, _a1, _b, _b1 in difflib.SequenceMatcher(None, written, printed, autojunk=False).get_opcodes()
        if tag == "delete"
    ]
    return sum(missing.values()), where


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_character_is_printed(documents, pdfs, name):
    count, where = lost_characters(documents[name], pdfs[name])
    assert count == 0, where
