"""The attachment tables in print order, and the template they make up, read once from the shipped
template file (``forms/templates/2024.1.toml``; ``forms/template_file.py`` reads and checks it).
Passed in where needed, never a global lookup.

The template version is recorded in every exported workbook and in every database. A new
template that renames or drops a field key lists it in the file's ``key_changes``: storage applies
the change when it opens a file written under an older template, so no figure is lost
(tests/test_templates.py holds every shipped template's keys and fails until it is listed).
"""

from __future__ import annotations

from forms.spec import FormSpec
from forms.template import FIRST_VERSION, KeyChange, Template, version_key
from forms.template_file import SHIPPED, load_template

__all__ = [
    "FIRST_VERSION",
    "FORMS",
    "KEY_CHANGES",
    "TEMPLATE",
    "TEMPLATE_VERSION",
    "KeyChange",
    "Template",
    "form",
    "version_key",
]

# The shipped file is part of the program: a problem in it is a bug, raised here (tests/test_template_file.py).
TEMPLATE: Template = load_template(SHIPPED)
TEMPLATE_VERSION = TEMPLATE.version  # bumped, in the file, when a spec changes what a workbook or a database holds
FORMS: tuple[FormSpec, ...] = TEMPLATE.forms
KEY_CHANGES: tuple[KeyChange, ...] = TEMPLATE.changes  # renamed or dropped field keys, oldest first


def form(key: str) -> FormSpec:
    for spec in FORMS:
        if spec.key == key:
            return spec
    raise KeyError(key)
