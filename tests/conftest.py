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
