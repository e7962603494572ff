"""Window settings (size, panels, last folders, the report last open per database) in an .ini file, never the registry.

On Windows the file is %APPDATA%\\TianbaoZhushou\\填报助手.ini; tests point QSettings' user
path at a temporary folder (tests/conftest.py), so they never touch a clerk's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from storage.paths import path_tag

ORGANISATION = "TianbaoZhushou"
APPLICATION = "填报助手"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def last_folder(kind: str) -> Path | None:
    """The folder the clerk last exported a ``kind`` (docx / xlsx / backup) to, if it still exists."""
    value = app_settings().value(f"folders/{kind}", "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else None


def remember_folder(kind: str, folder: Path) -> None:
    app_settings().setValue(f"folders/{kind}", str(folder))


def _database_key(db: Path) -> str:
    # A key per database file, whatever characters its path holds (QSettings keys take no "\\").
    return path_tag(db, 16)


def last_report(db: Path) -> int | None:
    """The id of the report last open in the window on ``db``."""
    value = app_settings().value(f"reports/{_database_key(db)}", "")
    return int(value) if str(value).isdigit() else None


def remember_report(db: Path, report_id: int) -> None:
    settings, key = app_settings(), f"reports/{_database_key(db)}"
    if settings.value(key) != str(report_id):  # a write syncs the file to disk (≈10–80 ms): at start it is the same
        settings.setValue(key, str(report_id))
