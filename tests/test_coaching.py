"""Coaching: each answer judged against its kind of question, with what it covered, what it missed, whether
it was about the question, and the two or three things to change.

The guides' own good and bad answers are the yardstick: a bad one must miss what the guide says it lacks, the
good one of the same question must not. They are checked as text and, for six questions, as Festival speech
through the real model (tests/fixtures/guides, made by make_guide_answers.py).
"""

from __future__ import annotations

import json

import pytest

from sobes.analysis.content.section import QuestionContext
from sobes.analysis.labels import times
from sobes.cli.summary import format_summary
from sobes.interview.how_to_answer import how_to_answer
from sobes.interview.question_bank import load_bank
from tests.judges import DEFAULT, content_of, judge_with
from tests.relevance_cases import example_text, labelled_pairs, scores, words_of

# What each guide says its bad answer lacks (seed_digest §4.1, its "why" column): the items of our checklist.
NAMED = {
    "BEH-01": {"action", "result"},  # «Роль "я"… метрика» против общей фразы без результата
    "BEH-04": {"result"},  # «Результат: Нормальный» — «Не конкретный»
    "HR-01": {"result", "tone"},  # избегание и перекладывание ответственности
    "CX-05": {"tone"},  # «Я победил» — конфликтность
    "CX-07": {"result"},  # абсолюты вместо цифры
    "HR-09": {"positive"},  # негатив о бывшем начальнике
    "HR-10": {"figure"},  # «много денег» вместо диапазона
    "OFF-01": {"argument", "no_ultimatum"},  # ультиматум без аргументов
    "PHN-01": {"name", "experience"},  # паразиты и «какой-то опыт» вместо имени и стажа
    "PRES-T1": {"greeting", "benefit"},  # бормотание без структуры
    "RPS-16": {"empathy", "tone"},  # «не моя вина, другой отдел»
    "RPS-22": {"empathy", "tone"},  # «всякое бывает»
    "RPS-11": {"tone"},  # раздражённый тон и обесценивание
}
NO_GOOD_ANSWER = {"HR-10"}  # the guide gives advice ("назвать конкретный диапазон"), not an answer
GUIDES = json.loads((__import__("pathlib").Path(__file__).parent / "fixtures" / "guides" / "manifest.json")
                    .read_text(encoding="utf-8"))


def missing_items(content) -> set[str]:
    return {item.key for item in content.items if not item.covered}


@pytest.mark.parametrize("question_id", sorted(NAMED))
def test_the_guides_bad_answers_miss_what_the_guides_name_and_the_good_ones_do_not(bank, question_id):
    question = bank.by_id(question_id)
    bad = content_of(words_of(example_text(question.bad_example)), question.context())
    assert NAMED[question_id] <= missing_items(bad)
    if question_id not in NO_GOOD_ANSWER:
        good = content_of(words_of(example_text(question.good_example)), question.context())
        assert not NAMED[question_id] & missing_items(good)


@pytest.mark.parametrize("name", sorted(GUIDES))
def test_the_same_on_the_guides_answers_spoken_and_transcribed(analyzer, bank, fixtures_dir, name):
    item = GUIDES[name]
    question = bank.by_id(item["question"])
    report = analyzer.analyze_file(fixtures_dir / "guides" / name, question=question.context())
    missing = missing_items(report.content)
    named = NAMED[item["question"]]
    assert named <= missing if item["example"] == "bad" else not named & missing, report.transcript.text
    coaching = report.coaching
    assert coaching.headline and len(coaching.fixes) <= 3
    said_aloud = {i.key for i in report.content.items if i.red_flag}
    assert {i.key for i in coaching.missing} == missing - said_aloud and all(i.label for i in coaching.covered)
    if item["example"] == "bad":
        assert coaching.fixes, "a bad answer gets something to change"


def test_relevance_on_labelled_pairs():
    """Figures in docs/content.md. An on-topic answer is never told it is off topic on the development set."""
    bank = load_bank()
    development = scores(labelled_pairs(bank))
    held_out = scores(labelled_pairs(bank, held_out=True))
    print(f"\nrelevance: development {development}\nheld out {held_out}")
    assert development["on_topic_told_off"] == 0 and development["recall"] >= 0.55
    assert held_out["precision"] >= 0.98 and held_out["recall"] >= 0.55


