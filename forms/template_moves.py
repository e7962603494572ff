"""Where a field of one template is in another: the key changes between their versions, followed
forward (to a newer template) or backward (to an older one). An import of a workbook into a report of
another template, carrying last year forward and the city's 汇总 of counties on different templates all
move cells this way, so a renamed field is the same figure under both names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forms.kinds import Stored
from forms.report import CellKey
from forms.template import KeyChange, Template, version_key


@dataclass(frozen=True)
class Moves:
    """Form key → {field key in the source: its key in the target, None where the target has no such
    field}; ``lacking``: form key → the target's fields that no source field becomes."""

    fields: Mapping[str, Mapping[str, str | None]]
    lacking: Mapping[str, frozenset[str]]

    def key(self, form: str, field: str) -> str | None:
        return self.fields.get(form, {}).get(field)

    def cells(self, form: str, values: Mapping[CellKey, Stored]) -> tuple[dict[CellKey, Stored], list[str]]:
        """``values`` of one form under the target's keys, and the source fields left behind (in order)."""
        moved: dict[CellKey, Stored] = {}
        left: list[str] = []
        for key, value in values.items():
            new = self.key(form, key.field)
            if new is None:
                if key.field not in left:
                    left.append(key.field)
                continue
            moved[CellKey(key.row, new, key.period)] = value
        return moved, left


def chain(older: Template, newer: Template, known: Sequence[Template] = ()) -> list[KeyChange]:
    """The key changes from ``older`` to ``newer``, oldest first: each template lists those since the
    one before it, so a step over several templates gathers them from every one between (``known``)."""
    low, high = version_key(older.version), version_key(newer.version)
    between = {t.version: t for t in (*known, newer) if low < version_key(t.version) <= high}
    out: list[KeyChange] = []
    for version in sorted(between, key=version_key):
        out += [c for c in between[version].changes_since(older.version) if c not in out]
    return out


def moves(source: Template, target: Template, known: Sequence[Template] = ()) -> Moves:
    forward = version_key(source.version) <= version_key(target.version)
    newer, older = (target, source) if forward else (source, target)
    steps = chain(older, newer, known)
    if not forward:
        steps = steps[::-1]
    targets = {spec.key: {f.key for f in spec.fields()} for spec in target.forms}
    fields: dict[str, dict[str, str | None]] = {}
    for spec in source.forms:
        own: dict[str, str | None] = {}
        for f in spec.fields():
            key: str | None = f.key
            for change in steps:
                if key is None or change.form != spec.key:
                    continue
                if forward and change.old == key:
                    key = change.new
                elif not forward and change.new == key:
                    key = change.old
            own[f.key] = key if key in targets.get(spec.key, ()) else None
        fields[spec.key] = own
    lacking = {
        form: frozenset(keys - {k for k in fields.get(form, {}).values() if k is not None})
        for form, keys in targets.items()
    }
    return Moves(fields, lacking)
