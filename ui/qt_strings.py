"""Qt strings a clerk can see that Qt's own zh_CN catalogue leaves in English.

On Windows the native file dialog is used and speaks the system's language; elsewhere (and
in the Linux build the tests drive) Qt's own dialog shows these two labels.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class MissingQtStrings(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null string) lets the next catalogue answer; "" would blank every other string.
        return MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False
