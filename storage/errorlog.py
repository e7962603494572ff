"""The log where bugs go: a traceback for the developer, never shown to the clerk.

``logging``'s rotating handler keeps it bounded (a clerk's disk is not for our tracebacks): at 1 MB
the log moves to ``error.log.1`` and starts over. A log that cannot be written is given up silently:
logging's own error report would reach the clerk's console.
"""

from __future__ import annotations

import traceback
from pathlib import Path

LOG_NAME = "error.log"
LOG_MAX_BYTES = 1_000_000


def log_bug(exc: BaseException, folder: Path | None) -> Path | None:
    """Append ``exc`` with its traceback to ``folder``/error.log; the log's path, or None."""
    if folder is None:
        return None
    import logging  # with its handlers (socket, pickle …) only once there is a bug to log
    from logging.handlers import RotatingFileHandler

    class _Handler(RotatingFileHandler):
        failed = False

        def handleError(self, record: logging.LogRecord) -> None:  # logging's hook: print nothing, remember
            self.failed = True

    path = folder / LOG_NAME
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip("\n")
    handler = _Handler(path, maxBytes=LOG_MAX_BYTES, backupCount=1, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("--- %(asctime)s\n%(message)s", "%Y-%m-%dT%H:%M:%S"))
    try:
        handler.handle(logging.LogRecord("tianbao", logging.ERROR, __file__, 0, text, None, None))
    finally:
        handler.close()
    return None if handler.failed else path
