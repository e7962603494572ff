"""Shared fixtures. Qt runs offscreen; set before anything imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from forms.report import Report
from storage.sample import create_sample
from storage.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tianbao.sqlite3"


@pytest.fixture
def store(db_path: Path):
    store = Store(db_path)
    yield store
    store.close()


@pytest.fixture
def sample(store: Store) -> Report:
    return create_sample(store)


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory):
    """QSettings (window size, export folders) go to a fresh folder per test, never the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal box nobody answers would hang the run offscreen: make it fail the test instead.
    Tests that expect a dialog patch it again with their answer."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: unexpected(None, box.windowTitle(), box.text()))


@pytest.fixture
def main_window(qtbot, store: Store, sample: Report):
    """The real main window over the sample report, shown offscreen."""
    from ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.audited)  # the first audit follows the first paint
    return window
