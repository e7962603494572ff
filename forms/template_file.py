"""A template as a data file: the attachment tables, their rules and key changes in TOML
(``forms/templates/2024.1.toml`` is the shipped one; README, "Templates").

A template file is outside input, like a county's workbook: it is read within a size bound,
every text it gives must be one an .xlsx/.docx can hold (``forms.hygiene``), and whatever is
wrong with it is refused as a ``TemplateError`` with one Chinese line per problem naming the
attachment, the field and, where it can be found, the line — never a traceback. What it
builds passes the checks ``FormSpec`` and ``Template`` make themselves.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from forms.errors import UserError
from forms.kinds import Kind, ValueKind, percent
from forms.rules import AtLeastSum, NotMoreThan, Rule, Severity, SumEquals
from forms.spec import FILLER, KEY, PLACEHOLDERS, Field, FormSpec, Group, RowStyle, SpecError
from forms.template import KeyChange, Template, version_key
from forms.template_entries import Entries
from forms.years import YEAR_MAX, YEAR_MIN

__all__ = ["MAX_BYTES", "SHIPPED", "SHIPPED_FOLDER", "TemplateError", "load_template", "read_template"]

SHIPPED_FOLDER = Path(__file__).with_name("templates")  # every *.toml in it ships with the program
SHIPPED = SHIPPED_FOLDER / "2024.1.toml"  # the first template
MAX_BYTES = 1 << 20  # the shipped file is 11 kB
MAX_DEPTH = 4  # groups within groups
MAX_WIDTH = 100  # a column's width in characters
MAX_NUMBER = 99  # 附件<number>
MAX_ROWS = 1000  # a list form's starting rows
MAX_FIELDS = 200  # per attachment: a workbook's row holds 16,384 cells, each field up to three

KINDS: dict[str, ValueKind] = {
    kind.name: kind
    for kind in (Kind.COUNT, Kind.MONEY, Kind.MONEY_WAN, Kind.TEXT, Kind.LINE, Kind.YESNO, *map(percent, (0, 1, 2)))
}
ROWS = {style.value: style for style in RowStyle}
SEVERITIES = {severity.value: severity for severity in Severity}
RULES: dict[str, tuple[type, dict[str, type]]] = {
    "AtLeastSum": (AtLeastSum, {"total": str, "parts": list, "code": str, "severity": str}),
    "NotMoreThan": (NotMoreThan, {"field": str, "other_form": str, "other_field": str, "code": str}),
    "SumEquals": (SumEquals, {"field": str, "other_form": str, "other_field": str, "code": str, "severity": str}),
}
_OPTIONAL_RULE_ENTRIES = {"severity"}
_PARSER_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


class TemplateError(UserError):
    """A template file that cannot be used; ``problems`` holds one Chinese line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def load_template(path: Path) -> Template:
    """The template in the file at ``path``, or ``TemplateError``."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise TemplateError([f"无法读取表样文件 {path.name}：{exc.strerror or exc}"]) from None
    return read_template(data, path.name)


def read_template(data: bytes, name: str = "表样文件") -> Template:
    """The template ``data`` (a TOML file's bytes) describes, or ``TemplateError``."""
    if len(data) > MAX_BYTES:
        raise TemplateError([f"{name} 过大（超过 {MAX_BYTES // 1024} KB），不是表样文件"])
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # Notepad writes a BOM
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateError([f"{name} 不是 UTF-8 编码的文字（第 {line} 行）"]) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        said = _PARSER_PLACE.sub("", str(exc))
        raise TemplateError([f"{name}{_parser_place(str(exc))}：不是有效的 TOML（{said}）"]) from None
    except RecursionError:
        raise TemplateError([f"{name}：括号嵌套过深，不是表样文件"]) from None
    reader = _Reader(name, text)
    reader.source = text
    template = reader.template(document)
    if reader.problems or template is None:
        raise TemplateError(reader.problems or [f"{name}：不是表样文件"])
    return template


def _parser_place(message: str) -> str:
    m = _PARSER_PLACE.search(message)
    if m is None:
        return ""
    return f"第 {m[1]} 行第 {m[2]} 列" if m[1] else "末尾"


class _Reader(Entries):
    """Reads a parsed document into a ``Template``."""

    source = ""  # the file's text, which the template carries (``Template.source``)

    # --- the template ----------------------------------------------------------------------

    def template(self, document: dict[str, Any]) -> Template | None:
        self.unknown(document, {"version", "first_year", "last_year", "key_changes", "attachment"})
        version = self.need(document, "version", str)
        if version and not re.fullmatch(r"\d{4}\.\d+", version):
            self.problem(f"表样版本“{version}”应形如 2024.1", line=self.line_of("version", version))
            version = ""
        first, last = self.years(document)
        starts = [i for i, line in enumerate(self.lines) if re.match(r"\s*\[\[\s*attachment\s*\]\]", line)]
        specs: list[FormSpec] = []
        attachments = self.tables(document, "attachment", required=True)
        for i, table in enumerate(attachments):
            if len(starts) == len(attachments):
                self.span = (starts[i], starts[i + 1] if i + 1 < len(starts) else len(self.lines))
            spec = self.attachment(table, version or "2024.1")
            if spec is not None:
                specs.append(spec)
                self.spans.setdefault(spec.key, self.span)
            self.span, self.where = (0, len(self.lines)), ""
        changes = [c for c in map(self.key_change, self.tables(document, "key_changes", required=False)) if c]
        if self.problems:
            return None
        self.across(specs, changes, version)
        if self.problems:
            return None
        try:
            return Template(version, tuple(specs), tuple(changes), first, last, source=self.source)
        except SpecError as exc:  # a check below missed it: still one line, never a traceback
            self.problem(f"表样自相矛盾（{exc}）")
            return None

    def years(self, document: dict[str, Any]) -> tuple[int, int | None]:
        """The report years the template serves: ``first_year`` (default: every year the program
        accepts) to ``last_year`` (default: none later is refused)."""
        first = self.get(document, "first_year", int, YEAR_MIN)
        last = self.get(document, "last_year", int, None)
        for entry, year in (("first_year", first), ("last_year", last)):
            if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
                where = self.line_of_entry(entry)
                self.problem(f"“{entry}”{year} 应在 {YEAR_MIN} 到 {YEAR_MAX} 之间", line=where)
                return YEAR_MIN, None
        if last is not None and last < first:
            self.problem(f"“last_year”{last} 早于“first_year”{first}", line=self.line_of_entry("last_year"))
            return YEAR_MIN, None
        return first, last

    def key_change(self, table: dict[str, Any]) -> KeyChange | None:
        before = len(self.problems)
        self.where = "key_changes "
        self.unknown(table, {"version", "form", "old", "new"})
        version = self.need(table, "version", str)
        form = self.need(table, "form", str)
        old = self.need(table, "old", str)
        new = self.get(table, "new", str, "") if "new" in table else None
        self.where = ""
        if len(self.problems) > before:
            return None
        return KeyChange(version, form, old, new or None)

    def attachment(self, table: dict[str, Any], version: str) -> FormSpec | None:
        before = len(self.problems)
        key = table.get("key")
        number = table.get("number")
        shown_number = number if isinstance(number, int) and not isinstance(number, bool) else "?"
        self.where = f"附件{shown_number}（{key if isinstance(key, str) else '?'}）"
        self.unknown(
            table,
            {"key", "number", "title", "rows", "min_rows", "row_label", "notes_heading", "notes", "header", "rules"},
        )
        key = self.need(table, "key", str)
        if key and not KEY.fullmatch(key):
            self.problem(f"附件的键“{key}”应为小写字母开头的英文标识（如 a2）", line=self.line_of("key", key))
        number = self.need(table, "number", int)
        if number and not 1 <= number <= MAX_NUMBER:
            self.problem(f"附件号 {number} 应在 1 到 {MAX_NUMBER} 之间")
        title = self.need(table, "title", str)
        rows = ROWS.get(self.need(table, "rows", str))
        if "rows" in table and rows is None and isinstance(table["rows"], str):
            self.problem(f"行式“{table['rows']}”未知（应为 {' 或 '.join(ROWS)}）")
        min_rows = self.get(table, "min_rows", int, 1)
        if not 1 <= min_rows <= MAX_ROWS:
            self.problem(f"起始行数 {min_rows} 应在 1 到 {MAX_ROWS} 之间")
        row_label = self.get(table, "row_label", str, "")
        heading = self.need(table, "notes_heading", str)
        notes = self.strings(table, "notes") or []
        for text in (title, *notes):
            self.placeholders(text)
        header = tuple(n for n in map(self.node, self.tables(table, "header", required=True)) if n)
        if len(self.problems) > before or rows is None:
            return None
        fields = list(_walk(header))
        if len(fields) > MAX_FIELDS:
            self.problem(f"字段过多（{len(fields)} 个），最多 {MAX_FIELDS} 个")
            return None
        self.fields(fields, rows, row_label, header)
        rules = tuple(r for r in (self.rule(t, fields) for t in self.tables(table, "rules", required=False)) if r)
        codes = [rule.code for rule in rules]
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            self.problem(f"审核规则代码 {code} 重复", line=self.line_of("code", code, nth=2))
        if len(self.problems) > before:
            return None
        try:
            return FormSpec(
                key=key,
                number=number,
                title=title,
                header=header,
                rows=rows,
                notes_heading=heading,
                notes=tuple(notes),
                min_rows=min_rows,
                rules=rules,
                version=version,
                row_label=row_label,
            )
        except SpecError as exc:  # a check here missed it: still one line, never a traceback
            self.problem(f"表样自相矛盾（{exc}）")
            return None

    def placeholders(self, text: str) -> None:
        try:
            parts = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)]
        except ValueError:
            self.problem(f"“{text[:20]}”中的花括号不成对（只能用 {{year}} 和 {{prev}}）")
            return
        for name, spec, conversion in parts:
            if name is None:
                continue
            if name not in PLACEHOLDERS:
                self.problem(f"“{text[:20]}”中的 {{{name}}} 未知（只能用 {{year}} 和 {{prev}}）")
            elif spec or conversion:  # {year:>9999999999} would be written as a huge text
                self.problem(f"“{text[:20]}”中的 {{{name}}} 后不能有格式（只能写 {{year}} 和 {{prev}}）")

    def node(self, table: dict[str, Any], depth: int = 1) -> Group | Field | None:
        if "group" in table:
            self.unknown(table, {"group", "fields"})
            label = self.need(table, "group", str)
            where = f"分组“{label}”"
            if not label.strip():
                self.problem("分组没有表头文字")
            if depth > MAX_DEPTH:
                self.problem(f"{where}嵌套超过 {MAX_DEPTH} 层")
                return None
            children = self.tables(table, "fields", required=True)
            nodes = tuple(n for n in (self.node(child, depth + 1) for child in children) if n)
            return Group(label, nodes) if nodes and len(nodes) == len(children) else None
        named = table.get("key")
        key = named if isinstance(named, str) else ""
        known = {"key", "label", "kind", "paired", "width", "default", "noun", "unit"}
        self.unknown(table, known, field=key)
        key = self.need(table, "key", str)
        if not key:
            if "key" not in table:
                return None
            self.problem("字段的键是空的")
            return None
        if not KEY.fullmatch(key):
            self.problem("键应为小写字母开头的英文标识（小写字母、数字、下划线）", field=key)
        label = self.need(table, "label", str, field=key)
        if "label" in table and not label.strip():
            self.problem("没有表头文字", field=key)
        kind_name = self.need(table, "kind", str, field=key)
        kind = KINDS.get(kind_name)
        if kind_name and kind is None:
            self.problem(f"类型“{kind_name}”未知（应为 {'、'.join(KINDS)} 之一）", field=key)
        paired = self.get(table, "paired", bool, False, field=key)
        width = self.get(table, "width", int, 0, field=key)
        if not 0 <= width <= MAX_WIDTH:
            self.problem(f"列宽 {width} 应在 0（自动）到 {MAX_WIDTH} 之间", field=key)
        default = self.get(table, "default", str, "", field=key)
        if default not in ("", FILLER):
            self.problem(f"默认值“{default}”未知（只能是 {FILLER}：随填报单位）", field=key)
        noun = self.get(table, "noun", str, "", field=key)
        unit = self.get(table, "unit", str, "", field=key)
        if kind is None or not label.strip():
            return None
        made = Field(key, label, kind, paired=paired, width=width, default=default, noun=noun, unit=unit)
        if not made.noun.strip():
            self.problem("没有句中称呼（noun）", field=key)
        return made

    def fields(self, fields: list[Field], rows: RowStyle, row_label: str, header: tuple[Group | Field, ...]) -> None:
        seen: dict[str, int] = {}
        for f in fields:
            seen[f.key] = seen.get(f.key, 0) + 1
            if seen[f.key] == 2:
                again = self.line_of("key", f.key, nth=2)
                self.problem("键重复（同一附件中每个字段的键只能用一次）", field=f.key, line=again)
            if f.paired and not f.kind.numeric:
                self.problem("有上年、本年两列（paired）但不是数字，不能计算同比", field=f.key)
            if f.default == FILLER and (f.paired or f.kind.numeric or rows is not RowStyle.COMPARISON):
                self.problem('只有对比式附件中单位名称的文字字段才能随填报单位（default = "filler"）', field=f.key)
        first = header[0] if header else None
        if row_label and (not isinstance(first, Field) or first.key != row_label or first.paired or first.kind.numeric):
            self.problem(f'标明每行的字段（row_label = "{row_label}"）应是第一个字段，且是不分年度的文字字段')
        if rows is RowStyle.COMPARISON:
            if not isinstance(first, Field) or first.paired:
                self.problem("对比式附件的第一列应是不分年度的字段（单位名称）")
            if not any(f.paired for f in fields):
                self.problem("对比式附件至少要有一个 paired = true 的字段")
        elif any(f.paired for f in fields):
            self.problem("多行式附件（list）不能有 paired = true 的字段")

    def rule(self, table: dict[str, Any], fields: list[Field]) -> Rule | None:
        name = self.need(table, "rule", str)
        named = table.get("code")
        code = named if isinstance(named, str) else ""
        if name not in RULES:
            if name:
                self.problem(f"审核规则“{name}”未知（应为 {'、'.join(RULES)} 之一）", code=code)
            return None
        made, entries = RULES[name]
        self.unknown(table, {"rule", *entries})
        before = len(self.problems)
        arguments: dict[str, Any] = {}
        for entry, kind in entries.items():
            optional = entry in _OPTIONAL_RULE_ENTRIES
            if optional and entry not in table:
                continue
            value = (self.strings(table, entry) or []) if kind is list else self.need(table, entry, kind)
            arguments[entry] = tuple(value) if isinstance(value, list) else value
        if "severity" in arguments:
            severity = SEVERITIES.get(arguments["severity"])
            if severity is None:
                self.problem(f"审核规则 {code} 的严重程度“{arguments['severity']}”未知（应为 错误 或 提示）", code=code)
            arguments["severity"] = severity
        by_key = {f.key: f for f in fields}
        own = [arguments.get("total", ""), *arguments.get("parts", ()), arguments.get("field", "")]
        for key in [k for k in own if k]:
            if key not in by_key:
                self.problem(f"审核规则 {code} 用到的字段 {key} 不在本附件中", code=code)
            elif not by_key[key].kind.numeric:
                self.problem(f"审核规则 {code} 要相加或比较字段 {key}，但它不是数字", code=code)
        if len(self.problems) > before:
            return None
        rule: Rule = made(**arguments)
        return rule

    def across(self, specs: list[FormSpec], changes: list[KeyChange], version: str) -> None:
        """What one attachment says about another, and what the key changes name."""
        by_key: dict[str, FormSpec] = {}
        for spec in specs:
            self.where = f"{spec.label}（{spec.key}）"
            if spec.key in by_key:
                self.problem(f"附件的键“{spec.key}”重复")
            if any(other.number == spec.number for other in by_key.values()):
                self.problem(f"附件号 {spec.number} 重复")
            by_key.setdefault(spec.key, spec)
        for spec in specs:
            self.where = f"{spec.label}（{spec.key}）"
            self.span = self.spans.get(spec.key, (0, len(self.lines)))
            for rule in spec.rules:
                if isinstance(rule, AtLeastSum):
                    continue
                named = f"{rule.other_form}.{rule.other_field}"
                other = by_key.get(rule.other_form)
                if other is None:
                    self.problem(f"审核规则 {rule.code} 用到的附件 {rule.other_form} 不在表样中", code=rule.code)
                elif rule.other_field not in [f.key for f in other.fields()]:
                    self.problem(f"审核规则 {rule.code} 用到的字段 {named} 不存在", code=rule.code)
                elif not other.field(rule.other_field).paired:
                    self.problem(f"审核规则 {rule.code} 逐年比较 {named}，但它没有上年、本年两列", code=rule.code)
        self.span = (0, len(self.lines))
        self.where = ""
        for change in changes:
            changed = by_key.get(change.form)
            what = f"key_changes {change.form}.{change.old}"
            if changed is None:
                self.problem(f"{what}：附件 {change.form} 不在表样中")
            elif change.new is not None and change.new not in [f.key for f in changed.fields()]:
                self.problem(f"{what} → {change.new}：没有这个字段")
            if not re.fullmatch(r"\d{4}\.\d+", change.version):
                self.problem(f"{what}：版本“{change.version}”应形如 2024.1")
            elif version and version_key(change.version) > version_key(version):
                self.problem(f"{what}：版本 {change.version} 比表样 {version} 还新")


def _walk(nodes: tuple[Group | Field, ...]) -> Iterator[Field]:
    for node in nodes:
        if isinstance(node, Field):
            yield node
        else:
            yield from _walk(node.children)
