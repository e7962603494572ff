"""The attachment tables in print order. Passed in where needed, never a global lookup."""

from forms import attachment2, attachment3, attachment4, attachment5
from forms.spec import FormSpec

# Bumped when a spec changes what a workbook holds; recorded in every exported .xlsx.
TEMPLATE_VERSION = "2024.1"

FORMS: tuple[FormSpec, ...] = (
    attachment2.SPEC,
    attachment3.SPEC,
    attachment4.SPEC,
    attachment5.SPEC,
)


def form(key: str) -> FormSpec:
    for spec in FORMS:
        if spec.key == key:
            return spec
    raise KeyError(key)
