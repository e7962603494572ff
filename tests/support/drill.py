"""The drill template (issue 22): next year's notice as a template file, made from the shipped one by
editing its text alone — 附件2 gains a column, a 附件3 field is renamed, a 附件4 field is dropped."""

from __future__ import annotations

from forms.template import Template
from forms.template_file import SHIPPED, read_template

VERSION = "2025.1"
ADDED = ("a2", "hearings", "听证(件)")  # a new paired column of 附件2
RENAMED = ("a3", "prudent_coercion", "prudent_measures", "包容审慎适用行政强制措施(件)")
DROPPED = ("a4", "recorders", "录音笔(台)")

_EDITS = (
    ('version = "2024.1"', f'version = "{VERSION}"'),
    (
        "key_changes = []  # 第一版表样：没有更早的表样",
        "key_changes = [\n"
        f'    {{ version = "{VERSION}", form = "a3", old = "prudent_coercion", new = "prudent_measures" }},\n'
        f'    {{ version = "{VERSION}", form = "a4", old = "recorders" }},\n'
        "]",
    ),
    (
        '    { key = "transfers", label = "移送司法机关刑事案件件数", kind = "count", paired = true },\n',
        '    { key = "transfers", label = "移送司法机关刑事案件件数", kind = "count", paired = true },\n'
        '    { key = "hearings", label = "听证(件)", kind = "count", paired = true },\n',
    ),
    (
        '{ key = "prudent_coercion", label = "包容审慎适用行政强制措施(起)"',
        '{ key = "prudent_measures", label = "包容审慎适用行政强制措施(件)"',
    ),
    ('    { key = "recorders", label = "录音笔(台)", kind = "count" },\n', ""),
)


def drill_text() -> str:
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in _EDITS:
        assert text.count(old) == 1, old  # the shipped file changed: the drill must follow it
        text = text.replace(old, new)
    return text


def drill_template() -> Template:
    return read_template(drill_text().encode("utf-8"), f"{VERSION}.toml")
