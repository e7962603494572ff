"""The entries of a template file as ``forms/template_file.py`` reads them: typed look-ups that say
what is missing or mistyped, and where it is — the attachment, the field or rule, and the line of the
file's text (TOML's parser gives no places for the values it parsed, so the line is found by its
``key = "…"``, ``code = "…"`` or ``entry =`` within the attachment's lines)."""

from __future__ import annotations

import re
from typing import Any

from forms.hygiene import TEXT_MAX, forbidden

_TYPE_NAMES = {str: "文字", int: "整数", bool: "true 或 false", list: "列表（[…]）", dict: "表"}


class Entries:
    """Reads the entries of a parsed template file, collecting one Chinese line per problem with
    where it is: the attachment (``where``), the field or rule, the line in the file's text."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = text.splitlines()
        self.problems: list[str] = []
        self.span = (0, len(self.lines))  # the lines of the attachment being read
        self.where = ""  # 附件2（a2）
        self.spans: dict[str, tuple[int, int]] = {}  # each attachment's lines, by its key

    def line_of(self, entry: str, value: str, *, nth: int = 1) -> int | None:
        """The line (1-based) of ``entry = "value"`` in the current attachment, the ``nth`` one."""
        pattern = re.compile(rf'(?:^|[{{,\s]){re.escape(entry)}\s*=\s*"{re.escape(value)}"')
        seen = 0
        for number in range(*self.span):
            if pattern.search(self.lines[number]):
                seen += 1
                if seen == nth:
                    return number + 1
        return None

    def line_of_entry(self, entry: str) -> int | None:
        """The line (1-based) of the first ``entry = …`` in the current attachment."""
        pattern = re.compile(rf"^\s*{re.escape(entry)}\s*=")
        return next((n + 1 for n in range(*self.span) if pattern.match(self.lines[n])), None)

    def problem(self, text: str, *, field: str = "", line: int | None = None, code: str = "") -> None:
        """One line: where (the attachment, the field or the rule ``code``, the line) and what."""
        if code and line is None:
            line = self.line_of("code", code)
        place = self.where or self.name
        if field:
            place += f"字段 {field}"
            if line is None:
                line = self.line_of("key", field)
        if line is not None:
            place += f"（第 {line} 行）"
        self.problems.append(f"{place}：{text}")

    def need(self, table: dict[str, Any], entry: str, kind: type, *, field: str = "") -> Any:
        """``table[entry]``, which must be there and have type ``kind``; else a problem and an empty value."""
        if entry not in table:
            self.problem(f"缺少“{entry}”一项", field=field)
            return kind()
        return self.get(table, entry, kind, kind(), field=field)

    def get(self, table: dict[str, Any], entry: str, kind: type, default: Any, *, field: str = "") -> Any:
        """``table[entry]`` if it is a ``kind``, ``default`` if it is not there; a problem if it is not a ``kind``."""
        if entry not in table:
            return default
        value = table[entry]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problem(
                f"“{entry}”应为{_TYPE_NAMES[kind]}", field=field, line=None if field else self.line_of_entry(entry)
            )
            return default
        if isinstance(value, str):
            self.text(value, entry, field=field)
        return value

    def text(self, value: str, entry: str, *, field: str = "") -> None:
        chars = forbidden(value)
        if chars:
            self.problem(f"“{entry}”含有文档中不能保存的控制字符（{chars}）", field=field)
        if len(value) > TEXT_MAX:
            self.problem(f"“{entry}”过长（{len(value)} 字），最多 {TEXT_MAX} 字", field=field)

    def unknown(self, table: dict[str, Any], known: set[str], *, field: str = "") -> None:
        for entry in sorted(set(table) - known):
            self.problem(f"未知的项“{entry}”", field=field)

    def strings(self, table: dict[str, Any], entry: str) -> list[str] | None:
        if entry not in table:
            self.problem(f"缺少“{entry}”一项")
            return None
        values = self.get(table, entry, list, [])
        if not all(isinstance(v, str) for v in values):
            self.problem(f"“{entry}”应为文字的列表")
            return None
        for value in values:
            self.text(value, entry)
        return list(values)

    def tables(self, table: dict[str, Any], entry: str, *, required: bool) -> list[dict[str, Any]]:
        values = self.need(table, entry, list) if required else self.get(table, entry, list, [])
        if not all(isinstance(v, dict) for v in values):
            self.problem(f"“{entry}”的每一项应为表（[[…]] 或 {{…}}）")
            return []
        if required and not values:
            self.problem(f"“{entry}”是空的")
        return list(values)
