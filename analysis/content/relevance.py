"""Does the answer address its question: the question's key terms found in the answer, by lemma or by a word
of the same meaning, plus what the kind of question asks for.

Lemmas (pymorphy3) take care of Russian endings; the groups of words of one
meaning below take care of paraphrase in this domain ("зарплата" is answered
by "сто тысяч рублей", "конфликт с клиентом" by "клиент был недоволен"). No
sentence-embedding model ships on PyPI small enough to bundle, and a shared
word can be shown to the candidate. For the kinds whose checklist names what
an answer must contain (a sum for a salary question, a greeting on the phone),
covering such an item shows the answer is on topic. Precision and recall on
labelled pairs are in docs/content.md (``bench/relevance.py``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sobes.analysis.morph import lemma, lemmas, tag
from sobes.analysis.text import normalize

ON_TOPIC, OFF_TOPIC, UNCLEAR = "on_topic", "off_topic", "unclear"
_CONTENT = {"NOUN", "VERB", "INFN", "ADJF", "PRTF", "ADVB"}
_STOP = {"быть", "мочь", "вы", "ваш", "который", "это", "свой", "как", "какой", "пример", "привести",
         "рассказать", "расскажите", "ситуация", "случай", "весь", "такой", "сделать", "делать", "самый", "что",
         "один", "ваше", "вас", "год", "раз", "иметь", "хотеть", "почему", "когда", "где", "сказать", "себя",
         "описать", "опишите", "пожалуйста", "очень", "приходиться", "пришлось", "также", "так", "тот", "там",
         "здесь", "ещё", "уже", "просто", "сейчас", "потом", "вообще", "например", "именно", "бы", "поступать",
         "справляться", "часто", "обычно", "вообще-то", "стать", "находиться", "думать", "ролевой", "игра",
         "начинать", "разговор"}
# Words of one meaning in this domain; a group marked generic is shared by most answers (weighs half).
_GROUPS: tuple[tuple[bool, str], ...] = (
    (True, "клиент покупатель заказчик абонент потребитель пользователь партнёр"),
    (True, "работа работать компания организация фирма работодатель должность менеджер"),
    (False, "конфликт спор разногласие ссора претензия жалоба недовольство недовольный скандал агрессия "
            "конфликтный жаловаться возражение трудный сложный раздражённый грубый ругаться нецензурный "
            "материться агрессивный злой"),
    (False, "зарплата заработный плата оплата доход оклад деньги сумма рубль тысяча вилка бонус премия "
            "зарплатный"),
    (False, "стресс давление напряжение нервы спокойствие спокойный сжатый дедлайн аврал цейтнот нагрузка "
            "стрессовый нервничать успокоиться стрессоустойчивость сорваться срочно срочный"),
    (False, "ошибка промах ошибиться исправить недочёт оплошность провал неудача"),
    (False, "команда коллега коллектив сотрудник отдел группа совместно командный вместе вдвоём втроём вчетвером"),
    (False, "проект запуск запускать запустить внедрение внедрить"),
    (False, "уйти уход увольнение уволиться покинуть предыдущий прошлый прежний начальник руководитель сокращение "
            "перерасти"),
    (False, "мотивация привлекать интересный интерес нравиться цель карьера развитие рост развиваться стремиться "
            "профессия выбрать вакансия заинтересовать мечтать расти"),
    (False, "критика критиковать замечание отзыв"),
    (False, "достижение успех гордиться добиться достигнуть успешный достичь"),
    (False, "продажа продать сделка договор контракт подписать коммерческий кп продавать"),
    (False, "доставка заказ логистика поставка курьер склад товар водитель привезти доставить"),
    (False, "скидка цена дорого стоимость дешёвый дорогой бюджет выгода"),
    (False, "приоритет планирование план многозадачность расписание успевать срок приоритизировать планировать"),
    (False, "недостаток слабость слабый минус слишком трудно медленно"),
    (False, "презентация презентовать выступление выступать представить слушатель"),
    (False, "метрика показатель измерять измерить kpi эффективность nps csat конверсия посчитать рассчитать "
            "расчёт формула"),
    (False, "удержание удержать сохранить отток расторгнуть отказаться продлить лояльность"),
    (False, "семья ребёнок дети личный декрет"),
    (False, "командировка график ненормированный переезд поездка выходной переработка"),
    (False, "обучение курс тренинг квалификация книга статья конференция новость учиться"),
    (False, "crm инструмент технология система программа аналитика таблица excel"),
    (False, "продукт услуга сервис функция"),
)


@dataclass
class Relevance:
    score: float | None  # share of the question's key terms the answer addresses; None without a question
    question_terms: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)  # the question's terms the answer addresses
    verdict: str | None = None  # on_topic | off_topic | unclear; None without a question
    message: str | None = None  # for an off-topic answer: said plainly, in Russian


@functools.lru_cache(maxsize=1)
def _group_of() -> dict[str, tuple[int, bool]]:
    groups: dict[str, tuple[int, bool]] = {}
    for index, (generic, words) in enumerate(_GROUPS):
        for word in words.split():
            for form in lemmas(normalize(word)) | {lemma(normalize(word))}:
                groups.setdefault(form, (index, generic))
    return groups


def key_terms(text: str) -> list[tuple[str, frozenset[str]]]:
    """The content words: each as its most probable lemma with all its likely lemmas, in order, each once."""
    terms: list[tuple[str, frozenset[str]]] = []
    groups = _group_of()
    for word in text.replace("-", " ").split():  # "интернет-соединение" is about the internet
        token = normalize(word)
        if len(token) < 3 and token not in ("кп",):
            continue
        forms = lemmas(token)
        if tag(token).POS not in _CONTENT and not forms & groups.keys():
            continue
        base = lemma(token)
        if base not in _STOP and all(base != t for t, _ in terms):
            terms.append((base, forms - _STOP))
    return terms


def measure_relevance(question: str | None, answer_text: str, *, items_weight: float = 0.0,
                      off_topic_message: str | None = None, may_be_off_topic: bool = True) -> Relevance:
    """``items_weight``: the answer said what its kind of question asks for (``AnswerKind.topic_weight``)."""
    if not question:
        return Relevance(None)
    wanted = key_terms(question)
    said = key_terms(answer_text)
    groups = _group_of()
    said_forms = {form for _, forms in said for form in forms}
    said_groups = {groups[f][0] for f in said_forms if f in groups}
    shared: list[str] = []
    weight, counted = 0.0, set()
    for term, forms in wanted:
        matched = [groups[f] for f in forms if f in groups and groups[f][0] in said_groups]
        if not (forms & said_forms or matched):
            continue
        shared.append(term)
        key = matched[0][0] if matched else term
        if key not in counted:
            counted.add(key)
            weight += 0.5 if matched and matched[0][1] else 1.0
    weight += items_weight
    # a question with no key terms ("Расскажите о себе") is answered by almost anything: never called off topic
    nothing_shared = weight == 0 and wanted and len(said) >= 3 and may_be_off_topic
    verdict = ON_TOPIC if weight >= 1.0 else OFF_TOPIC if nothing_shared else UNCLEAR
    message = None
    if verdict == OFF_TOPIC:
        message = (f"Ответ не {off_topic_message}." if off_topic_message else
                   f"Ответ не про то, о чём спросили. Начните с прямого ответа на вопрос: «{question.strip()}»")
    score = round(len(shared) / len(wanted), 2) if wanted else None
    return Relevance(score, [t for t, _ in wanted], shared, verdict, message)
