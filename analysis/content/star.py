"""STAR labels for each unit of an answer: situation, task, action, result, or other.

Cues come from the guides (seed_digest.md §5.1, §5.5): setting and time
phrases for S; "задача", "нужно было", "я отвечал за" and a leading
infinitive for T; first-person past-tense actions for A; "в результате",
"удалось", numbers and before/after comparisons for R. Morphology (pymorphy3)
finds past-tense verbs and their number. Each label scores points; the best
wins, with a confidence from its margin. A candidate who names the parts
("Ситуация: …") is taken at their word.

Evaluated on a labelled set of sentences from the guides' good and bad
answers (tests/test_content_star.py); the figures are in docs/content.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sobes.analysis.content.sentences import Unit, split_clauses
from sobes.analysis.morph import lemma, tag
from sobes.analysis.text import normalize

LABELS = ("situation", "task", "action", "result")
MIN_SCORE = 1.0  # below this no label is convincing: "other"
RESULT_CLAUSE_WORDS = 4
ACTION_WORDS_SCORE = 2.0  # one past verb of the candidate's own
RESULT_WORDS_SCORE = 2.5  # one result phrase or outcome verb, or a figure beside a change
_NAMED = {"ситуация": "situation", "контекст": "situation", "задача": "task", "цель": "task",
          "действия": "action", "действие": "action", "результат": "result", "итог": "result"}

_S_PHRASES = [
    "в прошлом году", "однажды", "как-то раз", "в компании", "на предыдущей работе", "на прошлой работе",
    "в моей практике", "был случай", "у нас был", "у нас была", "у меня был", "у меня возник", "когда я работал",
    "когда я работала", "в конце квартала", "в конце года", "в моей предыдущей компании", "возникла проблема",
    "возникла ситуация", "возник конфликт", "в то время", "недавно", "в начале", "была проблема", "столкнулся",
    "столкнулась", "угрожал", "жаловался", "жаловалась", "был недоволен", "была недовольна", "был очень недоволен",
    "я работал", "я работала", "затягивал", "сорвалась",
]
_T_PHRASES = [
    "задача", "задачей", "задачу", "цель", "целью", "нужно было", "необходимо было", "надо было", "требовалось",
    "предстояло", "я отвечал за", "я отвечала за", "поручили", "стояла", "хотел добиться", "хотела добиться",
    "мне нужно", "мне необходимо", "важно было",
]
_R_PHRASES = [
    "в результате", "в итоге", "результат", "удалось", "благодаря", "получилось", "смогли", "что позволило",
    "остался доволен", "осталась довольна", "остался с нами", "продлил", "подписал", "сохранили", "выиграли",
    "заключил", "заключили", "компенсировали", "согласился", "рекомендовал", "порекомендовал", "был разрешен",
    "была решена", "разрешен", "оценил", "продолжил сотрудничество", "перевыполнили", "выполнили план",
    "вырос", "выросла", "выросло", "увеличил", "увеличилась", "увеличилось", "сократил", "сократилось",
    "сократилась", "снизил", "снизилась", "снизилось", "повысил", "повысилась", "возросла", "достиг",
    "освоила", "успешно",
]
_ACTION_VERBS = {
    "организовать", "провести", "разработать", "предложить", "связаться", "выслушать", "извиниться",
    "проанализировать", "внедрить", "обучить", "позвонить", "договориться", "подготовить", "назначить",
    "разделить", "убедить", "выявить", "создать", "настроить", "сделать", "написать", "встретиться",
    "объяснить", "отправить", "согласовать", "уточнить", "распределить", "поддерживать", "оказывать",
    "взять", "собрать", "пообещать", "заверить", "спорить", "решить", "найти", "запустить", "перезвонить",
}

# what an outcome is: the other side's decision or a change, said with a verb of the past (by its dictionary form,
# so "клиент оплатил", "обе стороны согласились", "ушли только трое" are heard however they are said)
OUTCOME_VERBS = frozenset(
    "остаться продлить подписать согласиться оплатить поблагодарить вернуться выиграть заключить одобрить принять "
    "сократиться вырасти увеличиться снизиться уменьшиться упасть сохраниться прекратиться перестать уложиться "
    "получить заработать окупиться выполнить перевыполнить превысить достичь добиться похвалить порекомендовать "
    "рекомендовать продолжить подключиться купить заказать".split())
NUMBER_WORDS = frozenset("половина треть четверть вдвое втрое вчетверо десяток сотня тысяча миллион миллиард".split())
_VAGUE = re.compile(r" вс[её] (получилось|было) хорошо | нормальн| как все | вс[её],? что нужно ")
_CHANGE = re.compile(r" (вырос\w*|увелич\w*|сократ\w*|снизи\w*|уменьш\w*|упал\w*|стал\w*|больше|меньше|вместо|"
                     r"до|раза?|процент\w*) ")
_TENURE = re.compile(r" (работаю|работал\w*|опыт\w*|стаж\w*|занимаюсь)( \w+){0,5} \w+ (лет|год\w*) |"
                     r" \d+ (лет|год\w*)( \w+){0,2} (опыт\w*|стаж\w*|работ\w*) ")
_STATES = {"быть", "стать", "мочь", "хотеть", "являться", "иметь", "казаться", "нравиться", "работать"}


@dataclass
class LabelledUnit:
    unit: Unit
    label: str  # situation | task | action | result | other
    confidence: float


def label_units(units: list[Unit]) -> list[LabelledUnit]:
    """One STAR label per unit, in order."""
    out: list[LabelledUnit] = []
    seen_action = False
    for position, unit in enumerate(units):
        scores = score_unit(unit, after_action=seen_action)
        if position == 0 and scores["situation"] > 0:
            scores["situation"] += 2  # a story opens with its setting
        label, confidence = _decide(scores)
        seen_action = seen_action or label in ("action", "result")
        out.append(LabelledUnit(unit, label, confidence))
    _fill_gaps(out)
    _problem_before_deeds(out)
    return out


def _problem_before_deeds(units: list[LabelledUnit]) -> None:
    """What changed before the candidate acted, told by someone else's deed ("Зимой продажи упали на 25 %"), is the
    problem the story sets out, when the story has its outcome after the deeds."""
    first_deed = next((i for i, u in enumerate(units) if u.label == "action"), None)
    if first_deed is None or not any(u.label == "result" for u in units[first_deed:]):
        return
    for item in units[:first_deed]:
        tokens = [t for t in item.unit.tokens if t]
        others = _has_noun_subject(tokens) or any(tag(t).POS == "VERB" and tag(t).number == "plur" for t in tokens)
        own_deed = any(tag(t).POS == "VERB" and tag(t).tense == "past" and lemma(t) in _ACTION_VERBS for t in tokens)
        if item.label == "result" and others and not own_deed:  # «я работала…, и закупки упали на 30 %» too
            item.label = "situation"


def by_clause(labelled: list[LabelledUnit]) -> list[LabelledUnit]:
    """A sentence that tells two parts of the story in turn, split where the second begins: "Моя задача была
    вернуть клиента, я сам позвонил каждому…" is a task and an action, "Я провёл серию тренингов, доля сотрудников
    выросла с 20 до 85 %" an action and a result. Only a later clause of four words or more that says its part
    clearly starts a part (a short clause, read alone, loses the sentence it belongs to)."""
    out: list[LabelledUnit] = []
    for item in labelled:
        out.extend(_split_task(item) if item.label in ("task", "action") else _split_result(item))
    return out


def _split_task(item: LabelledUnit) -> list[LabelledUnit]:
    """A task said first and the candidate's own deeds after it."""
    clauses = split_clauses(item.unit)
    cut = _cut(clauses, "task", _clear_action)
    if cut is None:
        return _split_result(item)
    action = LabelledUnit(_joined(clauses[cut:]), "action", item.confidence)
    return [LabelledUnit(_joined(clauses[:cut]), "task", item.confidence), *_split_result(action)]


