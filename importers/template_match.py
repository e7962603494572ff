"""Which template a workbook was made with: the one its hidden sheet names (the app's own export), else
the one whose column headers it matches best (a form filled by hand, on this year's or an older notice)."""

from __future__ import annotations

from collections.abc import Sequence

from forms.hygiene import echo
from forms.template import Template, version_key
from importers.reading import ImportRejected, Sheet
from importers.workbook_titles import find_titles, fold, region_end


def _score(sheets: list[Sheet], template: Template) -> tuple[bool, int, int]:
    """(it serves the year the titles name, −columns the template has but the file's tables lack,
    columns found), over the tables found: a template that cannot take the year's report ranks last."""
    titles = find_titles(sheets, template.forms)
    year = next((t.year for t in titles if t.year is not None), None)
    found = missing = 0
    for title in titles:
        rows = title.sheet.rows[title.row : region_end(title, titles)]
        texts = {fold(value) for row in rows for value in row if isinstance(value, str)}
        for f in title.spec.fields():
            if fold(f.label) in texts or fold(f.noun) in texts:
                found += 1
            else:
                missing += 1
    return year is None or template.serves(year), -missing, found


def workbook_template(
    name: str, sheets: list[Sheet], meta: dict[str, object], templates: Sequence[Template]
) -> Template:
    """The template to read the workbook with; ``ImportRejected`` when its hidden sheet names one not held."""
    version = meta.get("template_version") if meta.get("app") == "填报助手" else None
    if version not in (None, ""):
        for template in templates:
            if template.version == str(version):
                return template
        raise ImportRejected(
            f"{name}：这个工作簿用的是表样 {echo(str(version)[:20])}，本程序里没有："
            "请先装入这个表样（文件 → 装入表样…），未导入"
        )
    if len(templates) == 1:
        return templates[0]  # nothing to choose from (the program's own, a file carrying no other)
    # Serving its year, then the fewest columns missing, then the most found, then the newest: an older
    # notice's form matches its own template exactly, while the newer one lacks its renamed and added columns.
    return max(templates, key=lambda t: (_score(sheets, t), version_key(t.version)))
