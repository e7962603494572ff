"""Import workbooks into the store: each file whole or not at all, with a line per file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from forms.audit import PreviousFigures, audit
from forms.audit import errors as errors_of
from forms.changes import Cells
from forms.errors import UserError
from forms.finding_groups import cell_place
from forms.report import REASON_ROW, CellKey, FormData, Report, ReportData
from forms.template import Template
from forms.template_moves import moves
from importers.import_run import ImportRun
from importers.workbook import FormRead, WorkbookRead, read_workbook
from storage import imported_files, templates
from storage.store import Store

IMPORTED = "已导入"
REPLACED = "已替换"
SAME = "与上次导入的文件相同，没有改动"
REJECTED = "未导入"


@dataclass
class FileResult:
    path: Path
    status: str  # IMPORTED, REPLACED, SAME or REJECTED
    unit: str = ""
    year: int | None = None
    message: str = ""  # why it was rejected
    changes: list[str] = field(default_factory=list)  # figures a replacement changed
    disagreements: list[str] = field(default_factory=list)  # the file's own 同比增减 against its figures
    notes: list[str] = field(default_factory=list)  # what the file lacks, or another unit an attachment names
    errors: int = 0  # the imported report's audit: 错误 (must be fixed)
    hints: int = 0  # and 提示 (a look or a word)
    # The report's data and last year's figures as written, until the audit has counted them (after the commit)
    to_audit: tuple[ReportData, PreviousFigures | None] | None = field(default=None, repr=False, compare=False)

    @property
    def rejected(self) -> bool:
        return self.status == REJECTED

    @property
    def findings(self) -> int:
        return self.errors + self.hints

    def line(self) -> str:
        """One line for the command line and the window's list."""
        if self.rejected:
            why = self.message.removeprefix(self.path.name + "：").removesuffix("，" + REJECTED)
            return f"{self.path.name}\t-\t-\t{REJECTED}：{why}"
        if self.status == SAME:
            return f"{self.path.name}\t{self.unit}\t{self.year}\t{SAME}"
        extra = f"（改动 {len(self.changes)} 处）" if self.status == REPLACED else ""
        found = f"附件审核发现 错误 {self.errors} 条、提示 {self.hints} 条"
        return f"{self.path.name}\t{self.unit}\t{self.year}\t{self.status}{extra}，{found}"

    def details(self) -> list[str]:
        """What the clerk should look at, one line each, under the file's line."""
        return (
            [f"提示：{n}" for n in self.notes]
            + [f"同比增减不一致：{d}" for d in self.disagreements]
            + [f"改动：{c}" for c in self.changes]
        )


def results_summary(results: list[FileResult]) -> str:
    """The line under an import's list: how many files came in, were the same as last time, did not."""
    rejected = sum(r.rejected for r in results)
    same = sum(r.status == SAME for r in results)
    imported = len(results) - rejected - same
    return f"共 {len(results)} 个文件：导入 {imported} 个，与上次相同 {same} 个，未导入 {rejected} 个。"


WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods")  # what importers/reading.py reads


def workbooks_in(folder: Path) -> list[Path]:
    """The workbooks a folder stands for: its .xlsx, .xls and .ods files (any case), sorted, not the lock
    files Excel/WPS (``~$…``) and LibreOffice (``.~lock.…#``) keep beside an open one."""
    return sorted(
        p
        for p in Path(folder).iterdir()
        if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith(("~$", ".~lock.")) and p.is_file()
    )


def changed_figures(form: FormRead | FormData, before: dict[CellKey, object]) -> list[str]:
    """What a replacement changed, in the clerk's words: ``附件2 行政检查(2024) 190 → 200``."""
    spec = form.spec
    out = []
    for key in sorted(set(before) | set(form.values), key=lambda k: (k.row, k.field, k.period)):
        old, new = before.get(key), form.values.get(key)
        if old == new:
            continue
        try:
            kind = spec.field(key.field).kind
        except KeyError:
            continue
        show = (lambda v: "未填" if v is None else str(v)) if key.row == REASON_ROW else kind.text
        out.append(f"{cell_place(spec, form.rows, key)}：{show(old) or '未填'} → {show(new) or '未填'}")
    return out


def changed_lines(before: Report, after: Report) -> list[str]:
    """The 填报单位 and contact lines a replacement changed, as the form prints them."""
    out = []
    for line in (Report.filler_line, Report.contact_line):
        old, new = line(before), line(after)
        if old != new:
            label, _, old_text = old.partition("：")
            out.append(f"{label}：{old_text or '未填'} → {new.partition('：')[2] or '未填'}")
    return out


def known_templates(store: Store) -> tuple[Template, ...]:
    """Every template a workbook may be of: the program's and those the file carries, oldest first."""
    return templates.all_known(store)


Forms = dict[str, tuple[list[str], Cells]]


