"""Spare the program PySide's source scan of every module it imports.

Importing PySide6 installs an import hook for its ``from __feature__ import snake_case`` switch: after
each import it reads the module's whole source (``inspect.getsource``) to see whether it names
PySide6 (PYSIDE-2029; napari/napari#8584 calls it PySide's start-up tax). That reads ≈200 files and
keeps ≈1.5 million characters in ``linecache`` (≈4 MiB at the first paint). This program never
switches a feature, so what the scan decides changes nothing: only ``ui/`` uses PySide, and every
other module is marked "not using PySide" without reading it. Import this first, before any other
module of the window loads; a PySide without that hook (or another layout of it) is left as it is.
"""

from __future__ import annotations

from types import ModuleType

import PySide6  # the package alone: shiboken and its import hook, no Qt library yet


def _uses_pyside(module: ModuleType) -> bool:
    name = getattr(module, "__name__", "")
    return name == "ui" or name.startswith("ui.")


try:
    from PySide6.support import feature
except ImportError:  # a PySide without the __feature__ switch: nothing to spare
    feature = None
if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
    feature._mod_uses_pyside = _uses_pyside

__all__ = ["PySide6"]
