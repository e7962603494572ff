"""Export one report to .xlsx and/or .docx: the one code path of the CLI and the window."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from exporters.docx_report import write_docx
from exporters.docx_style import FontNames
from exporters.files import check_targets
from exporters.xlsx import write_xlsx
from forms.aggregate import Member, breakdowns, in_template
from forms.errors import UserError
from storage import templates
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
    written: list[Path] = []
    try:
        if xlsx is not None:
            # A city's 汇总 adds one sheet per attachment with each unit's figures and the 合计.
            # Each member moved into the 汇总's own template (a renamed field under its new name).
            target = store.template_of(data.report)
            units = []
            for member in (store.require_report(u, year) for u in store.aggregate_members(unit, year)):
                own = Member(store.report_data(member, with_text=False), store.template_of(member))
                units.append(in_template(own, target, templates.all_known(store))[0])
            write_xlsx(xlsx, data, breakdowns(year, units, target.forms) if units else ())
            written.append(Path(xlsx))
        if docx is not None:
            fonts = FontNames.windows() if store.font_set() == "windows" else FontNames()
            write_docx(docx, data, fonts)
            written.append(Path(docx))
    except UserError as exc:
        _backup(store, written)
        partial = _partial(exc, written, targets)
        if partial is None:
            raise
        raise partial from exc
    _backup(store, written)
    return written


def _backup(store: Store, written: list[Path]) -> None:
    if written and not store.in_memory:
        # The state that was sent, kept among the last ten; a backup folder we cannot write must
        # not undo an export that worked.
        with suppress(StorageError):
            store.backup("export")


class PartialExport(UserError):
    """One file of two was written: ``written`` says which."""

    def __init__(self, message: str, written: list[Path]) -> None:
        super().__init__(message)
        self.written = written


def _partial(exc: UserError, written: list[Path], targets: list[Path]) -> PartialExport | None:
    """The failure of one file of two in one line that says which was written and which not
    (the failed file's own message says its old content is kept; the other one's was replaced)."""
    failed = targets[len(written)]
    rest = targets[len(written) + 1 :]
    if not written and not rest:
        return None  # one file asked for: its own message says it all
    reason = exc.message.removeprefix(f"无法写入 {failed}：")
    parts = [f"已导出 {path}" for path in written] + [f"{failed} 未导出：{reason}"]
    parts += [f"{path} 未导出" for path in rest]
    return PartialExport("；".join(parts), written)
