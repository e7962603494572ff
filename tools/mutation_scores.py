"""Per-module mutation scores from mutmut 3's results (README, "Development").

Run from the repository after `python -m mutmut run`: it reads the `mutants/**/*.py.meta` files mutmut
writes and prints, per module, the mutants killed (a timeout counts as killed, as mutmut counts it), the
survivors, those no selected test reaches, those not yet checked, and the score over the checked ones.

    python tools/mutation_scores.py            # the table
    python tools/mutation_scores.py --markdown # the same as a Markdown table for the README
    python tools/mutation_scores.py --also ../copy/mutants  # with a re-run of some modules merged in

``--also`` merges the results of a later run (of some modules, in a copy of the repository, after tests
were added): a mutant killed in either run is killed, since the configured selection holds the tests of both.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, -24, 152, 255, 36, 37}  # failed test, pytest error, timeouts, type check (mutmut's meaning)
SURVIVED = {0}
NO_TESTS = {5, 33}
NOT_CHECKED = {None}


def kind(exit_code: int | None) -> str:
    if exit_code in KILLED:
        return "killed"
    if exit_code in SURVIVED:
        return "survived"
    if exit_code in NO_TESTS:
        return "no tests"
    if exit_code in NOT_CHECKED:
        return "not checked"
    return "other"  # suspicious, segfault, skipped: shown, never counted as killed


def results(mutants: Path) -> dict[str, dict[str, str]]:
    """Module → mutant → what became of it."""
    out: dict[str, dict[str, str]] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = ".".join(meta.relative_to(mutants).with_suffix("").with_suffix("").parts)
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        out[module] = {name: kind(code) for name, code in codes.items()}
    return out


RANK = ("killed", "survived", "other", "no tests", "not checked")  # a later run's verdict wins when it ranks higher


def merged(first: dict[str, dict[str, str]], later: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    out = {module: dict(mutants) for module, mutants in first.items()}
    for module, mutants in later.items():
        for name, verdict in mutants.items():
            before = out.setdefault(module, {}).get(name, "not checked")
            out[module][name] = min(before, verdict, key=RANK.index)
    return out


def scores(found: dict[str, dict[str, str]]) -> dict[str, Counter[str]]:
    return {module: Counter(mutants.values()) for module, mutants in found.items()}


def rows(table: dict[str, Counter[str]]) -> list[tuple[str, int, int, int, int, int, str]]:
    out = []
    total: Counter[str] = Counter()
    for module, counts in table.items():
        if not sum(counts.values()):
            continue
        total += counts
        out.append(_row(module, counts))
    out.append(_row("all", total))
    return out


def _row(name: str, counts: Counter[str]) -> tuple[str, int, int, int, int, int, str]:
    checked = counts["killed"] + counts["survived"] + counts["other"]
    score = f"{100 * counts['killed'] / checked:.1f} %" if checked else "–"
    return (
        name,
        counts["killed"],
        checked,
        counts["survived"],
        counts["no tests"],
        counts["not checked"],
        score,
    )


HEADER = ("module", "killed", "checked", "survived", "no tests", "not checked", "score")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"), help="mutmut's folder (default: mutants)")
    parser.add_argument("--also", type=Path, action="append", default=[], help="a later run's mutants folder")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    found = results(args.mutants)
    for later in args.also:
        found = merged(found, results(later))
    table = rows(scores(found))
    if args.markdown:
        print("| " + " | ".join(HEADER) + " |")
        print("|" + "---|" * len(HEADER))
        for row in table:
            print("| " + " | ".join(str(cell) for cell in row) + " |")
        return
    width = max(len(row[0]) for row in table)
    print(f"{HEADER[0]:<{width}}  " + "  ".join(f"{h:>11}" for h in HEADER[1:]))
    for row in table:
        print(f"{row[0]:<{width}}  " + "  ".join(f"{cell!s:>11}" for cell in row[1:]))


if __name__ == "__main__":
    main()
