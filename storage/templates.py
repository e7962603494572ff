"""Field keys across template versions: a file written under an older template is brought up
to the current one when it is opened, in the same transaction that records the new version."""

from __future__ import annotations

import sqlite3

from forms.registry import FIRST_VERSION, KeyChange, Template, version_key
from storage.database import put_setting

SETTING = "template_version"


def stored_version(conn: sqlite3.Connection) -> str | None:
    """The template the file's data was written under; None for a file with no reports yet."""
    row = conn.execute("select value from settings where key = ?", [SETTING]).fetchone()
    if row is not None:
        return row[0]
    has_data = conn.execute("select 1 from reports limit 1").fetchone() is not None
    return FIRST_VERSION if has_data else None


def pending(conn: sqlite3.Connection, template: Template) -> bool:
    version = stored_version(conn)
    return version is None or version_key(version) < version_key(template.version)


def upgrade(conn: sqlite3.Connection, template: Template) -> list[KeyChange]:
    """Apply the key changes the file needs and record ``template.version``; call in a transaction.

    A renamed key moves every cell (figures, both years, and its 原因简析); a dropped key's
    cells stay where they are (the store shows only the template's fields)."""
    version = stored_version(conn)
    applied = template.changes_since(version) if version is not None else []
    for change in applied:
        if change.new is not None:
            conn.execute(
                "update cells set field = ? where form = ? and field = ?", [change.new, change.form, change.old]
            )
    put_setting(conn, SETTING, template.version)
    return applied
