"""The question bank: YAML files in assets/questions/ and the user's own in the data folder.

YAML is read with a safe loader (no object construction) that also records
the line of every question, so a malformed file is reported as
``file:line: what is wrong``. The schema is in docs/questions.md.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sobes.analysis.content.section import ANSWER_TYPES, QuestionContext
from sobes.core.errors import InputError, SobesError
from sobes.core.files import open_regular_file
from sobes.interview import bank_yaml
from sobes.interview.bank_yaml import LINE_KEY, has_control_characters
from sobes.interview.paths import data_dir
from sobes.interview.scenarios import Scenario, scenario_of
from sobes.interview.scenarios import problems as scenario_problems

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 2_000_000

STAGES = {
    "phone_screening": "Телефонный скрининг", "hr": "HR-интервью", "behavioral": "Поведенческие (STAR)",
    "stress": "Стрессовые и провокационные", "motivation": "Мотивация", "manager": "Встреча с руководителем",
    "role_play": "Ролевые игры", "cases": "Кейсы", "self_presentation": "Самопрезентация", "offer": "Оффер",
}
ROLES = {
    "client_manager": "Менеджер по работе с клиентами / по взаимодействию с клиентами",
    "sales_support": "Специалист по сопровождению продаж",
    "account_manager": "Аккаунт-менеджер / KAM",
    "product_manager": "Менеджер продукта",
}
_REQUIRED = {"id": str, "text": str, "stage": str, "roles": list, "answer_type": str, "think_s": int,
             "answer_s": int, "source": str}
_OPTIONAL = {"competencies": list, "hints": list, "good_example": str, "bad_example": str, "original": str,
             "derived": bool, "purpose": str}
_PURPOSES = {"practise_refusal"}
_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")


class BankError(SobesError):
    """A question bank file is malformed; the message lists ``file:line: problem`` lines."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    stage: str
    roles: tuple[str, ...]
    answer_type: str
    think_s: int
    answer_s: int
    source: str
    competencies: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    good_example: str | None = None
    bad_example: str | None = None
    original: str | None = None
    derived: bool = False
    purpose: str | None = None
    file: str = ""
    line: int = 0

    def context(self) -> QuestionContext:
        """What the analysis needs to know of the question: its kind, time budget and the guides' better answer."""
        return QuestionContext(self.text, self.answer_type, self.answer_s, self.good_example, self.purpose, self.id)


