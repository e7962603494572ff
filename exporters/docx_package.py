"""What python-docx's default template carries that a 公文 must not: stale and Japanese parts.

The template is a Word 2010 file made in Japan: a ``stylesWithEffects.xml`` copy of the styles
that disagrees with ours once we change them (Word then offers to repair the file), a font table
listing only MS Mincho/Gothic, ``themeFontLang`` ja-JP, a customXml item and a thumbnail of an
empty page. We drop the parts nobody reads and rewrite the font table with the fonts the
document names, each with the stock-Windows face as ``altName`` so Word substitutes sensibly.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from exporters.docx_style import FontNames

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STALE_PART_TYPES = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
)
# Font name → (what Word should use where it is missing, w:family, w:pitch). charset 86 is GB2312.
_WINDOWS_FACE = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "宋体",
}


def _font_table_xml(fonts: FontNames) -> bytes:
    names = dict.fromkeys([fonts.fangsong, fonts.kaiti, fonts.heiti, fonts.title, fonts.songti, "Times New Roman"])
    entries = []
    for name in names:
        if name == "Times New Roman":
            entries.append(
                f'<w:font w:name="{name}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
                '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
            )
            continue
        alt = _WINDOWS_FACE.get(name)
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        family = "swiss" if name == fonts.heiti else "modern"
        entries.append(
            f'<w:font w:name="{name}">{alt_xml}<w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
        )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}">{"".join(entries)}</w:fonts>'
    ).encode()


def clean_package(doc: DocumentObject, fonts: FontNames) -> None:
    """Drop the template's stale parts; Chinese font table and theme language."""
    main = doc.part
    for rId, rel in list(main.rels.items()):
        if rel.reltype in STALE_PART_TYPES:
            del main.rels[rId]
    package_rels = main.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rId]
    main.part_related_by(RT.FONT_TABLE)._blob = _font_table_xml(fonts)

    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    for stale in ("w:rsids", "w:proofState", "w:attachedTemplate"):
        for element in settings.findall(qn(stale)):
            settings.remove(element)
    # Let Word/WPS compress full-width punctuation when justifying, rather than stretching
    # the gaps between characters (GB/T 9704 body text, and figures such as 20.27%).
    control = settings.find(qn("w:characterSpacingControl"))
    if control is not None:
        control.set(qn("w:val"), "compressPunctuation")
