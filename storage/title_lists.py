"""The lists of document titles a file carries beside the shipped one (校对, ``forms/proofread_titles.py``):
the clerk's own, or one the city bureau sends, in the shipped list's format (one title a line, ``#`` a
comment), kept in the file's settings by the list's name (its file name without the suffix). A list
added again under its name replaces the one before. The window's 文件 → 装入文件名称清单… reads through here.

A list is outside input: it passes the path door, at most ``MAX_BYTES``, UTF-8 (a BOM accepted) or
GB 18030 as Notepad saves it, and loses what no text may hold (``forms/hygiene.py``)."""

from __future__ import annotations

import json
from pathlib import Path

from forms.errors import UserError
from forms.hygiene import clean_text
from storage.connection import Database
from storage.path_check import describe, require_file

KEY = "title_lists"
MAX_BYTES = 1 << 20


def lists(db: Database) -> dict[str, tuple[str, ...]]:
    """Each list the file carries, by name, in the order added."""
    stored = json.loads(db.setting(KEY, "{}"))
    return {name: tuple(titles) for name, titles in stored.items()}


def titles(db: Database) -> tuple[str, ...]:
    """Every title of the lists the file carries (the audit adds them to the shipped ones)."""
    return tuple(t for listed in lists(db).values() for t in listed)


def read_file(path: Path) -> tuple[str, ...]:
    action = "读取文件名称清单"
    if not require_file(path, action):
        raise UserError(f"{action} {path}：文件不存在")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # never more: a file of gigabytes is refused unread
    except OSError as exc:
        raise UserError(f"{action} {path}：{describe(exc)}") from None
    if len(data) > MAX_BYTES:
        raise UserError(f"{action} {path}：文件超过 1 MB，不像一份文件名称清单")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - GB 18030 decodes every byte string
        raise UserError(f"{action} {path}：不是文本文件")
    from forms.proofread_titles import parse_titles  # 校对's modules load with the first audit, not at start

    found = parse_titles(clean_text(text, multiline=True))
    if not found:
        raise UserError(f"{action} {path}：没有读到任何文件名称（一行写一个，# 后面是注释）")
    return found


def add_file(db: Database, path: Path) -> str:
    """Store the list of the file at ``path`` under its name; what was done, in one line."""
    found = read_file(path)
    stored = {name: list(t) for name, t in lists(db).items()}
    replaced = path.stem in stored
    stored[path.stem] = list(found)
    db.set_setting(KEY, json.dumps(stored, ensure_ascii=False))
    return f"已{'更新' if replaced else '装入'}文件名称清单“{path.stem}”（{len(found)} 个）"


def remove(db: Database, name: str) -> None:
    stored = {n: list(t) for n, t in lists(db).items()}
    if name not in stored:
        raise UserError(f"没有名为“{name}”的文件名称清单")
    del stored[name]
    db.set_setting(KEY, json.dumps(stored, ensure_ascii=False))
