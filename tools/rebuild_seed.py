"""Rebuild a real report's text in the app, through the domain API, to compare the export with it.

    python3 tools/rebuild_seed.py SEED.txt OUT.docx [--kind rule_of_law] [--figures]

The seed's text is pasted as a clerk would (forms.paste_report.parse_pasted) into the sample report
(fictional contact person); ``--figures`` links the figures that 附件2 holds (seed 000's).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from exporters.report_export import export_report
from forms import text_edits as edits
from forms.paste_report import PastedReport, parse_pasted
from storage.pasted_text import put_pasted
from storage.report_text import ReportTexts
from storage.sample import create_sample
from storage.store import Store
from storage.text_changes import apply_text

# Seed 000's figures as the tables hold them: the text links them instead of typing them.
LINKS = {
    r"行政许可 ?178 ?件": "行政许可{{a2.license.cur}}件",
    r"行政强制 ?2 ?件": "行政强制{{a2.coercion.cur}}件",
    r"行政处罚 ?78 ?件": "行政处罚{{a2.penalty.cur}}件",
    r"罚没收入 ?419\.9252 ?万元": "罚没收入{{a2.fines.cur.wan}}万元",
}


def build_seed(text: str, out: Path, kind: str = "enforcement", *, figures: bool = False) -> PastedReport:
    """Paste ``text`` into a fresh sample report and export its .docx to ``out``."""
    if figures:
        for pattern, token in LINKS.items():
            text = re.sub(pattern, token, text)
    pasted = parse_pasted(text)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "seed.sqlite3")
        report = create_sample(store)
        texts = ReportTexts(store)
        texts.open(report, kind)
        put_pasted(texts, report, pasted, kind=kind, replace=True)  # as the window's paste does
        unit_line = texts.get(report, kind).unit_line
        if unit_line:
            apply_text(texts, report, edits.set_signer(texts.get(report, kind), unit_line))
        export_report(store, report.unit, report.year, docx=out, kind=kind)
        store.close()
    return pasted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("seed", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--kind", default="enforcement")
    parser.add_argument("--figures", action="store_true")
    args = parser.parse_args()
    pasted = build_seed(args.seed.read_text(encoding="utf-8"), args.out, args.kind, figures=args.figures)
    print(f"{args.out}: {len(pasted.sections)} headings, run-in levels {sorted(pasted.run_in or ())}")


if __name__ == "__main__":
    main()
