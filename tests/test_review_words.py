"""What the review, the HTML export and the summary say of one answer (issue 29): the moment a quoted phrase is
played from, a headline said once, the guides' advice told as advice, the silence before the answer named as such,
Russian numbers, an answer set beside the earlier attempt at its question, and only like compared with like."""

from __future__ import annotations

import pytest

from sobes.analysis.content.section import QuestionContext
from sobes.analysis.labels import example_or_advice, in_headline, pace, verdict_value
from sobes.interview import progress
from sobes.interview.export import session_html
from sobes.interview.history import History
from sobes.interview.session import Step
from sobes.interview.summary import summarize
from tests.judges import DEFAULT
from tests.written_reports import stored, words_at, written_report

LEFT = QuestionContext("Почему вы ушли с прошлого места работы?", "motivation", 90)
BLAME = ("Я ушла с прошлого места работы потому что там все было плохо и я много работала и ещё я думаю что "
         "начальник был неадекватный и не ценил сотрудников совсем")
SALARY = QuestionContext("Какие у вас ожидания по заработной плате?", "fact", 90, question_id="HR-10")
NOT_A_SUM = "Я люблю работать с людьми и мне нравится продавать, у меня хороший опыт в продажах"
STORY = ("Ну в прошлом году у нас ушёл крупный клиент. Ну моя задача была вернуть его. Я позвонил директору, "
         "предложил скидку и новый график поставок. В итоге клиент вернулся, и выручка выросла на 15 процентов.")
INTRO = "Здравствуйте меня зовут Анна я пять лет работаю менеджером по продажам и привлекла сорок клиентов"


def test_a_quoted_phrase_is_played_from_its_words_not_from_its_sentence():
    """One run-on sentence from 0:00: «неадекватный» said at 0:09 was played from 0:00."""
    report = written_report(BLAME, LEFT)
    said_at = next(w.start for w in words_at(BLAME) if w.word == "неадекватный")
    quoted = next(f for f in report.coaching.fixes if "«неадекватный»" in f.text)
    assert said_at > 9 and quoted.start == said_at


def test_the_guides_advice_is_told_as_advice_and_an_example_as_an_example(bank):
    salary = bank.by_id("HR-10").good_example or ""
    heading, text = example_or_advice(salary)
    assert salary.startswith("(рекомендация)")
    assert heading == "Что советуют" and text.startswith("Назвать конкретный диапазон") and "(" not in text
    assert example_or_advice("«Здравствуйте! Меня зовут Анна…»")[0] == "Как это звучит в хорошем ответе"


def test_the_pauses_card_measures_inside_the_answer_and_the_latency_names_the_first_word():
    assert verdict_value("pauses", 0.3) == "внутри ответа самая длинная 0,3 с"
    assert verdict_value("pauses", 0.0) == "внутри ответа пауз нет"
    assert verdict_value("latency", 45.0) == "первое слово через 45 с"


@pytest.mark.parametrize(("rate", "said"), [(123, "123 слова в минуту"), (94, "94 слова в минуту"),
                                            (101, "101 слово в минуту"), (112, "112 слов в минуту")])
def test_a_pace_agrees_with_its_number(rate, said):
    assert pace(rate) == said
    assert progress.shown("words_per_min", rate) == said


def test_a_headline_that_is_a_fix_is_said_once_in_the_html_export(tmp_path):
    """An off-topic answer's headline was its fix 1 too: twice per answer on the printed page."""
    history = History(tmp_path / "history.db")
    session = history.start_session("retake", "client_manager")
    report = written_report(NOT_A_SUM, SALARY, start=9.0)
    headline = report.coaching.headline
    assert any(in_headline(f.text, headline) for f in report.coaching.fixes)  # the case this is about
    stored(history, session, Step("HR-10", SALARY.text or "", "fact", 10, 90), report, tmp_path)
    page = session_html(history, session)
    assert page.count(headline.rstrip(".")) == 1 and "(на 0:09)" in page
    history.close()


def _answer(history, folder, mode: str, question_id: str, kind: str, text: str, question: str = "Вопрос"):
    session = history.start_session(mode, "client_manager")
    report = written_report(text, QuestionContext(question, kind, 120))
    take = stored(history, session, Step(question_id, question, kind, 10, 120), report, folder)
    history.end_session(session, "completed")
    return session, take, report


def test_a_retake_is_set_beside_the_attempt_before_it(tmp_path):
    history = History(tmp_path / "history.db")
    _answer(history, tmp_path, "retake", "BEH-03", "star", STORY.replace("Ну ", "ну ну "))
    _, first_again, _ = _answer(history, tmp_path, "stage", "BEH-01", "star", STORY)  # another question between
    _, take, _ = _answer(history, tmp_path, "retake", "BEH-03", "star", STORY.replace("Ну ", ""))
    side = progress.against_previous(history, "BEH-03", take.id, DEFAULT)
    assert side is not None and side.headers[0].startswith("Попытка 1") and side.headers[1] == "Эта попытка (2-я)"
    fillers = next(row for row in side.rows if row[0] == "Слова-паразиты")
    assert fillers[1][0] != fillers[1][1] and fillers[2] == "✓ лучше"
    assert progress.against_previous(history, "BEH-01", first_again.id, DEFAULT) is None  # the first attempt
    history.close()