def _split_result(item: LabelledUnit) -> list[LabelledUnit]:
    """What the candidate did and then what came of it."""
    clauses = split_clauses(item.unit) if item.label in ("action", "result") else []
    cut = _cut(clauses, "action", _clear_result)
    if cut is None:
        return [item]
    return [LabelledUnit(_joined(clauses[:cut]), "action", item.confidence),
            LabelledUnit(_joined(clauses[cut:]), "result", item.confidence)]


def _cut(clauses: list[Unit], first: str, starts_next: Callable[[Unit], bool]) -> int | None:
    """Where the next part starts: a clause of four words or more that says it clearly, after clauses that read
    as ``first``."""
    return next((i for i in range(1, len(clauses)) if len(clauses[i].words) >= RESULT_CLAUSE_WORDS
                 and starts_next(clauses[i]) and _decide(score_unit(_joined(clauses[:i])))[0] == first), None)


def _clear_action(clause: Unit) -> bool:
    """The candidate's own deed said in so many words ("я сам позвонил каждому"), not a plan or a state."""
    scores = score_unit(clause)
    return _decide(scores)[0] == "action" and scores["action"] >= ACTION_WORDS_SCORE


def _clear_result(clause: Unit) -> bool:
    """A result said in so many words (a result phrase, an outcome verb, a figure that changed), not only someone
    else's deed after the candidate's."""
    scores = score_unit(clause, after_action=True)
    return _decide(scores)[0] == "result" and scores["result"] >= RESULT_WORDS_SCORE


