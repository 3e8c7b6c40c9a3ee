"""`sobes history` lists practice sessions; `sobes report SESSION` exports one."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sobes.analysis.engine import Analyzer
from sobes.cli.saved import saved_settings
from sobes.core.files import check_output_path, write_atomically
from sobes.interview import recovery
from sobes.interview.export import session_csv, session_html, session_json, session_text
from sobes.interview.history import History, HistoryError, cannot_use, default_path
from sobes.interview.instance_lock import InstanceLock
from sobes.interview.labels import local_time, role_name, session_name, session_status
from sobes.interview.pending import analyze_pending


def register(commands: argparse._SubParsersAction) -> None:
    history = commands.add_parser("history", help="список тренировок")
    history.add_argument("--db", type=Path, default=None, metavar="ФАЙЛ",
                         help="файл истории (по умолчанию — в папке данных)")
    history.add_argument("--delete", type=session_number, metavar="НОМЕР",
                         help="удалить тренировку вместе с записями, насовсем")
    history.add_argument("--analyze-pending", action="store_true",
                         help="разобрать ответы, которые записаны, но не разобраны (после сбоя или восстановления)")
    history.add_argument("--start-fresh", action="store_true",
                         help="история повреждена: отложить её, начать новую и вернуть в неё записи")
    history.set_defaults(run=run_history)
    report = commands.add_parser("report", help="итоги тренировки кратко или в файл HTML, JSON или CSV")
    report.add_argument("session", type=session_number, metavar="НОМЕР", help="номер тренировки из sobes history")
    report.add_argument("--html", type=Path, metavar="ФАЙЛ.html", help="страница для чтения и печати")
    report.add_argument("--json", type=Path, metavar="ФАЙЛ.json", help="полные отчёты для программ")
    report.add_argument("--csv", type=Path, metavar="ФАЙЛ.csv", help="таблица: строка на ответ")
    report.add_argument("--db", type=Path, default=None, metavar="ФАЙЛ",
                        help="файл истории (по умолчанию — в папке данных)")
    report.set_defaults(run=run_report)


LARGEST_ID = 2**63 - 1  # SQLite's integers; a larger number overflowed on its way to the database


def session_number(text: str) -> int:
    """An argparse type: a session's number, which SQLite can look up."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"нужно число, а не «{text[:30]}»") from None
    if not 1 <= value <= LARGEST_ID:
        raise argparse.ArgumentTypeError(f"занятия №{text[:30]} нет: список занятий — sobes history")
    return value


@contextmanager
def history_faults(history: History) -> Iterator[None]:
    """SQLite's failures while the history is used (another program holding a write lock, a full or failing
    disk) as one Russian line that says what to do, instead of a traceback."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise HistoryError(cannot_use(history.path, exc)) from None


def run_history(args: argparse.Namespace) -> int:
    if args.start_fresh:
        return start_fresh(args)
    history = open_history(args.db)
    with history_faults(history):
        return _run_history(args, history)


def _run_history(args: argparse.Namespace, history: History) -> int:
    app_running = InstanceLock(history.path.parent).held_elsewhere()
    if args.delete is not None:
        if app_running:
            raise HistoryError("Собес открыт: удалите занятие на его экране «История» или сначала закройте окно")
        removed = history.delete_session(args.delete)
        print(f"Сессия {args.delete} удалена вместе с записями ({removed}).")
        return 0
    if not app_running:
        history.recover_after_crash()  # never while the app runs: its session is active, its take recording
    if args.analyze_pending:
        settings = saved_settings()
        analysed, failed = analyze_pending(history, Analyzer(settings.model or None, settings.judge()))
        print(f"Проанализировано ответов: {analysed}; не удалось прочитать запись: {failed}.")
        return 0
    rows = history.sessions()
    if not rows:
        print("Сессий пока нет.")
    for row in rows:
        role = f", {role_name(row['role'])}" if row["role"] else ""
        print(f"№{row['id']}  {local_time(row['started_at'])}  {session_name(row)}{role} — "
              f"{session_status(row)}, ответов: {row['answers']}")
    return 0


def open_history(db: Path | None) -> History:
    """The history, or an error that names the command to start a fresh one when the file is damaged."""
    try:
        return History(db)
    except HistoryError as exc:
        if exc.damaged:
            command = "sobes history --start-fresh" + (f" --db {db}" if db else "")
            raise HistoryError(f"{exc}. Как это сделать: {command}") from None
        raise


def start_fresh(args: argparse.Namespace) -> int:
    path = args.db or default_path()
    try:
        _, aside, relinked = recovery.start_fresh(path, path.parent / "recordings")
    except recovery.NotDamaged as exc:
        print(f"{exc}.")
        return 0
    print(f"Повреждённая история сохранена как {aside}; начата новая, записей возвращено: {relinked}.")
    return 0


def run_report(args: argparse.Namespace) -> int:
    history = History(args.db)
    with history_faults(history):
        return _run_report(args, history)


def _run_report(args: argparse.Namespace, history: History) -> int:
    history.session(args.session)  # a clear error for an unknown id
    exports = [(target, render) for target, render in
               ((args.html, session_html), (args.json, session_json), (args.csv, session_csv)) if target is not None]
    for target, _ in exports:  # every target checked before anything is written
        check_output_path(target)
    written = []
    for target, render in exports:
        write_atomically(target, render(history, args.session))
        written.append(str(target))
    if not written:
        print(session_text(history, args.session), end="")
    else:
        print("Сохранено: " + ", ".join(written))
    return 0
