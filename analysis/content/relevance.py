"""Does the answer address its question: what each is about, by meaning, not which words they share.

The question's topic comes from the bank (``topics.question_topic``: what the labelled answers to it are about)
or, for a question of one's own, from its words read like an answer's (``topics.read``). The answer is read by
meaning against examples of every topic. An answer is off topic only when it is clearly about another theme —
its best theme ahead of the question's by ``off_topic_margin`` and it says enough (``off_topic_min_weight``);
when unsure, nothing is said: a good answer in other words must never be told it is off topic. Sharing a word
with the question proves nothing either way: «Как вы работаете с возражениями клиента?» is not answered by «Я
рассчитываю на сто тысяч, клиенты меня ценят». Figures on the labelled set are in docs/content.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.content.meaning import without, words_of
from sobes.analysis.content.topics import Reading, read, theme_of, topics
from sobes.analysis.judge import Judge

ON_TOPIC, OFF_TOPIC, UNCLEAR = "on_topic", "off_topic", "unclear"
# the themes of work stories: a question about pressure is answered by a story of a client deal at the deadline
STORIES = frozenset({"client", "team", "results", "pressure", "product"})
# questions that any answer of these themes may answer: «Расскажите о себе» is answered by what drives the candidate
# («люблю общаться с людьми») and by their work as much as by their strengths
BROAD = {"self_presentation": STORIES | {"self", "motivation"},
         # why this job, why leave: a strength or a criticism heard is part of the reason («начальник меня критиковал»)
         **dict.fromkeys(("motivation", "reason_leaving"), {"self"}),
         # «я хорошо работаю в команде» answers a teamwork question with a quality, if vaguely: coached, not sent away
         "teamwork": {"self"}}


@dataclass
class Relevance:
    verdict: str | None = None  # on_topic | off_topic | unclear; None without a question (or a report before 3)
    question_topic: str | None = None  # analysis.content.topics' key
    answer_topic: str | None = None  # the answer's nearest topic
    margin: float | None = None  # how far the answer's best theme is ahead of the question's (cosine)
    message: str | None = None  # for an off-topic answer: said plainly, in Russian


def measure_relevance(question: str | None, known: str | None, answer_text: str, judge: Judge, *,
                      said_what_was_asked: bool, a_work_story: bool = False, off_topic_message: str | None = None,
                      may_be_off_topic: bool = True) -> Relevance:
    """``known``: the question's topic when it is known (the bank's question, a salary question); else it is read
    from the question's words, and only a question whose subject is clear from them lets an answer be called off
    topic. ``said_what_was_asked``: the answer has what its kind of question asks for (a sum for a salary
    question): it is on topic whatever else it talks about. ``a_work_story``: the answer tells what the candidate
    did and what came of it; to a question asking for a work story it is never called off topic, whatever its
    words are about (an achievement can be a team trained: its words are about learning)."""
    if not question:
        return Relevance(None)
    asked = known or _nearest(read(question))
    answer = read(without(answer_text, set(words_of(question))))  # what it says beyond echoing the question
    said = _nearest(answer)
    if asked is None or said is None:
        return Relevance(ON_TOPIC if said_what_was_asked else UNCLEAR, asked, said)
    if known is None and not _clear(read(question), judge.norms.off_topic_margin):
        may_be_off_topic = False  # a question of one's own whose subject is not clear from its words
    theme = theme_of(asked)
    best = answer.best() or theme
    margin = round(answer.themes[best] - answer.themes.get(theme, 0.0), 3)
    if said_what_was_asked or best == theme:
        return Relevance(ON_TOPIC, asked, said, margin)
    if theme in STORIES and (best in STORIES or a_work_story):  # any work story can show stress, teamwork, a client
        return Relevance(UNCLEAR, asked, said, margin)
    if asked in BROAD and best in BROAD[asked]:
        return Relevance(UNCLEAR, asked, said, margin)
    clearly = (may_be_off_topic and margin >= judge.norms.off_topic_margin
               and answer.weight >= judge.norms.off_topic_min_weight)
    if not clearly:
        return Relevance(UNCLEAR, asked, said, margin)
    other = next((key for key, value in sorted(answer.topics.items(), key=lambda kv: -kv[1])
                  if theme_of(key) == best), said)
    message = (f"Ответ не {off_topic_message}." if off_topic_message else
               f"Ответ не про то, о чём спросили: вы говорите {topics()[other].name}, а вопрос — "
               f"{topics()[asked].name}. Начните с прямого ответа на вопрос: «{question.strip()}»")
    return Relevance(OFF_TOPIC, asked, other, margin, message)


def _clear(reading: Reading, margin: float) -> bool:
    """A text whose best theme leads the next by ``margin``."""
    ranked = sorted(reading.themes.values(), reverse=True)
    return len(ranked) > 1 and ranked[0] - ranked[1] >= margin


def _nearest(reading: Reading) -> str | None:
    return max(reading.topics, key=reading.topics.__getitem__) if reading.topics else None
