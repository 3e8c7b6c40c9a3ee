"""The delivery verdicts of one answer, each with its norm, a one-sentence tip and why the norm is what it is.

The measuring modules (tempo, pauses, pitch, loudness) return numbers; the
rules that compare them with the norms are ``analysis.judge.Judge``'s, and
this module words its judgements for the candidate. Each tip quotes or
follows the guides in shared/seeds (seed_digest.md §6.1 and §6.6). A metric
that could not be measured gets no verdict rather than a guessed one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sobes.analysis.delivery import DeliveryMetrics
from sobes.analysis.fillers import FillersSection
from sobes.analysis.judge import Judge
from sobes.analysis.labels import pace_range, seconds, times
from sobes.analysis.norms import NORMS
from sobes.core.numbers import ru_number

GOOD, ATTENTION, PROBLEM = "good", "attention", "problem"
_RANK = {GOOD: 0, ATTENTION: 1, PROBLEM: 2}


@dataclass
class Verdict:
    metric: str  # tempo | pauses | latency | fillers | hesitations | hedges | pitch | loudness | noise
    verdict: str  # good | attention | problem
    value: float | None
    norm: str
    tip: str
    why: str = ""  # "Почему такая норма?" in Russian, the source named as people cite it (analysis.norms)


@dataclass
class DeliverySection:
    verdicts: list[Verdict] = field(default_factory=list)
    overall: str | None = None
    to_work_on: list[str] = field(default_factory=list)  # metric names, worst first


def judge_delivery(m: DeliveryMetrics, judge: Judge, *, started_by_itself: bool = False) -> DeliverySection:
    """``started_by_itself``: the recording began when the think time ran out (``_latency``)."""
    verdicts = [v for v in (_tempo(m, judge), _pauses(m, judge), _latency(m, judge, started_by_itself),
                            _fillers(m, judge),
                            _hesitations(m, judge), _hedges(m, judge), _pitch(m, judge), _volume(m, judge),
                            _noise(m, judge))
                if v is not None]
    ranked = sorted((v for v in verdicts if v.verdict != GOOD), key=lambda v: -_RANK[v.verdict])
    overall = max((v.verdict for v in verdicts), key=lambda verdict: _RANK[verdict], default=None)
    return DeliverySection(verdicts, overall, [v.metric for v in ranked[:3]])


def _verdict(metric: str, level: str, value: float | None, norm: str, tip: str, norm_name: str) -> Verdict:
    """A verdict whose "why" is the reason of the norm it was judged by (``norm_name``)."""
    return Verdict(metric, level, value, norm, tip, NORMS[norm_name].why)


def _tempo(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    rate, t = m.tempo.words_per_min, judge.norms
    if rate is None or m.tempo.words < t.tempo_min_words:  # a pace over a few words is the pauses around them
        return None
    norm = pace_range(t.slow_words_per_min, t.fast_words_per_min)
    verdict = judge.tempo(rate)
    if verdict == "ok":
        return _verdict("tempo", GOOD, rate, norm, "Темп в норме. «Варьируйте темп и тон речи, чтобы сделать "
                        "свою речь более интересной».", "fast_words_per_min")
    tip = ("Вы говорите слишком быстро: замедлитесь и «делайте паузы, чтобы дать собеседнику время "
           "осмыслить ваши слова»." if verdict == "fast" else
           "Вы говорите слишком медленно: «Следите за темпом речи. Не говорите слишком быстро или "
           "слишком медленно»; вялая речь отталкивает.")
    return _verdict("tempo", PROBLEM if judge.tempo_far(rate) else ATTENTION, rate, norm, tip,
                    "fast_words_per_min" if verdict == "fast" else "slow_words_per_min")


def _pauses(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    p, t = m.pauses, judge.norms
    if p.count is None or p.speech_end_s is None:
        return None
    norm = f"паузы до {ru_number(t.long_pause_s)} с; внутри фразы до {ru_number(t.mid_sentence_pause_s)} с"
    if p.long_count:
        return _verdict("pauses", PROBLEM if p.long_count >= t.long_pauses_problem else ATTENTION, p.max_s, norm,
                        f"Длинных пауз: {p.long_count}. «Избегайте слов-паразитов и длинных пауз»: долгая пауза "
                        "посреди фразы звучит как неуверенность.", "long_pause_s")
    if judge.breathless(p.longest_run_s):
        return _verdict("pauses", ATTENTION, p.max_s, norm, f"Вы говорили {ru_number(p.longest_run_s, 0)} с без паузы. "
                        "«Делайте паузы, чтобы дать собеседнику время осмыслить ваши слова».", "no_pause_speech_s")
    return _verdict("pauses", GOOD, p.max_s, norm, "Паузы в меру. «Используйте паузы для акцентирования важных "
                    "моментов».", "long_pause_s")


def _latency(m: DeliveryMetrics, judge: Judge, started_by_itself: bool = False) -> Verdict | None:
    """A recording that started by itself and stayed silent long was most likely missed, not a slow start: the
    candidate looked away (issue 29: «Вы начали отвечать через 65,5 с…» as if on purpose). Said so, as a note."""
    latency, t = m.pauses.response_latency_s, judge.norms
    if latency is None:
        return None
    if started_by_itself and latency > t.latency_problem_s:
        return _verdict("latency", ATTENTION, latency, f"до {ru_number(t.latency_attention_s)} с",
                        f"Запись началась сама, когда закончилось время на обдумывание, а заговорили вы через "
                        f"{ru_number(latency)} с — похоже, начало записи прошло незамеченным. Если нужно больше "
                        "времени, нажмите «Пауза», пока идёт обдумывание. На собеседовании долгое молчание звучит "
                        "как растерянность: начните с короткой вводной фразы.", "latency_attention_s")
    level = PROBLEM if latency > t.latency_problem_s else ATTENTION if latency > t.latency_attention_s else GOOD
    tip = ("Начало ответа без затяжки. «Небольшая пауза покажет, что вы обдумываете вопрос»." if level == GOOD
           else f"Вы начали отвечать через {seconds(latency)}. «Небольшая пауза покажет, что вы обдумываете "
                "вопрос», но долгое молчание звучит как растерянность: начните с короткой вводной фразы.")
    return _verdict("latency", level, latency, f"до {ru_number(t.latency_attention_s)} с", tip, "latency_attention_s")


def _fillers(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    return fillers_verdict(m.fillers, m.tempo.words, judge)


def fillers_verdict(f: FillersSection, words: int, judge: Judge) -> Verdict | None:
    """Fillers per 100 words against the norm, with each filler named and counted: from a recording, or from a
    written answer (``sobes coach``), where the words are all there is to judge."""
    t = judge.norms
    if f.per_100_words is None:
        return None
    lexical = Counter(i.text for i in f.items if i.kind == "lexical").most_common()
    rate = round(f.lexical_count / max(words, 1) * 100, 2)
    repeated = bool(lexical) and lexical[0][1] > t.filler_repeat_attention
    level = (PROBLEM if rate > t.fillers_per_100_problem else
             ATTENTION if rate > t.fillers_per_100_attention or repeated else GOOD)
    norm = f"до {ru_number(t.fillers_per_100_attention)} на 100 слов"
    if level == GOOD:
        tip = "Слов-паразитов почти нет: так держать."
    else:
        said = ", ".join(f"«{text}» — {times(n)}" for text, n in lexical)
        tip = f"«Избегайте слов-паразитов»: у вас {said}. Замените их короткой паузой."
    return _verdict("fillers", level, rate, norm, tip, "fillers_per_100_attention")


def _hesitations(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    rate, t = m.fillers.hesitations_per_min, judge.norms
    if rate is None:
        return None
    level = (PROBLEM if rate > t.hesitations_per_min_problem else
             ATTENTION if rate > t.hesitations_per_min_attention else GOOD)
    tip = ("Заминок («эээ», «ммм») почти нет." if level == GOOD else
           f"Заминки «эээ»/«ммм» — {times(m.fillers.hesitation_count)}. Вместо них делайте тихую паузу — "
           "«говорите четко и уверенно».")  # «— 2 раза», as the fillers' tip counts: «Заминок …: 2.» read as a list
    return _verdict("hesitations", level, rate, f"до {ru_number(t.hesitations_per_min_attention)} в минуту", tip,
                    "hesitations_per_min_attention")


def _hedges(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    h, t = m.hedges, judge.norms
    if h.per_100_words is None:
        return None
    level = (PROBLEM if h.per_100_words > t.hedges_per_100_problem else
             ATTENTION if h.per_100_words > t.hedges_per_100_attention else GOOD)
    tip = ("Формулировки уверенные." if level == GOOD else
           f"Слова неуверенности ({', '.join(f'«{k}»' for k in list(h.breakdown)[:3])}) звучат как сомнение: "
           "«Говорите четко, уверенно».")
    return _verdict("hedges", level, h.per_100_words, f"до {ru_number(t.hedges_per_100_attention)} на 100 слов",
                    tip, "hedges_per_100_attention")


def _pitch(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    sd, t = m.pitch.sd_semitones, judge.norms
    if sd is None:
        return None
    level = PROBLEM if sd < t.monotone_sd_st else ATTENTION if sd < t.flat_sd_st else GOOD
    tip = ("Интонация живая." if level == GOOD else
           "Голос звучит ровно. «Используйте разнообразную интонацию» и выделяйте голосом главное.")
    return _verdict("pitch", level, sd, f"от {ru_number(t.flat_sd_st)} полутона", tip, "monotone_sd_st")


def _volume(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    loud, t = m.loudness, judge.norms
    if loud.rms_dbfs is None:
        return None
    judged = judge.level(loud.rms_dbfs, loud.clipping_ratio)
    if judged in ("quiet", "silent"):
        level, tip, why = PROBLEM, ("Вас плохо слышно: «говорите четко, уверенно и в меру громко» или сядьте "
                                    "ближе к микрофону."), "too_quiet_dbfs"
    elif judged == "loud":
        level, tip, why = (PROBLEM, "Запись перегружена: отодвиньтесь от микрофона или уменьшите его усиление.",
                           "clipping_ratio_max" if judge.clipped(loud.clipping_ratio) else "too_loud_dbfs")
    else:
        level, tip, why = GOOD, "Громкость в норме.", "too_quiet_dbfs"
    return _verdict("loudness", level, loud.rms_dbfs,
                    f"от {ru_number(t.too_quiet_dbfs, 0)} до {ru_number(t.too_loud_dbfs, 0)} дБ", tip, why)


def _noise(m: DeliveryMetrics, judge: Judge) -> Verdict | None:
    snr, t = m.loudness.snr_db, judge.norms
    if snr is None:
        return None
    level = PROBLEM if snr < t.snr_problem_db else ATTENTION if snr < t.snr_attention_db else GOOD
    tip = ("Фон тихий." if level == GOOD else
           "Вокруг шумно: «обеспечьте тишину и отсутствие отвлекающих факторов».")
    return _verdict("noise", level, snr, f"от {ru_number(t.snr_attention_db, 0)} дБ", tip, "snr_attention_db")