def _into(
    store: Store, read: WorkbookRead, report: Report | None
) -> tuple[str, Forms, dict[str, list[str]], list[str]]:
    """The workbook's forms as the report takes them: (template version, forms, fields kept, 提示).
    A report of another template takes them moved along the key changes between the two; a field
    the file does not give (no column for it, or none in its template) keeps what the report holds."""
    forms: Forms = {key: (form.rows, form.values) for key, form in read.forms.items()}
    if report is None or report.template == read.template.version:
        return read.template.version, forms, read.missing, read.hints()
    target = store.template_of(report)
    moved = moves(read.template, target, known_templates(store))
    out: Forms = {}
    keep: dict[str, list[str]] = {}
    notes: list[str] = []
    for key, (rows, values) in forms.items():
        own, spec = read.forms[key].spec, next((s for s in target.forms if s.key == key), None)
        if spec is None:
            notes.append(f"{own.label}：{report.name}的表样 {target.version} 没有这张附件，没有导入")
            continue
        cells, left = moved.cells(key, values)
        out[key] = (rows, cells)
        for field_key in left:
            label = own.field(field_key).label
            notes.append(f"{spec.label}的“{label}”一列，{report.name}的表样 {target.version} 没有，没有导入")
        absent = {moved.key(key, k) for k in read.missing.get(key, [])} | moved.lacking.get(key, frozenset())
        lacking = [f.key for f in spec.fields() if f.key in absent]
        if lacking:
            keep[key] = lacking
            labels = "、".join(f"“{spec.field(k).label}”" for k in lacking)
            notes.append(f"{spec.label}：这个工作簿没有{labels}一列，报表中原有的保留")
    return target.version, out, keep, notes


def import_file(store: Store, path: Path) -> FileResult:
    """One file, as a run of one (``import_files``)."""
    return import_files(store, [path])[0]


def _rejected(path: Path, exc: UserError) -> FileResult:
    message = exc.message if exc.message.startswith(path.name) else f"{path.name}：{exc.message}"
    return FileResult(path, REJECTED, message=message)


def _lost(result: FileResult, why: str) -> FileResult:
    """A file whose data SQLite rolled back with the run's whole transaction: not imported after all
    (a file refused, or the same as last time, wrote nothing and keeps its own line)."""
    if result.status not in (IMPORTED, REPLACED):
        return result
    return _rejected(result.path, UserError(f"{why.removesuffix('。')}，没有保存"))


def _read(path: Path, known: tuple[Template, ...]) -> WorkbookRead | FileResult:
    """The workbook, or its refusal: read with no transaction open (importers/import_run.py)."""
    try:
        return read_workbook(path, known)
    except UserError as exc:
        return _rejected(path, exc)


def _write(store: Store, path: Path, read: WorkbookRead | FileResult, run: ImportRun[FileResult]) -> FileResult:
    """One file's writes, in its savepoint of the batch's transaction."""
    if isinstance(read, FileResult):
        return read  # refused while read
    try:
        before = store.find_report(read.unit, read.year)
        if before is not None and imported_files.unchanged_since(store, before.id, read.sha256):
            return FileResult(path, SAME, before.unit, before.year)  # the file its figures came from
        if before is not None:
            run.before_replacing()
        with run.savepoint():
            version, forms, keep, notes = _into(store, read, before)
            notes = read.unit_notes + notes
            report, previous, written = store.import_forms(
                read.unit,
                read.year,
                forms,
                filler=read.filler,
                contact_person=read.contact_person,
                contact_phone=read.contact_phone,
                keep=keep,
                template=version,
                source=path.name,
            )
            imported_files.record(store, report.id, path.name, read.sha256)
            # What the audit reads, as the file now holds it: the forms just written are not read again,
            # and the audit itself runs once the batch is committed (``_audited``), outside the transaction.
            data = store.report_data(report, with_text=False, written=written)
            last_year = store.previous_year_figures(report)
    except UserError as exc:
        return _rejected(path, exc)
    changes: list[str] = changed_lines(before, report) if before is not None else []
    if previous is not None:  # compared under the report's own keys (a workbook of another template moved)
        for key, (rows, values) in forms.items():
            changes += changed_figures(FormData(store.spec_of(report, key), rows, dict(values)), previous.get(key, {}))
    status = IMPORTED if previous is None else REPLACED
    result = FileResult(path, status, report.unit, report.year, "", changes, read.disagreements, notes)
    result.to_audit = (data, last_year)
    return result


def _audited(result: FileResult) -> FileResult:
    """The result with its report's audit counted (a pure computation on the data kept with it)."""
    if result.to_audit is not None:
        findings = audit(*result.to_audit)
        result.to_audit = None
        result.errors = len(errors_of(findings))
        result.hints = len(findings) - result.errors
    return result


@dataclass(frozen=True)
class FileLook:
    """What a chosen file holds before it is imported: its unit and year, or why it cannot be."""

    path: Path
    unit: str = ""
    year: int | None = None
    message: str = ""  # why it would not be imported

    @property
    def rejected(self) -> bool:
        return self.year is None

    def line(self) -> str:
        if self.rejected:
            return f"{self.path.name}\t-\t-\t无法导入：{self.message.removeprefix(self.path.name + '：')}"
        return f"{self.path.name}\t{self.unit}\t{self.year}年"


def look_at_file(path: Path, store: Store) -> FileLook:
    """Read a file as the import will (the same guarded boundary and form reading), storing nothing."""
    path = Path(path)
    try:
        read = read_workbook(path, known_templates(store))
    except UserError as exc:
        return FileLook(path, message=exc.message.removesuffix("，" + REJECTED))
    return FileLook(path, read.unit, read.year)


def import_files(
    store: Store, paths: list[Path], progress: Callable[[int, FileResult], None] | None = None
) -> list[FileResult]:
    """Import the files in one run (importers/import_run.py): ``progress`` hears of each file, in order,
    once what it wrote is committed."""
    results: list[FileResult] = []

    def say(result: FileResult) -> None:
        results.append(_audited(result))
        if progress is not None:
            progress(len(results) - 1, result)

    known = known_templates(store)  # read once a run (each read parses the templates the file carries)
    with ImportRun(store, say, _lost) as run:
        for batch in run.batches([Path(p) for p in paths], lambda path: _read(path, known)):
            for path, read in batch:
                run.done(_write(store, path, read, run))
    return results
