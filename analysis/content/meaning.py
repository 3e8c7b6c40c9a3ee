"""Text as a point in a space of meaning: navec's Russian word vectors, averaged with weights.

navec (Natasha project, MIT) gives 250 000 Russian words 300-dimensional
vectors learnt from a billion words of news; the file ships inside the
``natasha`` package on PyPI (26 MB), so nothing is downloaded at run time.
Only the data file is read (analysis/content/word_vectors.py) — natasha
itself (and its pymorphy2) is never imported. A text's vector is the average
of its words' unit vectors, each weighted by how rare the word is (smooth inverse frequency, Arora et al.
2017: "и", "работа", "клиент" say little about what an answer is about), so
generic words never decide what a text is about.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from sobes.analysis.content.word_vectors import WordVectors
from sobes.analysis.morph import lemma, tag

DIMENSIONS = 300
_FILE = ("data", "emb", "navec_news_v1_1B_250K_300d_100q.tar")
_WORD = re.compile(r"[а-яёa-z]+(?:-[а-яёa-z]+)*")
SIF_A = 1e-4  # calibrated here: weight a / (a + p(word)); p is the word's share of navec's billion words
# words frequent in every interview answer whatever it is about: they weigh a tenth of what their rarity gives
GENERIC = frozenset(
    "работа работать компания клиент опыт менеджер задача вопрос человек день время год раз дело ну вот типа "
    "короче значит общий наверное конечно вообще".split())
_GENERIC_WEIGHT = 0.1
# parts of speech that carry what a text is about (None: a word the dictionary does not know)
_CONTENT = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "ADVB", None}
# how a question is asked, not what it asks about
SCAFFOLDING = frozenset(
    "рассказать описать привести пример ситуация случай пожалуйста быть мочь хотеть стать какой такой весь "
    "сказать делать сделать иметь являться ваш свой самый это который как почему когда где зачем сколько "
    "например вообще ещё уже очень просто также тоже потом затем".split())
_lock = threading.Lock()


def navec_path() -> Path:
    """The word vectors' file inside the installed natasha package (found without importing natasha), or inside
    the packaged app (packaging/sobes.spec puts it where natasha keeps it)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle, "natasha", *_FILE)
    spec = importlib.util.find_spec("natasha")
    if spec is None or spec.origin is None:
        raise RuntimeError("natasha is not installed: run scripts/setup.sh")
    return Path(spec.origin).parent.joinpath(*_FILE)


@functools.cache
def _model() -> WordVectors:
    with _lock:  # loaded on the first text that needs it (0.1 s)
        return WordVectors(navec_path())


@functools.lru_cache(maxsize=65536)
def word_vector(word: str) -> tuple[np.ndarray, float] | None:
    """A word's unit vector and its weight, or None for a word navec does not know."""
    model = _model()
    found = model.lookup(word)
    if found is None:
        return None
    vector, count = found
    norm = float(np.linalg.norm(vector))
    if norm == 0:
        return None
    weight = SIF_A / (SIF_A + count / model.total)
    return vector / norm, weight * (_GENERIC_WEIGHT if word in GENERIC else 1.0)


def words_of(text: str) -> list[str]:
    """The content words of ``text``, each in its dictionary form: nouns, verbs, adjectives, adverbs, numerals —
    not the pronouns, prepositions and the scaffolding of a question ("расскажите", "опишите", "пример")."""
    out = []
    for word in _WORD.findall(text.lower().replace("ё", "е")):
        parse = tag(word)
        if parse.POS in _CONTENT and (base := lemma(word)) not in SCAFFOLDING:
            out.append(base)
    return out


def without(text: str, forms: set[str]) -> str:
    """``text`` without the words whose dictionary form is in ``forms``."""
    return " ".join(w for w in _WORD.findall(text.lower().replace("ё", "е")) if lemma(w) not in forms)


def lookup(word: str) -> tuple[np.ndarray, float] | None:
    return word_vector(word) or word_vector(word.replace("е", "ё"))


def embed(text: str) -> np.ndarray | None:
    """The unit vector of what ``text`` says, or None when none of its words is known."""
    return weighted_mean(words_of(text))


def weighted_mean(words: Iterable[str]) -> np.ndarray | None:
    """The unit vector of ``words``' vectors, each weighted by its rarity; None when navec knows none of them."""
    total = np.zeros(DIMENSIONS, np.float32)
    weight = 0.0
    for word in words:
        found = lookup(word)
        if found is not None:
            vector, w = found
            total += w * vector
            weight += w
    norm = float(np.linalg.norm(total))
    return None if weight == 0 or norm == 0 else total / norm


def content_weight(text: str) -> float:
    """How much ``text`` says: the summed weights of its known words (fillers and generic words count little)."""
    return sum(found[1] for word in words_of(text) if (found := lookup(word)) is not None)


def warm_up() -> None:
    """Load the vectors now (the first answer's analysis would otherwise wait 0.4 s for them)."""
    embed("зарплата")
