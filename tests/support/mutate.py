"""Workbooks mutated the ways files from outside go wrong, for the import's fuzz and bomb tests.

Each mutation takes a real workbook's bytes and a seeded ``random.Random`` and returns new bytes:
bit flips in the zip, bit flips inside one XML part, a part truncated or missing, odd cell types and
values, attributes no reader knows, the year taken out, a macro payload (.xlsm inside an .xlsx).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable

Parts = dict[str, bytes]

ODD_VALUES = [
    ("n", "1E+300"),
    ("n", "-1E+300"),
    ("n", "99999999999999999999999999999"),
    ("n", "NaN"),
    ("n", "INF"),
    ("n", "-0"),
    ("n", "1e-400"),
    ("n", ""),
    ("n", "abc"),
    ("s", "999999"),
    ("s", "-1"),
    ("s", "x"),
    ("b", "2"),
    ("b", "x"),
    ("e", "#DIV/0!"),
    ("d", "2024-13-45"),
    ("d", "x"),
    ("str", "99999999999999999999999999999%"),
    ("str", "1E+300%"),
    ("str", "-0.00%"),
    ("inlineStr", ""),
    ("bogus", "1"),
]


def unzip(data: bytes) -> Parts:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def rezip(parts: Parts) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def _xml_parts(parts: Parts) -> list[str]:
    return sorted(n for n in parts if n.endswith((".xml", ".rels")))


def flip_zip(data: bytes, rnd: random.Random) -> bytes:
    body = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        i = rnd.randrange(len(body))
        body[i] ^= 1 << rnd.randrange(8)
    return bytes(body)


def flip_xml(data: bytes, rnd: random.Random) -> bytes:
    parts = unzip(data)
    name = rnd.choice(_xml_parts(parts))
    body = bytearray(parts[name])
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(body))
        body[i] = rnd.choice(b"<>&\"'/=\x00\xff ax") if rnd.random() < 0.5 else body[i] ^ (1 << rnd.randrange(8))
    parts[name] = bytes(body)
    return rezip(parts)


def truncate_part(data: bytes, rnd: random.Random) -> bytes:
    parts = unzip(data)
    name = rnd.choice(sorted(parts))
    if rnd.random() < 0.5:
        del parts[name]
    else:
        parts[name] = parts[name][: rnd.randrange(len(parts[name]) + 1)]
    return rezip(parts)


def odd_cell(data: bytes, rnd: random.Random) -> bytes:
    """Some cells of a worksheet get another type and a value no form holds."""
    parts = unzip(data)
    sheets = [n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    name = rnd.choice(sorted(sheets))
    text = parts[name].decode("utf-8")
    cells = list(re.finditer(r'<c r="([A-Z]+\d+)"([^>]*?)(/>|>(.*?)</c>)', text, re.S))
    if not cells:
        return data
    for m in sorted(rnd.sample(cells, min(len(cells), rnd.randint(1, 6))), key=lambda m: -m.start()):
        kind, value = rnd.choice(ODD_VALUES)
        attrs = re.sub(r'\s t="[^"]*"', "", m[2])
        inner = f"<is><t>{value}</t></is>" if kind == "inlineStr" else f"<v>{value}</v>"
        text = text[: m.start()] + f'<c r="{m[1]}"{attrs} t="{kind}">{inner}</c>' + text[m.end() :]
    parts[name] = text.encode("utf-8")
    return rezip(parts)


def unknown_attribute(data: bytes, rnd: random.Random) -> bytes:
    parts = unzip(data)
    name = rnd.choice(_xml_parts(parts))
    text = parts[name].decode("utf-8", "replace")
    tags = [m.end(1) for m in re.finditer(r"<([A-Za-z][\w:]*)", text)]
    if not tags:
        return data
    at = rnd.choice(tags)
    attr = rnd.choice(['bogusAttr="1"', 'activeTab="x"', 'uniqueCount="-5"', 'r="ZZZZ0"', 'xfId="99999"'])
    parts[name] = (text[:at] + " " + attr + text[at:]).encode("utf-8")
    return rezip(parts)


def _without_years(m: re.Match[bytes]) -> bytes:
    return re.sub(rb"(?<![\d.])20\d\d(?![\d])(\xe5\xb9\xb4|&#24180;)?", b"", m[0])  # 2024 and 2024年


def no_year(data: bytes, rnd: random.Random) -> bytes:
    """Every four-digit year in the strings and cells gone: a form that never says its year."""
    parts = unzip(data)
    for name in parts:
        if name.endswith(".xml") and (name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"):
            parts[name] = re.sub(rb">[^<]+<", _without_years, parts[name])  # in text, not in namespaces
    return rezip(parts)


def macro_payload(data: bytes, rnd: random.Random) -> bytes:
    """An .xlsm inside a file named .xlsx: the macro workbook's content type and a vbaProject.bin."""
    parts = unzip(data)
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ).replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    parts["[Content_Types].xml"] = types.encode("utf-8")
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rnd.randrange(512, 4096))
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
        ' Target="vbaProject.bin"/></Relationships>',
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    if rnd.random() < 0.5:
        return flip_xml(rezip(parts), rnd)
    return rezip(parts)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip_zip": flip_zip,
    "flip_xml": flip_xml,
    "truncate_part": truncate_part,
    "odd_cell": odd_cell,
    "unknown_attribute": unknown_attribute,
    "no_year": no_year,
    "macro_payload": macro_payload,
}
