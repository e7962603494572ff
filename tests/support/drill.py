"""The drill template (issue 22), one for the whole suite: tests/data/templates/2025.1.toml, next year's
notice as a file — the shipped 2024.1 with 附件2's 听证 column added, 附件3's 免罚案件 renamed
(exempt_cases → exempt_penalty, now 不予处罚案件) and 附件4's 录音笔 dropped, serving 2025 on.
``drill_text`` makes it from the shipped file by those edits alone: a test holds the file to it."""

from __future__ import annotations

from forms.template import Template
from forms.template_file import SHIPPED, read_template
from tests.support.templates import NEXT_FILE, next_template

VERSION = "2025.1"
YEAR = 2025  # the first year it serves

_EDITS = (
    (
        "# 填报助手 表样文件：2024 年的四张附件表（附件2–5），程序随带。\n",
        "# 填报助手 表样文件 2025.1：测试用的下一年表样（tests/data/templates/，不随程序发布），是 2024.1 改了三处：\n"
        "# 附件2 加一列“听证(件)”（hearings），附件3 的“免罚案件”改键为 exempt_penalty，"
        "附件4 去掉“录音笔(台)”（recorders）。\n"
        "# 以下是 2024.1 的说明。\n"
        "#\n",
    ),
    (
        'version = "2024.1"  # 不写 first_year、last_year：适用于程序接受的每个年度\n'
        "key_changes = []  # 第一版表样：没有更早的表样\n",
        f'version = "{VERSION}"\n'
        f"first_year = {YEAR}  # 2024 年及以前的报表仍用 2024.1\n"
        "key_changes = [\n"
        f'    {{ version = "{VERSION}", form = "a3", old = "exempt_cases", new = "exempt_penalty" }},\n'
        f'    {{ version = "{VERSION}", form = "a4", old = "recorders" }},  # 去掉：旧报表的数字仍存在文件里\n'
        "]\n",
    ),
    (
        '    { key = "penalty", label = "行政处罚(件)", kind = "count", paired = true },\n',
        '    { key = "penalty", label = "行政处罚(件)", kind = "count", paired = true },\n'
        '    { key = "hearings", label = "听证(件)", kind = "count", paired = true },\n',
    ),
    (
        '{ key = "exempt_cases", label = "免罚案件(件)"',
        '{ key = "exempt_penalty", label = "不予处罚案件(件)"',
    ),
    ('    { key = "recorders", label = "录音笔(台)", kind = "count" },\n', ""),
)


def drill_text(base: str | None = None) -> str:
    """The drill file's text: ``base`` (the shipped file's, by default) with the three edits."""
    text = SHIPPED.read_text(encoding="utf-8") if base is None else base
    for old, new in _EDITS:
        assert text.count(old) == 1, old  # the shipped file changed: the drill must follow it
        text = text.replace(old, new)
    return text


def drill_template() -> Template:
    return next_template()


def drill_from_text() -> Template:
    return read_template(drill_text().encode("utf-8"), NEXT_FILE.name)
