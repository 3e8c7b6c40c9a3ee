"""Whose work was it: "я" against "мы" in the actions of the answer.

Russian past tense does not mark person, so a verb counts for "я" or "мы"
through its number and the pronoun of its clause; a clause without a pronoun
and without another subject continues the last pronoun used.
Guides: «Команда справилась с задачей, я немного помогал» — «Фокус на
команде, а не на себе» (001 L300).
"""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.content.sentences import Unit, split_clauses
from sobes.analysis.morph import tag

_I = {"я", "мне", "меня", "мной", "мой", "моя", "моё", "мое", "мои", "моей", "моего", "моим", "моими", "моих"}
_WE = {"мы", "нам", "нас", "нами", "наш", "наша", "наше", "наши", "нашей", "нашего", "нашим", "нашими", "наших"}
_OTHERS = {"он", "она", "они", "оно"}
_TEAM = {"команда", "коллеги", "отдел", "коллектив", "группа", "руководитель", "начальник"}
_MINIMISERS = {"немного", "чуть-чуть", "слегка", "немножко", "отчасти"}


@dataclass
class Ownership:
    i_count: int
    we_count: int
    i_share: float | None  # i / (i + we); None when neither occurs
    minimised: bool  # "я немного помогал"
    role_unclear: bool


def measure_ownership(units: list[Unit]) -> Ownership:
    """Count first-person singular and plural pronouns and past-tense verbs in ``units``."""
    i_count = we_count = 0
    minimised = False
    current: str | None = None
    for unit in units:
        for clause in split_clauses(unit):
            tokens = [t for t in clause.tokens if t]
            if _says_what_one_is(tokens):
                continue  # "я считаю, что я хорошо работаю в команде" is no action of the story's
            i_count += sum(t in _I for t in tokens)
            we_count += sum(t in _WE for t in tokens) + sum(t in _TEAM for t in tokens)  # "команда справилась"
            minimised = minimised or ("я" in tokens and any(t in _MINIMISERS for t in tokens))
            if "я" in tokens:
                current = "i"
            elif "мы" in tokens:
                current = "we"
            elif _other_subject(tokens):
                current = None
            for token in tokens:
                t = tag(token)
                if t.POS != "VERB" or t.tense != "past":
                    continue
                if t.number == "sing" and current == "i" and "я" not in tokens:
                    i_count += 1
                elif t.number == "plur" and current == "we" and "мы" not in tokens:
                    we_count += 1
                elif t.number == "sing" and "я" in tokens:
                    i_count += 1
                elif t.number == "plur" and "мы" in tokens:
                    we_count += 1
    total = i_count + we_count
    share = round(i_count / total, 2) if total else None
    return Ownership(i_count, we_count, share, minimised,
                     role_unclear=share is None or share < 0.5 or minimised)


def _says_what_one_is(tokens: list[str]) -> bool:
    """A clause of the present tense only: what the candidate thinks or is ("я считаю", "я хорошо работаю в
    команде"), not what anyone did."""
    tenses = {tag(t).tense for t in tokens if tag(t).POS == "VERB"}
    return tenses == {"pres"}


def _other_subject(tokens: list[str]) -> bool:
    return any(t in _OTHERS or (tag(t).POS == "NOUN" and tag(t).case == "nomn") for t in tokens)
