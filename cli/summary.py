"""The short Russian summary `sobes analyze` prints without --json."""

from __future__ import annotations

from sobes.analysis.coaching import CoachingSection
from sobes.analysis.labels import METRIC_NAMES, STAR_NAMES, VERDICT_MARK, clock, pace, verdict_value, words
from sobes.analysis.report import Report
from sobes.core.numbers import ru_number


def format_summary(report: Report, *, heading: str | None = None, timing: bool = True) -> str:
    """The report in short. ``heading`` replaces the line naming the file (`sobes interview` recorded the file
    itself: its name means nothing to the candidate); ``timing`` adds how long recognition took."""
    first = heading or f"Файл: {report.file}"
    lines = [f"{first}, {ru_number(report.duration_s, 0)} с", *report.warnings]
    if not report.speech_detected:
        lines.append("Речь не обнаружена: проверьте микрофон и запишите ответ ещё раз.")
    if report.coaching is not None and report.speech_detected:
        lines += format_coaching(report.coaching)
    if report.content and report.content.follow_ups:
        lines.append("Интервьюер спросит дальше:")
        lines += [f"  — {item.question}" for item in report.content.follow_ups]
    if report.speech_detected:
        lines.append(f"Текст ({words(len(report.transcript.words))}): {report.transcript.text}")
        lines.append("Подробности:")
        lines += [f"  {line}" for line in _metrics(report) + _content(report.content)]
    if report.delivery and report.delivery.verdicts:
        lines.append("Речь:")
        for v in report.delivery.verdicts:
            lines.append(f"  {VERDICT_MARK[v.verdict]} {METRIC_NAMES.get(v.metric, v.metric)}: {v.tip}")
    t = report.timing
    if timing:
        lines.append(f"Распознавание {ru_number(t.transcribe_s)} с, загрузка модели {ru_number(t.load_s)} с, "
                     f"анализ {ru_number(t.analyze_s, 2)} с")
    return "\n".join(lines) + "\n"


def format_coaching(coaching: CoachingSection, *, moments: bool = True) -> list[str]:
    """What a coach would say first: the headline, up to three fixes with their moment (``moments``: there is a
    recording to find it in), covered and missing."""
    lines = [f"Вид ответа: {coaching.kind_name.lower()}", f"Итог: {coaching.headline}"]
    fixes = [f for f in coaching.fixes if f.text != coaching.headline]  # the headline is said once
    if fixes:
        lines.append("Что изменить:")
        for number, fix in enumerate(fixes, 1):
            moment = f" (на {clock(fix.start)})" if fix.start is not None and moments else ""
            lines.append(f"  {number}. {fix.text}{moment}")
        example = next((f.example for f in fixes if f.example), None)
        if example:
            lines.append(f"  Как это звучит в хорошем ответе: {example}")
    if coaching.covered:
        lines.append("Есть в ответе: " + "; ".join(
            f"{i.label.lower()}" + (f" («{_cut(i.evidence)}»)" if i.evidence else "") for i in coaching.covered))
    if coaching.missing:
        lines.append("Не хватает: " + "; ".join(i.label.lower() for i in coaching.missing))
    return lines


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _metrics(report: Report) -> list[str]:
    lines = []
    if (tempo := report.tempo) and tempo.words_per_min is not None:
        lines.append(f"Темп: {pace(tempo.words_per_min)}")
    if (pauses := report.pauses) and pauses.count is not None and pauses.speech_end_s is not None:
        lines.append(f"Паузы: {pauses.count}, длинных {pauses.long_count}, самая длинная {ru_number(pauses.max_s)} с; "
                     f"начало ответа через {ru_number(pauses.response_latency_s)} с")
    if fillers := report.fillers:
        top = ", ".join(f"«{k}» ×{v}" for k, v in list(fillers.breakdown.items())[:5])
        lines.append(f"Слова-паразиты и заминки: {fillers.count} ({ru_number(fillers.per_100_words)} на 100 слов)"
                     + (f": {top}" if top else ""))
    if (hedges := report.hedges) and hedges.count:
        lines.append("Неуверенные слова: " + ", ".join(f"«{k}» ×{v}" for k, v in hedges.breakdown.items()))
    if (pitch := report.pitch) and pitch.median_hz is not None:
        lines.append(f"Интонация: основной тон {ru_number(pitch.median_hz, 0)} Гц, "
                     f"разброс {ru_number(pitch.sd_semitones)} полутона")
    if (loud := report.loudness) and loud.rms_dbfs is not None:
        lines.append(f"Громкость: {verdict_value('loudness', loud.rms_dbfs)}"
                     + (f"; {verdict_value('noise', loud.snr_db)}" if loud.snr_db is not None else ""))
    return lines


def _content(content) -> list[str]:
    if content is None:
        return []
    lines = []
    if content.star:
        star = content.star
        present = ", ".join(STAR_NAMES[k] for k, ok in star.present.items() if ok) or "—"
        lines.append(f"STAR: есть {present}" + (f"; нет: {', '.join(STAR_NAMES[k] for k in star.missing)}"
                                                 if star.missing else " — все части"))
    if content.ownership and content.ownership.i_share is not None and content.star:
        lines.append(f"«Я» в действиях: {content.ownership.i_share:.0%}".replace("%", " %")
                     + (" — роль неясна" if content.ownership.role_unclear else ""))
    for check in content.numbers.percent_checks if content.numbers else []:
        if check.verdict != "consistent":
            lines.append(f"Проценты: {check.message}")
    return lines
