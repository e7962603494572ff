"""填报助手 — start the window, or run the same code paths from the command line.

    python main.py [--db FILE]
    python main.py sample --db FILE
    python main.py export --db FILE --unit NAME --year YEAR [--xlsx OUT] [--docx OUT]
    python main.py audit --db FILE --unit NAME --year YEAR   (exit 1 when any 错误 is found)

Errors a user can cause end with one Chinese line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from forms.errors import UserError

if TYPE_CHECKING:
    from storage.store import Store

EXIT_USER_ERROR = 2

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
    export.add_argument("--year", required=True, type=int, help="报告年度，如 2024")
    export.add_argument("--xlsx", type=Path, help="Excel 附表输出路径")
    export.add_argument("--docx", type=Path, help="Word 报告输出路径")
    audit = commands.add_parser("audit", parents=[common], help="审核报表，逐条列出问题；有错误时退出码为 1")
    audit.add_argument("--unit", required=True, help="报告单位名称")
    audit.add_argument("--year", required=True, type=int, help="报告年度，如 2024")
    return parser


def open_store(db: Path | None) -> Store:
    from storage.paths import default_db_path
    from storage.store import Store

    if db is None:
        db = default_db_path()
        db.parent.mkdir(parents=True, exist_ok=True)
    return Store(db)


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
    store = open_store(getattr(args, "db", None))
    for path in export_report(store, args.unit, args.year, xlsx=args.xlsx, docx=args.docx):
        print(f"已导出：{path}")
    return 0


def run_audit(args: argparse.Namespace) -> int:
    from forms.audit import audit, errors, place

    store = open_store(getattr(args, "db", None))
    data = store.report_data(store.require_report(args.unit, args.year))
    findings = audit(data)
    for finding in findings:
        print(f"{finding.severity}\t{place(finding, data)}\t{finding.message}")
    wrong = len(errors(findings))
    print(f"共 {len(findings)} 条：错误 {wrong} 条，提示 {len(findings) - wrong} 条", file=sys.stderr)
    return 1 if wrong else 0


def run_window(args: argparse.Namespace) -> int:
    from ui.app import run_app

    return run_app(open_store(getattr(args, "db", None)))


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
    try:
        args = build_parser().parse_args(argv)
        handler = {"sample": run_sample, "export": run_export, "audit": run_audit}.get(args.command, run_window)
        return handler(args)
    except UserError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
