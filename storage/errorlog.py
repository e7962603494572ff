"""The log where bugs go: a traceback for the developer, never shown to the clerk."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

LOG_NAME = "error.log"
LOG_MAX_BYTES = 1_000_000  # then the log starts over: a clerk's disk is not for our tracebacks


def log_bug(exc: BaseException, folder: Path | None) -> Path | None:
    """Append ``exc`` with its traceback to ``folder``/error.log; the log's path, or None."""
    if folder is None:
        return None
    path = folder / LOG_NAME
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        mode = "w" if path.exists() and path.stat().st_size > LOG_MAX_BYTES else "a"
        with path.open(mode, encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}")
    except OSError:
        return None
    return path
