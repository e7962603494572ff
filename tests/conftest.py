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


def _uses_qt(request: pytest.FixtureRequest) -> bool:
    # Qt is imported only by the tests that use it: the domain tests run without PySide6 loaded.
    return bool({"qtbot", "qapp"} & set(request.fixturenames)) or request.node.path.name.startswith("test_ui_")


@pytest.fixture(autouse=True)
def fresh_audit_parts_under_mutmut():
    """mutmut (README, "Development") switches a mutant on in a process whose clean run already built
    the audit's parts (``forms.audit._parts``, memoised): parts built from the unmutated builders would
    hide every mutant in them. Under mutmut only, each test builds them again; so too the other memoised
    results built by mutated code: the fonts' character class (``font_cover._outside``, from ``_ranges`` and
    ``_gb2312_points``) and the shipped title list (``proofread_titles.shipped_titles``, from ``parse_titles``)."""
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return
    from forms import audit, font_cover, proofread_titles

    audit._parts.cache_clear()
    font_cover._outside.cache_clear()
    proofread_titles.shipped_titles.cache_clear()


@pytest.fixture(autouse=True)
def private_settings(request, tmp_path_factory):
    """QSettings (window size, export folders) go to a fresh folder per test, never the user's."""
    if not _uses_qt(request):
        return None
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(request, monkeypatch):
    """A modal box nobody answers would hang the run offscreen: make it fail the test instead.
    Tests that expect a dialog patch it again with their answer."""
    if not _uses_qt(request):
        return
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: unexpected(None, box.windowTitle(), box.text()))


@pytest.fixture(autouse=True)
def mouse_at_rest(request):
    """Each Qt test starts with no mouse button held. QTest's double click can leave Qt believing one is
    (seen after ``mouseDClick`` moved the focus to another widget, tests/test_ui_jump.py), and then no
    widget gets the pointer's Enter: a later test's hover failed for a reason of the earlier one's."""
    yield
    if not _uses_qt(request):
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    held = QGuiApplication.mouseButtons()
    if QGuiApplication.instance() is None or held == Qt.MouseButton.NoButton:
        return
    spot = QWidget()
    spot.show()
    QTest.mouseRelease(spot, held)
    spot.close()


# LibreOffice and poppler render and read the exports. Without them a developer's run skips those tests
# with one line saying what to install; CI (CI=true) must have them, so there a missing one fails.
NEEDS = "需要 LibreOffice 和 poppler-utils：apt install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"
NEEDS += " fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-microhei"


def _renderers_missing() -> bool:
    import shutil

    return not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("CI", "").lower() == "true" or not _renderers_missing():
        return
    skip = pytest.mark.skip(reason=NEEDS)
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str | None:
    if _renderers_missing():
        missing = "CI=true：缺少 LibreOffice/poppler 的测试将失败" if os.environ.get("CI", "").lower() == "true" else ""
        return missing or f"跳过 LibreOffice 测试：{NEEDS}"
    return None


# Property tests: a small run by default, the full one where CI sets HYPOTHESIS_PROFILE=ci.
from hypothesis import settings as _hypothesis  # noqa: E402

_hypothesis.register_profile("ci", max_examples=200)
_hypothesis.register_profile("dev", max_examples=25)
_hypothesis.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def main_window(qtbot, store: Store, sample: Report):
    """The real main window over the sample report, shown offscreen."""
    from tests.support.qt import open_window

    return open_window(qtbot, store)
