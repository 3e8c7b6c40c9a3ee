"""The question bank: YAML files in assets/questions/ and the user's own in the data folder.

YAML is read with a safe loader (no object construction) that also records
the line of every question, so a malformed file is reported as
``file:line: what is wrong``. The schema is in docs/questions.md.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.content.section import ANSWER_TYPES
from analysis.errors import SobesError
from interview.paths import data_dir

logger = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parents[1] / "assets" / "questions"
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


@dataclass
class QuestionBank:
    questions: list[Question] = field(default_factory=list)

    def by_id(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def select(self, *, role: str | None = None, stage: str | None = None) -> list[Question]:
        return [q for q in self.questions if (role is None or role in q.roles) and (stage is None or q.stage == stage)]

    def counts(self) -> dict[str, dict[str, int]]:
        """Questions per stage for each role."""
        return {role: {stage: len(self.select(role=role, stage=stage)) for stage in STAGES} for role in ROLES}


class _LineLoader(yaml.SafeLoader):
    """Safe loader that keeps each mapping's line and refuses duplicate keys."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            seen.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def bank_files() -> list[Path]:
    """The bundled files, then the user's own (data folder/questions/*.yaml)."""
    user = data_dir() / "questions"
    return sorted(ASSETS.glob("*.yaml")) + (sorted(user.glob("*.yaml")) if user.is_dir() else [])


def load_bank(paths: list[Path] | None = None) -> QuestionBank:
    """Load and validate; raises ``BankError`` listing every problem found."""
    questions, errors = [], []
    for path in paths if paths is not None else bank_files():
        found, problems = _read(Path(path))
        questions += found
        errors += problems
    first_seen: dict[str, Question] = {}
    for question in questions:
        if question.id in first_seen:
            other = first_seen[question.id]
            errors.append(f"{question.file}:{question.line}: duplicate id {question.id} "
                          f"(also {other.file}:{other.line})")
        else:
            first_seen[question.id] = question
    if errors:
        raise BankError("\n".join(errors))
    return QuestionBank(list(first_seen.values()))


def load_bank_or_none() -> QuestionBank | None:
    """The bank, or ``None`` when it cannot be read: for work that is still worth doing without it
    (relinking and re-analysing recordings), the problem logged instead of raised."""
    try:
        return load_bank()
    except BankError as exc:
        logger.warning("question bank unreadable, going on without it: %s", exc)
        return None


def _read(path: Path) -> tuple[list[Question], list[str]]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [], [f"{path}:1: file is larger than {MAX_FILE_BYTES // 1_000_000} MB"]
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except FileNotFoundError:
        return [], [f"{path}:0: file not found"]
    except UnicodeDecodeError:
        return [], [f"{path}:1: not UTF-8 text"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [f"{path}:{line}: YAML error: {getattr(exc, 'problem', None) or exc}"]
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return [], [f"{path}:1: expected a mapping with a 'questions' list"]
    questions, errors = [], []
    for item in data["questions"]:
        if not isinstance(item, dict):
            errors.append(f"{path}:{data.get('__line__', 1)}: each question must be a mapping")
            continue
        problems = _problems(item)
        line = item.get("__line__", 0)
        if problems:
            errors += [f"{path}:{line}: {item.get('id', '?')}: {p}" for p in problems]
            continue
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k != "__line__"}
        questions.append(Question(**fields, file=str(path), line=line))
    return questions, errors


def _problems(item: dict) -> list[str]:
    problems = []
    for name, kind in _REQUIRED.items():
        if name not in item:
            problems.append(f"missing field '{name}'")
        elif not isinstance(item[name], kind) or (kind is int and isinstance(item[name], bool)):
            problems.append(f"'{name}' must be {kind.__name__}, not {type(item[name]).__name__}")
    for name, kind in _OPTIONAL.items():
        if name in item and not isinstance(item[name], kind):
            problems.append(f"'{name}' must be {kind.__name__}, not {type(item[name]).__name__}")
    unknown = sorted(set(item) - set(_REQUIRED) - set(_OPTIONAL) - {"__line__"})
    if unknown:
        problems.append(f"unknown field(s): {', '.join(unknown)}")
    if problems:
        return problems
    if not _ID.match(item["id"]):
        problems.append(f"id '{item['id']}' must look like ABC-01")
    if not item["text"].strip():
        problems.append("'text' is empty")
    if item["stage"] not in STAGES:
        problems.append(f"stage '{item['stage']}' is not one of {', '.join(STAGES)}")
    bad_roles = [r for r in item["roles"] if r not in ROLES]
    if not item["roles"] or bad_roles:
        problems.append(f"roles must be some of {', '.join(ROLES)}" + (f" (not {bad_roles})" if bad_roles else ""))
    if item["answer_type"] not in ANSWER_TYPES:
        problems.append(f"answer_type '{item['answer_type']}' is not one of {', '.join(ANSWER_TYPES)}")
    if not 0 <= item["think_s"] <= 600:
        problems.append("think_s must be 0–600")
    if not 5 <= item["answer_s"] <= 1800:
        problems.append("answer_s must be 5–1800")
    for name in ("competencies", "hints"):
        if any(not isinstance(v, str) for v in item.get(name, [])):
            problems.append(f"'{name}' must be a list of strings")
    if item.get("purpose") is not None and item["purpose"] not in _PURPOSES:
        problems.append(f"purpose must be one of {', '.join(_PURPOSES)}")
    return problems
