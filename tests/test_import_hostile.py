"""Whatever a county sends, the import refuses it in one line or imports it: never a bug, never a
traceback, never a change on refusal, memory bounded. The fuzz test mutates real workbooks (our own
export and a hand-filled form, and the hand-filled form saved by LibreOffice as .xls and .ods); the
bombs run in a subprocess under a memory limit, since calamine's memory is not Python's (and a Rust
allocation that fails aborts the process) and an in-process test cannot bound it."""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import re
import resource
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

import main as app
from exporters.xlsx import write_xlsx
from storage.sample import create_sample
from storage.store import Store
from tests.support import bombs
from tests.support.mutate import MUTATIONS, rezip, unzip
from tests.test_import import SPECS, write_form

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = ROOT / "tests" / "data" / "workbooks"  # made with LibreOffice: README.md there
FUZZ_CASES = 10  # per mutation and source workbook: 210 files, a few seconds
ZIP_MUTATIONS = ("flip_zip", "flip_xml", "truncate_part", "unknown_attribute")  # any zip of XML parts: .ods too
FUZZED = [(source, m) for source in ("ours", "hand") for m in sorted(MUTATIONS)]
FUZZED += [("hand.ods", m) for m in ZIP_MUTATIONS] + [("hand.xls", "flip_zip"), ("hand.xls", "truncate_file")]
DETAILS = ("\t改动：", "\t提示：", "\t同比增减不一致：")  # the lines under a file's line (FileResult.details)
MEMORY_LIMIT = 1 << 30  # the import's address space in the bomb tests; a normal import needs < 300 MB


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    """Our own export of the sample, and the four attachments filled by hand in one sheet."""
    folder = tmp_path_factory.mktemp("sources")
    store = Store(folder / "county.sqlite3")
    write_xlsx(folder / "ours.xlsx", store.report_data(create_sample(store)))
    store.close()
    wb = openpyxl.Workbook()
    row = 1
    for key in ("a2", "a3", "a4", "a5"):
        row = write_form(wb.active, SPECS[key], top=row)
    wb.save(folder / "hand.xlsx")
    return {"ours": folder / "ours.xlsx", "hand": folder / "hand.xlsx"} | {
        n: WORKBOOKS / n for n in ("hand.xls", "hand.ods")
    }


@pytest.fixture
def city_db(tmp_path: Path, sources: dict[str, Path]) -> Path:
    """A database that already holds a report, so a refusal has something to leave alone."""
    db = tmp_path / "city.sqlite3"
    assert run_import(db, sources["hand"])[0] == 0
    return db


