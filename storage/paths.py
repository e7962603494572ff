"""The one module that knows where files live (overridden by ``--db`` for tests and support)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

try:  # CPython's own SHA-1: hashlib would load OpenSSL (≈3 MiB) at start-up for a name
    from _sha1 import sha1
except ImportError:  # a build without it
    from hashlib import sha1

APP_DIR_NAME = "TianbaoZhushou"  # ASCII: some office PCs still choke on CJK profile paths
DB_FILE_NAME = "tianbao.sqlite3"
MEMORY = ":memory:"  # --db for a database in memory (tests, support)


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME


def path_tag(path: Path, length: int) -> str:
    """A short name for the file at ``path``, whatever characters its path holds (the same for the
    same resolved path): a settings key, a recovery file's name."""
    return sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:length]
