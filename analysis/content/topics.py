"""What a question or an answer is about: the guides' topics, told apart by meaning (``meaning.embed``).

Each topic is described by a few phrases a candidate or an interviewer would say about it (written here, in
words of their own). A text's topic is the one whose description it is nearest to; a text that says little
(fillers, generic words) or is near several topics at once gets no topic. Families group the topics a
question and an answer may share without the answer being off the subject: a story about a difficult client
answers a question about a conflict; a salary figure does not answer a question about objections.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from sobes.analysis.content.meaning import content_weight, embed


@dataclass(frozen=True)
class Topic:
    key: str
    name: str  # Russian, as the coaching says it: "про зарплату"
    family: str
    phrases: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic("salary", "про ожидаемую зарплату", "terms", (
        "ожидания по зарплате", "рассчитываю на сто двадцать тысяч рублей на руки", "зарплатная вилка оклад",
        "сколько хотите получать денег", "доход премии бонусы оклад в месяц", "уровень оплаты по рынку")),
    Topic("start_date", "про срок выхода на работу", "terms", (
        "когда сможете выйти на работу", "готов приступить через две недели", "отработаю положенный срок",
        "выйти с понедельника", "предупредить нынешнего работодателя и отработать", "дата начала работы")),
    Topic("schedule", "про график и командировки", "terms", (
        "командировки и переезд", "график работы и переработки", "ненормированный рабочий день выходные",
        "готов ездить по регионам", "удалённая работа или офис", "работа по вечерам и выходным")),
    Topic("personal", "про личное", "terms", (
        "семья дети муж жена", "планы на декрет", "сколько вам лет", "личная жизнь и увлечения",
        "хобби в свободное время", "где вы живёте и как добираетесь")),
    Topic("self_presentation", "о себе", "person", (
        "расскажите о себе", "меня зовут анна пять лет работаю менеджером", "мой опыт и образование",
        "окончила университет и работала в банке", "коротко о моём профессиональном пути")),
    Topic("motivation", "про то, почему вам интересна эта работа", "person", (
        "почему вы выбрали нашу компанию", "меня привлекает ваш продукт и задачи", "хочу развиваться в продажах",
        "что вас мотивирует в работе", "мои цели через пять лет", "чем вам интересна эта вакансия")),
    Topic("reason_leaving", "про то, почему вы уходите с прошлого места", "person", (
        "почему ушли с прошлого места работы", "переросла свою должность и некуда расти", "сокращение отдела",
        "решила сменить работу", "уволился потому что", "причина ухода с предыдущей работы")),
    Topic("strengths", "про ваши сильные стороны", "person", (
        "ваши сильные стороны", "я ответственный коммуникабельный и стрессоустойчивый",
        "почему мы должны взять именно вас", "мои главные качества", "умею договариваться и быстро учусь")),
    Topic("weaknesses", "про ваши слабые стороны", "person", (
        "ваши слабые стороны", "мой недостаток в том что я иногда", "над чем мне нужно работать",
        "бываю слишком дотошной", "не всегда умею делегировать")),
    Topic("learning", "про обучение и развитие", "person", (
        "как вы развиваетесь профессионально", "читаю книги прохожу курсы", "обучение и тренинги",
        "изучаю новые инструменты", "повышение квалификации")),
    Topic("criticism", "про критику", "person", (
        "как вы относитесь к критике", "руководитель сделал мне замечание", "обратная связь от начальника",
        "принимаю критику и делаю выводы")),
    Topic("conflict", "про конфликт", "story", (
        "конфликт с коллегой", "разногласия с руководителем", "поспорили с сотрудником из другого отдела",
        "как разрешили спор в команде", "не сошлись во мнениях")),
    Topic("difficult_client", "про сложного клиента", "story", (
        "недовольный клиент жаловался", "грубый покупатель кричал и ругался", "претензия от заказчика",
        "клиент угрожал уйти", "как успокоить рассерженного клиента", "жалоба на задержку заказа")),
    Topic("objections", "про возражения клиента", "story", (
        "клиент говорит что дорого", "работа с возражениями", "сомнения покупателя", "выслушаю и уточню что "
        "смущает", "аргументы в ответ на отказ", "покажу выгоду и ценность")),
    Topic("achievement", "про ваше достижение", "story", (
        "ваше главное достижение", "чем вы гордитесь", "выручка выросла на двадцать процентов",
        "перевыполнил план продаж", "увеличил долю повторных заказов")),
    Topic("failure", "про ошибку или неудачу", "story", (
        "расскажите о своей ошибке", "проект провалился", "я ошибся в расчётах", "что пошло не так",
        "какой вывод сделали из неудачи")),
    Topic("stress", "про работу под давлением", "story", (
        "работа в стрессе и под давлением", "сжатые сроки дедлайн аврал", "много задач одновременно",
        "как вы справляетесь с нагрузкой", "сохраняю спокойствие")),
    Topic("planning", "про приоритеты и планирование", "story", (
        "как вы расставляете приоритеты", "планирую день и неделю", "список задач по важности и срочности",
        "организация рабочего времени", "успеваю к срокам")),
    Topic("teamwork", "про работу в команде", "story", (
        "работа в команде над проектом", "вместе с коллегами запускали", "распределили обязанности",
        "помогал коллегам", "командный проект")),
    Topic("sales", "про продажи", "story", (
        "как вы ищете новых клиентов", "холодные звонки и встречи", "провёл переговоры и заключил сделку",
        "коммерческое предложение", "воронка продаж")),
    Topic("retention", "про удержание клиентов", "story", (
        "как удержать клиента", "клиент продлил договор", "снизить отток", "лояльность постоянных клиентов",
        "повторные продажи")),
    Topic("metrics", "про то, как посчитана цифра", "story", (
        "как вы посчитали эту цифру", "было пятьдесят стало шестьдесят миллионов за квартал",
        "по данным crm за полгода", "какой измеримый результат", "показатели и kpi")),
    Topic("product", "про продукт", "story", (
        "расскажите о продукте", "функции и преимущества сервиса", "презентация продукта клиенту",
        "чем наш продукт лучше конкурентов")),
    Topic("questions_to_employer", "вопросы работодателю", "questions", (
        "какие у вас есть вопросы к нам", "расскажите о команде и задачах", "как устроено обучение новичков",
        "как оценивается работа на испытательном сроке", "какие цели у отдела на год")),
    Topic("phone_opening", "приветствие в начале звонка", "phone", (
        "здравствуйте это анна", "добрый день да удобно говорить", "алло слушаю вас",
        "вам удобно сейчас говорить")),
)
BY_KEY = {topic.key: topic for topic in TOPICS}


@dataclass(frozen=True)
class Reading:
    """What a text is about: the nearest topic (None when unsure) and every topic's closeness."""

    topic: str | None
    scores: dict[str, float]  # cosine similarity to each topic's description
    weight: float  # how much the text says (meaning.content_weight)


