"""Export a session: JSON (full reports), CSV (one row per answer), self-contained HTML.

JSON is for programs: the stored reports as they are (the versioned contract
of docs/report.md), with ids and codes. CSV and HTML are for the candidate:
Russian words only, times in this computer's time zone, units in the column
names. Every piece of text in the HTML is escaped: transcripts and user
question banks may contain markup. Audio is never included.

A role play's HTML and `sobes report` lead with the conversation's review, in the window's and the terminal's
words (``interview.role_play_text``); its replies are told there, turn by turn, and not again as answers. A reply
is named «Клиент: …» wherever a question's text would stand, as History lists it.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable
from datetime import datetime

from sobes.analysis.labels import (
    METRIC_NAMES,
    STAR_NAMES,
    VERDICT_MARK,
    VERDICT_WORDS,
    clock,
    in_headline,
    verdict_value,
)
from sobes.core.numbers import ru_number
from sobes.interview.history import History
from sobes.interview.labels import ANSWER_STATUS, local_time, mode_name, role_name, session_status
from sobes.interview.role_play_text import (
    LAST_WORDS,
    asked_text,
    conversation_lines,
    figures,
    fix_place,
    last_words,
    moment_text,
    reply_figures,
    scenario_brief,
)


def _percent(fraction: float) -> str:
    return ru_number(fraction * 100, 0)


def _figure(digits: int) -> Callable[[float], str]:
    return lambda value: ru_number(value, digits)


# history column -> (the CSV column's Russian name with its unit, how its value is written); the names are the
# window's (interview.progress.TRACKED, the review's cards): one name for one figure everywhere
CSV_METRICS: dict[str, tuple[str, Callable[[float], str]]] = {
    "words_per_min": ("Темп, слов в минуту", _figure(0)),
    "syllables_per_sec": ("Темп, слогов в секунду", _figure(1)),
    "fillers_per_min": ("Слова-паразиты, в минуту", _figure(1)),
    "fillers_per_100_words": ("Слова-паразиты, на 100 слов", _figure(1)),
    "long_pauses": ("Длинные паузы, раз", _figure(0)),
    "pause_ratio": ("Паузы, % времени ответа", _percent),
    "response_latency_s": ("Пауза перед ответом, с", _figure(1)),
    "pitch_sd_st": ("Разброс интонации, полутонов", _figure(1)),
}
CSV_COLUMNS = ["№", "Вопрос", "Попытка", "Записан", "Длительность, с", "Состояние",
               *(name for name, _ in CSV_METRICS.values()), "Части рассказа (STAR), из 4", "Содержание", "Речь"]
CSV_DELIMITER = ";"  # what a spreadsheet in a Russian locale (decimal comma) splits on


def session_json(history: History, session_id: int) -> str:
    session = history.session(session_id)
    answers = []
    for row in history.answers(session_id):
        answers.append({k: row[k] for k in ("id", "question_id", "question_text", "attempt", "recorded_at",
                                              "duration_s", "status", "error")}
                       | {"report": json.loads(row["report_json"]) if row.get("report_json") else None})
    summary = json.loads(session["summary_json"]) if session.get("summary_json") else None
    document = {k: session[k] for k in ("id", "started_at", "ended_at", "mode", "role", "status")}
    return json.dumps(document | {"summary": summary, "answers": answers}, ensure_ascii=False, indent=2)


def session_csv(history: History, session_id: int) -> str:
    """One row per answer, in Russian: the question's number in the session and its text, never ids or codes.

    Semicolons and decimal commas, with a byte-order mark, so a spreadsheet in a Russian locale opens it
    in columns and reads the Cyrillic right."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER)
    writer.writerow(CSV_COLUMNS)
    mode = history.session(session_id).get("mode")
    for number, row in enumerate(history.answers(session_id), 1):
        writer.writerow(_csv_row(number, row, mode))
    return "\ufeff" + out.getvalue()


def _csv_row(number: int, row: dict, mode: str | None = None) -> list[str]:
    report = json.loads(row["report_json"]) if row.get("report_json") else None
    content = ((report or {}).get("coaching") or {}).get("content")
    metrics = [_written(row.get(column), write) for column, (_, write) in CSV_METRICS.items()]
    return [str(number), asked_text(mode, row), _written(row.get("attempt"), str),
            _csv_time(row.get("recorded_at")), _written(row.get("duration_s"), _figure(1)),
            ANSWER_STATUS.get(row.get("status") or "", "—"), *metrics,
            _written(row.get("star_parts"), str), VERDICT_WORDS.get(content or "", ""),
            VERDICT_WORDS.get(row.get("overall") or "", "")]


def _written(value: object, write: Callable) -> str:
    """An empty cell for a value the answer does not have (not analysed, no speech), else the value written."""
    return "" if value is None else write(value)


