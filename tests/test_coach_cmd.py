"""`sobes coach`: the coaching of a written answer, the same judgement as a recorded one's (no speech model)."""

from __future__ import annotations

import json

import pytest

from sobes.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_bank_question_is_judged_as_the_app_asks_it(capsys):
    code, out, _ = run(capsys, "coach", "--question", "HR-10", "--text",
                       "Рассчитываю на сто двадцать тысяч на руки, это средний уровень по рынку для моего опыта.")
    assert code == 0 and "Какие у вас ожидания по заработной плате?" in out and "Итог:" in out
    code, out, _ = run(capsys, "coach", "--question", "HR-10", "--json", "--text", "Сто двадцать тысяч.")
    document = json.loads(out)
    assert code == 0 and document["question"]["answer_type"] == "fact" and document["coaching"]["headline"]
    assert document["seconds"] == pytest.approx(1.5)  # three words at 120 a minute


def test_a_file_and_a_free_question(capsys, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("Сначала выслушиваю клиента до конца, потом уточняю, что именно его смущает.", encoding="utf-8")
    code, out, _ = run(capsys, "coach", str(answer), "--question", "Как вы работаете с возражениями?",
                       "--type", "approach")
    assert code == 0 and "Вид ответа: ваш подход к работе" in out


@pytest.mark.parametrize("args, message", [
    ((), "нужен ответ"),
    (("--text", "   "), "ответ пустой"),
    (("--text", "да", "missing.txt"), "одно из двух"),
    (("missing.txt",), "не найден"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, args, message):
    code, out, err = run(capsys, "coach", *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_fillers_written_in_the_answer_are_coached_and_no_moment_is_given(capsys):
    """A transcript pasted with its «ну», «как бы» is judged for them as a recording would be; a text has no moment
    to play, so no «(на 0:…)»."""
    said = ("ну я как бы работаю в банке ну уже четыре года как бы с клиентами ну в общем веду их ну и как бы "
            "продаю им кредиты ну вот")
    code, out, _ = run(capsys, "coach", "--question", "SELF-01", "--text", said)
    assert code == 0 and "«ну» — 4 раза" in out and "«как бы» — 3 раза" in out and "(на " not in out
    clean = run(capsys, "coach", "--question", "SELF-01", "--text", "Я четыре года работаю в банке с клиентами.")[1]
    assert "паразит" not in clean
