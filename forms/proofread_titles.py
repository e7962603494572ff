"""校对 of the documents a report cites by title (《…》, and 〈…〉 inside one): the same title written two
ways in one report, and a title one or two characters away from a list of titles as they are written.

The list is data: ``forms/titles/shipped.txt`` (the national and provincial documents the published
reports cite, each with where it is cited), and the clerk's or the city's own lists, the same format,
kept in the database (``storage/title_lists.py``). One title a line, ``#`` starts a comment."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

from forms.proofread import Slip

SHIPPED = Path(__file__).parent / "titles" / "shipped.txt"
MIN_LENGTH = 8  # a shorter title is too short to tell a slip from another document
_OUTER = re.compile(r"《([^《》\n]+)》")
_INNER = re.compile(r"[〈<]([^〈〉<>\n]+)[〉>]")
_FOLD = str.maketrans({"(": "（", ")": "）", "<": "〈", ">": "〉", "－": "—", "–": "—", "-": "—", "―": "—"})
_BLANKS = re.compile(r"\s+")


def parse_titles(text: str) -> tuple[str, ...]:
    """A list's titles: each line without its comment and blanks, 《》 around it dropped."""
    out = []
    for line in text.lstrip("\ufeff").splitlines():
        title = _BLANKS.sub("", line.split("#", 1)[0]).removeprefix("《").removesuffix("》")
        if title:
            out.append(title)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def shipped_titles() -> tuple[str, ...]:
    return parse_titles(SHIPPED.read_text(encoding="utf-8"))


def norm(title: str) -> str:
    """What two ways of writing the same title share: no blanks, full-width brackets, one dash."""
    return _BLANKS.sub("", title).translate(_FOLD)


def near(a: str, b: str) -> bool:
    """One or two characters apart (one below 16 characters), not only in their figures (a plan of
    2023 and one of 2024 are two documents)."""
    if a == b or min(len(a), len(b)) < MIN_LENGTH:
        return False
    most = 1 if min(len(a), len(b)) < 16 else 2
    if abs(len(a) - len(b)) > most:
        return False
    if len(a) == len(b) and all(x == y or (x.isdigit() and y.isdigit()) for x, y in zip(a, b, strict=True)):
        return False
    return _distance(a, b, most) <= most


def _distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance, or ``most + 1`` once it is sure to exceed ``most``."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y))
        if min(row) > most:
            return most + 1
        previous = row
    return previous[-1]


def _cited(pieces: list[str]) -> list[tuple[int, tuple[int, int], str]]:
    """Every title cited, in text order: (piece, span of the title's words, the words)."""
    out = []
    for i, text in enumerate(pieces):
        if "《" not in text:
            continue
        for m in _OUTER.finditer(text):
            out.append((i, m.span(1), m[1]))
            out += [(i, (m.start(1) + n.start(1), m.start(1) + n.end(1)), n[1]) for n in _INNER.finditer(m[1])]
    return out


def title_slips(pieces: list[str], extra: Iterable[str] = ()) -> list[tuple[int, Slip]]:
    """(piece, slip) for each title written otherwise than a listed one (fix: the listed one) or than
    the same title earlier in the report (no fix: which of the two is right is not known)."""
    cited = _cited(pieces)
    if not cited:
        return []
    known = {norm(t): t for t in (*shipped_titles(), *extra)}
    found = []
    # norm → the words of each title as first cited: what later citations are held to. A citation
    # written as one of these is never told of (A, B, A: only B differs from how the title was first cited).
    first: dict[str, str] = {}
    for i, span, words in cited:
        n = norm(words)
        if n in known or n in first:  # as listed (a variant is told of the list's) or as first cited
            continue
        listed = next((t for k, t in known.items() if near(n, k)), None)
        if listed is not None:
            found.append((i, Slip("PROOF_TITLE", span, f"《{words}》与文件名称《{listed}》不一致", listed)))
            continue
        earlier = next((w for k, w in first.items() if near(n, k)), None)
        if earlier is not None:
            found.append((i, Slip("PROOF_TITLE", span, f"《{words}》与前文引用的《{earlier}》写法不同", None)))
        else:
            first[n] = words
    return found