def test_an_off_topic_salary_answer_is_told_so_plainly():
    question = QuestionContext("Какие у вас ожидания по заработной плате?", "fact", 90)
    history = content_of(words_of("Я пять лет работал менеджером по продажам в логистической компании, вёл "
                                       "ключевых клиентов и отвечал за продление договоров."), question)
    assert history.relevance.verdict == "off_topic"
    assert history.relevance.message == "Ответ не про ожидаемую зарплату: назовите сумму или вилку."
    money = content_of(words_of("Рассчитываю на сто двадцать тысяч, это уровень рынка."), question)
    assert money.relevance.verdict == "on_topic" and not missing_items(money)


def test_a_work_story_answers_a_story_question_whatever_its_words_are_about(bank):
    """An achievement can be a team taught a new tool: its words are about learning, yet it answers the question
    (the window said "Ответ не про то" to exactly this answer, heard through the model)."""
    question = bank.by_id("BEH-03").context()
    story = content_of(words_of(
        "Осенью мне доверили наставничество над новыми сотрудниками. Я провела для них курс занятий по нашим "
        "продуктам и тренинги по навыкам общения. В итоге все пятеро прошли аттестацию с первого раза."), question)
    assert story.relevance.verdict != "off_topic"
    lesson = content_of(words_of(
        "Я люблю учиться: читаю книги по психологии, прохожу курсы по переговорам и слушаю подкасты про "
        "саморазвитие, это помогает мне расти."), question)  # no story at all: may still be told
    assert lesson.star is not None and not lesson.star.present["result"]


def test_star_only_where_a_story_is_asked_for():
    intro = "Меня зовут Анна. Я работаю с корпоративными клиентами уже шесть лет."
    presentation = content_of(words_of(intro), QuestionContext("Расскажите о себе", "self_presentation", 90))
    assert presentation.star is None
    story = content_of(words_of(intro + " Мы просто сделали всё, что нужно, и всё получилось хорошо."),
                            QuestionContext(None, "star", 120))
    assert "result" in missing_items(story)  # neither tenure nor a vague success is a result
    result = next(i for i in story.items if i.key == "result")
    assert result.evidence == "всё получилось"  # the words that looked like one are named


def test_length_is_judged_for_the_kind_of_answer():
    about_me = QuestionContext("О себе", "self_presentation", 90)
    salary_question = QuestionContext("Зарплата?", "fact", 90)
    short = content_of(words_of("Меня зовут Анна, я менеджер."), about_me)
    assert short.vagueness.length_verdict == "short"
    salary = content_of(words_of("Сто двадцать тысяч.", step=0.5), salary_question)
    assert salary.vagueness.length_verdict == "ok"  # a figure said briefly is right
    rambling = content_of(words_of("Сто двадцать тысяч. " * 40, step=0.5), salary_question)
    assert rambling.vagueness.length_verdict == "long"


def test_a_story_with_every_part_is_never_too_short_whatever_the_timer():
    """A 50 s complete story with its result was headlined «Ответ слишком короткий» under a 3-minute timer."""
    story = ("В прошлом году крупный клиент грозился уйти к конкуренту из-за срывов поставок. Моей задачей было "
             "сохранить договор. Я сам разобрал все заказы за квартал, нашёл, где склад терял время, и договорился "
             "о резервной машине. В результате за два месяца опоздания упали с двенадцати до двух, и клиент "
             "продлил контракт ещё на год.")
    for timer in (None, 120, 180, 600):  # the window's timer, or none at all (the command line)
        content = content_of(words_of(story, step=0.9), QuestionContext("Расскажите о случае…", "star", timer))
        assert content.vagueness.length_verdict == "ok" and all(i.covered for i in content.items), timer
    half = content_of(words_of("В прошлом году клиент был недоволен. Я ему позвонил.", step=0.9),
                      QuestionContext("Расскажите о случае…", "star", 180))
    assert half.vagueness.length_verdict == "short"  # short and missing its result: that is worth saying


def test_follow_ups_follow_what_is_missing_and_never_a_phone_greeting():
    story = content_of(words_of("Однажды клиент был недоволен сроками. Я выслушал его и предложил скидку."),
                            QuestionContext(None, "star", 120))
    questions = [f.question for f in story.follow_ups]
    assert questions[0] == "Чем всё закончилось? Какой измеримый результат?"  # the result first
    assert len(set(questions)) == len(questions) and not any("подробнее" in q for q in questions)
    greeting = content_of(words_of("Да."), QuestionContext("Вам удобно говорить?", "phone_opening", 30))
    assert greeting.follow_ups == []


