"""The guarded boundary for every Office file from outside (a county's workbook, later a Word report or
a template): checked before any parsing library sees it, and whatever that library then raises on it
is a refusal naming the file, never a traceback.

What is checked here, independent of the reader (calamine for workbooks, python-docx for reports):
- the file itself: a regular file (a FIFO would block the read, a device never ends), at most
  ``MAX_FILE`` bytes; an OLE file is a password-protected package, an encrypted .xls or a plain .xls,
  told apart in ``importers/guard_ole.py`` (only the last is read, and only as a workbook);
- the zip: at most ``MAX_PARTS`` parts, each at most ``MAX_PART`` bytes unpacked and all together at
  most ``MAX_TOTAL`` — declared sizes first, then the real ones while unpacking, so a zip bomb is
  refused after reading at most the bound, not after inflating it;
- every XML part parsed with expat (no DTD, no entities: what a bomb or an XXE needs), so a damaged
  part anywhere is refused here and not as whatever the library happens to raise;
- in worksheets (.xlsx, and an .ods's ``content.xml``): a formula without a stored result (written by a
  tool, never opened in Excel/WPS: any reader would see a blank), rows or sheets with more cells than a
  form can have, and how far each sheet's filled cells reach (``importers/cell_span.py``: calamine
  builds a sheet as one dense block, and a block too large aborts the process).
"""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Generic, NamedTuple, TypeVar
from xml.parsers import expat

from forms.errors import UserError
from importers.cell_span import OdsScan, Spans
from importers.guard_ole import ENCRYPTED, XLS, Damaged, inspect_ole
from importers.sheet_scan import TooLarge, scan_worksheet
from importers.xlsx_parts import MAX_ROW_CELLS, MAX_SHEET_CELLS, Formula, PartScan, Sheets
from storage.path_check import describe, path_problem

T = TypeVar("T")

MAX_FILE = 50 << 20  # a county's workbook is 20–60 KB
MAX_PART = 50 << 20
MAX_TOTAL = 200 << 20
MAX_PARTS = 2000
_CHUNK = 1 << 16
_WELL_FORMED: set[bytes] = set()  # SHA-256 of parts expat found well-formed, no DTD or entity in them

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx/.docx are OLE files
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


@dataclass(frozen=True)
class Format:
    """How the messages name a kind of file, and what the old binary format of it is called."""

    name: str  # Excel 工作簿（.xlsx）
    program: str  # Excel/WPS
    old: str  # 旧版 Word（.doc）: an OLE file not read as this kind
    suffix: str  # .docx
    reads_xls: bool = False  # a plain OLE workbook (.xls) is read


WORKBOOK = Format("Excel 工作簿（.xlsx、.xls）或 ODS 表格（.ods）", "Excel/WPS", "", ".xlsx", reads_xls=True)
WORD = Format("Word 文档（.docx）", "Word/WPS", "旧版 Word（.doc）", ".docx")
TEXT = Format("报告文本（.txt）", "记事本/WPS", "", ".txt")


class ImportRejected(UserError):
    """A file the import refuses whole; the database is not touched."""


def refusal(path: Path, why: str) -> ImportRejected:
    return ImportRejected(f"{path.name}：{why}，未导入")