def run_import(db: Path, *files: Path) -> tuple[int, str, str]:
    """``main.py import`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")  # a warning would reach the clerk's stderr
        code = app.main(["import", "--db", str(db), *map(str, files)])
    return code, out.getvalue(), err.getvalue() + "".join(f"{x.category.__name__}: {x.message}\n" for x in w)


def assert_refused(db: Path, path: Path, *words: str) -> str:
    before = digest(db)
    code, out, err = run_import(db, path)
    line = out.strip()
    assert code == 1, (out, err)
    assert err == "" and "\n" not in line and line.startswith(path.name), (out, err)
    assert "未导入" in line and all(w in line for w in words), line
    assert digest(db) == before
    return line


# --- the fuzz test ------------------------------------------------------------------


def _truncate_file(data: bytes, rnd: random.Random) -> bytes:
    """An .xls cut short (not sent whole): no zip parts to cut, only the file."""
    return data[: rnd.randrange(len(data))]


@pytest.mark.parametrize(("source", "mutation"), FUZZED)
def test_mutated_workbooks_are_imported_or_refused_never_a_bug(
    tmp_path: Path, sources: dict[str, Path], city_db: Path, mutation: str, source: str
) -> None:
    data = sources[source].read_bytes()
    mutate = MUTATIONS.get(mutation, _truncate_file)
    outcomes = set()
    for seed in range(FUZZ_CASES):
        path = tmp_path / f"{mutation}-{seed}{sources[source].suffix}"
        path.write_bytes(mutate(data, random.Random(f"{mutation}/{source}/{seed}")))
        before = digest(city_db)
        code, out, err = run_import(city_db, path)
        assert code in (0, 1), f"seed {seed}: exit {code}: {err}"
        assert err == "", f"seed {seed}: {err}"
        first, *changes = out.splitlines()
        assert first.startswith(path.name) and all(line.startswith(DETAILS) for line in changes), out
        if code == 1:
            assert "未导入" in out
            assert digest(city_db) == before, f"seed {seed}: refused but the database changed"
        outcomes.add(code)
    if mutation == "no_year":  # (.xlsx sources only)
        assert outcomes == {1}  # a form that never says its year is never imported


# --- the cases found by hand -------------------------------------------------------------


def _broken(source: Path, target: Path, part: str, change) -> Path:
    parts = unzip(source.read_bytes())
    parts[part] = change(parts[part])
    target.write_bytes(rezip(parts))
    return target


def test_a_central_directory_that_places_the_parts_before_the_file_is_refused(
    tmp_path: Path, sources: dict[str, Path], city_db: Path
) -> None:
    # Found by the fuzz test with another seed (flip_zip, 2026-12-03): a flipped high byte of the end
    # record's directory offset puts every local header before the file's start; zipfile then seeks to a
    # negative position and raises ValueError, which was a bug (exit 3) instead of a refusal.
    data = bytearray(sources["hand"].read_bytes())
    end = data.rindex(b"PK\x05\x06")
    offset = int.from_bytes(data[end + 16 : end + 20], "little")
    data[end + 16 : end + 20] = (offset + 0x40000000).to_bytes(4, "little")
    path = tmp_path / "目录偏移损坏.xlsx"
    path.write_bytes(bytes(data))
    assert_refused(city_db, path, "文件不完整或已损坏")


def test_a_part_name_flagged_utf8_that_is_not_is_refused(
    tmp_path: Path, sources: dict[str, Path], city_db: Path
) -> None:
    # Found by the fuzz test with another seed (flip_zip on the .ods): zipfile raised UnicodeDecodeError.
    data = bytearray(sources["hand"].read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry: its flags, its name
    data[entry + 9] |= 0x08  # general purpose flags, bit 11: the name is UTF-8
    name = entry + 46
    data[name] = 0xB1  # not UTF-8
    path = tmp_path / "名称损坏.xlsx"
    path.write_bytes(bytes(data))
    assert_refused(city_db, path, "文件不完整或已损坏")


@pytest.mark.parametrize("encoding", ["UxF-8", "GBK", "UTF-32"], ids=["unknown", "multi-byte", "four-byte"])
def test_an_xml_declaration_with_an_encoding_expat_cannot_read_is_refused(
    tmp_path: Path, sources: dict[str, Path], city_db: Path, encoding: str
) -> None:
    # Found by the fuzz test with another seed (flip_xml on the .ods): expat raised LookupError.
    def declare(xml: bytes) -> bytes:
        body = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", xml)
        return f'<?xml version="1.0" encoding="{encoding}"?>'.encode() + body

    path = _broken(sources["hand"], tmp_path / "编码.xlsx", "xl/styles.xml", declare)
    assert_refused(city_db, path, "xl/styles.xml", "编码无法识别")


@pytest.mark.parametrize(
    "part",
    ["xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "docProps/core.xml"],
)
def test_malformed_xml_in_any_part_is_refused_naming_it(
    tmp_path: Path, sources: dict[str, Path], city_db: Path, part: str
) -> None:
    path = _broken(sources["ours"], tmp_path / "broken.xlsx", part, lambda xml: xml.replace(b">", b"", 3))
    assert_refused(city_db, path, part, "XML 格式错误")


@pytest.mark.parametrize(
    "cell",
    [b'<c r="AZ1" t="bogus"><v>1</v></c>', b'<c r="AZ1" t="s"><v>999999</v></c>', b'<c r="AZ1" t="n"><v>abc</v></c>'],
    ids=["unknown cell type", "no such shared string", "no number"],
)
def test_what_the_reader_raises_on_a_file_is_a_refusal(
    tmp_path: Path, sources: dict[str, Path], city_db: Path, cell: bytes
) -> None:
    """Well-formed XML that calamine cannot take (it raises): the file's fault, said as such."""
    path = _broken(
        sources["hand"], tmp_path / "odd.xlsx", "xl/worksheets/sheet1.xml", lambda x: _first_row_gains(x, cell)
    )
    assert_refused(city_db, path, "文件内容无法解析")


