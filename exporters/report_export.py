"""Export one report to .xlsx and/or .docx: the one code path of the CLI and the window."""

from __future__ import annotations

from pathlib import Path

from exporters.docx_report import write_docx
from exporters.docx_style import FontNames
from exporters.xlsx import write_xlsx
from storage.store import Store


def export_report(
    store: Store,
    unit: str,
    year: int,
    *,
    xlsx: Path | None = None,
    docx: Path | None = None,
    numbering: str | None = None,
) -> list[Path]:
    """``numbering`` (forms/numbering.py) overrides the report's stored choice for this export."""
    data = store.report_data(store.require_report(unit, year))
    data.numbering = numbering
    written = []
    if xlsx is not None:
        write_xlsx(xlsx, data)
        written.append(Path(xlsx))
    if docx is not None:
        fonts = FontNames.windows() if store.font_set() == "windows" else FontNames()
        write_docx(docx, data, fonts)
        written.append(Path(docx))
    return written
