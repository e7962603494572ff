"""Field keys across template versions: a file written under an older template is brought up
to the current one when it is opened, in the same transaction that records the new version."""

from __future__ import annotations

from sqlite_utils import Database

from forms.registry import FIRST_VERSION, KeyChange, Template, version_key

SETTING = "template_version"


def stored_version(db: Database) -> str | None:
    """The template the file's data was written under; None for a file with no reports yet."""
    rows = list(db.query("select value from settings where key = ?", [SETTING]))
    if rows:
        return rows[0]["value"]
    has_data = next(iter(db.query("select 1 as one from reports limit 1")), None) is not None
    return FIRST_VERSION if has_data else None


def pending(db: Database, template: Template) -> bool:
    version = stored_version(db)
    return version is None or version_key(version) < version_key(template.version)


def upgrade(db: Database, template: Template) -> list[KeyChange]:
    """Apply the key changes the file needs and record ``template.version``; call in a transaction.

    A renamed key moves every cell (figures, both years, and its 原因简析); a dropped key's
    cells stay where they are (the store shows only the template's fields)."""
    version = stored_version(db)
    applied = template.changes_since(version) if version is not None else []
    for change in applied:
        if change.new is not None:
            db.execute("update cells set field = ? where form = ? and field = ?", [change.new, change.form, change.old])
    db["settings"].upsert({"key": SETTING, "value": template.version}, pk="key")
    return applied
