"""What a question or an answer is about: the guides' topics, told apart by meaning and by the words that mark
them.

The topics and examples of what is said about each are in assets/coaching: topics.yaml (written for Sobes),
topic_answers.yaml (thirty more answers a topic, by writers who saw neither labelled set) and topic_examples.yaml
(the labelled set's train split). A text is compared with every example two ways, half
each: by meaning (``meaning.embed``: navec word vectors, so "оклад" is near "зарплата" though the examples
never say it) and by the dictionary forms they share, weighted by how few examples use them (tf-idf: "оклад"
marks a topic, "работа" marks none). Each topic scores the mean of its ``NEIGHBOURS`` closest examples, and
themes (money, terms, self, motivation, client, team, results, pressure, product, questions, phone) the best
of their topics: a story about a difficult client answers a question about objections, a salary figure does
not answer a question about a client. On the held-out answers of the labelled set the nearest topic is right
for about half and the nearest theme a little more often (by meaning alone: 37 % and 46 %): a topic alone is
never taken for certain (relevance.py asks for a margin).
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import numpy as np
import yaml

from sobes.analysis.content.meaning import content_weight, embed, words_of

NEIGHBOURS = 3  # calibrated here on the train split: 1 is noisier, 5 blurs small topics
LEXICAL_SHARE = 0.5  # calibrated here on the train split: shared forms and meaning count half each


@dataclass(frozen=True)
class Topic:
    key: str
    name: str  # Russian, as the coaching says it: "про ожидаемую зарплату"
    theme: str


@dataclass(frozen=True)
class Reading:
    """How close a text is to each topic and theme (cosine similarity of meaning), and how much it says."""

    topics: dict[str, float]
    themes: dict[str, float]
    weight: float  # meaning.content_weight: fillers and generic words count little

    def best(self) -> str | None:
        return max(self.themes, key=self.themes.__getitem__) if self.themes else None


@functools.cache
def _documents() -> tuple[dict, dict, dict]:
    folder = resources.files("sobes.assets") / "coaching"
    topics = yaml.safe_load((folder / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    learnt = yaml.safe_load((folder / "topic_examples.yaml").read_text(encoding="utf-8"))
    written = yaml.safe_load((folder / "question_topics.yaml").read_text(encoding="utf-8"))
    return topics, learnt, {**written, **learnt["questions"]}


@functools.cache
def _more_answers() -> dict[str, list[str]]:
    """topic_answers.yaml: thirty more answers a topic, by writers who saw neither labelled set."""
    folder = resources.files("sobes.assets") / "coaching"
    return yaml.safe_load((folder / "topic_answers.yaml").read_text(encoding="utf-8"))


@functools.cache
def topics() -> dict[str, Topic]:
    return {key: Topic(key, spec["name"], spec["theme"]) for key, spec in _documents()[0].items()}


@dataclass(frozen=True)
class _Examples:
    keys: tuple[str, ...]
    texts: tuple[str, ...]
    meanings: np.ndarray  # one unit vector per example
    forms: list[dict[str, float]]  # one tf-idf vector of dictionary forms per example
    idf: dict[str, float]
    unseen_idf: float


@functools.cache
def _examples() -> _Examples:
    written, learnt, _ = _documents()
    said = [(key, text) for key, spec in written.items() for text in spec["examples"]]
    said += [(key, text) for key, texts in _more_answers().items() for text in texts]
    said += [(item["topic"], item["text"]) for item in learnt["answers"]]
    rows = [(key, text, vector, words_of(text)) for key, text in said if (vector := embed(text)) is not None]
    counts = Counter(form for *_, forms in rows for form in set(forms))
    idf = {form: math.log(len(rows) / (1 + n)) + 1 for form, n in counts.items()}
    unseen = math.log(len(rows)) + 1
    return _Examples(tuple(row[0] for row in rows), tuple(row[1] for row in rows), np.array([row[2] for row in rows]),
                     [_tfidf(forms, idf, unseen) for *_, forms in rows], idf, unseen)


def _tfidf(forms: list[str], idf: dict[str, float], unseen: float) -> dict[str, float]:
    weights = {form: (1 + math.log(n)) * idf.get(form, unseen) for form, n in Counter(forms).items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {form: w / norm for form, w in weights.items()}


def question_topic(question_id: str | None) -> str | None:
    """The topic of a bank question: as its answers in the labelled set show it, or as written for it; None for a
    question of one's own."""
    return _documents()[2].get(question_id) if question_id else None


def read(text: str) -> Reading:
    vector = embed(text)
    if vector is None:
        return Reading({}, {}, 0.0)
    examples = _examples()
    forms = _tfidf(words_of(text), examples.idf, examples.unseen_idf)
    shared = np.array([sum(w * other.get(form, 0.0) for form, w in forms.items()) for other in examples.forms])
    similarity = LEXICAL_SHARE * shared + (1 - LEXICAL_SHARE) * (examples.meanings @ vector)
    by_topic: dict[str, list[float]] = {}
    for key, value in zip(examples.keys, similarity):
        by_topic.setdefault(key, []).append(float(value))
    scores = {key: float(np.mean(sorted(values)[-NEIGHBOURS:])) for key, values in by_topic.items()}
    themes: dict[str, float] = {}
    for key, score in scores.items():
        theme = topics()[key].theme
        themes[theme] = max(themes.get(theme, -1.0), score)
    return Reading(scores, themes, content_weight(text))


def theme_of(topic: str) -> str:
    return topics()[topic].theme
