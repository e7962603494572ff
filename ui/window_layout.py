"""The window's size, panels and splitters, remembered in the settings between runs."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from ui.settings import app_settings


def splitters(widget: QWidget) -> dict[str, QSplitter]:
    """Every splitter in the widget (the 报告正文 page's outline | editor), by a stable name."""
    found = widget.findChildren(QSplitter)
    return {splitter.objectName() or f"splitter{i}": splitter for i, splitter in enumerate(found)}


def restore_layout(window: QMainWindow, *, geometry: bool = True) -> bool:
    """Size and docks as last saved; True when the clerk had closed the 审核 panel. The splitters
    live on pages built after the first paint, which restore theirs (``restore_splitters``): a search
    of the whole window here would wrap each of its widgets in Python, ≈15 ms of the start."""
    settings = app_settings()
    if geometry:
        restore_geometry(window)
    audit_closed = settings.value("window/audit_closed", "false") == "true"
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    return audit_closed


def restore_geometry(window: QMainWindow) -> None:
    """The window's size and place as last saved (the start's frame takes them before anything else)."""
    geometry = app_settings().value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)


def restore_splitters(page: QWidget) -> None:
    """The page's splitters as last saved, once it is built (报告正文)."""
    settings = app_settings()
    for key, splitter in splitters(page).items():
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