@functools.cache
def _centroids() -> tuple[tuple[str, ...], np.ndarray]:
    keys, rows = [], []
    for topic in TOPICS:
        vectors = [v for v in (embed(p) for p in topic.phrases) if v is not None]
        centre = np.mean(vectors, axis=0)
        keys.append(topic.key)
        rows.append(centre / np.linalg.norm(centre))
    return tuple(keys), np.array(rows)


def read(text: str, *, min_weight: float, min_margin: float) -> Reading:
    """The topic of ``text``: its nearest topic when it says enough (``min_weight``) and that topic is ahead of
    the next by ``min_margin``; else no topic."""
    keys, centroids = _centroids()
    vector = embed(text)
    weight = content_weight(text)
    if vector is None:
        return Reading(None, {}, weight)
    similarity = centroids @ vector
    scores = {key: round(float(s), 4) for key, s in zip(keys, similarity)}
    order = np.argsort(-similarity)
    best, second = similarity[order[0]], similarity[order[1]]
    sure = weight >= min_weight and best - second >= min_margin
    return Reading(keys[order[0]] if sure else None, scores, weight)


def related(a: str, b: str) -> bool:
    """Two topics an answer may cross between and still be on the subject (the same family)."""
    return BY_KEY[a].family == BY_KEY[b].family