def _csv_time(stamp: str | None) -> str:
    """``2026-12-05T18:14:05+00:00`` -> ``05.12.2026 21:14`` in this computer's time zone (one cell a
    spreadsheet reads as a date)."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return stamp


def _summary(session: dict) -> dict:
    """The session's stored summary; an empty one when there is none (ended by a crash) or it cannot be read."""
    try:
        summary = json.loads(session["summary_json"]) if session.get("summary_json") else {}
    except ValueError:
        return {}
    return summary if isinstance(summary, dict) else {}


def _role_play(summary: dict) -> tuple[dict, dict] | None:
    """A role play's review and its scenario (title, client, need), when the summary holds a review."""
    review = summary.get("role_play")
    return (review, summary.get("scenario") or {}) if isinstance(review, dict) and review else None


def _told_in_review(summary: dict) -> set[int]:
    """The answers (history ids) the conversation's review tells turn by turn: its replies."""
    review = summary.get("role_play") or {}
    return {turn["take_id"] for turn in review.get("turns") or [] if isinstance(turn.get("take_id"), int)}


def _answers_left(history: History, session_id: int, summary: dict) -> list[dict]:
    """The answers told on their own: all of them, but a role play's replies its review tells."""
    told = _told_in_review(summary)
    return [row for row in history.answers(session_id) if row["id"] not in told]


def session_text(history: History, session_id: int) -> str:
    """The short Russian summary `sobes report N` prints: a role play's review as `sobes interview` prints it at
    the end, then each answer's question and its coaching."""
    session = history.session(session_id)
    summary = _summary(session)
    lines = [f"Тренировка №{session_id}: {local_time(session['started_at'])}, {mode_name(session['mode'])}, "
             f"{role_name(session['role'])} — {session_status(session)}"]
    role_play = _role_play(summary)
    answers = _answers_left(history, session_id, summary)
    if role_play is not None:
        lines += conversation_lines(*role_play)
        if answers:
            lines += ["", "Вопросы после разговора:"]
    for number, row in enumerate(answers, 1):
        lines.append(f"\n{number}. {asked_text(session['mode'], row)}")
        report = json.loads(row["report_json"]) if row.get("report_json") else None
        coaching = (report or {}).get("coaching")
        if coaching is None:
            lines.append(f"   Ответ {ANSWER_STATUS.get(row['status'], row['status'])}.")
            continue
        lines.append(f"   Итог: {coaching['headline']}")
        lines += [f"   — {fix['text']}" for fix in coaching.get("fixes") or []
                  if not in_headline(fix["text"], coaching["headline"])]  # «Главное — …» already said it
    return "\n".join(lines) + "\n"


def session_html(history: History, session_id: int) -> str:
    """A printable page: for each answer the coaching first, then the measured values with their units, the
    STAR parts of a story, and the transcript. Dates in this computer's time."""
    e = html.escape
    session = history.session(session_id)
    summary = _summary(session)
    parts = [f"<h1>Тренировка №{session_id}</h1>",
             f"<p>{e(local_time(session['started_at']))} · {e(mode_name(session['mode']))} · "
             f"{e(role_name(session['role']))} · {e(session_status(session))}</p>"]
    role_play = _role_play(summary)
    if role_play is not None:
        parts += _conversation_html(*role_play)
    if summary.get("work_on"):
        parts.append("<h2>Над чем поработать</h2><ol>" + "".join(
            f"<li><b>{e(item['title'])}</b>: {e(item['tip'])}</li>" for item in summary["work_on"]) + "</ol>")
    answers = _answers_left(history, session_id, summary)
    asked = "h2"
    if role_play is not None and answers:
        parts.append("<h2>Вопросы после разговора</h2>")
        asked = "h3"  # each question under that heading
    for row in answers:
        report = json.loads(row["report_json"]) if row.get("report_json") else None
        parts.append(f"<{asked}>{e(asked_text(session['mode'], row))}</{asked}>")
        if report is None:
            parts.append(f"<p>Ответ {e(ANSWER_STATUS.get(row['status'], row['status']))}.</p>")
            continue
        parts += _coaching_html(report.get("coaching"))
        verdicts = (report.get("delivery") or {}).get("verdicts", [])
        parts.append("<table><tr><th></th><th>Показатель</th><th>Значение</th><th>Норма</th><th>Совет</th></tr>"
                     + "".join(f"<tr class='{e(v['verdict'])}'><td>{VERDICT_MARK.get(v['verdict'], '')}</td>"
                               f"<td>{e(METRIC_NAMES.get(v['metric'], v['metric']))}</td>"
                               f"<td>{e(verdict_value(v['metric'], v['value']))}</td><td>{e(v['norm'])}</td>"
                               f"<td>{e(v['tip'])}</td></tr>" for v in verdicts) + "</table>")
        star = (report.get("content") or {}).get("star")
        if star:
            parts.append("<p><b>STAR:</b> " + " · ".join(
                f"{STAR_NAMES[k]} {'есть' if star['present'].get(k) else 'нет'}" for k in STAR_NAMES) + "</p>")
        parts.append(f"<p class='transcript'>{e(report['transcript']['text'])}</p>")
        for follow in (report.get("content") or {}).get("follow_ups", []):
            parts.append(f"<p>Интервьюер спросит дальше: {e(follow['question'])}</p>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}.good{color:#1b7f3b}"
             ".attention{color:#a66a00}.problem{color:#b3261e}.transcript{background:#f4f4f4;padding:.5em}"
             ".aside{color:#555}.turn{list-style:none;padding-left:0}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top}")
    return ("<!doctype html><html lang='ru'><head><meta charset='utf-8'><title>Собес: отчёт о тренировке</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")


