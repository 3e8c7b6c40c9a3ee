"""What a strong answer contains, for each kind of question: the checklist the coaching reads.

Written from the guides (seed_digest.md §2 stages, §4 good and bad answers,
§5 STAR, §6.6 feedback phrases; the sources are named in docs/content.md).
Each item is checked on the transcript (``checklist.py``) and becomes
*covered*, with the words that show it, or *missing*, with what to do about it
and the question an interviewer would ask next. ``check`` names a test other
than cue phrases (a STAR part, a figure, a question asked); ``absent`` items
are covered when none of their cues is said (no blame, no ultimatum).
"""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.content import conversation_cues as role_play


@dataclass(frozen=True)
class Item:
    key: str
    label: str  # what a strong answer has, in Russian: shown as covered or missing
    fix: str  # what to do when it is missing
    follow_up: str | None = None  # the interviewer's question when it is missing
    cues: tuple[str, ...] = ()
    check: str | None = None  # star:<part> | money | figure | tenure | explained | asks | steps
    absent: bool = False  # covered when no cue is found
    where: str = "end"  # where a missing item would belong: "start" or "end" of the answer
    rank: int = 0  # among missing items, a higher rank is told first (a story's result before its setting)
    topic: bool = False  # saying it shows the answer is about what was asked (a sum for a salary question)


@dataclass(frozen=True)
class AnswerKind:
    key: str
    name: str  # Russian, as the candidate reads it
    items: tuple[Item, ...]
    star: bool = False  # the STAR story applies
    follow_ups: bool = True  # an interviewer asks more after it (not after a phone greeting)
    # how long it should be (analysis.judge.Judge.length_range): story | reasoned | self_presentation |
    # presentation | brief (a short answer is right: judged only for being too long) | follow_up
    length: str = "reasoned"
    # covering one of its ``topic`` items shows the answer is on topic, whatever else it says (a sum answers a
    # salary question); for other kinds, one item is not enough (a story's situation can be about anything)
    topic_items_settle: bool = False
    # a reply in a role play is spoken to the client in the client's own terms: it is coached, never called off topic
    may_be_off_topic: bool = True


GREETING = ("здравствуйте", "*ствуйте", "добрый день", "добрый вечер", "доброе утро", "алло", "приветствую",
            "уважаемые")
BLAME = ("не моя вина", "другой отдел", "начальник был плохой", "ужасн*", "недооценивал*", "я победил",
         "доказать ему", "клиент был не прав", "пока кто-нибудь другой", "плохой начальник",
         "надоел*", "достал*", "не давал* развиваться", "постоянно меня критиковал*", "отделаться",
         "перекладыва* ответственност*", "обратиться в другой отдел")
_REASON = ("потому что", "так как", "поскольку", "из-за", "привлека*", "интерес*", "нрав*", "хоч*", "хотел*", "важн*",
           "возможност*", "развит*", "рост*", "вдохновля*", "ценю", "мне близк*")
_EXAMPLE = ("например", "однажды", "был случай", "как-то раз", "на прошлой работе", "на предыдущей работе",
            "в прошлой компании", "у меня был*", "когда я работал*", "в моей практике", "из опыта")

_S = Item("situation", "Ситуация: где и когда это было", "Начните с ситуации: где вы работали и что случилось.",
          "Расскажите, в какой ситуации это было: где и когда?", check="star:situation",
          where="start", rank=1, topic=True)
_T = Item("task", "Задача: чего нужно было добиться", "Скажите, какая задача стояла лично перед вами.",
          "Какая задача стояла перед вами?", check="star:task", where="start")
_A = Item("action", "Ваши действия: что сделали именно вы",
          "Расскажите, что сделали вы сами: «я выслушал…», «я предложил…».",
          "Какова была лично ваша роль? Что сделали именно вы?", check="star:action", rank=2, topic=True)
_R = Item("result", "Результат, который можно проверить",
          "Закончите результатом: что изменилось и насколько — цифра, срок, решение клиента.",
          "Чем всё закончилось? Какой измеримый результат?", check="star:result", rank=3)

