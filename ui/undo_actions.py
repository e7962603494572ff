"""撤销/重做 keep fixed labels: a label that grew with the step's name moved every toolbar button
right of it, and a click aimed at 导出Word undid the last edit. The step is named in the tooltip
and in the status bar instead.

The step's name changes with every edit (it quotes the value), and setting an action's tip makes
its toolbar button and menu entry take the action again (≈80 µs, a twentieth of an edit). So the
tips are written when they can be seen: when the pointer comes to the button or the menu entry
(``QAction.hovered``), or at once while it rests on one of them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from forms.history import History

SHORTCUTS = {"撤销": "Ctrl+Z", "重做": "Ctrl+Y"}


class StepActions:
    def __init__(self, undo: QAction, redo: QAction, history: Callable[[], History | None]) -> None:
        self.undo, self.redo, self._history = undo, redo, history
        self._named = False  # the tips name the steps as they are now
        for action in (undo, redo):
            action.hovered.connect(self._hovered)
        self.show()

    def show(self) -> None:
        """After every step, undo and redo: enabled when there is a step to take."""
        history = self._history()
        for action, name in self._steps(history):
            if action.isEnabled() != (name is not None):
                action.setEnabled(name is not None)
        self._named = False
        if self._seen():
            self.name_steps()

    def name_steps(self) -> None:
        for (action, name), verb in zip(self._steps(self._history()), SHORTCUTS, strict=True):
            tip = f"{verb}：{name}（{SHORTCUTS[verb]}）" if name else f"没有可{verb}的操作"
            action.setToolTip(tip)
            action.setStatusTip(tip)  # shown in the status bar while the pointer rests on it
        self._named = True

    def _hovered(self) -> None:
        if not self._named:
            self.name_steps()

    def _steps(self, history: History | None) -> list[tuple[QAction, str | None]]:
        return [
            (self.undo, history.undo_name() if history else None),
            (self.redo, history.redo_name() if history else None),
        ]

    def _seen(self) -> bool:
        """The pointer is on the toolbar button, or the menu holding them is open."""
        for action in (self.undo, self.redo):
            for widget in action.associatedObjects():
                if isinstance(widget, QWidget) and widget.isVisible() and (widget.underMouse() or widget.isWindow()):
                    return True
        return False