@dataclass
class QuestionBank:
    questions: list[Question] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)  # role plays: a client who answers back

    def by_id(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def scenario(self, scenario_id: str) -> Scenario:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(scenario_id)

    def scenarios_for(self, role: str) -> list[Scenario]:
        return [s for s in self.scenarios if role in s.roles]

    def select(self, *, role: str | None = None, stage: str | None = None) -> list[Question]:
        return [q for q in self.questions if (role is None or role in q.roles) and (stage is None or q.stage == stage)]

    def counts(self) -> dict[str, dict[str, int]]:
        """Questions per stage for each role."""
        return {role: {stage: len(self.select(role=role, stage=stage)) for stage in STAGES} for role in ROLES}


def bundled_files() -> list[Path]:
    """The question banks shipped with Sobes (package data, wherever it is installed)."""
    folder = Path(str(resources.files("sobes.assets") / "questions"))
    return sorted(folder.glob("*.yaml"))


def bank_files() -> list[Path]:
    """The bundled files, then the user's own (data folder/questions/*.yaml)."""
    user = data_dir() / "questions"
    return bundled_files() + (sorted(user.glob("*.yaml")) if user.is_dir() else [])


def load_bank(paths: list[Path] | None = None) -> QuestionBank:
    """Load and validate; raises ``BankError`` listing every problem found."""
    questions: list[Question] = []
    scenarios: list[Scenario] = []
    errors: list[str] = []
    for path in paths if paths is not None else bank_files():
        found, played, problems = _read(Path(path))
        questions += found
        scenarios += played
        errors += problems
    first_seen: dict[str, Question | Scenario] = {}
    entries: list[Question | Scenario] = [*questions, *scenarios]
    for entry in entries:
        if entry.id in first_seen:
            other = first_seen[entry.id]
            errors.append(f"{entry.file}:{entry.line}: id {entry.id} повторяется "
                          f"(уже есть в {other.file}:{other.line})")
        else:
            first_seen[entry.id] = entry
    if errors:
        raise BankError("\n".join(errors))
    return QuestionBank([q for q in questions if first_seen[q.id] is q], scenarios)


def load_bank_or_bundled() -> tuple[QuestionBank, str | None]:
    """The whole bank; if the user's own files have problems, the bundled bank and one Russian line that
    says so (the app opens with the questions it can trust)."""
    try:
        return load_bank(), None
    except BankError as exc:
        logger.warning("question bank: %s", exc)
        first = str(exc).splitlines()[0]
        return load_bank(bundled_files()), (
            f"Ваш банк вопросов не загружен — в нём ошибки (первая: {first}). Исправьте файл или уберите его "
            "из папки вопросов; пока используются встроенные вопросы.")


def load_bank_or_none() -> QuestionBank | None:
    """The bank, or ``None`` when it cannot be read: for work that is still worth doing without it
    (relinking and re-analysing recordings), the problem logged instead of raised."""
    try:
        return load_bank()
    except BankError as exc:
        logger.warning("question bank unreadable, going on without it: %s", exc)
        return None


def _read(path: Path) -> tuple[list[Question], list[Scenario], list[str]]:
    try:
        with open_regular_file(path, what="файл банка вопросов") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except InputError as exc:
        return [], [], [f"{path}:1: {exc}"]
    if len(raw) > MAX_FILE_BYTES:
        return [], [], [f"{path}:1: файл больше {MAX_FILE_BYTES // 1_000_000} МБ"]
    try:
        data = bank_yaml.parse(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return [], [], [f"{path}:1: файл не в кодировке UTF-8"]
    except yaml.YAMLError as exc:
        line, problem = bank_yaml.error_line(exc)
        return [], [], [f"{path}:{line}: ошибка YAML: {problem}"]
    if (not isinstance(data, dict) or not isinstance(data.get("questions", []), list)
            or not isinstance(data.get("scenarios", []), list) or not ({"questions", "scenarios"} & set(data))):
        return [], [], [f"{path}:1: нужен словарь со списком questions (или scenarios — ролевые игры)"]
    questions, errors = _questions(path, data)
    scenarios = []
    for item in data.get("scenarios", []):
        line = item.get(LINE_KEY, 0) if isinstance(item, dict) else data.get(LINE_KEY, 1)
        found = scenario_problems(item, ROLES) if isinstance(item, dict) else ["каждая ролевая игра — словарь полей"]
        if found:
            label = item["id"].strip() if isinstance(item, dict) and isinstance(item.get("id"), str) else "?"
            errors += [f"{path}:{line}: {_short(label)}: {p}" for p in found]
        else:
            scenarios.append(scenario_of(item, str(path)))
    return questions, scenarios, errors


def _questions(path: Path, data: dict) -> tuple[list[Question], list[str]]:
    questions, errors = [], []
    for item in data.get("questions", []):
        if not isinstance(item, dict):
            errors.append(f"{path}:{data.get(LINE_KEY, 1)}: каждый вопрос — словарь полей")
            continue
        problems = _problems(item)
        line = item.get(LINE_KEY, 0)
        if problems:
            label = item["id"].strip() if isinstance(item.get("id"), str) else "?"
            errors += [f"{path}:{line}: {_short(label)}: {p}" for p in problems]
            continue
        fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k != LINE_KEY}
        questions.append(Question(**fields, file=str(path), line=line))
    return questions, errors


_KINDS = {str: "текст", int: "целое число", list: "список", bool: "да/нет (true/false)"}


def _kind_of(value: object) -> str:
    return {str: "текст", int: "число", float: "число", list: "список", bool: "да/нет", dict: "словарь",
            type(None): "пусто"}.get(type(value), "другое")


def _short(value: object, limit: int = 40) -> str:
    """A value for a message: one line, cut short (a user's file may hold anything)."""
    return bank_yaml.short(value, limit) if isinstance(value, str) else _kind_of(value)


def _problems(item: dict) -> list[str]:
    problems = []
    for name, kind in _REQUIRED.items():
        if name not in item:
            problems.append(f"нет поля {name}")
        elif not isinstance(item[name], kind) or (kind is int and isinstance(item[name], bool)):
            problems.append(f"поле {name} должно быть: {_KINDS[kind]}, а не {_kind_of(item[name])}")
    for name, kind in _OPTIONAL.items():
        if name in item and not isinstance(item[name], kind):
            problems.append(f"поле {name} должно быть: {_KINDS[kind]}, а не {_kind_of(item[name])}")
    unknown = sorted(_short(k) for k in set(item) - set(_REQUIRED) - set(_OPTIONAL) - {LINE_KEY})
    if unknown:
        problems.append(f"неизвестные поля: {', '.join(unknown)}")
    if problems:
        return problems
    if item["id"] != item["id"].strip():
        problems.append(f"в id «{_short(item['id'])}» лишние пробелы или перевод строки")
    elif not _ID.fullmatch(item["id"]):
        problems.append(f"id «{_short(item['id'])}» должен быть вида ABC-01")
    if not item["text"].strip():
        problems.append("поле text пустое")
    if item["stage"] not in STAGES:
        problems.append(f"stage «{_short(item['stage'])}» — не один из: {', '.join(STAGES)}")
    bad_roles = [_short(r) for r in item["roles"] if not isinstance(r, str) or r not in ROLES]
    if not item["roles"] or bad_roles:
        problems.append(f"roles — это некоторые из: {', '.join(ROLES)}"
                        + (f" (не {', '.join(bad_roles[:5])})" if bad_roles else ""))
    if item["answer_type"] not in ANSWER_TYPES:
        problems.append(f"answer_type «{_short(item['answer_type'])}» — не один из: {', '.join(ANSWER_TYPES)}")
    if not 0 <= item["think_s"] <= 600:
        problems.append("think_s — от 0 до 600 секунд")
    if not 5 <= item["answer_s"] <= 1800:
        problems.append("answer_s — от 5 до 1800 секунд")
    for name in ("competencies", "hints"):
        if any(not isinstance(v, str) for v in item.get(name, [])):
            problems.append(f"{name} — список строк текста")
    if item.get("purpose") is not None and item["purpose"] not in _PURPOSES:
        problems.append(f"purpose — одно из: {', '.join(_PURPOSES)}")
    for name in sorted(set(_REQUIRED) | set(_OPTIONAL)):
        values = item.get(name)
        if any(isinstance(v, str) and has_control_characters(v)
               for v in (values if isinstance(values, list) else [values])):
            problems.append(f"в поле {name} управляющие символы (они портят экран): уберите их")
    return problems