KINDS: dict[str, AnswerKind] = {kind.key: kind for kind in (
    AnswerKind("star", "Рассказ о случае из опыта", (_S, _T, _A, _R, Item(
        "tone", "Без упрёков и спора", "Уберите упрёки и спор: расскажите, как вы искали решение, а не кто был прав.",
        None, BLAME, check="blame", absent=True)), star=True, length="story"),
    AnswerKind("self_presentation", "Самопрезентация", (
        Item("name", "Имя", "Начните с имени: «Меня зовут …».", None, ("меня зовут", "мое имя", "зовут*"),
             where="start", topic=True),
        Item("experience", "Опыт: сколько лет и в чём", "Скажите, сколько лет и с какими клиентами вы работаете.",
             "Сколько лет вы работаете с клиентами и в какой сфере?", ("опыт работы", "опыт в*", "стаж*"),
             check="tenure", where="start"),
        Item("achievement", "Достижение с цифрой", "Добавьте одно достижение с цифрой: что выросло и насколько.",
             "Каким достижением вы гордитесь больше всего? Сколько это в цифрах?", check="achievement"),
        Item("why_role", "Почему вам нужна эта работа", "Закончите тем, почему вам интересна эта работа и чем вы "
             "будете полезны компании.", "Почему вас заинтересовала именно эта вакансия?",
             ("хочу", "хотел* бы", "стремлюсь", "цель", "интересн*", "привлека*", "вашей компании", "вашу компанию",
              "вашей команд*", "развиваться", "буду рад*", "полез*", "могу принести", "вакансi*", "вакансия")),
    ), length="self_presentation"),
    AnswerKind("fact", "Короткий ответ по существу", (), topic_items_settle=True, length="brief"),
    AnswerKind("motivation", "Мотивация", (
        Item("reason", "Конкретная причина", "Назовите одну-две конкретные причины вместо общих слов.",
             "Что конкретно для вас важно в работе?", _REASON, topic=True),
        Item("company", "Почему именно эта компания или роль",
             "Скажите, чем вас привлекает именно эта компания или эта работа: продукт, клиенты, задачи.",
             "Что вы знаете о нашей компании и чем она вас привлекла?",
             # what names this company or this work, not a word every answer has («клиентами» is no reason)
             ("вашей компании", "вашу компанию", "ваша компания", "вашей команд*", "ваш продукт*", "вашего продукт*",
              "у вас", "к вам", "вакансi*", "эта работа", "эту работу", "эта должность", "эту должность",
              "эта позиция", "эту позицию", "професси*", "работа с клиентами", "работать с клиентами")),
        Item("positive", "Без негатива о прошлом месте",
             "Говорите о том, к чему вы идёте, а не от чего уходите: без оценок прошлого начальника и коллег.",
             "А что хорошего вы вынесли с прошлого места?", BLAME, check="blame", absent=True),
    )),
    AnswerKind("approach", "Ваш подход к работе", (
        Item("steps", "Порядок действий", "Опишите подход по шагам: что вы делаете сначала, что потом.",
             "С чего вы начинаете и что делаете дальше?", check="steps"),
        Item("example", "Пример из опыта", "Подкрепите подход коротким примером: «Например, на прошлой работе…».",
             "Приведите пример из вашего опыта: когда вы так поступали?", _EXAMPLE),
    )),
    AnswerKind("case", "Решение кейса", (
        Item("problem", "Проблема и её причина", "Начните с анализа: в чём проблема и какая у неё причина.",
             "Какую первопричину проблемы вы видите?",
             ("проблем*", "причин*", "из-за", "анализ*", "проанализир*", "данны*", "выясн*", "разобраться",
              "разберусь", "понять почему"), where="start"),
        Item("options", "Несколько вариантов решения", "Предложите два-три варианта решения, а не один.",
             "Какие альтернативные решения вы рассматривали?",
             ("вариант*", "альтернатив*", "во-вторых", "во вторых", "второй", "либо", "также можно", "другой путь")),
        Item("evaluation", "Оценка вариантов: эффект, стоимость, риски",
             "Сравните варианты: что даст каждый, сколько стоит и чем рискуете.",
             "Какие риски связаны с вашим решением?",
             ("риск*", "плюс*", "минус*", "стоимост*", "затрат*", "бюджет*", "эффект*", "недостат*", "преимуществ*",
              "дорог*", "дешев*", "выгодн*")),
        Item("plan", "План и мерило успеха", "Закончите планом: шаги, сроки и как вы поймёте, что решение сработало.",
             "Как вы будете измерять эффективность вашего решения?",
             ("план*", "срок*", "недел*", "месяц*", "измер*", "метрик*", "показател*", "kpi", "контрол*",
              "первым делом", "в первую очередь")),
    ), length="story"),
    AnswerKind("presentation", "Презентация", (
        Item("greeting", "Приветствие и тема", "Начните с приветствия и темы: кто вы и о чём расскажете.", None,
             GREETING, where="start"),
        Item("benefit", "Польза для клиента", "Скажите, какую задачу клиента решает продукт и что он получит.",
             "Чем именно это выгодно клиенту?",
             ("поможет", "позволит", "сэконом*", "увелич*", "сократ*", "выгод*", "преимуществ*", "решит*", "польз*")),
        Item("proof", "Цифра или пример", "Подкрепите пользу цифрой или примером клиента.",
             "Есть ли цифры или пример клиента, которому это помогло?", ("например",), check="figure"),
        Item("call", "Призыв к действию", "Закончите призывом: что слушателю сделать дальше.", None,
             ("предлага*", "давайте", "попробуйте", "свяжитесь", "запишитесь", "приглаша*", "оставьте", "закажите",
              "следующ* шаг*", "подключ*")),
    ), length="presentation"),
    AnswerKind("phone_opening", "Начало телефонного разговора", (
        # no "your name": the recruiter called and named themselves; "Здравствуйте, Ольга! Да, удобно" is right
        Item("greeting", "Приветствие", "Начните с приветствия: «Добрый день».", None, GREETING, where="start",
             topic=True),
        Item("convenient", "Удобно ли говорить",
             "Подтвердите, что вам удобно говорить, или предложите время, когда перезвонить.", None,
             ("удобно", "могу говорить", "можем поговорить", "готов* поговорить", "готов* говорить", "перезвон*"),
             topic=True),
    ), follow_ups=False, length="brief", topic_items_settle=True),
    AnswerKind("role_play", "Ролевая игра", (  # the cues: conversation_cues.py, shared with the conversation
        Item("empathy", "Признание проблемы клиента",
             "Сначала признайте чувства клиента: «Я понимаю ваше недовольство».",
             None, role_play.EMPATHY, where="start", topic=True),
        Item("question", "Уточняющий вопрос", "Задайте уточняющий вопрос: «Подскажите, пожалуйста, номер заказа?».",
             None, role_play.QUESTION, check="asks"),
        Item("proposal", "Конкретное предложение", "Предложите конкретное решение или два варианта на выбор.",
             "Что конкретно вы можете мне предложить?", role_play.OFFER + role_play.COMPENSATION),
        Item("next_step", "Следующий шаг и срок", "Назовите следующий шаг и срок: «Я перезвоню вам в течение часа».",
             "Когда я получу ответ?", role_play.DEADLINE, topic=True),
        Item("close", "Согласие клиента и тёплое завершение",
             "Закончите вопросом «Как вам такое решение?» и благодарностью.", None,
             role_play.AGREEMENT + role_play.CLOSE),
        Item("tone", "Без раздражения и отговорок", "Без «всякое бывает» и «это не ко мне»: проблема клиента теперь "
             "ваша, и он должен это услышать.", None, role_play.TONE, absent=True),
    ), length="brief", may_be_off_topic=False),
    AnswerKind("stress", "Стрессовый вопрос", (
        Item("calm", "Спокойно, без оправданий и упрёков", "Отвечайте спокойно, без оправданий и упрёков.", None,
             BLAME + ("не ваше дело", "глупый вопрос", "какое вам дело"), check="blame", absent=True),
        Item("substance", "Пример, урок или ваш подход",
             "Переведите ответ в дело: короткий пример и что вы из него вынесли.", "Что вы из этого вынесли?",
             _EXAMPLE + ("урок*", "вывод*", "научил*", "понял*", "теперь я", "с тех пор", "стараюсь", "я бы",
                         "работаю над", "предлож*", "учусь", "сейчас я", "сейчас ставлю"), topic=True),
    )),
    AnswerKind("questions", "Вопросы работодателю", (
        Item("asks", "Хотя бы один вопрос", "Задайте один-два вопроса работодателю.", None,
             ("есть ли", "можно ли", "какие у вас", "какой у вас", "как у вас", "как устроен*", "как оценива*",
              "что входит", "расскажите", "подскажите", "скажите", "хотел* бы узнать", "хотел* бы спросить"),
             check="asks", where="start", topic=True),
        Item("about_work", "Вопрос о работе: задачи, команда, цели",
             "Спросите о задачах, команде или о том, как оценивают успех, а не только об отпуске и деньгах.", None,
             ("задач*", "команд*", "цел*", "kpi", "показател*", "обучен*", "развит*", "клиент*", "испытательн*",
              "адаптац*", "наставник*", "продукт*", "ожида*", "инструмент*", "crm", "ресурс*")),
    ), length="brief", topic_items_settle=True),
    AnswerKind("negotiation", "Переговоры об оффере", (
        Item("stance", "Ваш ответ на предложение", "Скажите прямо: принимаете, просите время подумать или называете "
             "свои условия.", None, ("согла*", "готов*", "рассмотр*", "предлагаю", "рассчитыва*", "хотел* бы",
                                    "подума*", "обсудить", "могли бы", "принимаю"), where="start", topic=True),
        Item("argument", "Аргумент: опыт, результаты, рынок",
             "Подкрепите свои условия фактами: опыт, результаты, уровень рынка.", "На чём основаны ваши ожидания?",
             ("опыт*", "рынк*", "рыночн*", "результат*", "учитыва*", "вклад*", "достиж*", "исследован*",
              "специалист*")),
        Item("figure", "Конкретная сумма или условие",
             "Назовите сумму или условие: «от 110 000 рублей» или «пересмотр через полгода».",
             "Какая сумма была бы для вас приемлемой?", ("бонус*", "оклад*", "обучени*", "пересмотр*", "преми*"),
             check="money"),
        Item("no_ultimatum", "Без ультиматумов", "Без ультиматумов: предложите вариант, выгодный обеим сторонам.",
             None, ("не устраивает", "стою гораздо больше", "или я ухожу", "несерьезно", "смешн*", "издевательств*"),
             absent=True),
    ), length="brief", topic_items_settle=True),  # «можно я подумаю до завтра» is an answer to an offer
    # a follow-up's answer goes on with the story it follows: it is never called off topic by itself
    AnswerKind("short", "Короткий ответ", (), follow_ups=False, length="follow_up", may_be_off_topic=False),
)}

