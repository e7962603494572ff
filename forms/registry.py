"""The attachment tables in print order, and the template they make up. Passed in where
needed, never a global lookup.

The template version is recorded in every exported workbook and in every database. A new
template that renames or drops a field key lists it in ``KEY_CHANGES``: storage applies the
change when it opens a file written under an older template, so no figure is lost
(tests/test_templates.py holds every shipped template's keys and fails until it is listed).
"""

from __future__ import annotations

from forms import attachment2, attachment3, attachment4, attachment5
from forms.spec import FormSpec
from forms.template import FIRST_VERSION, TEMPLATE_VERSION, KeyChange, Template, version_key

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

FORMS: tuple[FormSpec, ...] = (
    attachment2.SPEC,
    attachment3.SPEC,
    attachment4.SPEC,
    attachment5.SPEC,
)

# Renamed or dropped field keys, oldest first. None yet: 2024.1 is the first template shipped.
KEY_CHANGES: tuple[KeyChange, ...] = ()

TEMPLATE = Template(TEMPLATE_VERSION, FORMS, KEY_CHANGES)


def form(key: str) -> FormSpec:
    for spec in FORMS:
        if spec.key == key:
            return spec
    raise KeyError(key)
