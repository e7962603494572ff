"""撤销/重做 keep fixed labels: a label that grew with the step's name moved every toolbar button
right of it, and a click aimed at 导出Word undid the last edit. The step is named in the tooltip
and in the status bar instead."""

from __future__ import annotations

from PySide6.QtGui import QAction

from forms.history import History

SHORTCUTS = {"撤销": "Ctrl+Z", "重做": "Ctrl+Y"}


def show_steps(undo: QAction, redo: QAction, history: History | None) -> None:
    for action, verb, name in (
        (undo, "撤销", history.undo_name() if history else None),
        (redo, "重做", history.redo_name() if history else None),
    ):
        tip = f"{verb}：{name}（{SHORTCUTS[verb]}）" if name else f"没有可{verb}的操作"
        if action.toolTip() == tip and action.text() == verb:
            continue  # after every edit: most often unchanged (setting a tip repaints the toolbar's button)
        action.setEnabled(name is not None)
        action.setText(verb)
        action.setToolTip(tip)
        action.setStatusTip(tip)  # shown in the status bar while the pointer rests on it