def test_every_filler_is_counted_and_named(report_for):
    report = report_for("fillers.wav")
    lexical = {i.text for i in report.fillers.items if i.kind == "lexical"}
    tip = next(v.tip for v in report.delivery.verdicts if v.metric == "fillers")
    assert len(lexical) >= 3 and all(f"«{text}»" in tip for text in lexical)
    assert times(1) == "1 раз" and times(3) == "3 раза" and times(12) == "12 раз"


def test_the_command_line_coaches(analyzer, fixtures_dir, bank):
    off_topic = analyzer.analyze_file(fixtures_dir / "intro.wav", question=bank.by_id("HR-10").context())
    assert "Итог: Ответ не про ожидаемую зарплату: назовите сумму или вилку." in format_summary(off_topic)
    too_short = analyzer.analyze_file(fixtures_dir / "intro.wav", question=bank.by_id("SELF-01").context())
    assert "Итог: Самопрезентация короче минуты" in format_summary(too_short)
    complete = analyzer.analyze_file(fixtures_dir / "guides" / "off-01-good.flac",
                                     question=bank.by_id("OFF-01").context())
    text = format_summary(complete)
    assert "Итог: Сильный ответ" in text and "Не хватает" not in text


def test_how_to_answer_names_what_a_strong_answer_has(bank):
    note = how_to_answer(bank.by_id("HR-10"), DEFAULT)
    assert "Что должно прозвучать: сумма или вилка." in note and "Коротко: до 45 с." in note
    note = how_to_answer(bank.by_id("BEH-01"), DEFAULT)
    assert not any("L" in line and any(ch.isdigit() for ch in line) for line in note)
    # the note gives the length the judge holds the answer to: the user's norm, not the default
    assert "Коротко: до 30 с." in how_to_answer(bank.by_id("HR-10"), judge_with(brief_answer_max_s=30))


def test_progress_never_calls_a_change_inside_the_norm_worse():
    compare = DEFAULT.compare
    assert compare("response_latency_s", 0.33, 0.61) == "in_norm"  # both far under the 3 s norm
    assert compare("long_pauses", 0.0, 0.0) == "in_norm"  # "было 0, стало 0" is not "хуже"
    assert compare("fillers_per_100_words", 8.0, 8.3) == "same"
    assert compare("fillers_per_100_words", 8.0, 4.0) == "better"
    assert compare("pitch_sd_st", 1.4, 0.8) == "worse"
    assert compare("words_per_min", 220, 180) == "better" and compare("words_per_min", 80, 60) == "worse"
    # the user's norms decide: 8 and 4 fillers per 100 words are both inside a norm of 9
    personal = judge_with(fillers_per_100_attention=9, fillers_per_100_problem=12)
    assert personal.compare("fillers_per_100_words", 8.0, 4.0) == "in_norm"
    assert judge_with(same_change_pct=30).compare("fillers_per_100_words", 8.0, 6.0) == "same"


def test_a_red_delivery_problem_leads_and_what_the_answer_lacks_is_still_named():
    """46 s of «ну / как бы» was headlined «Хорошо: почему именно эта компания»: a red delivery problem weighs as
    much as anything the answer said, and the content's gap is named beside it."""
    from sobes.analysis.coaching import MAX_FIXES, coach
    from sobes.analysis.verdicts import DeliverySection, Verdict

    question = QuestionContext("Расскажите о проекте", "star", 120)
    story = content_of(words_of("В прошлом году мы запускали сервис для клиентов. Я отвечал за обучение поддержки, "
                                "ну, как бы, провёл ну тренинги."), question)
    fillers = Verdict("fillers", "problem", 33.3, "до 3 на 100 слов", "Уберите слова-паразиты.", "")
    coaching = coach(story, DeliverySection([fillers], "problem", ["fillers"]), question)
    assert coaching.fixes[0].key == "fillers" and len(coaching.fixes) == MAX_FIXES
    assert coaching.headline.startswith("Хорошо: ситуация") and "Главное — уберите слова-паразиты." in coaching.headline
    assert "По содержанию не хватает — результат" in coaching.headline
    assert coaching.content == "attention"  # the summary's content mark, beside delivery's
    calm = coach(story, DeliverySection([], "good", []), question)
    assert [f.kind for f in calm.fixes].count("delivery") == 0 and "Главное, чего не хватает" in calm.headline


def test_a_misheard_letter_does_not_hide_a_greeting_but_never_accuses():
    """«Да, здравствуйте, Ольга!» transcribed «здравствуете» was told «не хватает: приветствие»."""
    from sobes.analysis.content.cues import find_cue

    opening = content_of(words_of("Да, здравствуете, Ольга! Да, удобно, слушаю вас."),
                         QuestionContext("Вам удобно говорить?", "phone_opening", 30))
    assert next(i for i in opening.items if i.key == "greeting").covered
    assert find_cue(["добрый", "дент"], ("добрый день",), tolerant=True)
    assert not find_cue(["день"], ("дела",), tolerant=True)  # short words are other words one letter away
    assert not find_cue(["спорил"], ("спорт*",), tolerant=False)


