"""Does the answer address the question: shared key terms (lemmas) of the two.

No embedding model ships its weights on PyPI for this purpose that would be
worth the size here; lemma overlap is explainable to the candidate ("you did
not mention the client or the conflict").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.morph import lemma, tag
from sobes.analysis.text import normalize

_CONTENT = {"NOUN", "VERB", "INFN", "ADJF", "PRTF"}
_STOP = {"быть", "мочь", "вы", "ваш", "который", "это", "свой", "как", "какой", "пример", "привести",
         "рассказать", "расскажите", "ситуация", "случай", "весь", "такой", "сделать", "делать", "самый", "что",
         "один", "ваше", "вас", "год", "раз", "иметь", "хотеть", "почему", "когда", "где", "сказать", "себя"}


@dataclass
class Relevance:
    score: float | None  # share of the question's key terms the answer uses; None without a question
    question_terms: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)


def key_terms(text: str) -> list[str]:
    terms = []
    for word in text.split():
        token = normalize(word)
        if len(token) < 3 or tag(token).POS not in _CONTENT:
            continue
        base = lemma(token)
        if base not in _STOP and base not in terms:
            terms.append(base)
    return terms


def measure_relevance(question: str | None, answer_text: str) -> Relevance:
    if not question:
        return Relevance(None)
    wanted = key_terms(question)
    said = set(key_terms(answer_text))
    shared = [t for t in wanted if t in said]
    return Relevance(round(len(shared) / len(wanted), 2) if wanted else None, wanted, shared)
