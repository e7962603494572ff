"""Would Word/Excel accept an exported file as it is? openxml-audit (a port of the Open XML SDK
validator), in process: one validator per test session, about a second for the report .docx."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from openxml_audit.errors import FileFormat
from openxml_audit.validator import OpenXmlValidator


@cache
def _validator() -> OpenXmlValidator:
    return OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0)


def findings(path: Path | str) -> list[str]:
    """Every error and warning (Excel would silently rewrite the file on a warning), one line each."""
    result = _validator().validate(Path(path))
    return [
        f"{e.severity.value}: {e.description.splitlines()[0]} ({e.part_uri} {e.path})".strip() for e in result.errors
    ]


def assert_valid(path: Path | str) -> None:
    """Fail with the validator's findings unless the file has none: no repair prompt, no silent rewrite."""
    found = findings(path)
    assert not found, f"{Path(path).name}: {len(found)} finding(s)\n" + "\n".join(found[:20])
