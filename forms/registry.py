"""The templates the program ships (every ``forms/templates/*.toml``, read once and checked by
``forms/template_file.py``), the newest of them and its attachment tables in print order. Passed in
where needed, never a global lookup: a report is of its own template (``storage/templates.py``).

Each report records the template it was made with, and a database carries the text of every template
its reports use. A new template that renames or drops a field key lists it in the file's
``key_changes``: moving a report to it moves the renamed cells, so no figure is lost
(tests/test_templates.py holds every shipped template's keys and fails until it is listed).
"""

from __future__ import annotations

from forms.spec import FormSpec
from forms.template import FIRST_VERSION, KeyChange, Template, version_key
from forms.template_file import SHIPPED_FOLDER, load_template

__all__ = [
    "FIRST_VERSION",
    "FORMS",
    "KEY_CHANGES",
    "SHIPPED_TEMPLATES",
    "TEMPLATE",
    "TEMPLATE_VERSION",
    "KeyChange",
    "Template",
    "form",
    "version_key",
]

# The shipped files are part of the program: a problem in one is a bug, raised here (tests/test_template_file.py).
SHIPPED_TEMPLATES: tuple[Template, ...] = tuple(
    sorted(map(load_template, SHIPPED_FOLDER.glob("*.toml")), key=lambda t: version_key(t.version))
)
TEMPLATE: Template = SHIPPED_TEMPLATES[-1]  # the newest: what a report of a year every template serves gets
TEMPLATE_VERSION = TEMPLATE.version  # bumped, in the file, when a spec changes what a workbook or a database holds
FORMS: tuple[FormSpec, ...] = TEMPLATE.forms
KEY_CHANGES: tuple[KeyChange, ...] = TEMPLATE.changes  # renamed or dropped field keys, oldest first


def form(key: str) -> FormSpec:
    for spec in FORMS:
        if spec.key == key:
            return spec
    raise KeyError(key)
