"""Lexical fillers and hedges in context: a labelled table of Russian sentences.

Each row is a sentence as Whisper would write it (with its punctuation) and
the fillers a careful listener marks in it. The table mixes true fillers with
the same words in ordinary use ("как бы вы поступили", "вот договор", "это
значит, что…", "в общем объёме"). Precision and recall over the whole table
are asserted, and printed by `pytest -s` for the closing note.
"""

from __future__ import annotations

import pytest

from sobes.analysis.fillers import find_fillers
from sobes.analysis.hedges import find_hedges
from sobes.analysis.transcript import Word

FILLER_TABLE: list[tuple[str, list[str]]] = [
    # true fillers
    ("Ну, я как бы работал менеджером.", ["ну", "как бы"]),
    ("Вот, в общем, клиенты были довольны.", ["вот", "в общем"]),
    ("Короче, я справлялся с задачами.", ["короче"]),
    ("Я, типа, отвечал за ключевых клиентов.", ["типа"]),
    ("Это самое, я позвонил клиенту.", ["это самое"]),
    ("Я, так сказать, взял ответственность на себя.", ["так сказать"]),
    ("Собственно, я и занимался продажами.", ["собственно"]),
    ("В принципе, я готов к переезду.", ["в принципе"]),
    ("Как говорится, клиент всегда прав.", ["как говорится"]),
    ("Слушайте, это был сложный проект.", ["слушайте"]),
    ("Ну вот, и мы подписали договор.", ["ну вот"]),
    ("Эээ, я работал в банке.", ["эээ"]),
    ("Я, значит, позвонил клиенту и извинился.", ["значит"]),
    ("Значит, я пришёл в компанию в прошлом году.", ["значит"]),
    ("Мы сделали отчёт, то есть, ну, всё как обычно.", ["то есть", "ну"]),
    ("Я работал, мм, около трёх лет.", ["мм"]),
    ("Ну, в общем, тут у нас новый продукт.", ["ну", "в общем"]),
    ("Я как бы не уверен, что понял вопрос.", []),  # "как бы не" is a fixed construction
    ("Клиент был недоволен, вот.", ["вот"]),
    ("Короче говоря, сделка состоялась.", ["короче говоря"]),
    ("Я, собственно говоря, и предложил это решение.", ["собственно говоря"]),
    ("Э-э, давайте я расскажу по порядку.", ["э-э"]),
    ("Мы, типа, увеличили продажи.", ["типа"]),
    ("Ну и, короче, клиент остался с нами.", ["ну", "короче"]),
    ("Я вот думаю, что это важно.", ["вот"]),
    ("Блин, я забыл цифру.", ["блин"]),
    # the same words in ordinary use
    ("Как бы вы поступили на моём месте?", []),
    ("Вот договор, который мы подписали.", []),
    ("Это значит, что клиент доволен.", []),
    ("Значит, что клиент получит скидку.", []),
    ("В общем объёме продаж доля выросла.", []),
    ("Вот так мы и решили проблему.", []),
    ("Вот почему я выбрал вашу компанию.", []),
    ("Это самое важное в работе с клиентами.", []),
    ("Отчёт стал короче на две страницы.", []),
    ("Встреча была короче, чем обычно.", []),
    ("Какого типа клиенты вам ближе?", []),
    ("Это зависит от типа договора.", []),
    ("Слушайте клиента внимательно.", []),
    ("Так сказать нельзя, это неправда.", []),
    ("То есть вы предлагаете перенести срок?", []),
    ("В принципе работы системы я разобрался.", []),
    ("Вот это и был главный результат.", []),
    ("Он знает, что это значит для бизнеса.", []),
    ("Как бы ни было трудно, я довёл дело до конца.", []),
    ("Клиент сказал: вот пример хорошего сервиса.", []),
    ("Я руководил отделом продаж три года.", []),
    # written after the rules, as a held-out check (before its fixes: precision 0.93, recall 0.87)
    ("Ну, это был, короче, очень сложный клиент.", ["ну", "короче"]),
    ("Я вот хотел бы уточнить условия.", ["вот"]),
    ("Значит, так: сначала я собрал данные.", ["значит"]),
    ("Это, как бы, не совсем моя зона ответственности.", ["как бы"]),
    ("Вот мой план на первый месяц.", []),
    ("Как бы я поступил? Я бы позвонил клиенту.", []),
    ("Он, типа, не понял, что мы предлагаем.", ["типа"]),
    ("Что это значит для клиента?", []),
    ("В общем и целом, проект удался.", ["в общем"]),
    ("Ну да, я работал с этим.", ["ну"]),
    ("Клиенты были, эм, не очень довольны.", ["эм"]),
    ("Типа договора мы не меняли.", []),  # still missed: sentence-initial noun "типа" reads as a filler
    ("Это самое, как его, внедрение CRM.", ["это самое"]),
    ("Короче, чем раньше начнём, тем лучше.", []),
    ("В общем чате мы обсуждали задачи.", []),
    ("Я, собственно, за этим и пришёл.", ["собственно"]),
    ("То есть, э-э, мы сократили время ответа.", ["то есть", "э-э"]),
    ("Вот так, значит, и получилось.", ["значит"]),
]