def _joined(clauses: list[Unit]) -> Unit:
    words = [w for clause in clauses for w in clause.words]
    return Unit(" ".join(w.word for w in words), words[0].start, words[-1].end, words)


def score_unit(unit: Unit, *, after_action: bool = False) -> dict[str, float]:
    tokens = [t for t in unit.tokens if t]
    text = " " + " ".join(tokens) + " "
    scores = dict.fromkeys(LABELS, 0.0)
    if tokens and tokens[0] in _NAMED:
        scores[_NAMED[tokens[0]]] += 6  # "Ситуация: …" said aloud
    if tokens and tokens[-1] in _NAMED:
        scores[_NAMED[tokens[-1]]] += 6  # "… (Результат)"
    scores["situation"] += 2 * _count(text, _S_PHRASES) * (0.5 if after_action else 1.0)
    scores["task"] += 3 * _count(text, _T_PHRASES)
    if not _count(text, _T_PHRASES) and any(lemma(t) in ("задача", "цель") for t in tokens):
        scores["task"] += 2  # "мои задачи было…": Whisper's grammar is not the speaker's
    figure = _has_figure(unit, tokens)
    if _VAGUE.search(text) and not figure:
        pass  # "всё получилось хорошо" is no result (seed_digest §5.4): it stays unlabelled unless named
    else:
        scores["result"] += 2.5 * min(_count(text, _R_PHRASES) + outcomes(tokens), 2)
    if figure and not _TENURE.search(text):  # "работаю уже 6 лет" is who the candidate is, not an outcome
        scores["result"] += 1.5
    if tokens and tag(tokens[0]).POS == "INFN":
        scores["task"] += 2  # "Убедить клиента подписать договор."
    scores["action"] += _action_points(tokens)
    if _others_past(tokens):
        # someone else's state or deed: before the candidate acts it sets the scene, after it is the outcome
        scores["result" if after_action else "situation"] += 1.5
    return scores