def test_follow_ups_follow_this_answer_not_a_template():
    """None after an off-topic answer (the question is what to answer), one «как рассчитали» however many
    sentences have figures, and no «с каким клиентом?» after a story about a colleague."""
    objections = QuestionContext("Как вы работаете с возражениями клиента?", "approach", question_id="CX-06")
    salary = content_of(words_of("Я рассчитываю на сто двадцать тысяч на руки, ниже ста не рассматриваю."), objections)
    assert salary.relevance.verdict == "off_topic" and salary.follow_ups == []
    figures = content_of(words_of("В прошлом году выручка выросла на 20 процентов. Отток упал на 7 процентов. "
                                  "Я провёл 40 встреч с клиентами."), QuestionContext("Ваше достижение?", "star"))
    assert sum(f.kind == "number" for f in figures.follow_ups) == 1
    colleague = content_of(words_of("Я предложил коллеге разобрать заказы вдвоём, и срывов стало меньше вдвое."),
                           QuestionContext("Конфликт с коллегой?", "star"))
    assert not any("клиент" in f.question for f in colleague.follow_ups)


def test_an_off_topic_answer_is_told_only_that_and_covers_nothing_it_was_asked():
    """A salary demand to «как вы работаете с возражениями?» was credited with «порядок действий» and told to add
    an example: the one thing to say is what the question is (nor is the checklist of an answer it is not listed
    as what it lacks)."""
    from sobes.analysis.coaching import coach

    question = QuestionContext("Как вы работаете с возражениями клиента?", "approach", question_id="CX-06")
    salary = content_of(words_of("Хочу не меньше ста сорока тысяч, потому что сначала я оцениваю свой опыт, потом "
                                 "рынок, а затем уже называю сумму."), question)
    coaching = coach(salary, None, question)
    assert coaching.relevance == "off_topic" and [f.kind for f in coaching.fixes] == ["relevance"]
    assert coaching.covered == [] and coaching.missing == [] and coaching.content == "problem"


def test_a_former_boss_named_as_the_cause_is_blame_and_nothing_is_praised_beside_it():
    """«ушёл из-за начальника» (the recogniser made «орал» into «рал»): the red flag leads, quoted."""
    from sobes.analysis.coaching import coach

    question = load_bank().by_id("HR-09").context()
    answer = content_of(words_of("Ушла из-за руководителя: премии урезали без объяснений, планы менялись "
                                 "каждую неделю."), question)
    coaching = coach(answer, None, question)
    assert coaching.headline.startswith("Вы сказали «из-за руководителя»")
    calm = content_of(words_of("Ушла из-за переезда в другой город: ездить стало три часа в день."), question)
    assert next(i for i in calm.items if i.key == "positive").covered  # a cause that is no one's fault


def test_a_red_flag_leads_over_a_red_delivery_problem_and_its_words_show_nothing_good():
    """In the window a 7 s silence before «я ушёл, потому что начальник был некомпетентный…» headed the review as
    «Хорошо: конкретная причина. Главное — вы начали отвечать через 7,3 с…»: the blame was praised as a reason and
    lost the headline."""
    from sobes.analysis.coaching import coach
    from sobes.analysis.verdicts import DeliverySection, Verdict

    question = load_bank().by_id("HR-09").context()
    answer = content_of(words_of("Я ушёл, потому что руководитель был некомпетентный и постоянно кричал на "
                                 "подчинённых."), question)
    late = Verdict("latency", "problem", 7.3, "до 3 с", "Вы начали отвечать через 7,3 с.", "")
    coaching = coach(answer, DeliverySection([late], "problem", ["latency"]), question)
    assert coaching.headline.startswith("Вы сказали «") and "Хорошо" not in coaching.headline
    assert not any(i.evidence and "руководитель" in i.evidence for i in coaching.covered)
    # told in the headline, not listed as lacking «без негатива о прошлом месте»; the follow-up says what was said
    assert "positive" not in {i.key for i in coaching.missing} and coaching.content == "attention"
    assert all("Без негатива" not in f.reason and "без негатива" not in f.reason for f in answer.follow_ups)


