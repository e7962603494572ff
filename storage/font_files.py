"""The characters the Windows fonts hold, read from their files when they are at hand (``%WINDIR%\\Fonts``
on Windows, or a folder given): the cmap of each face the Word report names with the Windows fonts
(仿宋, 楷体, 宋体, 黑体), through fontTools. A character is printable when every one of them holds it.
Without fontTools or without the files, None: the audit then says nothing about the Windows fonts."""

from __future__ import annotations

import functools
import os
from pathlib import Path

# The faces FontNames.windows() names (exporters/docx_style.py), by their files on a stock Windows.
FILES = {"仿宋": "simfang.ttf", "楷体": "simkai.ttf", "宋体": "simsun.ttc", "黑体": "simhei.ttf"}


def fonts_folder() -> Path | None:
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    return Path(windir) / "Fonts" if windir else None


@functools.lru_cache(maxsize=4)
def windows_chars(folder: Path | None = None) -> frozenset[int] | None:
    """The code points every Windows face of the report holds, or None when a file is not at hand or
    cannot be read."""
    folder = folder or fonts_folder()
    if folder is None:
        return None
    try:
        from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None
    shared: frozenset[int] | None = None
    for name in FILES.values():
        path = folder / name
        try:
            if path.suffix.lower() == ".ttc":
                faces = TTCollection(str(path), lazy=True).fonts[:1]
            else:
                faces = [TTFont(str(path), lazy=True)]
            chars = frozenset(faces[0].getBestCmap() or {})
        except Exception:
            return None
        shared = chars if shared is None else shared & chars
    return shared
