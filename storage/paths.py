"""The one module that knows where files live (overridden by ``--db`` for tests and support)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "TianbaoZhushou"  # ASCII: some office PCs still choke on CJK profile paths
DB_FILE_NAME = "tianbao.sqlite3"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME
