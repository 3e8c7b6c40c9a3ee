"""The short Russian summary `sobes analyze` prints without --json."""

from __future__ import annotations

from sobes.analysis.labels import METRIC_NAMES, STAR_NAMES, ru_number
from sobes.analysis.report import Report

VERDICT_MARK = {"good": "✓", "attention": "!", "problem": "✗"}
def format_summary(report: Report) -> str:
    lines = [f"Файл: {report.file}", f"Длительность: {ru_number(report.duration_s)} с", *report.warnings]
    if not report.speech_detected:
        lines.append("Речь не обнаружена: проверьте микрофон и запишите ответ ещё раз.")
    else:
        lines.append(f"Слов: {len(report.transcript.words)}")
        lines.append(f"Текст: {report.transcript.text}")
        lines += _metrics(report)
    if report.content and report.content.star:
        lines += _content(report.content)
    if report.delivery and report.delivery.verdicts:
        lines.append("Оценка:")
        for v in report.delivery.verdicts:
            lines.append(f"  {VERDICT_MARK[v.verdict]} {METRIC_NAMES.get(v.metric, v.metric)}: {v.tip}")
    t = report.timing
    lines.append(f"Модель: {report.model.name}; распознавание {ru_number(t.transcribe_s)} с, "
                 f"загрузка модели {ru_number(t.load_s)} с, анализ {ru_number(t.analyze_s, 2)} с")
    return "\n".join(lines) + "\n"


def _metrics(report: Report) -> list[str]:
    lines = []
    if (tempo := report.tempo) and tempo.syllables_per_sec is not None:
        lines.append(f"Темп: {ru_number(tempo.words_per_min, 0)} слов в минуту")
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
        lines.append(f"Громкость: {ru_number(loud.rms_dbfs)} дБFS ({ru_number(loud.lufs)} LUFS), "
                     f"сигнал/шум {ru_number(loud.snr_db, 0)} дБ")
    return lines


def _content(content) -> list[str]:
    star = content.star
    present = ", ".join(STAR_NAMES[k] for k, ok in star.present.items() if ok) or "—"
    lines = [f"STAR: есть {present}" + (f"; нет: {', '.join(STAR_NAMES[k] for k in star.missing)}"
                                         if star.missing else " — ответ полный")]
    if content.ownership and content.ownership.i_share is not None:
        lines.append(f"«Я» в действиях: {content.ownership.i_share:.0%}"
                     + (" — роль неясна" if content.ownership.role_unclear else ""))
    for check in content.numbers.percent_checks if content.numbers else []:
        if check.verdict != "consistent":
            lines.append(f"Проценты: {check.message}")
    if content.structure:
        lines.append("Структура: " + ("всё на месте" if not content.structure.missing
                                      else "нет: " + ", ".join(content.structure.missing)))
    for item in content.follow_ups:
        lines.append(f"Вопрос интервьюера: {item.question} ({item.reason})")
    return lines