def _first_row_gains(xml: bytes, cell: bytes) -> bytes:
    at = xml.index(b">", xml.index(b"<row")) + 1
    return xml[:at] + cell + xml[at:]


def test_an_attribute_no_reader_knows_is_read_past(tmp_path: Path, sources: dict[str, Path], city_db: Path) -> None:
    """openpyxl refused it; calamine reads what it knows, so the form imports (its refusal was no policy)."""
    path = _broken(
        sources["hand"],
        tmp_path / "view.xlsx",
        "xl/workbook.xml",
        lambda x: x.replace(b"<workbookView", b'<workbookView bogus="1"'),
    )
    code, out, err = run_import(city_db, path)
    assert (code, err) == (0, "") and "示例县应急管理局" in out


def test_a_form_without_any_year_is_refused(tmp_path: Path, sources: dict[str, Path], city_db: Path) -> None:
    path = tmp_path / "no-year.xlsx"
    path.write_bytes(MUTATIONS["no_year"](sources["hand"].read_bytes(), random.Random(0)))
    assert_refused(city_db, path, "附件2", "找不到年度")


@pytest.mark.parametrize("written", [1e300, -1e300, "99999999999999999999999999999%"])
def test_an_absurd_yoy_cell_is_said_and_the_figures_imported(tmp_path: Path, city_db: Path, written) -> None:
    wb = openpyxl.Workbook()
    write_form(wb.active, SPECS["a2"])
    for row in wb.active.iter_rows():
        if any(c.value == "同比增减" for c in row):
            row[3].value = written
    path = tmp_path / "absurd.xlsx"
    wb.save(path)
    from importers.importing import import_file

    store = Store(city_db)
    try:
        result = import_file(store, path)
    finally:
        store.close()
    assert not result.rejected, result.message
    assert any("同比增减 填写为" in d and "不是有效的百分比" in d for d in result.disagreements), result.disagreements


