"""Save an openpyxl workbook as Excel itself would write it, so Excel never offers to repair it.

openpyxl 3.1 writes font properties in its own order (``<name/><sz/>``) where the schema
Excel validates against wants ``<b/>…<sz/><color/><name/>…``, and writes every string
inline (``t="inlineStr"``), which Excel silently rewrites into a shared-strings table on
its next save. We rewrite both in the saved package: font and rich-text run properties
in schema order, and strings moved to ``xl/sharedStrings.xml``.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from openpyxl import Workbook

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# CT_Font / CT_RPrElt children in the order Excel writes and validates them.
FONT_ORDER = (
    "b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign",
    "sz", "color", "name", "rFont", "family", "charset", "scheme",
)  # fmt: skip


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _order_font(font: etree._Element) -> None:
    rank = {_q(tag): i for i, tag in enumerate(FONT_ORDER)}
    children = sorted(font, key=lambda child: rank.get(child.tag, len(rank)))
    for child in children:
        font.append(child)  # re-appending in sorted order moves each to the end


def _order_fonts(root: etree._Element) -> None:
    for font in root.iter(_q("font"), _q("rPr")):
        _order_font(font)


class _SharedStrings:
    def __init__(self) -> None:
        self.items: list[bytes] = []
        self.index: dict[bytes, int] = {}
        self.count = 0

    def add(self, inline: etree._Element) -> int:
        _order_fonts(inline)
        key = b"".join(etree.tostring(child) for child in inline)
        self.count += 1
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(key)
        return self.index[key]

    def xml(self) -> bytes:
        body = b"".join(b"<si>" + item + b"</si>" for item in self.items)
        head = f'<sst xmlns="{NS}" count="{self.count}" uniqueCount="{len(self.items)}">'.encode()
        return b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + head + body + b"</sst>"


def _share_strings(sheet_xml: bytes, strings: _SharedStrings) -> bytes:
    root = etree.fromstring(sheet_xml)
    for cell in root.iter(_q("c")):
        if cell.get("t") != "inlineStr":
            continue
        inline = cell.find(_q("is"))
        if inline is None:
            del cell.attrib["t"]
            continue
        index = strings.add(inline)
        cell.remove(inline)
        cell.set("t", "s")
        value = etree.SubElement(cell, _q("v"))
        value.text = str(index)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_part(content_types: bytes, rels: bytes) -> tuple[bytes, bytes]:
    types = etree.fromstring(content_types)
    if not any(o.get("PartName") == "/xl/sharedStrings.xml" for o in types):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/xl/sharedStrings.xml", ContentType=SST_TYPE)
    relations = etree.fromstring(rels)
    if not any(r.get("Type") == SST_REL for r in relations):
        ids = {r.get("Id") for r in relations}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(relations, f"{{{REL_NS}}}Relationship", Id=f"rId{n}", Type=SST_REL, Target="sharedStrings.xml")
    dump = lambda e: etree.tostring(e, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: E731
    return dump(types), dump(relations)


def _default_font(styles: etree._Element, name: str, size: float) -> None:
    """The workbook's default font (``fonts[0]``), which Excel/WPS/LibreOffice measure column widths in."""
    font = styles.find(_q("fonts")).find(_q("font"))
    for child in list(font):
        font.remove(child)
    etree.SubElement(font, _q("sz"), val=f"{size:g}")
    etree.SubElement(font, _q("name"), val=name)
    etree.SubElement(font, _q("charset"), val="134")  # GB2312


def workbook_bytes(wb: Workbook, default_font: tuple[str, float] | None = None) -> bytes:
    """The workbook as a schema-valid .xlsx package; ``default_font`` replaces openpyxl's Calibri."""
    raw = io.BytesIO()
    wb.save(raw)
    source = zipfile.ZipFile(raw)
    strings = _SharedStrings()
    parts: dict[str, bytes] = {}
    for info in source.infolist():
        data = source.read(info)
        if info.filename.startswith("xl/worksheets/sheet") and info.filename.endswith(".xml"):
            data = _share_strings(data, strings)
        elif info.filename == "xl/styles.xml":
            root = etree.fromstring(data)
            if default_font:
                _default_font(root, *default_font)
            _order_fonts(root)
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts[info.filename] = data
    if strings.items and "xl/sharedStrings.xml" not in parts:
        parts["[Content_Types].xml"], parts["xl/_rels/workbook.xml.rels"] = _add_part(
            parts["[Content_Types].xml"], parts["xl/_rels/workbook.xml.rels"]
        )
        parts["xl/sharedStrings.xml"] = strings.xml()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()