def check_file(path: Path, fmt: Format = WORKBOOK) -> bytes:
    """The first bytes of a regular, readable file of sane size; every other case is a refusal."""
    problem = path_problem(path)  # a name too long for the file system, a reserved name on Windows
    if problem is not None:
        raise refusal(path, problem)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise refusal(path, "找不到文件") from exc
    except PermissionError as exc:
        raise refusal(path, "没有权限读取（文件可能正被其他程序打开）") from exc
    except OSError as exc:
        raise refusal(path, f"无法读取文件（{describe(exc)}）") from exc
    if stat.S_ISDIR(info.st_mode):
        raise refusal(path, "这是一个文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise refusal(path, "不是普通文件")
    if info.st_size > MAX_FILE:
        raise refusal(path, f"文件过大（{info.st_size >> 20} MB，最多 {MAX_FILE >> 20} MB），不像{fmt.name}")
    try:
        with path.open("rb") as f:
            head = f.read(8)
            if head == OLE_SIGNATURE:
                body = head + f.read(4 << 20)
                if ENCRYPTED_MARK in body:
                    raise refusal(path, password_message(fmt))
    except PermissionError as exc:
        raise refusal(path, "没有权限读取（文件可能正被其他程序打开）") from exc
    except OSError as exc:
        raise refusal(path, f"无法读取文件（{describe(exc)}）") from exc
    return head


def password_message(fmt: Format) -> str:
    return f"文件设置了打开密码，请在 {fmt.program} 中取消密码后另存再导入"


def check_ole(path: Path, fmt: Format = WORKBOOK, data: bytes | None = None) -> None:
    """An OLE file: refused when encrypted or not a workbook of this format, else bounded as any sheet.
    ``data``: the file's bytes, when already read."""
    if not fmt.reads_xls:
        raise refusal(path, f"这是{fmt.old}文件，请在 {fmt.program} 中另存为 {fmt.suffix} 后再导入")
    try:
        ole = inspect_ole(path if data is None else io.BytesIO(data))
    except Damaged as exc:
        raise refusal(path, "文件不完整或已损坏（可能没有传完）") from exc
    if ole.kind == ENCRYPTED:
        raise refusal(path, password_message(fmt))
    if ole.kind != XLS:
        raise refusal(path, f"不是 {fmt.name}（是其他程序的旧版文件）")
    problem = ole.spans.problem()
    if problem is not None:
        raise refusal(path, problem)


def check_package(path: Path, fmt: Format = WORKBOOK, data: bytes | None = None) -> None:
    """Sizes, XML and formulas of an Office zip package, before any reader parses it (``data``: the
    file's bytes, when already read)."""
    try:
        with _open_zip(path if data is None else io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if len(infos) > MAX_PARTS:
                raise refusal(path, f"文件内部的部件过多（{len(infos)} 个），不像 {fmt.program} 保存的文件")
            for info in infos:
                if info.file_size > MAX_PART:
                    raise refusal(path, f"文件解压后过大（{info.filename}），可能是恶意构造的文件")
            if sum(i.file_size for i in infos) > MAX_TOTAL:
                raise refusal(path, f"文件解压后过大（共超过 {MAX_TOTAL >> 20} MB），可能是恶意构造的文件")
            sheets = Sheets()
            formulas: list[Formula] = []
            spans = Spans()
            # workbook.xml and its relationships first: they name the sheets the messages speak of
            first = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
            for info in sorted(infos, key=lambda i: i.filename not in first):
                if info.is_dir():
                    continue
                if info.flag_bits & 0x1:
                    raise refusal(path, "文件内部有加密的部件，无法读取")
                xml = info.filename.endswith((".xml", ".rels")) or info.filename == "[Content_Types].xml"
                with _open_part(zf, info) as part:
                    if xml:
                        _parse(path, info.filename, part, sheets, formulas, spans)
                    else:
                        _drain(part)
    except ImportRejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise refusal(path, "文件不完整或已损坏（可能没有传完）") from exc
    except TooLarge as exc:
        raise refusal(path, f"文件解压后过大（{exc}），可能是恶意构造的文件") from exc
    except OSError as exc:
        raise refusal(path, f"无法读取文件（{describe(exc)}）") from exc
    for rid, name in sheets.names.items():  # a reader skips a listed sheet whose part is gone
        if sheets.targets.get(rid) not in names:
            raise refusal(path, f"工作表“{name}”的内容缺失（文件已损坏或没有传完）")
    problem = spans.problem()
    if problem is not None:
        raise refusal(path, problem)
    if formulas:
        first = formulas[0]
        raise refusal(
            path,
            f"{first.where}{first.cell} 是公式，但文件里没有保存计算结果"
            "（文件可能由其他程序生成）；请在 Excel/WPS 中打开并保存后再导入",
        )


# zipfile's own ValueErrors on a damaged directory, found by the fuzz test: a name flagged UTF-8 that is not
# (UnicodeDecodeError, opening the zip), a local header placed before the file's start by a damaged directory
# offset (a negative seek, opening the part; later reads only move forward). Both are a damaged file.
def _open_zip(source: Path | BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except ValueError as exc:
        raise zipfile.BadZipFile(str(exc)) from exc


def _open_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> zipfile.ZipExtFile:
    try:
        return zf.open(info)
    except ValueError as exc:
        raise zipfile.BadZipFile(f"{info.filename}: {exc}") from exc


def _drain(part: zipfile.ZipExtFile) -> None:
    """Unpack a binary part (an image, vbaProject.bin) to check it is whole; the zip stops at its declared size."""
    while part.read(_CHUNK):
        pass


def _parse(
    path: Path, name: str, part: zipfile.ZipExtFile, sheets: Sheets, formulas: list[Formula], spans: Spans
) -> None:
    ods = name == "content.xml"  # an .ods's sheets
    scan: PartScan | OdsScan = OdsScan(spans) if ods else PartScan(name, sheets, formulas, spans)
    source: BinaryIO = part
    if isinstance(scan, PartScan) and scan.worksheet:
        data = part.read()  # at most the declared size, itself at most MAX_PART
        _feed(path, name, io.BytesIO(data), sheets, None)  # well-formed, no DTD or entity, at C speed
        try:
            found = scan_worksheet(data, scan.label, spans, MAX_ROW_CELLS, MAX_SHEET_CELLS)
        except TooLarge as exc:
            raise refusal(path, f"{sheets.where(name)}{exc}，不像一张填报表") from exc
        if found is not None:
            formulas += [Formula(sheets.where(name), cell) for cell in found]
            return
        source = io.BytesIO(data)  # not written the plain way: every element through the callbacks
    # Only the parts whose elements say something get element callbacks; the others are only parsed, once
    # for the same bytes (every county's theme, styles and content types are Excel's or WPS's same few).
    if not (ods or scan.worksheet or name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")):
        data = part.read()
        if (digest := hashlib.sha256(data).digest()) not in _WELL_FORMED:
            _feed(path, name, io.BytesIO(data), sheets, None)
            if len(_WELL_FORMED) > 512:
                _WELL_FORMED.clear()
            _WELL_FORMED.add(digest)
        return
    _feed(path, name, source, sheets, scan)
    if isinstance(scan, OdsScan):
        formulas += [Formula(sheet, cell) for sheet, cell in scan.formulas]


def _feed(path: Path, name: str, part: BinaryIO, sheets: Sheets, scan: PartScan | OdsScan | None) -> None:
    """Parse one part with expat, no DTD or entity allowed; ``scan`` receives its elements."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def forbidden(*_args: object) -> None:
        raise refusal(path, f"{sheets.where(name)}含有不安全的 XML 声明（DTD 或实体），可能是恶意构造的文件")

    parser.StartDoctypeDeclHandler = forbidden
    parser.EntityDeclHandler = forbidden
    parser.ExternalEntityRefHandler = forbidden
    if scan is not None:
        parser.StartElementHandler = scan.start
        parser.EndElementHandler = scan.end
        if isinstance(scan, OdsScan) or scan.worksheet:
            parser.CharacterDataHandler = scan.text
    first = part.read(_CHUNK)
    declared = first.find(b"?>") + 2 if first.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else 0
    try:
        # The declaration alone first: an encoding expat cannot read ("UxF-8": LookupError; GBK: ValueError,
        # multi-byte) raises there, before any element reaches the callbacks, whose errors stay bugs.
        parser.Parse(first[:declared], False)
    except (LookupError, ValueError) as exc:
        raise refusal(path, f"{sheets.where(name)}已损坏（XML 声明的编码无法识别）") from exc
    except expat.ExpatError as exc:
        raise refusal(path, f"{sheets.where(name)}已损坏（XML 格式错误）") from exc
    try:
        parser.Parse(first[declared:], False)
        while chunk := part.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        where = f"第 {exc.lineno} 行 " if exc.lineno else ""
        raise refusal(path, f"{sheets.where(name)}已损坏（{where}XML 格式错误）") from exc
    except TooLarge as exc:
        raise refusal(path, f"{sheets.where(name)}{exc}，不像一张填报表") from exc


class Guarded(NamedTuple, Generic[T]):
    value: T  # what the reader made of the file
    sha256: str  # of the file's bytes, as checked and read


def read_guarded(path: Path, reader: Callable[[BinaryIO], T], fmt: Format = WORKBOOK) -> Guarded[T]:
    """``reader(file)`` behind the boundary: the file checked first, and anything the reading library
    raises on it afterwards (malformed parts it parses its own way, attributes it does not know) is a
    refusal. Only the library's reading belongs inside ``reader``: our own interpretation of what it
    read runs outside, so a bug of ours still surfaces as a bug. The file is read once (at most
    ``MAX_FILE`` bytes): the checks, the reader and the SHA-256 see the same bytes."""
    path = Path(path)
    head = check_file(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise refusal(path, f"无法读取文件（{describe(exc)}）") from exc
    if len(data) > MAX_FILE:  # grown since it was looked at
        raise refusal(path, f"文件过大（{len(data) >> 20} MB，最多 {MAX_FILE >> 20} MB），不像{fmt.name}")
    if head == OLE_SIGNATURE:
        check_ole(path, fmt, data)
    elif not head.startswith(b"PK"):
        raise refusal(path, f"不是 {fmt.name}")
    else:
        check_package(path, fmt, data)
    digest = hashlib.sha256(data).hexdigest()
    try:
        return Guarded(reader(io.BytesIO(data)), digest)
    except UserError:
        raise
    except MemoryError as exc:
        raise refusal(path, "文件内容过大，无法读取") from exc
    except Exception as exc:  # the library's own failure on a file from outside: the file's fault
        if type(exc).__name__ == "PasswordError":  # calamine's: an encryption the checks above missed
            raise refusal(path, password_message(fmt)) from exc
        raise refusal(path, f"文件内容无法解析（文件已损坏，或不是 {fmt.program} 保存的格式）") from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # a Rust panic inside calamine (pyo3's, not an Exception)
            raise
        raise refusal(path, f"文件内容无法解析（文件已损坏，或不是 {fmt.program} 保存的格式）") from exc
