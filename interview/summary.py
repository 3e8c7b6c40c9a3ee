"""The end of a session: verdicts per answer, three things to work on, progress against earlier sessions."""

from __future__ import annotations

from collections import Counter

from sobes.analysis.content.conversation_review import ConversationTurn, review_conversation
from sobes.analysis.judge import Judge
from sobes.analysis.labels import METRIC_NAMES
from sobes.analysis.report import Report
from sobes.interview.conversation import Conversation
from sobes.interview.history import History
from sobes.interview.session import Step

# the figures a session is compared by with the earlier ones (history columns; the judge compares them)
COMPARED = ("fillers_per_100_words", "long_pauses", "response_latency_s", "pitch_sd_st")


def summarize(history: History, session_id: int, reports: list[tuple[Step, Report]], judge: Judge, *,
              planned: int = 0, early: bool = False, conversation: Conversation | None = None,
              take_ids: list[int | None] | None = None) -> dict:
    """``planned``: the questions the plan held; ``early``: the candidate ended the session before its end;
    ``conversation``: a role play's, judged as a whole (``take_ids``: each report's take, for ▶ on a moment)."""
    issues: Counter = Counter()
    tips: dict[str, str] = {}
    answers = []
    for step, report in reports:
        # a role play's replies: the conversation's review tells them, turn by turn and as a whole («Темп: слишком
        # медленно» from one short reply beside «127 слов в минуту» over the conversation, in the walkthrough)
        judged = not step.turn
        for verdict in report.delivery.verdicts if report.delivery and judged else []:
            if verdict.verdict != "good":
                issues[verdict.metric] += 2 if verdict.verdict == "problem" else 1
                tips.setdefault(verdict.metric, verdict.tip)
        content = report.content
        coaching = report.coaching
        for fix in coaching.fixes if coaching and judged else []:
            if fix.kind in ("relevance", "item", "length", "numbers"):
                issues[fix.kind] += 2 if fix.kind == "relevance" else 1
                tips.setdefault(fix.kind, fix.text)
        answers.append({"question_id": step.question_id, "question": step.text, "follow_up": step.is_follow_up,
                        "turn": step.turn,  # a role play's reply to the client's n-th line (0: a question)
                        "overall": report.delivery.overall if report.delivery else None,  # the delivery's mark
                        "content": coaching.content if coaching else None,  # what the answer said, its own mark
                        "headline": coaching.headline if coaching else "",
                        "star_complete": bool(content and content.star and content.star.complete),
                        "transcript": report.transcript.text})
    work_on = [{"metric": m, "title": METRIC_NAMES.get(m, m), "tip": tips[m]} for m, _ in issues.most_common(3)]
    given = len({a["question_id"] for a in answers if not a["follow_up"]})
    summary = {"session_id": session_id, "answers": answers, "work_on": work_on, "planned": planned,
               "early": early and given < planned,
               "compared_to_previous": _compare(history, session_id, judge),
               "first_session": not any(s["id"] < session_id and s["status"] == "completed"
                                        for s in history.sessions())}
    if conversation is not None:
        summary.update(_role_play(conversation, reports, take_ids or [None] * len(reports), judge))
    return summary


def _role_play(conversation: Conversation, reports: list[tuple[Step, Report]], take_ids: list[int | None],
               judge: Judge) -> dict:
    """The conversation judged as a whole, each reply with its take; and the scenario, as the candidate read it."""
    replies = [(step, report, take_id) for (step, report), take_id in zip(reports, take_ids)
               if step.turn and not step.listen_only]
    review = review_conversation([ConversationTurn(step.text, step.spoken_s, step.escalated, report)
                                  for step, report, _ in replies], conversation.outcome, judge).to_dict()
    for turn, (_, _, take_id) in zip(review["turns"], replies):
        turn["take_id"] = take_id
    review["ending"] = conversation.ending_line  # the client's last words: how it ended, as the candidate heard it
    scenario = conversation.scenario
    return {"role_play": review,
            "scenario": {"id": scenario.id, "title": scenario.title, "client": scenario.client, "need": scenario.need}}


def _compare(history: History, session_id: int, judge: Judge) -> dict:
    """Each figure against the earlier sessions' answers of the same kinds as this session's: like with like, a
    self-presentation is never compared with stories («было 5,4 … стало 0,0 — ✓ лучше» said otherwise). ``change``
    is better, worse, same, or in_norm when both are within the norm — a change inside the norm is never called
    worse."""
    now_rows = _judged(history, session_id)
    earlier = [s["id"] for s in history.sessions() if s["id"] < session_id and s["status"] == "completed"]
    before_rows = [row for s in earlier for row in _judged(history, s)]
    result = {}
    for metric in COMPARED:
        # each answer of this session beside the earlier mean of its own kind: a mix of kinds weighs alike
        pairs = [(row[metric], before) for row in now_rows if row.get(metric) is not None
                 and (before := _mean(_same_kind(before_rows, row), metric)) is not None]
        if not pairs:
            continue
        current, before = (sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs))
        change = judge.compare(metric, before, current)
        result[metric] = {"now": round(current, 2), "before": round(before, 2), "change": change,
                          "better": change == "better"}
    return result


def _judged(history: History, session_id: int) -> list[dict]:
    """A session's analysed answers (each with the kind it was judged as; none in a history older than kinds)."""
    return [row for row in history.answers(session_id) if row["status"] == "analyzed"]


def _mean(rows: list[dict], metric: str) -> float | None:
    values = [row[metric] for row in rows if row.get(metric) is not None]
    return sum(values) / len(values) if values else None


def _same_kind(rows: list[dict], answer: dict) -> list[dict]:
    return [row for row in rows if row.get("answer_type") == answer.get("answer_type")]
