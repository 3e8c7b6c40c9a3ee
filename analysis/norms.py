"""Every norm of the analysis, declared once: its default value, the range a user may set it to, its unit, its
Russian name and group, why it is what it is (the source named as people cite it: a guide by its title, a study
by its authors and year), and the developers' record of where the number comes from.

``Norms`` holds the values one judgement uses — the defaults, or the user's, from
``analysis.norm_overrides.with_overrides`` — and ``analysis.judge.Judge`` is what judges with them. The developers'
``source`` is listed in docs/metrics.md and never shown to a candidate; the settings screen, `sobes thresholds` and
the reports show ``name``, ``unit`` and ``why``.

Only declarations live here: what a declaration holds is ``analysis.norm_declaration``, one value a user gave is
checked by ``analysis.norm_value``, and a user's values are checked together and applied by
``analysis.norm_overrides``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sobes.analysis.norm_declaration import Norm, norm_field

GUIDE_CLIENTS = "«Как подготовиться к собеседованию менеджеру по взаимодействию с клиентами в 2025 году»"
GUIDE_SALES = "«Собеседование на специалиста по сопровождению продаж в 2025 году: акцент на коммуникации»"
NO_FIGURE = "в гайдах к собеседованиям чисел для этого нет, это стартовый ориентир Собеса — проверьте его на себе"
CHOSEN_HERE = "подобрано в Собесе на тестовых записях"
CHOSEN = "Подобрано в Собесе на тестовых записях."  # the whole reason

TEMPO, PAUSES, FILLERS, HEDGES, PITCH, LOUDNESS, LENGTH, CONTENT, PROGRESS, RECOGNITION = (
    "Темп", "Паузы", "Слова-паразиты и заминки", "Неуверенность", "Интонация", "Громкость и шум", "Длина ответа",
    "Содержание ответа", "Сравнение попыток", "Распознавание речи")
GROUPS = (TEMPO, PAUSES, FILLERS, HEDGES, PITCH, LOUDNESS, LENGTH, CONTENT, PROGRESS, RECOGNITION)


@dataclass(frozen=True)
class Norms:
    """The values of every norm for one judgement: the defaults, or a user's (``norm_overrides.with_overrides``)."""

    # --- speech activity and pauses -------------------------------------------------
    vad_speech_prob: float = norm_field(
        0.5, 0.05, 0.95, "доли", "Чувствительность детектора речи", RECOGNITION,
        "Речью считается звук, который детектор речи в записи признаёт речью с вероятностью от половины: так он "
        "настроен по умолчанию.",
        "Silero VAD default speech probability")
    silence_below_speech_db: float = norm_field(
        25.0, 3, 60, "дБ", "Тишина — тише речи на", PAUSES,
        "Тишиной считается звук на 25 дБ тише речи, как в методе подсчёта пауз де Йонга и Вемпе (2009).",
        "de Jong & Wempe 2009: silence is 25 dB under the speech level")
    silence_above_floor_db: float = norm_field(
        6.0, 0, 40, "дБ", "Речь — громче фона на", PAUSES, CHOSEN,
        "calibrated here: 6 dB over the noise floor of non-speech frames")
    min_pause_s: float = norm_field(
        0.25, 0.05, 2, "с", "Самая короткая пауза", PAUSES,
        "Паузой считается тишина от 0,25 с — обычная граница в исследованиях беглости речи (де Йонг и Боскер, "
        "2013).",
        "De Jong & Bosker 2013; 250 ms is the common silent-pause cut-off")
    long_pause_s: float = norm_field(
        2.0, 0.3, 30, "с", "Длинная пауза", PAUSES,
        f"Гайды советуют избегать длинных пауз ({GUIDE_CLIENTS}); {NO_FIGURE}.",
        "seed_digest §6.5: a pause over 2–3 s inside an answer is long")
    mid_sentence_pause_s: float = norm_field(
        1.2, 0.2, 30, "с", "Долгая пауза посреди фразы", PAUSES,
        "Пауза больше 1,2 с посреди фразы звучит как поиск слов — ориентир, принятый в тренажёрах речи.",
        "ANCHORS: a pause over ~1.2 s mid-clause reads as uncertainty")
    long_pauses_problem: int = norm_field(
        3, 1, 100, "за ответ", "Слишком много длинных пауз", PAUSES,
        "Одна-две длинные паузы за ответ заметны, три и больше звучат как растерянность — " + CHOSEN_HERE + ".",
        "calibrated here: three long pauses in one answer", whole=True)
    no_pause_speech_s: float = norm_field(
        20.0, 5, 600, "с", "Слишком долго без паузы: дольше", PAUSES,
        "«Делайте паузы, чтобы дать собеседнику время осмыслить ваши слова» (" + GUIDE_CLIENTS + "); "
        "20 с подряд без паузы — " + CHOSEN_HERE + ".",
        "calibrated here: more than 20 s of speech without a pause (of min_pause_s), live and in the report")
    latency_attention_s: float = norm_field(
        3.0, 0.5, 60, "с", "Пауза перед ответом", PAUSES,
        f"«Небольшая пауза покажет, что вы обдумываете вопрос» ({GUIDE_SALES}); больше 3 с — уже затяжка, это "
        "ориентир Собеса.",
        "seed_digest §6.5 / 001 L336: a short pause before answering is fine, 2–3 s at most")
    latency_problem_s: float = norm_field(
        6.0, 0.5, 120, "с", "Слишком долгая пауза перед ответом", PAUSES,
        "Вдвое дольше обычной паузы перед ответом — " + CHOSEN_HERE + ".",
        "calibrated here: twice the attention level")
    # --- tempo ----------------------------------------------------------------------
    slow_words_per_min: float = norm_field(
        90.0, 30, 300, "слов в минуту", "Медленнее этого — вяло", TEMPO,
        f"«Не говорите слишком быстро или слишком медленно» ({GUIDE_SALES}); {NO_FIGURE}.",
        "seed_digest §6.5: under ~90 words/min reads as sluggish")
    fast_words_per_min: float = norm_field(
        170.0, 60, 400, "слов в минуту", "Быстрее этого — трудно следить", TEMPO,
        f"«Не говорите слишком быстро или слишком медленно» ({GUIDE_SALES}); {NO_FIGURE}.",
        "seed_digest §6.5: over ~170 words/min is hard to follow")
    tempo_problem_pct: float = norm_field(
        20.0, 0, 100, "%", "Темп — проблема, если за нормой больше чем на", TEMPO,
        "Чуть быстрее или медленнее нормы — повод присмотреться, на пятую часть и больше — уже мешает слушать; "
        + CHOSEN_HERE + ".",
        "calibrated here: 20 % beyond the tempo norm (72 or 204 words/min by default) is a problem")
    tempo_min_words: float = norm_field(
        12.0, 2, 200, "слов", "Темп оценивается от", TEMPO, CHOSEN,
        "calibrated here: in a few words the pauses around them decide the pace (a 5 s «Да, здравствуйте, удобно» "
        "read as too slow); 12 words is about 5 s of speech")
    tempo_window_s: float = norm_field(
        10.0, 2, 120, "с", "Темп по отрезкам", TEMPO, CHOSEN,
        "calibrated here: a tempo point every 10 s of the answer")
    # --- fillers and hesitations ----------------------------------------------------
    fillers_per_100_attention: float = norm_field(
        3.0, 0, 100, "на 100 слов", "Заметно слов-паразитов", FILLERS,
        f"«Избегайте слов-паразитов» ({GUIDE_CLIENTS}); {NO_FIGURE}.",
        "seed_digest §6.5: flag more than ~3 fillers per 100 words")
    fillers_per_100_problem: float = norm_field(
        6.0, 0, 100, "на 100 слов", "Слишком много слов-паразитов", FILLERS,
        "В обычной разговорной русской речи 4–5 таких слов на 100; больше — заметная проблема.",
        "ANCHORS: ~4–5 per 100 words is ordinary spontaneous Russian; more is a problem")
    filler_repeat_attention: int = norm_field(
        3, 1, 100, "раз", "Одно слово-паразит повторено", FILLERS,
        f"Одно и то же слово больше 3 раз за ответ режет слух; {NO_FIGURE}.",
        "seed_digest §6.5: one filler repeated more than 3 times", whole=True)
    hesitations_per_min_attention: float = norm_field(
        2.0, 0, 60, "в минуту", "Заметно заминок «эээ»", FILLERS,
        "Одна заминка в 30 секунд уже заметна в коротком ответе — " + CHOSEN_HERE + ".",
        "calibrated here: one hesitation every 30 s is noticeable in a short answer")
    hesitations_per_min_problem: float = norm_field(
        5.0, 0, 60, "в минуту", "Слишком много заминок", FILLERS,
        "4–6 заминок в минуту обычны для живой речи; больше — бросается в глаза.",
        "ANCHORS: 4–6 filled pauses per minute is ordinary speech, above it stands out")
    hesitation_min_s: float = norm_field(
        0.25, 0.05, 5, "с", "Самая короткая заминка", FILLERS,
        "Заминка «эээ» длится не меньше 0,25–0,4 с (Аудхкаси и соавторы, 2009).",
        "ANCHORS: filled pauses last at least 250–400 ms (Audhkhasi 2009)")
    hesitation_pitch_sd_st: float = norm_field(
        1.2, 0.1, 12, "полутона", "Ровность тона заминки", FILLERS,
        "У заминки «эээ» тон почти не меняется — не больше 1,2 полутона: так заминку отличают от слова в "
        "тренажёрах речи.",
        "parley: filled pauses have ≤ 1.2 semitone pitch spread")
    hesitation_envelope_drift: float = norm_field(
        1.5, 0.1, 20, "усл. ед.", "Неизменность звука заминки", FILLERS, CHOSEN,
        "calibrated here: mel-cepstral distance between the 50 ms before and after a frame; held vowels in the "
        "test audio stay under 0.9, 95 % of voiced speech frames are over 2.5")
    hesitation_max_syllable_s: float = norm_field(
        0.30, 0.05, 3, "с", "Растянутый слог", FILLERS, CHOSEN,
        "calibrated here: a word longer than 0.3 s per syllable + 0.15 s is drawn out")
    voicing_aperiodicity: float = norm_field(
        0.25, 0.01, 1, "доли", "Граница звонкого звука", RECOGNITION, CHOSEN,
        "calibrated here: YIN aperiodicity under which a frame is voiced")
    hedges_per_100_attention: float = norm_field(
        2.0, 0, 100, "на 100 слов", "Заметно неуверенных слов", HEDGES,
        f"«Наверное», «надеюсь» гайды называют признаками неуверенности ({GUIDE_SALES}); " + CHOSEN_HERE + ".",
        "calibrated here; seed_digest §6.3 (001 L79: «наверное», «надеюсь» read as «Неуверенность»)")
    hedges_per_100_problem: float = norm_field(
        4.0, 0, 100, "на 100 слов", "Слишком много неуверенных слов", HEDGES,
        "Вдвое больше заметного — " + CHOSEN_HERE + ".",
        "calibrated here: twice the attention level")
    # --- pitch ----------------------------------------------------------------------
    monotone_sd_st: float = norm_field(
        1.0, 0, 12, "полутона", "Монотонно, если разброс тона меньше", PITCH,
        f"«Используйте разнообразную интонацию» ({GUIDE_CLIENTS}); разброс меньше 1 полутона звучит монотонно — "
        "ориентир, принятый в тренажёрах речи.",
        "ANCHORS (parley): under ~1 semitone SD reads as monotone")
    flat_sd_st: float = norm_field(
        1.5, 0, 12, "полутона", "Ровно, если разброс тона меньше", PITCH,
        "Между монотонной речью (меньше 1 полутона) и выразительной (от 2,5) — " + CHOSEN_HERE + ".",
        "calibrated here: between parley's monotone (< 1) and expressive (≳ 2.5 semitones SD)")
    pitch_window_s: float = norm_field(
        10.0, 2, 120, "с", "Интонация по отрезкам", PITCH, CHOSEN,
        "calibrated here: monotony judged over 10 s windows")
    # --- loudness -------------------------------------------------------------------
    no_voice_dbfs: float = norm_field(
        -55.0, -120, 0, "дБ", "Голоса не слышно, если громкость ниже", LOUDNESS,
        "Так звучит тихая комната без голоса — " + CHOSEN_HERE + ".",
        "calibrated here: a live level under -55 dBFS is a room, not a voice")
    too_quiet_dbfs: float = norm_field(
        -35.0, -100, 0, "дБ", "Слишком тихо, если громкость ниже", LOUDNESS,
        f"«Говорите четко, уверенно и в меру громко» ({GUIDE_CLIENTS}); порог — " + CHOSEN_HERE + ".",
        "calibrated here: speech under -35 dBFS RMS is hard to hear")
    too_loud_dbfs: float = norm_field(
        -8.0, -60, 0, "дБ", "Слишком громко, если громкость выше", LOUDNESS,
        "Громче запись перегружается и хрипит — " + CHOSEN_HERE + ".",
        "calibrated here: speech over -8 dBFS RMS leaves no headroom")
    clipping_ratio_max: float = norm_field(
        0.001, 0, 1, "доли", "Допустимая доля перегруза", LOUDNESS,
        "Больше 0,1 % перегруженных отсчётов слышно как хрип — " + CHOSEN_HERE + ".",
        "calibrated here: more than 0.1 % clipped samples is audible")
    snr_attention_db: float = norm_field(
        20.0, 0, 100, "дБ", "Фон заметен, если речь громче шума меньше чем на", LOUDNESS,
        "«Обеспечьте тишину и отсутствие отвлекающих факторов» (гайд " + GUIDE_CLIENTS + "); порог — "
        + CHOSEN_HERE + ".",
        "calibrated here: background noise under 20 dB SNR is noticeable")
    snr_problem_db: float = norm_field(
        10.0, 0, 100, "дБ", "Слова теряются в шуме, если речь громче шума меньше чем на", LOUDNESS, CHOSEN,
        "calibrated here: under 10 dB SNR words get lost")
    phone_quieter_db: float = norm_field(
        6.0, 1, 40, "дБ", "По телефону заметно тише, если тише на", LOUDNESS,
        "Разницу в 6 дБ ухо слышит как «заметно тише» — " + CHOSEN_HERE + ".",
        "calibrated here: a drop the ear notices as quieter")
    # --- length of an answer ----------------------------------------------------------
    story_min_s: float = norm_field(
        60.0, 10, 600, "с", "Рассказ о случае не короче", LENGTH,
        "Рассказ по STAR — ситуация, задача, ваши действия и результат — обычно занимает от минуты до трёх; "
        f"{NO_FIGURE}. Ответ, в котором всё это есть, коротким не считается.",
        "seed_digest §6.5, the compiler's starting point (not from seeds): a STAR answer ~1.5–3 min; the lower edge "
        "at 1 min, and never said of a story with every part: 50 s complete stories were called too short")
    story_max_s: float = norm_field(
        180.0, 30, 900, "с", "Рассказ о случае не длиннее", LENGTH,
        f"Рассказ дольше трёх минут теряет нить; {NO_FIGURE}.",
        "seed_digest §6.5, the compiler's starting point (not from seeds): a STAR answer ~1.5–3 min")
    reasoned_min_s: float = norm_field(
        20.0, 5, 600, "с", "Ответ о подходе, мотивации или на трудный вопрос не короче", LENGTH,
        f"Одна мысль и пример к ней — это хотя бы 20 секунд; {NO_FIGURE}.",
        "calibrated here: a claim with one example takes 20 s at an ordinary pace (40 words)")
    reasoned_max_s: float = norm_field(
        120.0, 20, 900, "с", "Ответ о подходе, мотивации или на трудный вопрос не длиннее", LENGTH,
        f"Дольше двух минут такой ответ превращается в монолог; {NO_FIGURE}.",
        "calibrated here: as long as a self-presentation at most")
    presentation_min_s: float = norm_field(
        60.0, 10, 900, "с", "Презентация не короче", LENGTH,
        f"Выступление на презентации — 5–7 минут ({GUIDE_SALES}); короче минуты не успеть сказать о пользе и "
        "привести пример.",
        "001 L480: 5 min preparation + 5–7 min talk + 3 min questions; the lower edge calibrated here")
    presentation_max_s: float = norm_field(
        420.0, 60, 1800, "с", "Презентация не длиннее", LENGTH,
        f"Выступление на презентации — 5–7 минут ({GUIDE_SALES}).",
        "001 L480: 5 min preparation + 5–7 min talk + 3 min questions")
    self_presentation_min_s: float = norm_field(
        60.0, 10, 600, "с", "Самопрезентация не короче", LENGTH,
        f"Рассказ о себе — «чётко и лаконично» ({GUIDE_CLIENTS}); 1–2 минуты — ориентир подсказок к вопросам.",
        "seed_digest §2.2 and the question hints: 1–2 minutes")
    self_presentation_max_s: float = norm_field(
        120.0, 20, 900, "с", "Самопрезентация не длиннее", LENGTH,
        f"Рассказ о себе — «чётко и лаконично» ({GUIDE_CLIENTS}); 1–2 минуты — ориентир подсказок к вопросам.",
        "seed_digest §2.2 and the question hints: 1–2 minutes")
    brief_answer_max_s: float = norm_field(
        45.0, 5, 600, "с", "Короткий ответ (сумма, «да», приветствие) не длиннее", LENGTH,
        "Цифру, «да» или приветствие дольше 45 с никто не дослушает — " + CHOSEN_HERE + ".",
        "calibrated here: a salary figure, a yes or a greeting said in more than 45 s is lost in words")
    follow_up_max_s: float = norm_field(
        90.0, 10, 600, "с", "Ответ на уточняющий вопрос не длиннее", LENGTH,
        "На уточняющий вопрос отвечают по делу: полторы минуты хватает на любой — " + CHOSEN_HERE + ".",
        "calibrated here: the follow-up's own answer time (session.FOLLOW_UP_ANSWER_S)")
    short_below_pct: float = norm_field(
        85.0, 50, 100, "%", "Слишком короткий ответ: короче такой доли нижней границы", LENGTH,
        "Несколько секунд до нижней границы — не повод говорить «слишком коротко»: так говорят о явно коротком "
        "ответе — " + CHOSEN_HERE + ".",
        "calibrated here: a 55 s plan for a case (60 s the shortest) was told it was too short by a reviewer's check; "
        "under 85 % of the shortest length is what an interviewer hears as short")
    # --- what the answer is about ------------------------------------------------------
    off_topic_margin: float = norm_field(
        0.08, 0.01, 1, "доли", "Ответ не по теме, если другая тема ближе на", CONTENT,
        "Сказать «не про то» можно только уверенно: хороший ответ своими словами не должен услышать такого. Порог "
        "подобран в Собесе на размеченных ответах так, чтобы ошибался не чаще одного раза из двадцати.",
        "calibrated here on the labelled set's train split (tests/fixtures/coaching): the smallest cosine margin "
        "of the answer's best theme over the question's with at most 5 % of on-topic answers told off")
    off_topic_min_weight: float = norm_field(
        1.0, 0, 100, "усл. ед.", "Ответ не по теме, только если в нём хватает смысла", CONTENT,
        "Несколько слов или одни слова-паразиты не говорят, о чём ответ: тогда о теме ничего не сказано.",
        "calibrated here: the summed word weights (meaning.content_weight) of about five content words")
    # --- comparing attempts and sessions ----------------------------------------------
    same_change_pct: float = norm_field(
        10.0, 0, 100, "%", "Без изменений, если разница меньше", PROGRESS,
        "Разница меньше десятой доли прежнего — случайность одной записи, а не перемена; " + CHOSEN_HERE + ".",
        "calibrated here: a change under a tenth of the earlier figure is no change")
    # --- a role play: calm when the client presses (analysis.content.conversation) -----------------
    pressure_faster_pct: float = norm_field(
        15.0, 1, 100, "%", "Ролевая игра: под давлением клиента быстрее обычного на", TEMPO,
        "Когда клиент злится, легко зачастить, а в ролевой игре гайды оценивают спокойный тон "
        f"({GUIDE_CLIENTS}). Темп ответов на резкие реплики сравнивается с вашим же темпом в остальных ответах; "
        "на 15 % быстрее уже слышно — это ориентир Собеса, проверьте его на себе.",
        "chosen here, not calibrated on recordings: half again the same_change_pct (a change under 10 % is no "
        "change); the pace of the replies to escalated client lines against the candidate's other replies")
    pressure_louder_db: float = norm_field(
        3.0, 0.5, 30, "дБ", "Ролевая игра: под давлением клиента громче обычного на", LOUDNESS,
        "Когда клиент повышает голос, легко повысить его в ответ, а в ролевой игре гайды оценивают спокойный тон "
        f"({GUIDE_CLIENTS}). Разницу в 3 дБ ухо уже слышит как «громче» — ориентир Собеса, проверьте его на себе.",
        "chosen here, not calibrated on recordings: 3 dB is a level change listeners notice; the speech level "
        "(rms_dbfs) of the replies to escalated client lines against the candidate's other replies")


NORMS: dict[str, Norm] = {f.name: f.metadata["norm"] for f in fields(Norms)}
# pairs of norms whose values only make sense in this order (the lower first): "faster than 80 is too fast" with
# "slower than 90 is too slow" would call every pace wrong
ORDERED = (("slow_words_per_min", "fast_words_per_min"),
           ("latency_attention_s", "latency_problem_s"),
           ("fillers_per_100_attention", "fillers_per_100_problem"),
           ("hesitations_per_min_attention", "hesitations_per_min_problem"),
           ("hedges_per_100_attention", "hedges_per_100_problem"),
           ("monotone_sd_st", "flat_sd_st"),
           ("no_voice_dbfs", "too_quiet_dbfs"),
           ("too_quiet_dbfs", "too_loud_dbfs"),
           ("snr_problem_db", "snr_attention_db"),
           ("story_min_s", "story_max_s"),
           ("reasoned_min_s", "reasoned_max_s"),
           ("presentation_min_s", "presentation_max_s"),
           ("self_presentation_min_s", "self_presentation_max_s"))
