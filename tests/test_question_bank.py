"""The question bank: every seed question present, and malformed files reported with file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sobes.cli.main import main
from sobes.interview.question_bank import ROLES, STAGES, BankError, load_bank
from tests.banks import ONE_QUESTION as GOOD

SEED_IDS = Path(__file__).resolve().parent / "fixtures" / "seed_question_ids.txt"


def test_bank_holds_every_seed_question(bank):
    lines = SEED_IDS.read_text(encoding="utf-8").splitlines()
    seed_ids = {line for line in lines if line and not line.startswith("#")}
    assert len(seed_ids) >= 144
    assert seed_ids <= {q.id for q in bank.questions}


def test_every_role_and_stage_is_covered(bank):
    counts = bank.counts()
    for role in ROLES:
        assert sum(counts[role].values()) >= 7, role
    for stage in STAGES:
        assert any(counts[role][stage] for role in ROLES), stage


def test_questions_are_speakable_and_complete(bank):
    for q in bank.questions:
        assert q.text and "[тема]" not in q.text and "/" not in q.text.replace("и/или", ""), q.id
        assert q.source and q.hints, q.id
    phone = [q for q in bank.questions if q.stage == "phone_screening" and q.answer_type != "phone_opening"]
    assert max(q.answer_s for q in phone) <= 60  # phone answers are short


def test_unlawful_question_is_only_for_a_polite_refusal(bank):
    question = bank.by_id("STR-08")
    assert question.purpose == "practise_refusal" and "уйдите от ответа" in question.hints[0]
    assert not any(re.search(r"женщин|мужчин", q.text, re.I) for q in bank.questions)


def _write(tmp_path, body: str, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_a_user_bank_loads(tmp_path):
    bank = load_bank([_write(tmp_path, GOOD)])
    assert bank.by_id("MY-01").answer_s == 120 and bank.by_id("MY-01").line == 2


@pytest.mark.parametrize("body, expected", [
    ("questions:\n- id: MY-01\n  text: [unclosed\n", r"bank.yaml:\d+: ошибка YAML"),
    (GOOD.replace("think_s: 20", "think_s: twenty"), r"bank.yaml:2: MY-01: поле think_s должно быть: целое число"),
    (GOOD + "  colour: red\n", r"bank.yaml:2: MY-01: неизвестные поля: colour"),
    (GOOD.replace("stage: behavioral", "stage: lunch"), r"stage «lunch» — не один из"),
    (GOOD.replace("[client_manager]", "[astronaut]"), r"roles — это некоторые из"),
    (GOOD.replace("  source: my own\n", ""), r"нет поля source"),
    (GOOD + "  text: again\n", r"bank.yaml:\d+: ошибка YAML: поле «text» повторяется"),
    ("- just a list\n", r"bank.yaml:1: нужен словарь со списком questions"),
    (GOOD.replace("id: MY-01", "id: my question"), r"id «my question» должен быть вида ABC-01"),
    (GOOD.replace("id: MY-01", 'id: "MY-01\\n"'), r"в id «MY-01» лишние пробелы или перевод строки"),
])
def test_malformed_files_say_file_line_and_problem(tmp_path, body, expected):
    with pytest.raises(BankError, match=expected):
        load_bank([_write(tmp_path, body)])


def test_duplicate_ids_across_files(tmp_path):
    with pytest.raises(BankError, match=r"b.yaml:2: id MY-01 повторяется \(уже есть в .*a.yaml:2\)"):
        load_bank([_write(tmp_path, GOOD, "a.yaml"), _write(tmp_path, GOOD, "b.yaml")])


def test_yaml_cannot_construct_objects(tmp_path):
    marker = tmp_path / "pwned"
    body = f"questions: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(BankError, match="ошибка YAML"):
        load_bank([_write(tmp_path, body)])
    assert not marker.exists()


def test_oversized_file_is_refused(tmp_path):
    path = _write(tmp_path, GOOD + "# " + "x" * 2_100_000 + "\n")
    with pytest.raises(BankError, match="больше 2 МБ"):
        load_bank([path])


def test_validate_command(tmp_path, capsys):
    assert main(["questions", "--validate"]) == 0
    out = capsys.readouterr().out
    assert "Телефонный скрининг — " in out and "Вопросов:" in out and "phone_screening" not in out
    assert main(["questions", "--validate", str(_write(tmp_path, GOOD.replace("answer_s: 120", "answer_s: 1")))]) == 2
    err = capsys.readouterr().err
    assert err == "sobes: ошибка: " + str(tmp_path / "bank.yaml") + ":2: MY-01: answer_s — от 5 до 1800 секунд\n"
    two_problems = GOOD.replace("answer_s: 120", "answer_s: 1").replace("think_s: 20", "think_s: 6000")
    assert main(["questions", "--validate", str(_write(tmp_path, two_problems))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and err.strip().endswith("исправьте строки выше")


@pytest.mark.parametrize("roles", ["[[client_manager]]", "[{a: 1}]", "[1, client_manager]"])
def test_roles_that_are_not_text_are_a_line_not_a_crash(tmp_path, capsys, roles):
    """A list or a mapping in roles was hashed against the known roles: TypeError, the window died at start."""
    path = _write(tmp_path, GOOD.replace("[client_manager]", roles))
    with pytest.raises(BankError, match=r"bank.yaml:2: MY-01: roles — это некоторые из"):
        load_bank([path])
    assert main(["questions", "--validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sobes: ошибка: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("text", [r"\e[2J\e[31mВопрос", r"Вопрос\a", "Вопрос \u202eорп", r"Вопрос\x9b"])
def test_control_characters_in_bank_text_are_refused_and_never_printed(tmp_path, capsys, text):
    """Escape sequences cleared or coloured the terminal, BEL rang, U+202E turned the question around."""
    path = _write(tmp_path, re.sub(r"  text: .*\n", lambda _: f'  text: "{text}"\n', GOOD, count=1))
    with pytest.raises(BankError, match=r"bank.yaml:2: MY-01: в поле text управляющие символы"):
        load_bank([path])
    assert main(["questions", "--validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert not any(char in err for char in "\x1b\x07\u202e\x9b")


def test_printed_text_loses_control_characters_but_keeps_lines():
    from sobes.interview.bank_yaml import without_control_characters

    assert without_control_characters("\x1b[2JА\u202eБ\x07\nВ\tГ") == "[2JАБ\nВ\tГ"
