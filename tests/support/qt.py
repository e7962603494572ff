"""Helpers for driving the window in pytest-qt tests."""

from __future__ import annotations


def show_tab(qtbot, window, page) -> None:
    """Bring a page to the front and wait until Qt has shown it (a hidden grid takes no typing)."""
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)


def open_window(qtbot, store):
    """The real main window over ``store``, shown offscreen, after its first audit."""
    from ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.audited)  # the first audit follows the first paint
    return window


def finding_items(panel) -> list:
    """The 审核 panel's finding rows (under the group rows), in the order shown."""
    tree = panel.tree
    groups = [tree.topLevelItem(g) for g in range(tree.topLevelItemCount())]
    return [group.child(i) for group in groups for i in range(group.childCount())]


def step_tip(action) -> str:
    """撤销's or 重做's tooltip as a clerk sees it: pointed at first (ui/undo_actions.py writes it then)."""
    action.hover()
    return action.toolTip()
