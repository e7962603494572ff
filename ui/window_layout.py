"""The window's size, panels and splitters, remembered in the settings between runs."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter

from ui.settings import app_settings


def splitters(window: QMainWindow) -> dict[str, QSplitter]:
    """Every splitter of the window (the 报告正文 page's outline | editor), by a stable name."""
    found = window.findChildren(QSplitter)
    return {splitter.objectName() or f"splitter{i}": splitter for i, splitter in enumerate(found)}


def restore_layout(window: QMainWindow) -> bool:
    """Size, docks and splitters as last saved; True when the clerk had closed the 审核 panel."""
    settings = app_settings()
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    audit_closed = settings.value("window/audit_closed", "false") == "true"
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    restore_splitters(window)
    return audit_closed


def restore_splitters(window: QMainWindow) -> None:
    """The splitters as last saved: at start, and for a page built after it (报告正文)."""
    settings = app_settings()
    for key, splitter in splitters(window).items():
        sizes = settings.value(f"splitters/{key}")
        if sizes is not None:
            splitter.restoreState(sizes)


def save_layout(window: QMainWindow, *, audit_closed: bool) -> None:
    settings = app_settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/audit_closed", "true" if audit_closed else "false")
    for key, splitter in splitters(window).items():
        settings.setValue(f"splitters/{key}", splitter.saveState())
    settings.sync()
