"""填报助手 — start the window, or run the same code paths from the command line.

    python main.py [--db FILE]
    python main.py sample --db FILE
    python main.py export --db FILE --unit NAME --year YEAR [--xlsx OUT] [--docx OUT]
    python main.py audit --db FILE --unit NAME --year YEAR   (exit 1 when any 错误 is found)
    python main.py backup --db FILE [--to COPY]
    python main.py restore --db FILE BACKUP
    python main.py members --db FILE --unit CITY [--year YEAR] [--add UNIT] [--remove UNIT] [--xlsx OUT]
    python main.py template add FILE | list | remove VERSION | move --unit NAME --year YEAR --to VERSION  [--db FILE]

Errors a user can cause end with one Chinese line on stderr and exit code 2; a bug is logged
(error.log beside the database) and ends with one apologising line and exit code 3.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from forms.errors import UserError
from forms.years import YEARS_TEXT, is_report_year

if TYPE_CHECKING:
    from storage.store import Store

EXIT_USER_ERROR = 2
EXIT_BUG = 3

_ARGPARSE_MESSAGES = (
    ("the following arguments are required:", "缺少参数："),
    ("unrecognized arguments:", "无法识别的参数："),
    ("invalid choice:", "未知命令："),
    ("invalid int value:", "不是有效的整数："),
    ("expected one argument", "需要给出一个值"),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse override: one Chinese line, exit 2
        for english, chinese in _ARGPARSE_MESSAGES:
            if english in message:
                message = message.replace(english, chinese)
                break
        raise UserError(f"参数错误：{message}（用法见 python main.py --help）")


WORKBOOKS_HELP = ".xlsx、.xls 或 .ods 文件，或包含它们的文件夹"  # import and aggregate


def report_year(text: str) -> int:
    """--year: a report year the forms know (``forms.years``), never a number SQLite cannot hold."""
    digits = text.strip()
    year = int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 6 else None
    if year is None or not is_report_year(year):
        raise argparse.ArgumentTypeError(f"年度“{text[:12]}”无效，请填写 {YEARS_TEXT} 之间的年份")
    return year


def build_parser() -> argparse.ArgumentParser:
    common = ChineseArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件（默认在用户数据目录）")
    parser = ChineseArgumentParser(
        prog="python main.py", description="填报助手：行政执法工作报告附件表填报与导出", parents=[common]
    )
    commands = parser.add_subparsers(dest="command", parser_class=ChineseArgumentParser, title="命令")
    commands.add_parser("sample", parents=[common], help="创建示例报表（示例市应急管理局 2024 年）")
    export = commands.add_parser("export", parents=[common], help="导出 Excel 附表和/或 Word 报告")
    export.add_argument("--unit", required=True, help="报告单位名称")
    export.add_argument("--year", required=True, type=report_year, help="报告年度，如 2024")
    export.add_argument("--xlsx", type=Path, help="Excel 附表输出路径")
    export.add_argument("--docx", type=Path, help="Word 报告输出路径")
    export.add_argument(
        "--attachment-numbers",
        choices=["provincial", "sequential"],
        help="附件编号：provincial 按省厅通知（附件2–5），sequential 按本报告顺序（附件1起）；默认用报告正文中的设置",
    )
    export.add_argument(
        "--kind",
        choices=["enforcement", "rule_of_law"],
        help="Word 报告用哪份正文：enforcement 行政执法工作报告，rule_of_law 法治政府建设工作报告；默认为窗口中打开的",
    )
    audit = commands.add_parser("audit", parents=[common], help="审核报表，逐条列出问题；有错误时退出码为 1")
    audit.add_argument("--unit", required=True, help="报告单位名称")
    audit.add_argument("--year", required=True, type=report_year, help="报告年度，如 2024")
    imports = commands.add_parser(
        "import", parents=[common], help="导入 Excel 附表（本程序导出的或手工填写的官方表格）；有文件未导入时退出码为 1"
    )
    imports.add_argument("workbooks", nargs="+", type=Path, metavar="WORKBOOK", help=WORKBOOKS_HELP)
    combine = commands.add_parser("aggregate", parents=[common], help="导入各县（市、区）附表并生成汇总报表")
    combine.add_argument("--unit", required=True, help="汇总单位名称，如 示例市应急管理局")
    combine.add_argument("--year", type=report_year, help="报告年度，如 2024；默认取自所选文件，给出时须与文件一致")
    combine.add_argument("--xlsx", type=Path, help="汇总 Excel 附表输出路径（含各单位明细表）")
    combine.add_argument("--docx", type=Path, help="汇总 Word 报告输出路径")
    combine.add_argument("workbooks", nargs="+", type=Path, metavar="WORKBOOK", help=WORKBOOKS_HELP)
    paste = commands.add_parser(
        "paste-report",
        parents=[common],
        help="把一份报告全文（.txt 或 .docx）放入报告正文，与窗口中的“粘贴整篇报告”相同",
    )
    paste.add_argument("--unit", required=True, help="报告单位名称")
    paste.add_argument("--year", required=True, type=report_year, help="报告年度，如 2024")
    paste.add_argument("--kind", choices=["enforcement", "rule_of_law"], help="放入哪份正文；默认为窗口中打开的")
    paste.add_argument("--replace", action="store_true", help="报告已有正文时替换它（否则拒绝）")
    paste.add_argument("file", type=Path, metavar="FILE", help="报告全文：.txt 或 .docx")
    backup = commands.add_parser("backup", parents=[common], help="备份数据库（默认存入数据目录的 backups 文件夹）")
    backup.add_argument("--to", type=Path, help="备份文件路径")
    restore = commands.add_parser("restore", parents=[common], help="用备份文件替换数据库（原数据库先另存为备份）")
    restore.add_argument("backup", type=Path, help="备份文件路径")
    history = commands.add_parser("history", parents=[common], help="列出报表中数字的修改记录（时间、改前改后、来源）")
    history.add_argument("--unit", required=True, help="报告单位名称")
    history.add_argument("--year", required=True, type=report_year, help="报告年度，如 2024")
    history.add_argument("--field", metavar="KEY", help="只列这一项，如 penalty 或 a2.penalty（字段键见表样文件）")
    members = commands.add_parser("members", parents=[common], help="汇总单位的成员名单，及各成员某年度的报送情况")
    members.add_argument("--unit", required=True, help="汇总单位名称，如 示例市应急管理局")
    members.add_argument("--year", type=report_year, help="报告年度：列出各成员该年度的报送情况")
    members.add_argument("--add", action="append", default=[], metavar="UNIT", help="把单位加入成员名单（可多次给出）")
    members.add_argument("--remove", action="append", default=[], metavar="UNIT", help="把单位移出成员名单")
    members.add_argument("--xlsx", type=Path, help="报送情况导出为 Excel 文件（须给出 --year）")
    add_template_commands(commands, common)
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    # The window's start (no command, at most --db) skips the commands' parsers: ≈12 ms of gettext lookups.
    if not argv or (len(argv) == 2 and argv[0] == "--db") or (len(argv) == 1 and argv[0].startswith("--db=")):
        window = ChineseArgumentParser(add_help=False)
        window.add_argument("--db", type=Path, default=argparse.SUPPRESS)
        return window.parse_args(argv, argparse.Namespace(command=None))
    return build_parser().parse_args(argv)


def add_template_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    template = commands.add_parser("template", parents=[common], help="表样：装入、列出、删除，或把报表换到另一表样")
    actions = template.add_subparsers(dest="action", required=True, parser_class=ChineseArgumentParser, title="操作")
    actions.add_parser("add", parents=[common], help="把表样文件（.toml）装入数据库").add_argument("file", type=Path)
    actions.add_parser("list", parents=[common], help="列出程序自带和数据库中的表样，及各有几份报表在用")
    actions.add_parser("remove", parents=[common], help="从数据库删除没有报表在用的表样").add_argument("version")
    move = actions.add_parser("move", parents=[common], help="把一份报表换到另一表样（先备份；改名的字段随之移动）")
    move.add_argument("--unit", required=True, help="报告单位名称")
    move.add_argument("--year", required=True, type=report_year, help="报告年度，如 2025")
    move.add_argument("--to", required=True, metavar="VERSION", help="目标表样版本，如 2025.1")


def database_path(args: argparse.Namespace) -> Path:
    from storage.paths import default_db_path

    return getattr(args, "db", None) or default_db_path()


def open_store(db: Path | None, *, create: bool = True) -> Store:
    """The store at ``db`` (default: the user's data folder). Only the window and ``sample``
    create a database; a mistyped ``--db`` for export or audit is refused, not created empty."""
    from storage.paths import default_db_path
    from storage.store import Store

    if db is None:
        db = default_db_path()
        if create:
            try:
                db.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserError(f"无法创建数据文件夹 {db.parent}：{exc.strerror or exc}") from exc
    return Store(db, create=create)


def run_sample(args: argparse.Namespace) -> int:
    from storage.sample import create_sample

    store = open_store(getattr(args, "db", None))
    report = create_sample(store)
    print(f"已创建示例报表：{report.unit} {report.year}年（{store.path}）")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from exporters.report_export import export_report

    if args.xlsx is None and args.docx is None:
        raise UserError("请至少给出 --xlsx 或 --docx 之一")
    store = open_store(getattr(args, "db", None), create=False)
    numbering = args.attachment_numbers
    for path in export_report(
        store, args.unit, args.year, xlsx=args.xlsx, docx=args.docx, numbering=numbering, kind=args.kind
    ):
        print(f"已导出：{path}")
    return 0


def run_audit(args: argparse.Namespace) -> int:
    from forms.audit import audit, errors
    from forms.finding_groups import place

    store = open_store(getattr(args, "db", None), create=False)
    report = store.require_report(args.unit, args.year)
    data = store.report_data(report)
    findings = audit(data, store.previous_year_figures(report))
    for finding in findings:
        print(f"{finding.severity}\t{place(finding, data)}\t{finding.message}")
    wrong = len(errors(findings))
    print(f"共 {len(findings)} 条：错误 {wrong} 条，提示 {len(findings) - wrong} 条", file=sys.stderr)
    return 1 if wrong else 0


def run_history(args: argparse.Namespace) -> int:
    from storage.value_log import history_lines

    store = open_store(getattr(args, "db", None), create=False)
    report = store.require_report(args.unit, args.year)
    lines = history_lines(store, report, args.field)
    for line in lines:
        print(line)
    print(f"共 {len(lines)} 条修改记录", file=sys.stderr)
    return 0


def run_members(args: argparse.Namespace) -> int:
    from forms.board import summary
    from storage import board, members

    if args.xlsx is not None and args.year is None:
        raise UserError("导出报送情况须给出 --year")
    store = open_store(getattr(args, "db", None), create=False)
    for unit in args.add:
        print(f"已加入{args.unit}的成员名单：{members.add(store, args.unit, unit)}")
    for unit in args.remove:
        print(f"已移出{args.unit}的成员名单：{members.remove(store, args.unit, unit)}")
    if args.year is None:
        listed = members.members(store, args.unit) if args.add or args.remove else board.require_list(store, args.unit)
        if not (args.add or args.remove):
            print("\n".join(listed))
        print(f"成员 {len(listed)} 个", file=sys.stderr)
        return 0
    rows = board.require_board(store, args.unit, args.year)
    for row in rows:
        print(row.line())
    print(summary(rows), file=sys.stderr)
    if args.xlsx is not None:
        from exporters.board_xlsx import write_board_xlsx

        write_board_xlsx(args.xlsx, args.unit, args.year, rows)
        print(f"已导出：{args.xlsx}")
    return 0


def workbook_paths(given: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the workbooks in it (``importers.importing.workbooks_in``)."""
    from importers.importing import workbooks_in
    from storage.path_check import FOLDER, check_path, file_kind

    paths: list[Path] = []
    for path in given:
        check_path(path, "无法导入")
        if file_kind(path, "无法导入") == FOLDER:
            paths += workbooks_in(path)
        else:
            paths.append(path)
    if not paths:
        raise UserError("所给文件夹中没有 .xlsx、.xls 或 .ods 文件")
    return paths


def _print_results(results: list) -> None:
    for result in results:
        print(result.line())
        for line in result.details():
            print(f"\t{line}")


def run_import(args: argparse.Namespace) -> int:
    from importers.importing import import_files, results_summary

    store = open_store(getattr(args, "db", None))
    # each file's line as soon as its data is committed (importers/import_run.py), then the total of several
    results = import_files(store, workbook_paths(args.workbooks), progress=lambda i, r: _print_results([r]))
    if len(results) > 1:
        print(results_summary(results))
    return 1 if any(r.rejected for r in results) else 0


def run_aggregate(args: argparse.Namespace) -> int:
    from exporters.report_export import export_report
    from importers.city import aggregate_files
    from importers.importing import results_summary

    store = open_store(getattr(args, "db", None))
    paths = workbook_paths(args.workbooks)
    result = aggregate_files(store, args.unit, args.year, paths, progress=lambda i, r: _print_results([r]))
    if len(result.files) > 1:
        print(results_summary(result.files))
    print(
        f"汇总：{result.report.unit} {result.report.year}年，共 {len(result.units)} 个单位：{'、'.join(result.units)}"
    )
    for line in result.notes:
        print(f"\t提示：{line}")
    for line in result.changes:
        print(f"\t汇总改动：{line}")
    if args.xlsx is not None or args.docx is not None:
        for path in export_report(store, args.unit, result.report.year, xlsx=args.xlsx, docx=args.docx):
            print(f"已导出：{path}")
    return 1 if any(r.rejected for r in result.files) else 0


def run_paste_report(args: argparse.Namespace) -> int:
    from forms.paste_report import parse_pasted
    from importers.word_report import read_report_file
    from storage.pasted_text import HasText, put_pasted
    from storage.report_text import ReportTexts

    store = open_store(getattr(args, "db", None), create=False)
    report = store.require_report(args.unit, args.year)
    text, wrapped = read_report_file(args.file)
    try:
        said = put_pasted(ReportTexts(store), report, parse_pasted(text, wrapped=wrapped), kind=args.kind,
                          replace=args.replace)  # fmt: skip
    except HasText as exc:
        raise UserError(f"{exc.message}（可加 --replace 替换）") from None
    print(f"已放入 {report.unit} {report.year}年的报告正文：{said}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    store = open_store(getattr(args, "db", None), create=False)
    try:
        made = store.backup("manual", args.to)
    finally:
        store.close()
    print(f"已备份到：{made}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from storage.backup import restore_file
    from storage.lock import InstanceLock
    from storage.path_check import check_path, real_path

    db = database_path(args)
    check_path(db, "无法恢复数据库", reserve=len("-journal"))
    db = real_path(db)  # a symlinked --db: its file is restored (and locked), as sqlite3 would open it
    with InstanceLock(db):  # never under an open window
        kept = restore_file(db, args.backup)
    print(f"已从 {args.backup} 恢复数据库 {db}" + (f"（原数据库另存为 {kept}）" if kept else ""))
    return 0


def run_template(args: argparse.Namespace) -> int:
    from storage import template_move, template_shelf

    store = open_store(getattr(args, "db", None), create=False)
    try:
        if args.action == "add":
            print(template_shelf.add_file(store, args.file).line())
        elif args.action == "list":
            for listed in template_shelf.listing(store):
                print(listed.line())
        elif args.action == "remove":
            template_shelf.remove(store, args.version)
            print(f"已删除表样 {args.version}")
        else:
            moved = template_move.move(store, store.require_report(args.unit, args.year).id, args.to)
            print(moved.line() + (f"；换之前的数据库已备份到 {moved.backup}" if moved.backup else ""))
    finally:
        store.close()
    return 0


def run_window(args: argparse.Namespace) -> int:
    from ui.windows_check import windows_can_run_qt

    if not windows_can_run_qt():  # before Qt loads: on Windows 10 < 1809 it would fail with a bare DLL error
        return EXIT_USER_ERROR
    from ui.app import run_app

    db = database_path(args)
    try:
        db.parent.mkdir(parents=True, exist_ok=True)  # the data folder, on first start
    except OSError as exc:
        raise UserError(f"无法创建数据文件夹 {db.parent}：{exc.strerror or exc}") from exc
    return run_app(db)  # says what goes wrong in dialogs: the windowed program has no console


HANDLERS = {
    "sample": run_sample,
    "export": run_export,
    "audit": run_audit,
    "import": run_import,
    "aggregate": run_aggregate,
    "backup": run_backup,
    "restore": run_restore,
    "paste-report": run_paste_report,
    "template": run_template,
    "history": run_history,
    "members": run_members,
}


def _terminated(signum: int, frame: object) -> None:
    # SIGTERM (Task Manager, a service stop) unwinds like Ctrl+C, so temporary files are removed.
    raise SystemExit(128 + signum)


def _check_arguments(argv: list[str]) -> None:
    # A file name or unit in a legacy encoding arrives as lone surrogates (PEP 383): SQLite and
    # the file system would fail on them later, with a traceback.
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise UserError("参数中有无法识别的字符（不是 UTF-8 编码），请检查单位名称和文件路径") from None


def make_output_safe() -> None:
    """Let every message survive any Windows code page, a pipe or a file: printing must never crash.

    A console shows Unicode anyway; a pipe or file on a code page without Chinese (cp1252, ascii) gets UTF-8
    instead of a UnicodeEncodeError, and anything still unencodable becomes "?" rather than a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None in the windowed program, or replaced streams
        if reconfigure is None:
            continue
        encoding = stream.encoding or "ascii"
        try:
            "填报助手".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            encoding = "utf-8"
        reconfigure(encoding=encoding, errors="replace")


def main(argv: list[str] | None = None) -> int:
    make_output_safe()
    argv = sys.argv[1:] if argv is None else argv
    args: argparse.Namespace | None = None
    try:
        signal.signal(signal.SIGTERM, _terminated)
        _check_arguments(argv)
        args = parse_arguments(argv)
        return HANDLERS.get(args.command, run_window)(args)
    except UserError as exc:
        _say(exc.message + _restore_hint(exc))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `audit | head`: the reader left. Stop writing to the pipe without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        _say("输出已中断：接收输出的程序已关闭")
        return EXIT_USER_ERROR
    except OSError as exc:
        from storage.path_check import describe, too_long

        if not too_long(exc):  # any other OSError that escaped is a bug
            return _bug(exc, args)
        # Checked at every door (storage/path_check.py); this is the net for a path derived later.
        _say(f"无法使用 {exc.filename or '所给的文件'}：{describe(exc)}")
        return EXIT_USER_ERROR
    except Exception as exc:  # a bug: logged for us, an apology for the clerk
        return _bug(exc, args)


def _bug(exc: Exception, args: argparse.Namespace | None) -> int:
    from storage.errorlog import log_bug

    folder = database_path(args).parent if args is not None else None
    log = log_bug(exc, folder if folder is not None and folder.is_dir() else None)
    where = f"，详细信息已记录在 {log}" if log else ""
    _say(f"很抱歉，程序内部出错（不是您的操作问题）{where}。已保存的数据不受影响。")
    return EXIT_BUG


def _restore_hint(exc: UserError) -> str:
    from storage.database import DamagedDatabase

    if isinstance(exc, DamagedDatabase) and exc.backup is not None:
        return f"。可用最近的备份恢复：python main.py restore --db <数据库文件> {exc.backup}"
    return ""


def _say(line: str) -> None:
    with suppress(OSError, ValueError):  # no stderr at all (the windowed program): the exit code tells
        print(line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
