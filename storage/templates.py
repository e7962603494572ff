"""Which template each report is of: the templates a file knows are the program's shipped ones and
those the file carries (table ``templates``: each version with its file's text, verbatim, so a file
still opens with every report on its own template after a newer program stops shipping one).

A report records its template (``reports.template``) when it is made, the newest known one that
serves its year, and keeps it: moving it to another is an explicit step (``storage/template_move.py``).
Where a version is both shipped and stored, the shipped one is read (the same version never
changes its text: ``add`` refuses another text under a known version).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from forms.errors import UserError
from forms.report import Report
from forms.spec import FormSpec
from forms.template import Template, version_key
from forms.template_file import TemplateError, read_template
from storage.connection import Database, now


@dataclass(frozen=True)
class Known:
    """A template the file can use, and where it comes from."""

    template: Template
    shipped: bool  # with this program
    stored: bool  # its text is in the file


@lru_cache(maxsize=16)
def _parsed(text: str, version: str) -> Template:
    # Checked when it was added; a stored text is still outside input (a hand-edited file).
    return read_template(text.encode("utf-8"), f"数据库中的表样 {version}")


def _stored(db: Database) -> dict[str, str]:
    return {row[0]: row[1] for row in db.conn.execute("select version, text from templates")}


def known(db: Database) -> dict[str, Known]:
    """Every template the file can use, by version, oldest first. A stored text this program cannot
    read (a file from elsewhere, edited by hand) is left out: its reports say why (``template``)."""
    with db.read():
        stored = _stored(db)
    found = {t.version: Known(t, True, t.version in stored) for t in db.shipped}
    for version, text in stored.items():
        if version not in found:
            try:
                found[version] = Known(_parsed(text, version), False, True)
            except TemplateError:
                continue
    return {v: found[v] for v in sorted(found, key=version_key)}


def all_known(db: Database) -> tuple[Template, ...]:
    """The known templates themselves, oldest first (what a step across several follows)."""
    return tuple(k.template for k in known(db).values())


def template(db: Database, version: str) -> Template:
    """The template of that version, or a UserError saying the file and the program lack it."""
    for shipped in db.shipped:
        if shipped.version == version:
            return shipped
    with db.read():
        row = db.conn.execute("select text from templates where version = ?", [version]).fetchone()
    if row is None:
        raise UserError(f"本程序和这个数据库里都没有表样 {version}：请先装入这个表样（文件 → 装入表样…）")
    return _parsed(row[0], version)


def template_of(db: Database, report: Report | int) -> Template:
    """The template ``report`` (or the report of that id) was made with or moved to."""
    if isinstance(report, Report):
        return template(db, report.template)
    with db.read():
        row = db.conn.execute("select template from reports where id = ?", [report]).fetchone()
    if row is None:
        raise KeyError(report)
    return template(db, row[0])


def forms_of(db: Database, report: Report | int) -> tuple[FormSpec, ...]:
    return template_of(db, report).forms


def spec_of(db: Database, report: Report | int, form_key: str) -> FormSpec:
    """The report's own template's form of that key (KeyError: its template has none)."""
    for spec in forms_of(db, report):
        if spec.key == form_key:
            return spec
    raise KeyError(form_key)


def for_year(db: Database, year: int) -> Template:
    """The newest known template that serves ``year``: what a new report of that year is made with."""
    serving = [k.template for k in known(db).values() if k.template.serves(year)]
    if not serving:
        raise UserError(f"没有适用于 {year} 年的表样：请先装入适用的表样（文件 → 装入表样…）")
    return serving[-1]


def keep(db: Database, chosen: Template) -> None:
    """Store the template's text unless the file holds it already (a report of it is being made).
    A template built in code (a test's) has no text to keep. Call under ``db.write()``."""
    if chosen.source:
        db.conn.execute(
            "insert or ignore into templates (version, text, added_at) values (?, ?, ?)",
            [chosen.version, chosen.source, now()],
        )


def keep_used(db: Database) -> None:
    """Store the text of every shipped template a report uses that the file does not hold yet
    (a file written before templates travelled); at open, only when there is one."""
    missing = [
        row[0]
        for row in db.conn.execute(
            "select distinct template from reports where template not in (select version from templates)"
        )
    ]
    shipped = [t for t in db.shipped if t.version in missing and t.source]
    if shipped:
        with db.write():
            for chosen in shipped:
                keep(db, chosen)


def uses(db: Database) -> dict[str, int]:
    """How many reports each template version has."""
    with db.read():
        return {row[0]: row[1] for row in db.conn.execute("select template, count(*) from reports group by template")}