# Questions that ask for one fact: the item that answers them, chosen by the words of the question, how to say an
# answer missed it, and what the question is about (analysis.content.topics; None: it depends on the rest).
FACT_ITEMS: tuple[tuple[tuple[str, ...], Item, str, str | None], ...] = (
    (("зарплат*", "заработн*", "доход*", "оклад*"),
     Item("figure", "Сумма или вилка", "Назовите сумму или вилку, например «от 100 до 120 тысяч рублей», и на что "
          "вы опираетесь.", "Какую сумму вы считаете справедливой и почему?", check="money", where="start", topic=True),
     "про ожидаемую зарплату: назовите сумму или вилку", "salary"),
    (("как вы это посчитали", "как вы посчитали", "как вы это рассчитали", "как считали"),
     Item("method", "Как считали: было, стало, формула, источник",
          "Скажите, что было до и после, по какой формуле и по каким данным вы считали.",
          "По каким данным и за какой период вы считали?", check="explained", topic=True),
     "про то, как посчитана цифра: скажите, что было до, что после и по каким данным", "metrics"),
    (("сколько", "какое количество", "какую долю", "как часто"),
     Item("figure", "Цифра", "Ответьте цифрой, а потом поясните её.", "Если в цифрах — сколько примерно?",
          check="figure", where="start", topic=True),
     "про то, о чём спросили: ответьте цифрой", None),
    (("готовы ли", "можете ли", "способны ли"),
     Item("direct", "Прямой ответ: да или нет", "Ответьте сначала прямо — «да» или «нет», — потом назовите условия.",
          "Так да или нет? На каких условиях?",
          ("да", "нет", "готов*", "не готов*", "конечно", "без проблем", "могу", "не могу", "способен", "способна"),
          where="start", topic=True),
     "про то, о чём спросили: ответьте прямо «да» или «нет» и назовите условия", None),
    (("когда", "срок*", "приступить", "выйти на работу", "какого времени"),
     Item("when", "Срок", "Назовите срок: «через две недели», «с понедельника».", "Когда вы сможете приступить?",
          ("сразу", "через", "недел*", "месяц*", "понедельник*", "дн*", "числ*"), where="start", topic=True),
     "про сроки: назовите срок", "start_date"),
)


def kind_of(answer_type: str) -> AnswerKind:
    return KINDS.get(answer_type, KINDS["short"])
