"""Zip bombs made from a real workbook: one part replaced by text that inflates far past any bound.

Written in chunks, so making a 1.2 GB bomb costs a few seconds and about 1 MB of disk, never the
gigabyte itself in memory.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

CHUNK = b"A" * (1 << 20)


def _copy_except(source: Path, target: zipfile.ZipFile, name: str) -> bytes:
    """Every part of ``source`` but ``name`` into ``target``; returns ``name``'s own bytes."""
    kept = b""
    with zipfile.ZipFile(source) as z:
        for info in z.infolist():
            if info.filename == name:
                kept = z.read(info)
            else:
                target.writestr(info, z.read(info))
    return kept


def _stream(target: zipfile.ZipFile, name: str, pieces: Iterator[bytes], zip64: bool) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with target.open(info, "w", force_zip64=zip64) as part:
        for piece in pieces:
            part.write(piece)


def _filler(megabytes: int) -> Iterator[bytes]:
    for _ in range(megabytes):
        yield CHUNK


def inflating_cell(source: Path, target: Path, megabytes: int, sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """A worksheet whose first row gains an inline string of ``megabytes`` MB."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        xml = _copy_except(source, z, sheet)
        at = xml.index(b"<row")
        at = xml.index(b">", at) + 1
        head, tail = xml[:at] + b'<c r="AZ1" t="inlineStr"><is><t>', b"</t></is></c>" + xml[at:]
        _stream(z, sheet, iter([head, *_filler(megabytes), tail]), megabytes > 1000)
    return target


def inflating_shared_strings(source: Path, target: Path, megabytes: int) -> Path:
    """The first shared string (a workbook openpyxl or Excel wrote) grows by ``megabytes`` MB."""
    name = "xl/sharedStrings.xml"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        xml = _copy_except(source, z, name)
        at = xml.index(b"<t", xml.index(b"<si"))
        at = xml.index(b">", at) + 1
        _stream(z, name, iter([xml[:at], *_filler(megabytes), xml[at:]]), megabytes > 1000)
    return target


def declared_smaller(bomb: Path, name: str, declared: int = 4096) -> Path:
    """``bomb`` with ``name``'s declared unpacked size rewritten to ``declared`` bytes (a lying header),
    in the local header and the central directory; the part must be under 4 GB (no zip64)."""
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as z:
        info = z.getinfo(name)
    assert info.file_size < 0xFFFFFFFF, "no zip64 part"
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    entry, encoded = -1, name.encode()
    while (entry := data.find(b"PK\x01\x02", entry + 1)) >= 0:
        (length,) = struct.unpack_from("<H", data, entry + 28)
        if data[entry + 46 : entry + 46 + length] == encoded:
            struct.pack_into("<I", data, entry + 24, declared)
            break
    else:
        raise AssertionError(f"{name} not in the central directory")
    bomb.write_bytes(bytes(data))
    return bomb


def many_parts(source: Path, target: Path, count: int) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        _copy_except(source, z, "")
        for i in range(count):
            z.writestr(f"xl/media/image{i}.png", b"x")
    return target


def wide_row(source: Path, target: Path, cells: int, sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """The first row gains ``cells`` empty cells (a reader builds the whole row in memory)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        xml = _copy_except(source, z, sheet)
        at = xml.index(b">", xml.index(b"<row")) + 1
        z.writestr(sheet, xml[:at] + b'<c s="0"/>' * cells + xml[at:])
    return target


def far_cell(source: Path, target: Path, sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """The sheet gains a value in XFD1048576, the last cell a sheet has (a reader building the sheet as one
    block from A1 needs 17 billion cells for it)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        xml = _copy_except(source, z, sheet)
        at = xml.index(b"</sheetData>")
        z.writestr(sheet, xml[:at] + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + xml[at:])
    return target


def far_ods_cell(source: Path, target: Path, rows: str, cols: str) -> Path:
    """An .ods whose first cell (a value) is repeated: ``cols`` times across, in a row repeated ``rows`` times,
    as the attributes say (a few bytes that stand for billions of cells)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        xml = _copy_except(source, z, "content.xml")
        row = xml.index(b"<table:table-row") + len(b"<table:table-row")
        xml = xml[:row] + b' table:number-rows-repeated="' + rows.encode() + b'"' + xml[row:]
        cell = xml.index(b"<table:table-cell", row) + len(b"<table:table-cell")
        xml = xml[:cell] + b' table:number-columns-repeated="' + cols.encode() + b'"' + xml[cell:]
        z.writestr("content.xml", xml)
    return target


def far_row(source: Path, target: Path, row: str, sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """The sheet gains a row numbered ``row`` holding a value in a cell without its own reference (the row's
    number places it)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        xml = _copy_except(source, z, sheet)
        at = xml.index(b"</sheetData>")
        z.writestr(sheet, xml[:at] + b'<row r="' + row.encode() + b'"><c><v>1</v></c></row>' + xml[at:])
    return target
