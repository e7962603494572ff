"""Shared fixtures. Qt runs offscreen; set before anything imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from forms.report import Report  # noqa: E402
from storage.sample import create_sample  # noqa: E402
from storage.store import Store  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tianbao.sqlite3"


@pytest.fixture
def store(db_path: Path):  # noqa: ANN201
    store = Store(db_path)
    yield store
    store.close()


@pytest.fixture
def sample(store: Store) -> Report:
    return create_sample(store)
