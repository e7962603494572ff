"""Export one report to .xlsx and/or .docx: the one code path of the CLI and the window."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from exporters.docx_report import write_docx
from exporters.docx_style import FontNames
from exporters.files import check_targets
from exporters.xlsx import write_xlsx
from forms.aggregate import breakdowns
from storage.database import StorageError
from storage.store import Store


def export_report(
    store: Store,
    unit: str,
    year: int,
    *,
    xlsx: Path | None = None,
    docx: Path | None = None,
    numbering: str | None = None,
    kind: str | None = None,
) -> list[Path]:
    """``numbering`` (forms/numbering.py) overrides the report's stored choice for this export;
    ``kind`` names which of the report's texts the .docx carries (None: the one open in the window)."""
    targets = [Path(p) for p in (xlsx, docx) if p is not None]
    check_targets(targets, database=None if store.in_memory else store.path)
    data = store.report_data(store.require_report(unit, year), kind=kind)
    data.numbering = numbering
    written = []
    if xlsx is not None:
        # A city's 汇总 adds one sheet per attachment with each unit's figures and the 合计.
        units = [
            store.report_data(store.require_report(u, year), with_text=False)
            for u in store.aggregate_members(unit, year)
        ]
        write_xlsx(xlsx, data, breakdowns(year, units, store.forms) if units else ())
        written.append(Path(xlsx))
    if docx is not None:
        fonts = FontNames.windows() if store.font_set() == "windows" else FontNames()
        write_docx(docx, data, fonts)
        written.append(Path(docx))
    if written and not store.in_memory:
        # The state that was sent, kept among the last ten; a backup folder we cannot write must
        # not undo an export that worked.
        with suppress(StorageError):
            store.backup("export")
    return written
