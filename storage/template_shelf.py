"""Adding and removing the templates a file carries, and listing what it knows: one path for
``main.py template add|list|remove`` and the window's 文件 → 装入表样….

A template file is outside input: it passes the path door (``storage/path_check.py``) and the
guarded reader (``forms.template_file.read_template``: a size bound, every problem one Chinese line
naming what and where); nothing is stored unless all of it is good.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.errors import UserError
from forms.template import Template
from forms.template_file import MAX_BYTES, TemplateError, read_template
from storage import templates
from storage.connection import Database, now
from storage.path_check import describe, require_file

ADDED = "已装入"
ALREADY = "已有"


@dataclass(frozen=True)
class Added:
    template: Template
    status: str  # ADDED, or ALREADY: the file knew this template with this very text

    def line(self) -> str:
        t = self.template
        return f"{self.status}表样 {t.version}（适用于 {t.years_text}）"


@dataclass(frozen=True)
class Listed:
    """One line of ``template list``: a known template and how many reports use it."""

    version: str
    years: str
    shipped: bool
    stored: bool
    reports: int

    def line(self) -> str:
        where = "、".join(w for w, yes in (("程序自带", self.shipped), ("存于数据库", self.stored)) if yes)
        return f"{self.version}\t适用于 {self.years}\t{where}\t{self.reports} 份报表"


def read_file(path: Path) -> Template:
    """The template in the file at ``path``, read within the size bound, or its refusal."""
    action = "无法装入表样"
    if not require_file(Path(path), action):
        raise UserError(f"{action} {path}：找不到这个文件")
    try:
        with Path(path).open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UserError(f"{action} {path}：{describe(exc)}") from None
    name = Path(path).name
    try:
        return read_template(data, name)
    except TemplateError as exc:  # each line names the file too: the clerk may have several at hand
        raise TemplateError([p if p.startswith(name) else f"{name} {p}" for p in exc.problems]) from None


def add_file(db: Database, path: Path) -> Added:
    """Store the template of the file at ``path`` in the database (``add``)."""
    return add(db, read_file(path))


def add(db: Database, template: Template) -> Added:
    """Store ``template``: refused when a known one has its version but another text, ``ALREADY``
    (nothing written) when it has the same text."""
    known = templates.known(db).get(template.version)
    if known is not None:
        if known.template.source != template.source:
            raise TemplateError(
                [f"已有表样 {template.version}，但内容与这个文件不同：同一版本号的表样不能改，请另起版本号"]
            )
        if known.stored or known.shipped:
            return Added(known.template, ALREADY)
    with db.write():
        db.conn.execute(
            "insert into templates (version, text, added_at) values (?, ?, ?)",
            [template.version, template.source, now()],
        )
    return Added(template, ADDED)


def listing(db: Database) -> list[Listed]:
    uses = templates.uses(db)
    return [
        Listed(v, k.template.years_text, k.shipped, k.stored, uses.get(v, 0)) for v, k in templates.known(db).items()
    ]


def remove(db: Database, version: str) -> None:
    """Take a stored template out of the file: refused for a shipped one or one a report uses."""
    known = templates.known(db).get(version)
    if known is None or (not known.stored and not known.shipped):
        raise UserError(f"没有表样 {version[:20]}")
    if known.shipped:
        raise UserError(f"表样 {version} 是程序自带的，不能删除")
    with db.write():
        used = db.conn.execute("select count(*) from reports where template = ?", [version]).fetchone()[0]
        if used:
            raise UserError(f"表样 {version} 还有 {used} 份报表在用，不能删除")
        db.conn.execute("delete from templates where version = ?", [version])
