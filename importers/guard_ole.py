"""OLE compound files at the guarded boundary: a password-protected .xlsx/.docx, an encrypted .xls and
a plain old .xls all start with the same eight bytes, and only the last is read.

- An encrypted OOXML package holds the streams ``EncryptionInfo`` and ``EncryptedPackage``.
- An encrypted .xls is a normal workbook stream whose globals carry a FILEPASS record (everything after
  it is ciphertext).
- A plain .xls: its cell records are walked (a few microseconds a record) for how far each sheet reaches,
  since calamine reads every sheet of an .xls at once as dense blocks (``importers/cell_span.py``).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import olefile

from importers.cell_span import Spans

ENCRYPTED_STREAMS = ("EncryptionInfo", "EncryptedPackage")
_BOF, _FILEPASS, _BOUNDSHEET, _MULRK = 0x0809, 0x002F, 0x0085, 0x00BD
_GLOBALS = 0x0005
# NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA, RSTRING: the records that give a cell a value
_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6})

ENCRYPTED, XLS, OTHER = "encrypted", "xls", "other"


class Damaged(Exception):
    """The compound file itself cannot be read (olefile's own failure on it)."""


@dataclass
class Ole:
    kind: str  # ENCRYPTED, XLS or OTHER (a .doc, or no workbook stream at all)
    spans: Spans = field(default_factory=Spans)


def inspect_ole(path: Path | BinaryIO) -> Ole:
    """``path``: the file, or its bytes already read."""
    try:
        with olefile.OleFileIO(path if not isinstance(path, Path) else str(path)) as ole:
            if any(ole.exists(name) for name in ENCRYPTED_STREAMS):
                return Ole(ENCRYPTED)
            stream = next((name for name in ("Workbook", "Book") if ole.exists(name)), None)
            if stream is None:
                return Ole(OTHER)
            data = ole.openstream(stream).read()
    except Exception as exc:  # olefile's failure on a file from outside: the file's fault
        raise Damaged(str(exc)) from exc
    return _walk(data)


def _sheet_name(body: bytes) -> str | None:
    """A BOUNDSHEET record's sheet name (BIFF8: a short string, 8-bit or UTF-16)."""
    if len(body) < 8:
        return None
    count, wide = body[6], body[7] & 1
    raw = body[8 : 8 + count * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _walk(data: bytes) -> Ole:
    spans = Spans()
    names: list[str | None] = []
    sheet: str | None = None  # None in the globals
    seen = pos = 0
    while pos + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if kind == _BOF:
            if len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] == _GLOBALS:
                sheet = None
            else:
                name = names[seen] if seen < len(names) else None
                seen += 1
                sheet = f"工作表“{name}”" if name else f"第 {seen} 张工作表"
        elif sheet is None:
            if kind == _FILEPASS:
                return Ole(ENCRYPTED)
            if kind == _BOUNDSHEET:
                names.append(_sheet_name(body))
        elif kind in _CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            spans.filled(sheet, row, col)
        elif kind == _MULRK and len(body) >= 6:
            spans.filled(sheet, struct.unpack_from("<H", body)[0], struct.unpack_from("<H", body, len(body) - 2)[0])
    return Ole(XLS, spans)