def test_a_greeting_misheard_at_its_start_is_still_a_greeting_and_pace_needs_words():
    """«Да, сбрабствуйте, Ольга! Да, удобно» (5 s): the greeting is there, and seven words are too few to call
    the pace slow."""
    import numpy as np

    from sobes.analysis.delivery import analyze_delivery
    from sobes.analysis.verdicts import judge_delivery

    opening = content_of(words_of("Да, сдраствуйте, Ольга! Да, удобно, слушаю вас."),
                         QuestionContext("Вам удобно говорить?", "phone_opening", 30))
    assert next(i for i in opening.items if i.key == "greeting").covered

    seven = words_of("Да, здравствуйте, Ольга! Да, удобно, могу говорить!", step=0.9)  # 67 words a minute
    metrics = analyze_delivery(np.zeros(16_000 * 7, np.float32), 16_000, seven, DEFAULT)
    assert metrics.tempo.words_per_min is not None  # measured and shown...
    assert "tempo" not in {v.metric for v in judge_delivery(metrics, DEFAULT).verdicts}  # ...but not judged
    judged = judge_delivery(metrics, judge_with(tempo_min_words=5))
    assert "tempo" in {v.metric for v in judged.verdicts}  # the norm decides, and can be changed


def test_what_one_thinks_of_oneself_is_no_action_of_the_story():
    """A «мы» story ending «я считаю, что я хорошо работаю в команде» was credited with «ваши действия»; a far
    too short story is told what it lacks, not only that it is short."""
    from sobes.analysis.coaching import coach

    question = QuestionContext("Расскажите о работе в команде над трудным проектом.", "star", 180)
    we = content_of(words_of(  # as the model heard a tester's answer (bench/coaching_answers.yaml, vague-team)
        "Ну, у нас был сложный проект, мы внедрели новую систему, для клиентов, мы все команды работали, все очень "
        "старались, в задаче было много, в итоге мы все сделали, все получилось хорошо, клиент остался доволен, я "
        "вообще считаю, что я хорошо работаю в команде."), question)
    assert not next(i for i in we.items if i.key == "action").covered
    coaching = coach(we, None, question)
    assert coaching.headline.startswith("Ответ слишком короткий") and "ваши действия" in coaching.headline
    mine = content_of(words_of("Мы переезжали на новый склад. Я составил график перевозки и сам договорился с "
                               "транспортной компанией, поэтому переезд занял два дня вместо недели."), question)
    assert next(i for i in mine.items if i.key == "action").covered


def test_a_size_is_no_result_and_no_achievement():
    """«сеть на тридцать точек», «на два платежа», «веду двадцать клиентов» are sizes: no «как вы рассчитали» and
    no «достижение с цифрой» for them (an independent check found both); a change or an outcome with a figure is."""
    from sobes.analysis.coaching import coach

    story_q = QuestionContext("Расскажите о сложном клиенте.", "star", 180)
    story = content_of(words_of(
        "Год назад я вёл клиента, сеть кофеен на сорок точек. Моей задачей было сохранить договор. Я предложил "
        "разбить оплату на три платежа и сам приезжал на их совещания. В итоге договор продлили ещё на год."),
        story_q)
    assert story.numbers.unexplained == [] and not any(f.kind == "number" for f in story.follow_ups)
    assert coach(story, None, story_q).headline.startswith("Сильный ответ")
    self_q = QuestionContext("Расскажите о себе.", "self_presentation", 120)
    size = content_of(words_of("Меня зовут Ольга, я пять лет работаю в продажах и веду тридцать два клиента."),
                      self_q)
    assert not next(i for i in size.items if i.key == "achievement").covered
    grown = content_of(words_of("Меня зовут Ольга, я пять лет работаю в продажах, за год я привлекла "
                                "четырнадцать новых клиентов."), self_q)
    assert next(i for i in grown.items if i.key == "achievement").covered


def test_an_answer_whose_content_nothing_checks_is_not_praised_for_it():
    """A question after a role play (and a follow-up) is answered in the candidate's own terms: nothing is checked
    of what it says, so «Здравствуйте, меня зовут…» given to «Что вы чувствовали?» is not «по существу»."""
    from tests.written_reports import written_report

    report = written_report("Здравствуйте, меня зовут Анна, я работаю менеджером.",
                            QuestionContext("Что вы чувствовали в этой ситуации?", "short", 90))
    assert report.coaching.content is None
    assert "по существу" not in report.coaching.headline
    checked = written_report("Двадцать пятого числа я могу выйти на работу.",
                             QuestionContext("Когда вы сможете приступить к работе?", "fact", 60))
    assert checked.coaching.content is not None
