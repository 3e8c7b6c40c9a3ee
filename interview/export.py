"""Export a session: JSON (full reports), CSV (one row per answer), self-contained HTML.

Every piece of text in the HTML is escaped: transcripts and user question
banks may contain markup. Audio is never included.
"""

from __future__ import annotations

import csv
import html
import io
import json

from sobes.analysis.labels import METRIC_NAMES, STAR_NAMES, VERDICT_MARK, clock, verdict_value
from sobes.interview.history import METRIC_COLUMNS, History
from sobes.interview.labels import ANSWER_STATUS, local_time, mode_name, role_name, session_status

CSV_COLUMNS = ["answer_id", "question_id", "question_text", "attempt", "recorded_at", "duration_s", "status",
               *METRIC_COLUMNS, "star_parts", "overall"]


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
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in history.answers(session_id):
        writer.writerow([row["id"]] + [row.get(c) for c in CSV_COLUMNS[1:]])
    return out.getvalue()


def session_text(history: History, session_id: int) -> str:
    """The short Russian summary `sobes report N` prints: each answer's question and its coaching."""
    session = history.session(session_id)
    lines = [f"Тренировка №{session_id}: {local_time(session['started_at'])}, {mode_name(session['mode'])}, "
             f"{role_name(session['role'])} — {session_status(session)}"]
    for number, row in enumerate(history.answers(session_id), 1):
        lines.append(f"\n{number}. {row['question_text'] or ''}")
        report = json.loads(row["report_json"]) if row.get("report_json") else None
        coaching = (report or {}).get("coaching")
        if coaching is None:
            lines.append(f"   Ответ {ANSWER_STATUS.get(row['status'], row['status'])}.")
            continue
        lines.append(f"   Итог: {coaching['headline']}")
        lines += [f"   — {fix['text']}" for fix in coaching.get("fixes") or [] if fix["text"] != coaching["headline"]]
    return "\n".join(lines) + "\n"


def session_html(history: History, session_id: int) -> str:
    """A printable page: for each answer the coaching first, then the measured values with their units, the
    STAR parts of a story, and the transcript. Dates in this computer's time."""
    e = html.escape
    session = history.session(session_id)
    summary = json.loads(session["summary_json"]) if session.get("summary_json") else {}
    parts = [f"<h1>Тренировка №{session_id}</h1>",
             f"<p>{e(local_time(session['started_at']))} · {e(mode_name(session['mode']))} · "
             f"{e(role_name(session['role']))} · {e(session_status(session))}</p>"]
    if summary.get("work_on"):
        parts.append("<h2>Над чем поработать</h2><ol>" + "".join(
            f"<li><b>{e(item['title'])}</b>: {e(item['tip'])}</li>" for item in summary["work_on"]) + "</ol>")
    for row in history.answers(session_id):
        report = json.loads(row["report_json"]) if row.get("report_json") else None
        parts.append(f"<h2>{e(row['question_text'] or '')}</h2>")
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
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top}")
    return ("<!doctype html><html lang='ru'><head><meta charset='utf-8'><title>Собес: отчёт о тренировке</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")


def _coaching_html(coaching: dict | None) -> list[str]:
    if not coaching:
        return []
    e = html.escape
    out = [f"<p><b>{e(coaching['headline'])}</b></p>"]
    fixes = coaching.get("fixes") or []
    if fixes:
        out.append("<ol>" + "".join(
            f"<li>{e(f['text'])}" + (f" <small>(на {clock(f['start'])})</small>" if f.get("start") is not None else "")
            + "</li>" for f in fixes) + "</ol>")
    if coaching.get("covered"):
        out.append("<p>Есть в ответе: " + "; ".join(e(i["label"].lower()) for i in coaching["covered"]) + "</p>")
    if coaching.get("missing"):
        out.append("<p>Не хватает: " + "; ".join(e(i["label"].lower()) for i in coaching["missing"]) + "</p>")
    return out
