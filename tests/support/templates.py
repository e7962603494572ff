"""The test template 2025.1 (tests/data/templates/2025.1.toml): the shipped 2024.1 with 附件2's 听证
column added, 附件3's 免罚案件 renamed (exempt_cases → exempt_penalty) and 附件4's 录音笔 dropped,
serving 2025 on — the seed of the drill test (issue 22)."""

from __future__ import annotations

from pathlib import Path

from forms.template import Template
from forms.template_file import load_template

NEXT_FILE = Path(__file__).parents[1] / "data" / "templates" / "2025.1.toml"


def next_template() -> Template:
    return load_template(NEXT_FILE)
