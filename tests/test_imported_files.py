"""The imported_files table (m008): a report's last file is the one its last import read."""

from storage import imported_files
from storage.sample import create_sample
from storage.store import Store


def test_a_report_names_the_file_its_last_import_read(tmp_path):
    store = Store(tmp_path / "城市.sqlite3")
    report = create_sample(store)
    assert imported_files.last(store, report.id) is None  # typed in, never imported
    with store.write():
        imported_files.record(store, report.id, "雨湖区.xlsx", "a" * 64)
    with store.write():
        imported_files.record(store, report.id, "雨湖区（改）.xlsx", "b" * 64)
    reopened = Store(tmp_path / "城市.sqlite3")
    last = imported_files.last(reopened, report.id)
    assert (last.file, last.sha256) == ("雨湖区（改）.xlsx", "b" * 64)
    assert last.at[:4].isdigit() and "T" in last.at
