"""The bug log: appended, bounded by rotation, and silent when it cannot be written."""

from __future__ import annotations

from pathlib import Path

from storage import errorlog


def _bug(n: int) -> RuntimeError:
    try:
        raise RuntimeError(f"bug {n}")
    except RuntimeError as exc:
        return exc


def test_bugs_are_appended_with_their_traceback(tmp_path: Path) -> None:
    assert errorlog.log_bug(_bug(1), tmp_path) == tmp_path / "error.log"
    errorlog.log_bug(_bug(2), tmp_path)
    text = (tmp_path / "error.log").read_text(encoding="utf-8")
    assert text.count("--- ") == 2 and "RuntimeError: bug 1" in text and "RuntimeError: bug 2" in text
    assert "Traceback (most recent call last)" in text


def test_the_log_is_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(errorlog, "LOG_MAX_BYTES", 2000)
    for n in range(40):
        errorlog.log_bug(_bug(n), tmp_path)
    logs = sorted(p.name for p in tmp_path.iterdir())
    assert logs == ["error.log", "error.log.1"]
    assert all(p.stat().st_size <= 2000 + 1000 for p in tmp_path.iterdir())
    assert "bug 39" in (tmp_path / "error.log").read_text(encoding="utf-8")


def test_an_unwritable_log_is_given_up_silently(tmp_path: Path, capsys) -> None:
    (tmp_path / "error.log").mkdir()  # a folder where the log would be: it cannot be written
    assert errorlog.log_bug(_bug(1), tmp_path) is None
    assert capsys.readouterr().err == ""
