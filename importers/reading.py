"""Open a workbook safely and hand back its sheets as plain rows of cell values.

Read-only mode (one pass, little memory); defusedxml is installed, so openpyxl refuses an
XML bomb instead of expanding it. Every way a file can fail to open becomes an
``ImportRejected`` naming the file, never a traceback.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from forms.errors import UserError
from storage.path_check import describe, path_problem

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx are OLE files
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
MAX_ROWS = 5000  # a form has a few dozen rows; more is not a form, and reading on costs memory
MAX_COLS = 200


class ImportRejected(UserError):
    """A file the import refuses whole; the database is not touched."""


@dataclass
class Sheet:
    title: str
    rows: list[list[object]]  # values, row 1 first; rows may be shorter than others
    hidden: bool = False


def _unreadable(path: Path, why: str) -> ImportRejected:
    return ImportRejected(f"{path.name}：{why}，未导入")


def read_sheets(path: Path) -> list[Sheet]:
    path = Path(path)
    problem = path_problem(path)
    if problem is not None:
        raise _unreadable(path, problem)
    try:
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # opening a FIFO to read would wait forever
            raise _unreadable(path, "不是普通文件（可能是命名管道或设备）")
        with path.open("rb") as f:
            head = f.read(8)
            if head == OLE_SIGNATURE:
                f.seek(0)
                body = f.read(4 << 20)
                if ENCRYPTED_MARK in body:
                    raise _unreadable(path, "文件设置了打开密码，请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入")
                raise _unreadable(path, "这是旧版 Excel（.xls）文件，请在 Excel/WPS 中另存为 .xlsx 后再导入")
    except FileNotFoundError as exc:
        raise _unreadable(path, "找不到文件") from exc
    except IsADirectoryError as exc:
        raise _unreadable(path, "这是一个文件夹，不是文件") from exc
    except PermissionError as exc:
        raise _unreadable(path, "没有权限读取（文件可能正被其他程序打开）") from exc
    except OSError as exc:
        raise _unreadable(path, f"无法读取文件（{describe(exc)}）") from exc
    if not head.startswith(b"PK"):
        raise _unreadable(path, "不是 Excel 工作簿（.xlsx）")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _unreadable(path, "文件不完整或已损坏（可能没有传完）") from exc
    except (InvalidFileException, KeyError) as exc:
        raise _unreadable(path, "不是 Excel 工作簿（.xlsx），或文件已损坏") from exc
    except (ParseError, ValueError) as exc:  # defusedxml's refusals are ValueErrors
        raise _unreadable(path, "工作簿内容无法解析（含有不安全或损坏的 XML）") from exc
    try:
        sheets = []
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):  # a chart sheet
                continue
            ws.reset_dimensions()  # some writers record a wrong size; read what is there
            rows: list[list[object]] = []
            for values in ws.iter_rows(values_only=True, max_row=MAX_ROWS):
                rows.append(list(values[:MAX_COLS]))
            sheets.append(Sheet(ws.title, rows, ws.sheet_state != "visible"))
        return sheets
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _unreadable(path, "文件不完整或已损坏（可能没有传完）") from exc
    except (ParseError, ValueError, KeyError) as exc:
        raise _unreadable(path, "工作簿内容无法解析（含有不安全或损坏的 XML）") from exc
    finally:
        wb.close()
