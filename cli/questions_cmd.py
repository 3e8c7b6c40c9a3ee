"""`sobes questions`: the questions of the bank with the numbers `--question` takes, and counts by role and
stage; `--validate` checks files.

A candidate picks a question to practise again by the number shown here
(``sobes interview --mode retake --question 12``); the bank's own ids
(«HR-10») are still accepted, but never shown: they are the bank's, not the
candidate's. Numbers follow the bank's order, the bundled files first, so
the user's own questions never shift them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sobes.core.errors import InputError
from sobes.interview.bank_yaml import without_control_characters as printable
from sobes.interview.question_bank import ROLES, STAGES, BankError, Question, QuestionBank, load_bank
from sobes.interview.role_play_text import scenario_label
from sobes.interview.scenarios import Scenario

ROLE_PLAYS = "Ролевые игры с клиентом"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("questions", help="вопросы банка с номерами для --question; проверка файлов")
    parser.add_argument("--role", choices=list(ROLES), default=None, metavar="РОЛЬ",
                        help="только вопросы этой роли: " + ", ".join(f"{key} — {name}" for key, name in ROLES.items()))
    parser.add_argument("--stage", choices=list(STAGES), default=None, metavar="ЭТАП",
                        help="только этого этапа: " + ", ".join(f"{key} — {name}" for key, name in STAGES.items()))
    parser.add_argument("--validate", action="store_true",
                        help="только проверить файлы и сообщить об ошибках, без списка вопросов")
    parser.add_argument("files", nargs="*", type=Path, metavar="ФАЙЛ",
                        help="файлы банка (по умолчанию — встроенный банк и ваши файлы в папке данных)")
    parser.set_defaults(run=run)


def numbered(bank: QuestionBank) -> dict[int, Question]:
    """The number a candidate sees and types for each question: its place in the bank, from 1."""
    return dict(enumerate(bank.questions, 1))


def find_question(bank: QuestionBank, asked: str) -> Question | None:
    """A question by the number `sobes questions` shows, or by its id in the bank; None when there is none."""
    asked = asked.strip().lstrip("№").strip()
    if asked.isdigit():
        return numbered(bank).get(int(asked))
    return next((q for q in bank.questions if q.id == asked), None)


def question_of(bank: QuestionBank, asked: str | None) -> Question:
    """The question `--question` names, or an error in one line that says where the numbers are."""
    question = find_question(bank, asked) if asked else None
    if question is None:
        said = f"вопроса «{asked.strip()[:40]}» нет в банке" if asked and asked.strip() else "не указан вопрос"
        raise InputError(f"{said}: укажите его номер, например --question 12; номера вопросов — в sobes questions")
    return question


def numbered_scenarios(bank: QuestionBank) -> dict[int, Scenario]:
    """The number a candidate sees and types for each role play (``--scenario``): its place in the bank, from 1."""
    return dict(enumerate(bank.scenarios, 1))


def scenario_of(bank: QuestionBank, asked: str) -> Scenario:
    """The role play ``--scenario`` names, by its number in `sobes questions` or its id in the bank, or an error in
    one line that says where the numbers are."""
    wanted = asked.strip().lstrip("№").strip()
    found = (numbered_scenarios(bank).get(int(wanted)) if wanted.isdigit()
             else next((s for s in bank.scenarios if s.id == wanted), None))
    if found is None:
        said = f"ролевой игры «{wanted[:40]}» нет" if wanted else "не указана ролевая игра"
        raise InputError(f"{said}: укажите её номер, например --scenario 1; номера — в sobes questions, в разделе "
                         f"«{ROLE_PLAYS}»")
    return found


def run(args: argparse.Namespace) -> int:
    try:
        bank = load_bank(args.files or None)
    except BankError as exc:
        problems = str(exc).splitlines()
        if len(problems) == 1:
            raise
        print(printable("\n".join(problems)), file=sys.stderr)
        print(f"sobes: ошибка: в банке вопросов ошибок: {len(problems)}; исправьте строки выше", file=sys.stderr)
        return 2
    if not args.validate:
        _print_list(bank, args.role, args.stage)
        if args.role or args.stage:
            return 0
    counts = bank.counts()
    for role, name in ROLES.items():
        by_stage = ", ".join(f"{STAGES[stage]} — {n}" for stage, n in counts[role].items() if n)
        print(f"{name}: {sum(counts[role].values())} ({by_stage})")
    derived = sum(q.derived for q in bank.questions)
    print(f"Ролевых игр с клиентом: {len(bank.scenarios)}"
          + (" (" + ", ".join(f"{name} — {len(bank.scenarios_for(role))}" for role, name in ROLES.items()
                              if bank.scenarios_for(role)) + ")" if bank.scenarios else ""))
    print(f"Вопросов: {len(bank.questions)} (из них составлено по материалам гайдов: {derived})"
          + (" — файлы в порядке" if args.validate else ""))
    return 0


def _print_list(bank: QuestionBank, role: str | None, stage: str | None) -> None:
    """The questions by stage, each with its number; the line under them says how to practise one again."""
    chosen = {number: q for number, q in numbered(bank).items()
              if (role is None or role in q.roles) and (stage is None or q.stage == stage)}
    for key, name in STAGES.items():
        of_stage = {number: q for number, q in chosen.items() if q.stage == key}
        if of_stage:
            print(f"\n{name}")
            for number, question in of_stage.items():
                print(f"{number:5}. {printable(question.text)}")
    print("\nПовторить вопрос: sobes interview --mode retake --question НОМЕР (номер — слева от вопроса).")
    played = {number: s for number, s in numbered_scenarios(bank).items() if role is None or role in s.roles}
    if played and stage in (None, "role_play"):
        _print_scenarios(played)
    print()


def _print_scenarios(played: dict[int, Scenario]) -> None:
    """Each role play with its number, who the client is and what they need: what the candidate knows first."""
    print(f"\n{ROLE_PLAYS}")
    for number, scenario in played.items():
        print(f"{number:5}. {printable(scenario_label(scenario.title, scenario.phone))}")
        print(f"       Клиент: {printable(scenario.client)}")
        print(f"       Что нужно клиенту: {printable(scenario.need)}")
    print("\nРолевая игра: sobes interview --mode role_play --scenario НОМЕР (номер — слева от ситуации).")
