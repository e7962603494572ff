"""A template: the attachment tables of one year's notice, their version and the field keys
renamed or dropped since the template before (``forms/template_file.py`` reads one from its file)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from forms.spec import FormSpec, SpecError
from forms.years import YEAR_MAX, YEAR_MIN

FIRST_VERSION = "2024.1"  # what a file that records no version was written under


@dataclass(frozen=True)
class KeyChange:
    """In template ``version``, field ``old`` of form ``form`` became ``new`` (None: dropped;
    its cells stay in the file, unshown, so a later template can bring them back)."""

    version: str
    form: str
    old: str
    new: str | None


@dataclass(frozen=True)
class Template:
    version: str
    forms: tuple[FormSpec, ...]
    changes: tuple[KeyChange, ...] = ()
    first_year: int = YEAR_MIN  # the report years it serves: first_year … last_year (None: every later year)
    last_year: int | None = None
    # The file's text as read (``forms/template_file.py``), stored verbatim in every database with a
    # report of this template: "" for one built in code (a test's), which no database can carry.
    source: str = field(default="", compare=False, repr=False)

    def serves(self, year: int) -> bool:
        return self.first_year <= year <= (YEAR_MAX if self.last_year is None else self.last_year)

    @property
    def years_text(self) -> str:
        """The years it serves as a clerk reads them: 2025–2100年 (every year the program accepts)."""
        return f"{self.first_year}–{YEAR_MAX if self.last_year is None else self.last_year}年"

    def __post_init__(self) -> None:
        problems = list(_problems(self))
        if problems:
            raise SpecError(f"template {self.version}: " + "; ".join(problems))

    def changes_since(self, version: str) -> list[KeyChange]:
        """The key changes a file written under ``version`` needs, oldest first."""
        return [c for c in self.changes if version_key(version) < version_key(c.version) <= version_key(self.version)]


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _problems(template: Template) -> Iterator[str]:
    keys = [s.key for s in template.forms]
    if len(keys) != len(set(keys)) or len({s.number for s in template.forms}) != len(keys):
        yield "form keys and numbers are unique"
    by_key = {s.key: s for s in template.forms}
    for spec in template.forms:
        if spec.version != template.version:
            yield f"{spec.key} belongs to template {spec.version}"
        for rule in spec.rules:
            other_form = getattr(rule, "other_form", None)
            if other_form is None:
                continue
            other = by_key.get(other_form)
            if other is None:
                yield f"rule {rule.code} names form {other_form!r}, which is not in the template"
            elif rule.other_field not in [f.key for f in other.fields()]:  # type: ignore[union-attr]
                yield f"rule {rule.code} names {other_form}.{rule.other_field}, which is not a field"  # type: ignore[union-attr]
            elif not other.field(rule.other_field).paired:  # type: ignore[union-attr]
                # compared year by year with the report's own figures (forms/audit.py)
                yield f"rule {rule.code} compares with {other_form}.{rule.other_field}, which has no year pair"  # type: ignore[union-attr]
    last = YEAR_MAX if template.last_year is None else template.last_year
    if not YEAR_MIN <= template.first_year <= last <= YEAR_MAX:
        yield f"years {template.first_year}–{template.last_year} are not within {YEAR_MIN}–{YEAR_MAX}, first first"
    for change in template.changes:
        changed = by_key.get(change.form)
        if changed is None:
            yield f"key change names form {change.form!r}, which is not in the template"
        elif change.new is not None and change.new not in [f.key for f in changed.fields()]:
            yield f"key change {change.form}.{change.old} → {change.new}: no such field"
        if version_key(change.version) > version_key(template.version):
            yield f"key change of {change.version} is newer than the template"
