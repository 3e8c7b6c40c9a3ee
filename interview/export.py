"""Export a session: JSON (full reports), CSV (one row per answer), self-contained HTML.

Every piece of text in the HTML is escaped: transcripts and user question
banks may contain markup. Audio is never included.
"""

from __future__ import annotations

import csv
import html
import io
import json

from sobes.interview.history import METRIC_COLUMNS, History

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


def session_html(history: History, session_id: int) -> str:
    e = html.escape
    session = history.session(session_id)
    summary = json.loads(session["summary_json"]) if session.get("summary_json") else {}
    parts = [f"<h1>Собеседование №{session_id}</h1>",
             f"<p>{e(session['started_at'] or '')} · режим: {e(session['mode'] or '')} · "
             f"роль: {e(session['role'] or '')} · статус: {e(session['status'] or '')}</p>"]
    if summary.get("work_on"):
        parts.append("<h2>Над чем поработать</h2><ol>" + "".join(
            f"<li><b>{e(item['title'])}</b>: {e(item['tip'])}</li>" for item in summary["work_on"]) + "</ol>")
    for row in history.answers(session_id):
        report = json.loads(row["report_json"]) if row.get("report_json") else None
        parts.append(f"<h2>{e(row['question_text'] or '')}</h2>")
        if report is None:
            parts.append(f"<p>Ответ записан, анализ: {e(row['status'])}.</p>")
            continue
        parts.append(f"<p class='transcript'>{e(report['transcript']['text'])}</p>")
        verdicts = (report.get("delivery") or {}).get("verdicts", [])
        parts.append("<ul>" + "".join(f"<li class='{e(v['verdict'])}'>{e(v['tip'])} <small>(норма: "
                                      f"{e(v['norm'])})</small></li>" for v in verdicts) + "</ul>")
        for follow in (report.get("content") or {}).get("follow_ups", []):
            parts.append(f"<p>Вопрос интервьюера: {e(follow['question'])}</p>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}.good{color:#1b7f3b}"
             ".attention{color:#a66a00}.problem{color:#b3261e}.transcript{background:#f4f4f4;padding:.5em}")
    return ("<!doctype html><html lang='ru'><head><meta charset='utf-8'><title>Собес: отчёт</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")
