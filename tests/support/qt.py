"""Helpers for driving the window in pytest-qt tests."""

from __future__ import annotations


def show_tab(qtbot, window, page) -> None:
    """Bring a page to the front and wait until Qt has shown it (a hidden grid takes no typing)."""
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