HEDGE_TABLE: list[tuple[str, list[str]]] = [
    ("Ну, я просто ищу работу. У меня есть какой-то опыт, наверное, он подойдет.", ["какой-то", "наверное"]),
    ("Надеюсь, вы меня возьмете.", ["надеюсь"]),
    ("Вроде неплохо получилось.", ["вроде"]),
    ("Мне кажется, клиент остался доволен.", ["мне кажется"]),
    ("Может быть, стоило позвонить раньше.", ["может быть"]),
    ("Это может быть полезно для компании.", []),
    ("Как-то раз клиент позвонил мне ночью.", []),
    ("Я как-то справился с этим.", ["как-то"]),
    ("Я думаю, что это правильное решение.", ["я думаю"]),
    ("Я увеличил продажи на пятнадцать процентов.", []),
]


def words_of(sentence: str) -> list[Word]:
    return [Word(w, i * 0.3, i * 0.3 + 0.25, 1.0) for i, w in enumerate(sentence.split())]


def _score(table, find):
    tp = fp = fn = 0
    mistakes = []
    for sentence, expected in table:
        found = find(words_of(sentence))
        remaining = list(expected)
        for text in found:
            if text in remaining:
                remaining.remove(text)
                tp += 1
            else:
                fp += 1
                mistakes.append(f"false {text!r} in {sentence!r}")
        fn += len(remaining)
        mistakes += [f"missed {text!r} in {sentence!r}" for text in remaining]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, mistakes


def test_filler_table_is_large_enough():
    assert len(FILLER_TABLE) >= 40
    assert sum(not expected for _, expected in FILLER_TABLE) >= 15


def test_filler_precision_and_recall():
    precision, recall, mistakes = _score(FILLER_TABLE, lambda w: [f.text for f in find_fillers(w)])
    print(f"\nlexical fillers: precision {precision:.3f}, recall {recall:.3f}, "
          f"{len(FILLER_TABLE)} sentences; mistakes: {mistakes}")
    assert precision >= 0.95 and recall >= 0.95, mistakes


def test_hedge_precision_and_recall():
    precision, recall, mistakes = _score(HEDGE_TABLE, lambda w: [h.text for h in find_hedges(w).items])
    print(f"\nhedges: precision {precision:.3f}, recall {recall:.3f}; mistakes: {mistakes}")
    assert precision >= 0.9 and recall >= 0.9, mistakes


@pytest.mark.parametrize("sentence, kind", [("Эээ, я работал.", "hesitation"), ("Ну, я работал.", "lexical")])
def test_kinds(sentence, kind):
    assert find_fillers(words_of(sentence))[0].kind == kind


def test_items_carry_word_times():
    words = words_of("Я, типа, отвечал за клиентов, короче говоря.")
    items = find_fillers(words)
    assert [(i.start, i.end) for i in items] == [(words[1].start, words[1].end),
                                                 (words[5].start, words[6].end)]


def test_pace_counts_spoken_words_not_how_a_hesitation_was_written():
    """Greedy decoding wrote "э, э," where beam search wrote "э-э." for the same sound: the live pace and the
    report's tempo read the same for both, and the same as with no hesitation written at all."""
    import numpy as np

    from sobes.analysis.delivery import analyze_delivery
    from sobes.analysis.live import words_per_minute
    from tests.judges import DEFAULT

    said = [Word("Мы", 0.0, 0.3, 0.9), Word("открыли", 0.4, 0.9, 0.9), Word("филиал", 1.0, 1.5, 0.9),
            Word("в", 3.0, 3.1, 0.9), Word("Казани.", 3.2, 3.9, 0.9)]
    beam = said[:3] + [Word("э-э.", 1.8, 2.6, 0.6)] + said[3:]
    greedy = said[:3] + [Word("Э,", 1.8, 2.1, 0.5), Word("э,", 2.2, 2.6, 0.5)] + said[3:]
    paces = {words_per_minute(words, 0.0, 3.9) for words in (said, beam, greedy)}
    quiet = np.zeros(4 * 16_000, np.float32)
    tempos = {analyze_delivery(quiet, 16_000, words, DEFAULT).tempo.words_per_min for words in (said, beam, greedy)}
    assert paces == {5 / 3.9 * 60} and tempos == {round(5 / 3.9 * 60, 1)}