def test_the_summary_compares_an_answer_only_with_earlier_answers_of_its_kind(tmp_path):
    """A self-presentation after a session of stories: «было 5,4 … стало 0,0 — ✓ лучше» compared unlike."""
    history = History(tmp_path / "history.db")
    _answer(history, tmp_path, "stage", "BEH-03", "star", STORY)  # fillers in a story
    intro, _, _ = _answer(history, tmp_path, "self_presentation", "SP-01", "self_presentation", INTRO)
    first_intro = summarize(history, intro, [], DEFAULT)
    assert "fillers_per_100_words" not in first_intro["compared_to_previous"]
    assert first_intro["first_session"] is False
    again, _, _ = _answer(history, tmp_path, "self_presentation", "SP-01", "self_presentation", "Ну ну " + INTRO)
    compared = summarize(history, again, [], DEFAULT)["compared_to_previous"]["fillers_per_100_words"]
    assert compared["before"] == 0 and compared["now"] > 0  # the earlier self-presentation, not the story
    history.close()



@pytest.mark.parametrize(("was", "now", "said"), [
    (75, 87, "12 процентных пунктов"), (20, 21.5, "1,5 процентного пункта"), (40, 42, "2 процентных пункта"),
    (10, 11, "1 процентный пункт")])
def test_percentage_points_agree_with_their_number(was, now, said):
    """«это 12 процентных пункта» was said of every difference, and «87.5» with a dot."""
    from sobes.analysis.content.numbers import _points

    assert _points(now - was) == said


def test_a_percent_check_is_said_with_a_decimal_comma_and_agreed_points():
    from tests.judges import content_of

    content = content_of(words_at("Мне удалось увеличить удержание клиентов на 12%. Изначально удержание было на "
                                  "уровне 75,5%, после внедрения изменений показатель достиг 87,5%."))
    (check,) = content.numbers.percent_checks
    assert check.message.startswith("С 75,5 % до 87,5 % — это 12 процентных пунктов,")


@pytest.mark.parametrize(("value", "unit", "said"), [
    (123, "слов в минуту", "123 слова в минуту"), (94, "слов в минуту", "94 слова в минуту"),
    (90, "слов в минуту", "90 слов в минуту"), (3, "раз", "3 раза"), (12, "слов", "12 слов"),
    (2.5, "полутона", "2,5 полутона"), (5, "полутона", "5 полутонов"), (3, "с", "3 с"),
    (6, "на 100 слов", "6 на 100 слов")])
def test_a_norm_and_its_unit_agree(value, unit, said):
    from sobes.analysis.labels import amount

    assert amount(value, unit) == said


def test_the_thresholds_command_agrees_its_numbers(tmp_path, monkeypatch, capsys):
    """A personal tempo of 123 words a minute read «123 слов в минуту», the repeat limit «3 раз»."""
    from sobes.cli.main import main
    from sobes.interview.settings import Settings

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path))
    Settings(thresholds={"slow_words_per_min": 94, "fast_words_per_min": 123}).save()
    assert main(["thresholds"]) == 0
    out = capsys.readouterr().out
    assert "94 слова в минуту" in out and "123 слова в минуту" in out and "повторено: 3 раза" in out


def test_an_unverifiable_claim_is_played_from_its_word():
    """«"всегда" нельзя проверить» played its sentence from the first word, seconds before «всегда»."""
    text = "В прошлом году я работала в банке и я всегда выполняю план на сто процентов без исключений"
    report = written_report(text, QuestionContext("Расскажите о своих сильных сторонах", "short", 60))
    said_at = next(w.start for w in words_at(text) if w.word == "всегда")
    claim = next(v for v in report.content.vagueness.items if v.text == "всегда")
    assert said_at > 3 and claim.start == said_at
    fix = next((f for f in report.coaching.fixes if f.kind == "vague"), None)
    assert fix is None or fix.start == said_at


def test_the_terminal_report_says_a_fix_the_headline_quotes_once(tmp_path):
    """«Главное — «Избегайте слов-паразитов»…» and then «— «Избегайте слов-паразитов»…» again."""
    from sobes.interview.export import session_text

    history = History(tmp_path / "history.db")
    session = history.start_session("retake", "client_manager")
    story = QuestionContext("Расскажите о своём достижении", "star", 120)
    report = written_report(" ".join([STORY.replace("Ну ", "Ну вот как бы ")] * 3), story)
    fix = report.coaching.fixes[0]
    assert fix.kind == "delivery" and in_headline(fix.text, report.coaching.headline)  # the case this is about
    stored(history, session, Step("BEH-03", story.text or "", "star", 10, 120), report, tmp_path)
    text = session_text(history, session)
    assert text.count(fix.text.rstrip(".")) == 1
    history.close()


def test_a_quoted_phrase_is_found_whole_not_by_a_common_first_word():
    """«я всегда…» quoted from «я работала… и я всегда…» is played from the second «я», where the phrase is."""
    from sobes.analysis.content.sentences import split_units

    (unit,) = split_units(words_at("я работала в банке и я всегда выполняю план"))
    assert unit.start_of("я всегда выполняю") == unit.words[5].start
    assert unit.start_of("всегда") == unit.words[6].start
    assert unit.start_of("никогда") == unit.start and unit.start_of(None) == unit.start
