"""The one place where numbers become judgements: delivery verdicts with a one-sentence tip, in Russian,
and the live level's "too quiet / too loud".

The measuring modules (tempo, pauses, pitch, loudness, the recorder's meter)
return numbers; every threshold comes from one ``Thresholds`` object. Each
tip quotes or follows the guides in shared/seeds (seed_digest.md §6.1 and
§6.6). A metric that could not be measured gets no verdict rather than a
guessed one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sobes.analysis.config import Thresholds
from sobes.analysis.delivery import DeliveryMetrics
from sobes.analysis.labels import ru_number, times
from sobes.analysis.norms import NORMS

GOOD, ATTENTION, PROBLEM = "good", "attention", "problem"
_NORM_OF = {"tempo": "fast_words_per_min", "pauses": "long_pause_s", "latency": "latency_attention_s",
            "fillers": "fillers_per_100_attention", "hesitations": "hesitations_per_min_attention",
            "hedges": "hedges_per_100_attention", "pitch": "monotone_sd_st", "loudness": "too_quiet_dbfs",
            "noise": "snr_attention_db"}
_RANK = {GOOD: 0, ATTENTION: 1, PROBLEM: 2}


@dataclass
class Verdict:
    metric: str  # tempo | pauses | latency | fillers | hesitations | hedges | pitch | loudness | noise
    verdict: str  # good | attention | problem
    value: float | None
    norm: str
    tip: str
    source: str  # where the threshold comes from, in Russian as people cite it (analysis.norms)
    why: str = ""  # "Почему такая норма?" in Russian, the source named as people cite it (analysis.norms)


@dataclass
class DeliverySection:
    verdicts: list[Verdict] = field(default_factory=list)
    overall: str | None = None
    to_work_on: list[str] = field(default_factory=list)  # metric names, worst first


def _source(name: str) -> str:
    """Where the norm comes from, as a candidate reads it in a report or an export (the guide's title, the
    study's authors and year); the technical record stays in ``analysis.config`` and docs/metrics.md."""
    return NORMS[name].why


def judge_delivery(m: DeliveryMetrics, t: Thresholds = Thresholds()) -> DeliverySection:
    verdicts = [v for v in (_tempo(m, t), _pauses(m, t), _latency(m, t), _fillers(m, t),
                            _hesitations(m, t), _hedges(m, t), _pitch(m, t), _volume(m, t), _noise(m, t))
                if v is not None]
    for verdict in verdicts:
        verdict.why = NORMS[_NORM_OF[verdict.metric]].why
    ranked = sorted((v for v in verdicts if v.verdict != GOOD), key=lambda v: -_RANK[v.verdict])
    overall = max((v.verdict for v in verdicts), key=lambda verdict: _RANK[verdict], default=None)
    return DeliverySection(verdicts, overall, [v.metric for v in ranked[:3]])


def tempo_verdict(words_per_min: float, t: Thresholds = Thresholds()) -> str:
    """``slow``, ``ok`` or ``fast``: the one judgement of tempo, on words per minute as shown (whole words: 89.6
    is shown as 90, and 90 is inside the norm — "! 90 слов в минуту, норма 90–170" said otherwise)."""
    words_per_min = round(words_per_min)
    return "slow" if words_per_min < t.slow_words_per_min else "fast" if words_per_min > t.fast_words_per_min else "ok"


def level_verdict(speech_dbfs: float, clipping: bool, t: Thresholds = Thresholds()) -> str:
    """``silent``, ``quiet``, ``loud`` or ``ok`` for a voice's level in dBFS: the same norm for the live meter,
    the microphone check and the answer's report. ``silent``: no voice heard at all (before the candidate
    speaks the meter said "тихо — говорите громче")."""
    if clipping or speech_dbfs > t.too_loud_dbfs:
        return "loud"
    if speech_dbfs < t.no_voice_dbfs:
        return "silent"
    return "quiet" if speech_dbfs < t.too_quiet_dbfs else "ok"


def flat_stretches(windows: list[list[float]], t: Thresholds = Thresholds()) -> list[list[float]]:
    """[start, end] of the pitch windows (``PitchSection.windows``) that sound monotone."""
    return [[start, end] for start, end, sd in windows if sd < t.monotone_sd_st]


def _tempo(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    rate = m.tempo.words_per_min
    if rate is None:
        return None
    norm = f"{ru_number(t.slow_words_per_min, 0)}–{ru_number(t.fast_words_per_min, 0)} слов в минуту"
    source = _source("fast_words_per_min")
    verdict = tempo_verdict(rate, t)
    if verdict == "ok":
        return Verdict("tempo", GOOD, rate, norm, "Темп в норме. «Варьируйте темп и тон речи, чтобы сделать "
                       "свою речь более интересной».", source)
    far = rate < t.slow_words_per_min * 0.8 or rate > t.fast_words_per_min * 1.2
    tip = ("Вы говорите слишком быстро: замедлитесь и «делайте паузы, чтобы дать собеседнику время "
           "осмыслить ваши слова»." if verdict == "fast" else
           "Вы говорите слишком медленно: «Следите за темпом речи. Не говорите слишком быстро или "
           "слишком медленно»; вялая речь отталкивает.")
    return Verdict("tempo", PROBLEM if far else ATTENTION, rate, norm, tip, source)


def _pauses(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    p = m.pauses
    if p.count is None or p.speech_end_s is None:
        return None
    norm = f"паузы до {ru_number(t.long_pause_s)} с; внутри фразы до {ru_number(t.mid_sentence_pause_s)} с"
    bad = p.long_count + p.long_within_sentence_count
    if bad >= 3:
        level = PROBLEM
    elif bad:
        level = ATTENTION
    elif p.count == 0 and (m.tempo.speaking_time_s or 0) > 20:
        return Verdict("pauses", ATTENTION, p.count, norm, "Вы говорите без пауз. «Делайте паузы, чтобы "
                       "дать собеседнику время осмыслить ваши слова».", _source("min_pause_s"))
    else:
        return Verdict("pauses", GOOD, p.max_s, norm, "Паузы в меру. «Используйте паузы для акцентирования "
                       "важных моментов».", _source("long_pause_s"))
    return Verdict("pauses", level, p.max_s, norm,
                   f"Длинных пауз: {bad}. «Избегайте слов-паразитов и длинных пауз»: долгая пауза посреди "
                   "фразы звучит как неуверенность.", _source("long_pause_s"))


def _latency(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    latency = m.pauses.response_latency_s
    if latency is None:
        return None
    level = PROBLEM if latency > t.latency_problem_s else ATTENTION if latency > t.latency_attention_s else GOOD
    tip = ("Начало ответа без затяжки. «Небольшая пауза покажет, что вы обдумываете вопрос»." if level == GOOD
           else f"Вы начали отвечать через {ru_number(latency)} с. «Небольшая пауза покажет, что вы обдумываете "
                "вопрос», но долгое молчание звучит как растерянность: начните с короткой вводной фразы.")
    return Verdict("latency", level, latency, f"до {ru_number(t.latency_attention_s)} с", tip,
                   _source("latency_attention_s"))


def _fillers(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    f = m.fillers
    if f.per_100_words is None:
        return None
    lexical = Counter(i.text for i in f.items if i.kind == "lexical").most_common()
    rate = round(f.lexical_count / max(m.tempo.words, 1) * 100, 2)
    repeated = bool(lexical) and lexical[0][1] > t.filler_repeat_attention
    level = (PROBLEM if rate > t.fillers_per_100_problem else
             ATTENTION if rate > t.fillers_per_100_attention or repeated else GOOD)
    norm = f"до {ru_number(t.fillers_per_100_attention)} на 100 слов"
    if level == GOOD:
        tip = "Слов-паразитов почти нет: так держать."
    else:
        said = ", ".join(f"«{text}» — {times(n)}" for text, n in lexical)
        tip = f"«Избегайте слов-паразитов»: у вас {said}. Замените их короткой паузой."
    return Verdict("fillers", level, rate, norm, tip, _source("fillers_per_100_attention"))


def _hesitations(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    rate = m.fillers.hesitations_per_min
    if rate is None:
        return None
    level = (PROBLEM if rate > t.hesitations_per_min_problem else
             ATTENTION if rate > t.hesitations_per_min_attention else GOOD)
    tip = ("Заминок («эээ», «ммм») почти нет." if level == GOOD else
           f"Заминок «эээ»/«ммм»: {m.fillers.hesitation_count}. Вместо них делайте тихую паузу — "
           "«говорите четко и уверенно».")
    return Verdict("hesitations", level, rate, f"до {ru_number(t.hesitations_per_min_attention)} в минуту", tip,
                   _source("hesitations_per_min_attention"))


def _hedges(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    h = m.hedges
    if h.per_100_words is None:
        return None
    level = (PROBLEM if h.per_100_words > t.hedges_per_100_problem else
             ATTENTION if h.per_100_words > t.hedges_per_100_attention else GOOD)
    tip = ("Формулировки уверенные." if level == GOOD else
           f"Слова неуверенности ({', '.join(f'«{k}»' for k in list(h.breakdown)[:3])}) звучат как сомнение: "
           "«Говорите четко, уверенно».")
    return Verdict("hedges", level, h.per_100_words, f"до {ru_number(t.hedges_per_100_attention)} на 100 слов", tip,
                   _source("hedges_per_100_attention"))


def _pitch(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    sd = m.pitch.sd_semitones
    if sd is None:
        return None
    level = PROBLEM if sd < t.monotone_sd_st else ATTENTION if sd < t.flat_sd_st else GOOD
    tip = ("Интонация живая." if level == GOOD else
           "Голос звучит ровно. «Используйте разнообразную интонацию» и выделяйте голосом главное.")
    return Verdict("pitch", level, sd, f"от {ru_number(t.flat_sd_st)} полутона", tip, _source("monotone_sd_st"))


def _volume(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    loud = m.loudness
    if loud.rms_dbfs is None:
        return None
    judged = level_verdict(loud.rms_dbfs, loud.clipping_ratio > t.clipping_ratio_max, t)
    if judged in ("quiet", "silent"):
        level, tip = PROBLEM, ("Вас плохо слышно: «говорите четко, уверенно и в меру громко» или сядьте ближе "
                               "к микрофону.")
    elif judged == "loud":
        level, tip = PROBLEM, "Запись перегружена: отодвиньтесь от микрофона или уменьшите его усиление."
    else:
        level, tip = GOOD, "Громкость в норме."
    return Verdict("loudness", level, loud.rms_dbfs,
                   f"от {ru_number(t.too_quiet_dbfs, 0)} до {ru_number(t.too_loud_dbfs, 0)} дБ", tip,
                   _source("too_quiet_dbfs"))


def _noise(m: DeliveryMetrics, t: Thresholds) -> Verdict | None:
    snr = m.loudness.snr_db
    if snr is None:
        return None
    level = PROBLEM if snr < t.snr_problem_db else ATTENTION if snr < t.snr_attention_db else GOOD
    tip = ("Фон тихий." if level == GOOD else
           "Вокруг шумно: «обеспечьте тишину и отсутствие отвлекающих факторов».")
    return Verdict("noise", level, snr, f"от {ru_number(t.snr_attention_db, 0)} дБ", tip, _source("snr_attention_db"))
