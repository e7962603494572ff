"""Specs that check themselves, and field keys that survive a new template."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from forms.kinds import Kind
from forms.registry import FORMS, TEMPLATE, TEMPLATE_VERSION, KeyChange, Template, form, version_key
from forms.report import CellKey
from forms.rules import AtLeastSum, NotMoreThan, SumEquals
from forms.spec import Field, Group, RowStyle, SpecError
from storage import backup, migrations, templates
from storage.sample import create_sample
from storage.store import Store

SHIPPED = json.loads((Path(__file__).parent / "data" / "template_keys.json").read_text(encoding="utf-8"))


# --- a spec refuses to be built when it contradicts itself ------------------------------------


def _a2(**changes):
    return dataclasses.replace(form("a2"), **changes)


def _a5(**changes):
    return dataclasses.replace(form("a5"), **changes)


def _problem(build) -> str:
    with pytest.raises(SpecError) as caught:
        build()
    return str(caught.value)


def test_the_shipped_specs_are_valid_and_carry_their_template_version():
    assert all(spec.version == TEMPLATE_VERSION for spec in FORMS)
    assert TEMPLATE.version == TEMPLATE_VERSION and TEMPLATE.forms == FORMS


def test_duplicate_keys_are_refused():
    twice = (*form("a2").header, Field("license", "又一个行政许可", Kind.COUNT, paired=True))
    assert "field key 'license' is used twice" in _problem(lambda: _a2(header=twice))


@pytest.mark.parametrize("key", ["License", "1st", "fines-total", ""])
def test_keys_are_identifiers(key):
    header = (*form("a2").header, Field(key, "某项", Kind.COUNT, paired=True))
    assert "is not a lower-case identifier" in _problem(lambda: _a2(header=header))
    assert "form key" in _problem(lambda: _a2(key=key))


def test_every_header_cell_reaches_a_field():
    header = (*form("a2").header, Group("空分组", ()))
    assert "group '空分组' has no field below it" in _problem(lambda: _a2(header=header))


@pytest.mark.parametrize(
    ("text", "bad"), [("{year}年{month}月", "month"), ("{prev}年{yaer}", "yaer"), ("{year", "unbalanced")]
)
def test_placeholders_must_be_known(text, bad):
    assert bad in _problem(lambda: _a2(title=text))
    assert bad in _problem(lambda: _a2(notes=(*form("a2").notes, text)))


def test_known_placeholders_are_accepted():
    spec = _a2(title="{year}年与{prev}年")
    assert spec.title_for(2024) == "2024年与2023年"


def test_widths_are_positive_or_automatic():
    header = (*form("a5").header, Field("extra", "备注", Kind.LINE, width=-1))
    assert "negative width" in _problem(lambda: _a5(header=header))
    ok = (*form("a5").header, Field("extra", "备注", Kind.LINE, width=0))
    assert _a5(header=ok).field("extra").width == 0


def test_shape_rules():
    paired_text = (*form("a2").header, Field("note", "说明", Kind.TEXT, paired=True))
    assert "paired but not a number" in _problem(lambda: _a2(header=paired_text))
    assert "starts with an unpaired field" in _problem(lambda: _a2(header=form("a2").header[1:]))
    assert "list form has no paired fields" in _problem(lambda: _a2(rows=RowStyle.LIST))
    assert "at least one row" in _problem(lambda: _a5(min_rows=0))
    assert "number 0 must be positive" in _problem(lambda: _a5(number=0))
    assert "not like 2024.1" in _problem(lambda: _a5(version="next"))
    no_pairs = (form("a2").header[0], Group("项目", (Field("x", "某项", Kind.COUNT),)))
    assert "has paired fields" in _problem(lambda: _a2(header=no_pairs))
    assert "has no label" in _problem(lambda: _a5(header=(*form("a5").header, Field("blank", " ", Kind.COUNT))))


def test_a_refused_spec_names_every_problem_in_full():
    assert _problem(lambda: _a2(header=form("a2").header[1:])) == (
        "spec 'a2': row label 'unit_name' must be the first field, a text field without a year pair; "
        "a comparison form starts with an unpaired field (the unit name column)"
    )
    assert _problem(lambda: _a2(header=())) == (
        "spec 'a2': row label 'unit_name' must be the first field, a text field without a year pair; "
        "a comparison form starts with an unpaired field (the unit name column); a comparison form has paired fields"
    )
    assert _problem(lambda: _a2(rows=RowStyle.LIST)).endswith("; a list form has no paired fields")
    assert _problem(lambda: _a5(min_rows=0)) == "spec 'a5': a list form starts with at least one row"
    assert _problem(lambda: _a5(number=0, version="next")) == (
        "spec 'a5': number 0 must be positive; template version 'next' is not like 2024.1"
    )
    assert (
        _problem(lambda: _a2(title="{year")) == "spec 'a2': unknown placeholder(s) ['(unbalanced braces)'] in '{year'"
    )
    long_note = "本表汇总数据为{prev}年1月1日至{prev}年12月31日止{month}"
    assert _problem(lambda: _a2(notes=(long_note,))) == (
        "spec 'a2': unknown placeholder(s) ['month'] in '本表汇总数据为{prev}年1月1日至{'"  # its first 20 characters
    )


def test_the_smallest_number_and_row_count_are_accepted():
    assert _a5(number=1).label == "附件1" and _a5(min_rows=1).min_rows == 1


def test_a_blank_label_is_refused_though_the_noun_is_given():
    blank = Field("blank", " ", Kind.COUNT, noun="某项")
    assert _problem(lambda: _a5(header=(*form("a5").header, blank))) == "spec 'a5': field 'blank' has no label"


def test_a_row_label_is_a_text_column():
    assert _problem(lambda: dataclasses.replace(form("a4"), row_label="posts")) == (
        "spec 'a4': row label 'posts' must be the first field, a text field without a year pair"
    )


def test_rules_name_numeric_fields_of_their_own_form():
    bad = AtLeastSum("transferred", ("criminal_filed", "no_such"), code="X")
    assert "rule X names 'no_such'" in _problem(lambda: _a5(rules=(bad,)))
    text = AtLeastSum("unit_name", ("criminal_filed",), code="Y")
    assert "'unit_name', which is not a number" in _problem(lambda: _a5(rules=(text,)))
    twice = (AtLeastSum("transferred", ("criminal_filed",), code="Z"),) * 2
    assert "rule codes are not unique" in _problem(lambda: _a5(rules=twice))


def test_the_template_checks_rules_across_forms_and_key_changes():
    lost = _a5(rules=(SumEquals("transferred", "a9", "transfers", code="Q"),))
    assert "names form 'a9'" in _problem(lambda: Template(TEMPLATE_VERSION, (*FORMS[:3], lost)))
    wrong = dataclasses.replace(form("a3"), rules=(NotMoreThan("penalty", "a2", "penalties", code="R"),))
    assert "a2.penalties, which is not a field" in _problem(lambda: Template(TEMPLATE_VERSION, (FORMS[0], wrong)))
    unpaired = _a5(rules=(SumEquals("transferred", "a4", "posts", code="P"),))
    assert "a4.posts, which has no year pair" in _problem(lambda: Template(TEMPLATE_VERSION, (*FORMS[:3], unpaired)))
    assert "unique" in _problem(lambda: Template(TEMPLATE_VERSION, (FORMS[0], FORMS[0])))
    assert "belongs to template" in _problem(lambda: Template("2025.1", FORMS))
    change = KeyChange("2024.1", "a2", "old", "no_such")
    assert "no such field" in _problem(lambda: Template(TEMPLATE_VERSION, FORMS, (change,)))
    assert "not in the template" in _problem(
        lambda: Template(TEMPLATE_VERSION, FORMS, (KeyChange("2024.1", "a9", "x", None),))
    )
    future = KeyChange("2026.1", "a2", "x", None)
    assert "newer than the template" in _problem(lambda: Template(TEMPLATE_VERSION, FORMS, (future,)))
    assert "years 2026–2025" in _problem(lambda: Template(TEMPLATE_VERSION, FORMS, first_year=2026, last_year=2025))
    assert "years 1999–None" in _problem(lambda: Template(TEMPLATE_VERSION, FORMS, first_year=1999))


def test_a_refused_template_names_every_problem_in_full():
    assert _problem(lambda: Template(TEMPLATE_VERSION, (FORMS[0], _a5(number=2)))) == (
        "template 2024.1: form keys and numbers are unique"  # 附件2 twice, under two keys
    )
    assert _problem(lambda: Template("2025.1", (FORMS[0], FORMS[0]))) == (
        "template 2025.1: form keys and numbers are unique; "
        "a2 belongs to template 2024.1; a2 belongs to template 2024.1"
    )
    own_then_lost = (
        AtLeastSum("transferred", ("criminal_filed",), code="L"),  # a rule within its own form comes first
        SumEquals("transferred", "a9", "transfers", code="Q"),
    )
    assert _problem(lambda: Template(TEMPLATE_VERSION, (*FORMS[:3], _a5(rules=own_then_lost)))) == (
        "template 2024.1: rule Q names form 'a9', which is not in the template"
    )


def test_versions_compare_as_numbers():
    assert version_key("2024.10") > version_key("2024.9")
    assert [c.old for c in _next_template().changes_since("2024.1")] == ["fines", "not_prosecuted"]
    assert _next_template().changes_since("2025.1") == []


# --- every key a shipped template had is still here, or its change is listed ------------------------


def test_no_key_of_a_shipped_template_disappears_without_a_data_migration():
    assert TEMPLATE_VERSION in SHIPPED, "record the new template's keys in tests/data/template_keys.json"
    current = {spec.key: {f.key for f in spec.fields()} for spec in FORMS}
    for version, forms in SHIPPED.items():
        changed = {(c.form, c.old) for c in TEMPLATE.changes_since(version)}
        for form_key, keys in forms.items():
            for key in keys:
                assert key in current.get(form_key, set()) or (form_key, key) in changed, (
                    f"{form_key}.{key} of template {version} is gone: add a KeyChange to forms/registry.py"
                )


# --- a file from the previous template opens under the next one with its data intact ----------------


def _next_template() -> Template:
    """A next template as a maintainer would write it: 附件2 罚没金额 renamed, 附件5 不予起诉 dropped."""
    a2 = form("a2")
    renamed = tuple(
        dataclasses.replace(
            g,
            children=tuple(
                dataclasses.replace(f, key="fines_total") if isinstance(f, Field) and f.key == "fines" else f
                for f in g.children
            ),
        )
        if isinstance(g, Group)
        else g
        for g in a2.header
    )
    a5 = form("a5")
    dropped = tuple(
        dataclasses.replace(g, children=tuple(f for f in g.children if f.key != "not_prosecuted"))
        if isinstance(g, Group)
        else g
        for g in a5.header
    )
    forms = (
        dataclasses.replace(a2, header=renamed, version="2025.1"),
        dataclasses.replace(
            form("a3"),
            version="2025.1",
            rules=tuple(
                dataclasses.replace(r, other_field="fines_total") if r.other_field == "fines" else r
                for r in form("a3").rules
            ),
        ),
        dataclasses.replace(form("a4"), version="2025.1"),
        dataclasses.replace(
            a5,
            header=dropped,
            version="2025.1",
            # its own validation insists: a rule may not name the dropped field any more
            rules=tuple(
                dataclasses.replace(r, parts=tuple(p for p in r.parts if p != "not_prosecuted"))
                if isinstance(r, AtLeastSum)
                else r
                for r in a5.rules
            ),
        ),
    )
    changes = (KeyChange("2025.1", "a2", "fines", "fines_total"), KeyChange("2025.1", "a5", "not_prosecuted", None))
    return Template("2025.1", forms, changes)


def _values(store: Store, report) -> dict:
    return {
        (spec.key, key): value
        for spec in store.forms_of(report)
        for key, value in store.form_data(report, spec).values.items()
    }


def test_a_program_with_a_newer_template_opens_a_file_with_every_report_on_its_own(db_path):
    old = Store(db_path)
    report = create_sample(old)
    a5 = form("a5")
    row = old.form_data(report, a5).rows[0]
    old.set_value(report.id, a5, CellKey(row, "not_prosecuted"), 0)
    before = _values(old, report)
    old.close()

    nxt = _next_template()
    new = Store(db_path, template=nxt)  # a program shipping 2025.1 too: opening moves no key
    assert new.template_of(new.report(report.id)).version == TEMPLATE_VERSION
    assert _values(new, new.report(report.id)) == before  # 罚没金额 still under fines, 不予起诉 shown
    assert not backup.backups(db_path), "nothing in the file changed, so nothing needed a backup"
    new.close()


def test_opening_again_changes_nothing(db_path):
    store = Store(db_path)
    report = create_sample(store)
    before = _values(store, report)
    store.close()
    data = db_path.read_bytes()
    store = Store(db_path)
    assert _values(store, report) == before and store.report(report.id).template == TEMPLATE_VERSION
    store.close()
    assert db_path.read_bytes() == data


def _file_before_templates_travelled(db_path: Path, version: str | None) -> None:
    """A file as the program before m006 wrote it: one report, its figures, one file-wide version."""
    from sqlite_utils import Database

    old = Database(db_path)
    migrations.migration_set().apply(old, stop_before="m006_templates")
    old.execute("insert into reports (id, unit, year, filler) values (1, '某县应急管理局', 2024, '某县应急管理局')")
    old.execute("insert into cells values (1, 'a2', 'main', 'fines', 2024, '4199252', '')")
    if version is not None:
        old.execute("insert into settings values ('template_version', ?)", [version])
    old.conn.commit()
    old.close()


@pytest.mark.parametrize("version", ["2024.1", None])
def test_a_file_written_before_templates_travelled_keeps_its_reports_on_their_template(db_path, version):
    _file_before_templates_travelled(db_path, version)  # None: it recorded no version: the first template
    store = Store(db_path)
    (report,) = store.reports()
    assert report.template == "2024.1"
    assert store.form_data(report, form("a2")).values[CellKey("main", "fines", 2024)] == 4199252
    assert templates.known(store)["2024.1"].stored  # the file carries the text of its reports' template now
    assert store.conn.execute("select text from templates").fetchone()[0] == TEMPLATE.source
    assert store.setting("template_version", "none") == "none"  # no file-wide version any more
    store.close()


def test_the_row_label_and_the_filler_default_are_declared_and_checked():
    assert [(s.key, s.row_label, s.label_columns()) for s in FORMS] == [
        ("a2", "unit_name", 2),
        ("a3", "unit_name", 2),
        ("a4", "", 1),
        ("a5", "unit_name", 2),
    ]
    assert "row label 'license'" in _problem(lambda: _a2(row_label="license"))  # a figure names no row
    assert "row label 'nope'" in _problem(lambda: _a2(row_label="nope"))
    filler_count = (*form("a2").header, Field("extra", "某项", Kind.COUNT, default="filler"))
    assert "only the unit-name text" in _problem(lambda: _a2(header=filler_count))
    odd = (*form("a2").header, Field("extra", "某项", Kind.LINE, default="unit"))
    assert "unknown default 'unit'" in _problem(lambda: _a2(header=odd))
    assert "only the unit-name text" in _problem(
        lambda: _a5(
            header=(*form("a5").header[:1], *form("a5").header[1:], Field("x", "某", Kind.LINE, default="filler"))
        )
    )