def _coaching_html(coaching: dict | None) -> list[str]:
    if not coaching:
        return []
    e = html.escape
    headline = coaching["headline"]
    # an off-topic answer's headline is its first fix too: said once, with its moment
    said = next((f for f in coaching.get("fixes") or [] if in_headline(f["text"], headline)
                 and f.get("start") is not None), None)
    out = [f"<p><b>{e(headline)}</b>{_moment(said)}</p>"]
    fixes = [f for f in coaching.get("fixes") or [] if not in_headline(f["text"], headline)]
    if fixes:
        out.append("<ol>" + "".join(f"<li>{e(f['text'])}{_moment(f)}</li>" for f in fixes) + "</ol>")
    if coaching.get("covered"):
        out.append("<p>Есть в ответе: " + "; ".join(e(i["label"].lower()) for i in coaching["covered"]) + "</p>")
    if coaching.get("missing"):
        out.append("<p>Не хватает: " + "; ".join(e(i["label"].lower()) for i in coaching["missing"]) + "</p>")
    return out


def _moment(fix: dict | None) -> str:
    """Where in the answer a fix shows, as the review's player says it: " (на 0:09)"."""
    return f" <small>(на {clock(fix['start'])})</small>" if fix and fix.get("start") is not None else ""


def _conversation_html(review: dict, scenario: dict) -> list[str]:
    """A role play's review as the window's summary shows it: the situation, the headline, how the conversation
    ended, the fixes with the reply and moment they point to, each reply (the client's line, the candidate's
    words, what was good and what was a mistake), and the figures of the whole conversation."""
    e = html.escape
    title = scenario.get("title")
    out = [f"<h2>Ролевая игра: {e(title)}</h2>" if title else "<h2>Ролевая игра</h2>"]
    brief = scenario_brief(scenario)
    if brief:
        out.append("<p class='aside'>" + "<br>".join(e(line) for line in brief.splitlines()) + "</p>")
    out.append(f"<p><b>{e(review.get('headline') or '')}</b></p>")
    if review.get("outcome_text"):
        out.append(f"<p><b>Чем закончился разговор:</b> {e(review['outcome_text'])}</p>")
    fixes = review.get("fixes") or []
    if fixes:
        out.append("<h3>Что исправить</h3><ol>" + "".join(f"<li>{_fix_html(fix)}</li>" for fix in fixes) + "</ol>")
    turns = review.get("turns") or []
    if turns:
        out.append("<h3>Как шёл разговор</h3>")
        out += [_turn_html(turn) for turn in turns]
    ending = last_words(review)
    if ending:
        out.append(f"<p><b>{e(LAST_WORDS)}:</b> {e(ending)}</p>")
    out.append("<h3>Весь разговор</h3><table>" + "".join(
        f"<tr><td>{e(name)}</td><td>{e(value)}</td></tr>" for name, value in figures(review)) + "</table>")
    return out


def _fix_html(fix: dict) -> str:
    """«Не перекладывайте вину… (реплика 2, 0:14) Вы сказали: «…»»."""
    e = html.escape
    place = fix_place(fix)
    quote = (fix.get("quote") or "").strip()
    return (e(fix.get("text", "")) + (f" <small>({e(place)})</small>" if place else "")
            + (f" <span class='aside'>Вы сказали: «{e(quote)}»</span>" if quote else ""))


def _turn_html(turn: dict) -> str:
    """One reply: the client's line, the candidate's words, ✓ what was good and ✗ what was a mistake (the mark
    beside the colour, never colour alone), how long and how fast."""
    e = html.escape
    sharper = " <i>(клиент стал резче)</i>" if turn.get("escalated") else ""
    said = (turn.get("transcript") or "").strip()
    items = [f"<li class='good'>✓ {e(moment_text(m))}</li>" for m in turn.get("good") or []]
    items += [f"<li class='problem'>✗ {e(moment_text(m))}</li>" for m in turn.get("mistakes") or []]
    reply = reply_figures(turn)
    return (f"<h4>Реплика {e(str(turn.get('turn') or ''))}</h4>"
            f"<p><b>Клиент:</b> {e(turn.get('client') or '')}{sharper}</p>"
            f"<p class='transcript'><b>Вы:</b> {e(said) if said else '<i>речь не распознана</i>'}</p>"
            + (f"<ul class='turn'>{''.join(items)}</ul>" if items else "")
            + (f"<p class='aside'>{e(reply)}</p>" if reply else ""))