def _formula_cells(source: Path, target: Path, value: str | None) -> Path:
    """Cell AZ5 of the first sheet as a formula: ``value`` None, no ``<v>`` at all; "" as openpyxl writes
    it (``<v></v>``, no result); else the result Excel stores."""
    wb = openpyxl.load_workbook(source)
    wb.worksheets[0]["AZ5"] = "=1+1"
    wb.save(target)
    stored = b"" if value is None else b"<v>" + value.encode() + b"</v>"
    sheet = "xl/worksheets/sheet1.xml"
    return _broken(target, target, sheet, lambda x: x.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f>" + stored))


def test_a_formula_without_a_stored_result_is_refused_naming_the_cell(
    tmp_path: Path, sources: dict[str, Path], city_db: Path
) -> None:
    for value in (None, "", " "):
        path = _formula_cells(sources["hand"], tmp_path / "tool-made.xlsx", value)
        assert b"<f>1+1</f>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
        assert_refused(city_db, path, "工作表“Sheet”AZ5", "是公式", "没有保存计算结果")
    saved = _formula_cells(sources["hand"], tmp_path / "saved.xlsx", "2")
    assert run_import(city_db, saved)[0] == 0  # the same formula with its result, as Excel saves it
    for empty in (b"<v></v>", b"<v/>"):  # Excel's result of =IF(B5=0,"",…): an empty text is a result
        text_cell = b'<c r="AZ5" t="str"><f>""</f>' + empty

        def as_text(x: bytes, cell: bytes = text_cell) -> bytes:
            return x.replace(b'<c r="AZ5"><f>1+1</f><v>2</v>', cell)

        blank = _broken(saved, tmp_path / "blank.xlsx", "xl/worksheets/sheet1.xml", as_text)
        assert b't="str"><f>""</f>' in zipfile.ZipFile(blank).read("xl/worksheets/sheet1.xml")
        assert run_import(city_db, blank)[0] == 0


def test_an_xlsm_payload_in_an_xlsx_imports_its_figures(
    tmp_path: Path, sources: dict[str, Path], city_db: Path
) -> None:
    path = tmp_path / "macro.xlsx"
    path.write_bytes(MUTATIONS["macro_payload"](sources["ours"].read_bytes(), random.Random(1)))
    assert "vbaProject" in zipfile.ZipFile(path).read("[Content_Types].xml").decode()
    code, out, err = run_import(city_db, path)
    assert code == 0 and "示例市应急管理局" in out and err == ""


# --- bombs, in a subprocess under a memory limit --------------------------------------------


def _bounded_import(db: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """``main.py import`` with its address space limited to ``MEMORY_LIMIT``."""
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import main\n"
        f"sys.exit(main.main(['import', '--db', {str(db)!r}, {str(path)!r}]))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory, sources: dict[str, Path]) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("bombs")
    ours, hand = sources["ours"], sources["hand"]
    lying = bombs.inflating_cell(hand, folder / "lying.xlsx", 300)
    bombs.declared_smaller(lying, "xl/worksheets/sheet1.xml")
    return {
        "cell": (bombs.inflating_cell(hand, folder / "cell.xlsx", 1200), "解压后过大"),
        "shared strings": (bombs.inflating_shared_strings(ours, folder / "strings.xlsx", 400), "解压后过大"),
        "lying header": (lying, "不完整或已损坏"),
        "many parts": (bombs.many_parts(hand, folder / "parts.xlsx", 3000), "部件过多"),
        "wide row": (bombs.wide_row(hand, folder / "wide.xlsx", 20000), "一行中有超过 16384 个单元格"),
        # a value in A1 and one in the last cell: calamine's block would be 17 billion cells, and abort
        "far cell": (bombs.far_cell(hand, folder / "far.xlsx"), "内容分布过广（到第 1048576 行、第 16384 列）"),
        "far cell xls": (WORKBOOKS / "far.xls", "内容分布过广（到第 65536 行、第 256 列）"),
        "far cell ods": (WORKBOOKS / "far.ods", "内容分布过广（到第 65536 行、第 256 列）"),
        "far row": (bombs.far_row(hand, folder / "row.xlsx", "4294967295"), "内容分布过广（到第 4294967295 行"),
        "repeated ods cell": (
            bombs.far_ods_cell(WORKBOOKS / "hand.ods", folder / "repeated.ods", "100000", "16384"),
            "内容分布过广（到第 100041 行、第 16384 列）",
        ),
        # 45 MB of text in a cell outside the form: read within the limit, and the form imported
        "just under the bound": (bombs.inflating_cell(hand, folder / "under.xlsx", 45), ""),
    }


@pytest.mark.parametrize(
    "case",
    [
        "cell",
        "shared strings",
        "lying header",
        "many parts",
        "wide row",
        "far cell",
        "far cell xls",
        "far cell ods",
        "far row",
        "repeated ods cell",
        "just under the bound",
    ],
)
def test_bombs_are_refused_within_the_memory_limit(bomb_files, city_db: Path, case: str) -> None:
    path, words = bomb_files[case]
    assert path.stat().st_size < 2 << 20  # a small file that says it is huge, or is
    before = digest(city_db)
    result = _bounded_import(city_db, path)
    assert result.stderr == "", result.stderr
    if not words:
        assert result.returncode == 0 and "已替换" in result.stdout, result.stdout
        return
    assert result.returncode == 1, result.stdout
    assert words in result.stdout and "未导入" in result.stdout, result.stdout
    assert digest(city_db) == before


def test_the_memory_limit_is_real() -> None:
    """The bomb tests mean something only if the limit stops a process that exceeds it."""
    code = (
        "import resource\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
        "b = bytearray(2 << 30)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "MemoryError" in result.stderr
    assert resource.RLIM_INFINITY != MEMORY_LIMIT


def test_an_ods_formula_without_a_stored_result_is_refused_naming_the_cell(tmp_path: Path, city_db: Path) -> None:
    """As in an .xlsx: a tool-made .ods whose formula carries no value would read as blank."""
    formula = b'<table:table-cell table:formula="of:=1+1"/>'

    def first_cell_a_formula(xml: bytes) -> bytes:
        row = xml.index(b"<table:table-row")
        start = xml.index(b"<table:table-cell", row)
        end = xml.index(b"</table:table-cell>", start) + len(b"</table:table-cell>")
        return xml[:start] + formula + xml[end:]

    path = _broken(WORKBOOKS / "hand.ods", tmp_path / "tool-made.ods", "content.xml", first_cell_a_formula)
    assert_refused(city_db, path, "工作表“Sheet”A1", "是公式", "没有保存计算结果")