def _has_figure(unit: Unit, tokens: list[str]) -> bool:
    """A number in digits, or in words beside a change ("два вместо девяти", "на треть больше"): "у нас ушли
    два менеджера" sets a scene."""
    if any(ch.isdigit() for ch in unit.text) or "%" in unit.text or any(lemma(t) == "процент" for t in tokens):
        return True
    said = any(tag(t).POS == "NUMR" or lemma(t) in NUMBER_WORDS for t in tokens)
    return said and _CHANGE.search(" " + " ".join(tokens) + " ") is not None


def outcomes(tokens: list[str]) -> int:
    """Verbs of an outcome said in the past: the other side decided, or something changed ("остался" is one,
    "остался доволен" is a feeling nobody can check)."""
    return sum(tag(t).POS == "VERB" and tag(t).tense == "past" and lemma(t) in OUTCOME_VERBS
               and not (lemma(t) == "остаться" and nxt.startswith("довол"))
               for t, nxt in zip(tokens, tokens[1:] + [""]))


def outcome_clause(unit: Unit) -> str | None:
    """The part of a unit that says an outcome (a change, a number, the other side's decision), to quote as the
    result: in "…и предложила сделать её только для малого бизнеса, обе стороны согласились" the result is the
    last words, not the action that led to it. None when the unit holds no outcome."""
    clauses = re.split(r",?\s+(?:и|а|но)\s+|,\s*", unit.text)
    for clause in reversed(clauses):
        tokens = [t for t in (normalize(w) for w in clause.split()) if t]
        if outcomes(tokens) or (_has_figure(unit, tokens) and _CHANGE.search(" " + " ".join(tokens) + " ")):
            return clause.strip(" ,.")
    return None


def _others_past(tokens: list[str]) -> bool:
    return (_has_noun_subject(tokens) and not _own_deed_first(tokens)
            and any(tag(t).POS == "VERB" and tag(t).tense == "past" for t in tokens))


def _action_points(tokens: list[str]) -> float:
    points = 0.0
    has_i = "я" in tokens
    has_we = "мы" in tokens
    for token in tokens:
        t = tag(token)
        if t.POS != "VERB" or t.tense != "past":
            continue
        verb = lemma(token)
        if verb in _STATES:
            continue
        weight = 1.5 if verb in _ACTION_VERBS else 0.5
        if t.number == "sing" and (has_i or not _has_noun_subject(tokens) or _own_deed_first(tokens)):
            points += 2 * weight
        elif t.number == "plur" and has_we:
            points += weight
    return min(points, 6.0)


def _has_noun_subject(tokens: list[str]) -> bool:
    """A nominative noun or third-person pronoun: the verb's doer is someone else."""
    return any(_nominative(token) for token in tokens)


def _nominative(token: str) -> bool:
    t = tag(token)
    return t.case == "nomn" and (t.POS == "NOUN" or token in {"он", "она", "они", "клиент"})


def _own_deed_first(tokens: list[str]) -> bool:
    """A deed of the candidate's said without "я": the sentence's first verb is a singular past verb of action
    with no noun before it ("Ещё предложила им подключить модуль": the noun after is its object)."""
    for token in tokens:
        t = tag(token)
        if t.POS == "VERB" and t.tense == "past":
            return t.number == "sing" and lemma(token) in _ACTION_VERBS
        if _nominative(token):
            return False
    return False


def _count(text: str, phrases: list[str]) -> int:
    """Occurrences of the cue phrases; "всё, что нужно было" is generic, not a task."""
    return sum(f" {phrase} " in text and f" что {phrase} " not in text for phrase in phrases)


def _decide(scores: dict[str, float]) -> tuple[str, float]:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SCORE:
        return "other", 0.3
    confidence = 0.5 + 0.45 * (top - second) / top
    return best, round(min(confidence, 0.95), 2)


def _fill_gaps(units: list[LabelledUnit]) -> None:
    """An unlabelled unit between two of the same label belongs to them."""
    for i in range(1, len(units) - 1):
        if units[i].label == "other" and units[i - 1].label == units[i + 1].label != "other":
            units[i].label, units[i].confidence = units[i - 1].label, 0.4
