"""The other files a county sends: .xls (WPS, old Excel) and .ods (LibreOffice or WPS on 信创 PCs) read as
the .xlsx they were saved from; a password-protected file, .xlsx or .xls (both OLE files, as a plain
.xls is), refused with its own message; a damaged .xls refused naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import python_calamine

from exporters.xlsx import write_xlsx
from forms.registry import FORMS
from importers.importing import IMPORTED, REJECTED, import_file, workbooks_in
from storage.sample import create_sample
from storage.store import Store
from tests.support.libreoffice import convert
from tests.support.xls import with_open_password
from tests.test_import import (
    HAND_FILLED,
    UNIT,
    YEAR,
    _filled,
    _locked,
    _stored,
    assert_hand_filled_read,
    digest,
    expected,
    hand_filled_files,
)

WORKBOOKS = Path(__file__).parent / "data" / "workbooks"  # made with LibreOffice: README.md there


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "city.sqlite3")
    yield s
    s.close()


@pytest.mark.parametrize("name", ["hand.xls", "hand.ods"])
def test_a_hand_filled_form_saved_as_xls_or_ods_imports_its_figures(store: Store, name: str) -> None:
    result = import_file(store, WORKBOOKS / name)
    assert result.status == IMPORTED, result.message
    assert (result.unit, result.year, result.notes) == (UNIT, YEAR, [])
    stored = _stored(store)
    for spec in FORMS:
        assert stored[spec.key] == expected(spec), spec.key
    report = store.require_report(UNIT, YEAR)
    assert (report.contact_person, report.contact_phone) == ("李四", "0731-5550123")


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[tuple[str, str], list[Path]]:
    """Every hand-filled layout and our own export, saved by LibreOffice as .xls and as .ods (one run each)."""
    folder = tmp_path_factory.mktemp("layouts")
    sources: dict[str, list[Path]] = {}
    for i, (style, numbers, layout) in enumerate(HAND_FILLED):
        sub = folder / f"layout{i}"
        sub.mkdir()
        sources[f"layout{i}"] = hand_filled_files(sub, style, numbers, layout)
    own = Store(folder / "county.sqlite3")
    write_xlsx(folder / "ours.xlsx", own.report_data(create_sample(own)))
    own.close()
    sources["ours"] = [folder / "ours.xlsx"]
    flat = {}  # LibreOffice names its output by the source's stem: give every file its own
    for key, paths in sources.items():
        for path in paths:
            flat[path] = folder / f"{key}-{path.stem}.xlsx"
            shutil.copyfile(path, flat[path])
    out: dict[tuple[str, str], list[Path]] = {}
    for suffix in ("xls", "ods"):
        convert(list(flat.values()), suffix, folder / suffix)
        for key, paths in sources.items():
            out[(key, suffix)] = [folder / suffix / f"{flat[p].stem}.{suffix}" for p in paths]
    out[("ours", "xlsx")] = sources["ours"]
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("suffix", ["xls", "ods"])
@pytest.mark.parametrize("layout", range(len(HAND_FILLED)))
def test_every_hand_filled_layout_saved_by_libreoffice_reads_as_its_xlsx(
    converted, store: Store, layout: int, suffix: str
) -> None:
    files = converted[(f"layout{layout}", suffix)]
    assert all(p.exists() for p in files), files
    assert_hand_filled_read(store, files)


@pytest.mark.libreoffice
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_our_own_export_saved_as_xls_or_ods_keeps_its_hidden_sheet(converted, tmp_path: Path, suffix: str) -> None:
    """The hidden sheet still names the unit and contact line, and the figures are those of the .xlsx."""
    stores = {}
    for kind in ("xlsx", suffix):
        stores[kind] = Store(tmp_path / f"{kind}.sqlite3")
        result = import_file(stores[kind], converted[("ours", kind)][0])
        assert result.status == IMPORTED, result.message
        assert result.unit == "示例市应急管理局"
    assert _stored(stores[suffix], "示例市应急管理局", 2024) == _stored(stores["xlsx"], "示例市应急管理局", 2024)
    report = stores[suffix].require_report("示例市应急管理局", 2024)
    assert report.contact_person == "林晓岚"
    for s in stores.values():
        s.close()


def _locked_xls(tmp_path: Path) -> Path:
    path = with_open_password(WORKBOOKS / "hand.xls", tmp_path / "locked.xls")
    with pytest.raises(python_calamine.PasswordError):  # what a reader makes of it: an encrypted workbook
        python_calamine.CalamineWorkbook.from_path(str(path))
    return path


def _damaged_xls(tmp_path: Path) -> Path:
    path = tmp_path / "cut.xls"
    data = (WORKBOOKS / "hand.xls").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_locked, "文件设置了打开密码，请在 Excel/WPS 中取消密码后另存再导入"),
        (_locked_xls, "文件设置了打开密码，请在 Excel/WPS 中取消密码后另存再导入"),
        (_damaged_xls, "文件不完整或已损坏"),
    ],
    ids=["encrypted xlsx", "encrypted xls", "damaged xls"],
)
def test_ole_files_that_are_no_plain_xls_are_refused_with_their_own_message(
    tmp_path: Path, store: Store, make, words: str
) -> None:
    import_file(store, _filled(tmp_path))
    before = digest(store.path)
    path = make(tmp_path)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE file, as a plain .xls is
    result = import_file(store, path)
    assert result.status == REJECTED
    assert result.message.startswith(f"{path.name}：{words}") and result.message.endswith("，未导入")
    assert digest(store.path) == before


def test_a_folder_stands_for_its_xlsx_xls_and_ods_files(tmp_path: Path) -> None:
    for name in ("甲县.xlsx", "乙县.XLS", "丙县.ods", "~$甲县.xlsx", ".~lock.丙县.ods#", "说明.docx", "旧.xlsx.bak"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "子文件夹.xls").mkdir()
    assert [p.name for p in workbooks_in(tmp_path)] == ["丙县.ods", "乙县.XLS", "甲县.xlsx"]
