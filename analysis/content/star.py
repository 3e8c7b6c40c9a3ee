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
from dataclasses import dataclass

from sobes.analysis.content.sentences import Unit
from sobes.analysis.morph import lemma, tag

LABELS = ("situation", "task", "action", "result")
MIN_SCORE = 1.0  # below this no label is convincing: "other"
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

_VAGUE = re.compile(r" вс[её] (получилось|было) хорошо | нормальн| как все | вс[её],? что нужно ")
_TENURE = re.compile(r" (работаю|работал\w*|опыт\w*|стаж\w*|занимаюсь)( \w+){0,5} \d+ (лет|год\w*) |"
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
    return out


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
    figure = any(ch.isdigit() for ch in unit.text) or "%" in unit.text or " процент" in text
    if _VAGUE.search(text) and not figure:
        pass  # "всё получилось хорошо" is no result (seed_digest §5.4): it stays unlabelled unless named
    else:
        scores["result"] += 2.5 * _count(text, _R_PHRASES)
    if figure and not _TENURE.search(text):  # "работаю уже 6 лет" is who the candidate is, not an outcome
        scores["result"] += 1.5
    if tokens and tag(tokens[0]).POS == "INFN":
        scores["task"] += 2  # "Убедить клиента подписать договор."
    scores["action"] += _action_points(tokens)
    if _others_past(tokens):
        # someone else's state or deed: before the candidate acts it sets the scene, after it is the outcome
        scores["result" if after_action else "situation"] += 1.5
    return scores


def _others_past(tokens: list[str]) -> bool:
    return _has_noun_subject(tokens) and any(tag(t).POS == "VERB" and tag(t).tense == "past" for t in tokens)


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
        if t.number == "sing" and (has_i or not _has_noun_subject(tokens)):
            points += 2 * weight
        elif t.number == "plur" and has_we:
            points += weight
    return min(points, 6.0)


def _has_noun_subject(tokens: list[str]) -> bool:
    """A nominative noun or third-person pronoun: the verb's doer is someone else."""
    for token in tokens:
        t = tag(token)
        if t.case == "nomn" and (t.POS == "NOUN" or token in {"он", "она", "они", "клиент"}):
            return True
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
