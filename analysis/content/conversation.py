"""What a reply in a role play held, as the guides judge it: each behaviour and mistake with its words and moment.

A role play's client answers back (``interview.conversation``): what the client says next depends on what the
candidate's reply held or lacked — an acknowledgement of the client's feelings, a clarifying question, a concrete
offer with a deadline, or blame and an argument. ``reply_behaviours`` reads that from the reply's words with the
cue lists of ``conversation_cues`` — the same lists the role-play checklist (``kinds.KINDS["role_play"]``) is
made of, so the conversation and the coaching never disagree about what was said — each behaviour and mistake
with the words that show it and when they were said. The whole conversation is judged in
``conversation_review``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sobes.analysis.content import conversation_cues as cue
from sobes.analysis.content.cues import TOLERANT_IN_PHRASE, _word_matches, find_span, first_unit_with
from sobes.analysis.content.kinds import KINDS
from sobes.analysis.content.sentences import Unit, split_clauses, split_units
from sobes.analysis.report import Report

_ITEMS = {item.key: item for item in KINDS["role_play"].items}
LABELS = {
    "empathy": _ITEMS["empathy"].label, "question": _ITEMS["question"].label, "offer": _ITEMS["proposal"].label,
    "deadline": "Срок", "compensation": "Компенсация за неудобства", "agreement": "Вопрос, устраивает ли решение",
    "close": "Тёплое завершение",
    "blame": "Перекладывание вины", "argue": "Спор с клиентом", "passive": "«Ничего не могу сделать»",
    "dismissive": "Отмахивание от проблемы", "promise": "Обещание, за которое нельзя ручаться",
    "jargon": "Непонятные клиенту слова",
}
MISTAKES = frozenset(cue.MISTAKES)  # blame | argue | passive | dismissive | promise | jargon
SHORT_CHECK_WORDS = 6  # «Вы не против такого варианта?»: a question after an offer this short checks agreement
TAIL_WORDS = 8  # in a reply said as one run-on sentence, the check of agreement or the close is in its last words


@dataclass(frozen=True)
class Moment:
    """One behaviour or mistake found in a reply."""

    key: str  # empathy | question | offer | deadline | compensation | agreement | close ; a MISTAKES key
    label: str  # Russian, as the candidate reads it
    words: str  # the words that show it, as transcribed
    start: float | None = None  # seconds into the reply


@dataclass(frozen=True)
class ReplyBehaviours:
    good: tuple[Moment, ...] = ()
    mistakes: tuple[Moment, ...] = ()

    def has(self, key: str) -> bool:
        """Whether the reply showed ``key``, a behaviour or a mistake."""
        return any(moment.key == key for moment in self.good + self.mistakes)

    def first(self, key: str) -> Moment | None:
        return next((moment for moment in self.good + self.mistakes if moment.key == key), None)

    @classmethod
    def of(cls, *keys: str) -> ReplyBehaviours:
        """A reply that showed ``keys`` (behaviours, or mistakes such as "blame"), with no words: for a client's
        reaction decided without a transcript, and for tests."""
        moments = [Moment(key, LABELS.get(key, key), "") for key in keys]
        return cls(tuple(m for m in moments if m.key not in MISTAKES), tuple(m for m in moments if m.key in MISTAKES))


def reply_behaviours(report: Report) -> ReplyBehaviours:
    """The behaviours and mistakes of one reply, from its words (none when nothing was said)."""
    words = report.transcript.words if report.transcript is not None else []
    return behaviours_of(split_units(words)) if words else ReplyBehaviours()


def behaviours_of(units: list[Unit]) -> ReplyBehaviours:
    """What ``units`` (a reply's sentences) hold. Mistakes are matched exactly (a misheard letter never accuses);
    a sentence that blames, argues, gives up or brushes off shows nothing good («Понимаю, но такие правила» is no
    acknowledgement), as in the checklist."""
    mistakes = [moment for key, cues in cue.MISTAKES.items() if (moment := _found(key, units, cues)) is not None]
    clean = [unit for unit in units if not _says(unit.tokens, cue.TONE)]
    good = {key: moment for key in ("empathy", "offer", "deadline", "compensation", "close")
            if (moment := _GOOD_FINDERS.get(key, _cued)(key, clean, units))}
    # by meaning only in a reply that makes no mistake: beside «всякое бывает», «Мастер тоже люди» read as an offer
    # (the walkthrough) — a reply that brushes the client off earns no credit for what its other words might mean
    meant = _meant(clean) if not mistakes else {}
    good.update({key: moment for key, moment in meant.items() if key not in good and key != "agreement"})
    if "offer" not in good and "compensation" in good:  # «за ожидание доставку сделаем бесплатно» is an offer
        good["offer"] = Moment("offer", LABELS["offer"], good["compensation"].words, good["compensation"].start)
    agreement = _agreement(clean, units, good.get("offer")) or meant.get("agreement")
    question = _question(clean, agreement)
    good.update({m.key: m for m in (agreement, question) if m is not None})
    return ReplyBehaviours(tuple(sorted(good.values(), key=_when)), tuple(sorted(mistakes, key=_when)))


def _meant(clean: list[Unit]) -> dict[str, Moment]:
    """The good behaviours ``clean`` says in words the cues do not hold, read by meaning (``conversation_meaning``:
    only where the cues found nothing; never a mistake, which would anger the client for nothing)."""
    from sobes.analysis.content.conversation_meaning import meaning_moments  # it builds this module's Moments

    return meaning_moments(clean) if clean else {}


def _when(moment: Moment) -> float:
    return moment.start if moment.start is not None else 0.0


def _found(key: str, units: list[Unit], cues: tuple[str, ...], *, tolerant: bool = False) -> Moment | None:
    for unit in units:
        found = first_unit_with([unit], _possible(tuple(unit.tokens), cues, tolerant), tolerant=tolerant)
        if found is not None:
            said = found[1]
            return Moment(key, LABELS[key], said, round(unit.start_of(said), 2))
    return None


def _says(tokens: list[str], cues: tuple[str, ...], *, tolerant: bool = False) -> bool:
    return find_span(tokens, _possible(tuple(tokens), cues, tolerant), tolerant=tolerant) is not None


@functools.lru_cache(maxsize=4096)
def _possible(tokens: tuple[str, ...], cues: tuple[str, ...], tolerant: bool) -> tuple[str, ...]:
    """The cues, in their order, whose first word matches one of ``tokens`` as leniently as ``find_span`` may
    match it: the same cue found, hundreds fewer tried (a reply is read before the client answers back)."""
    firsts = {cue.split()[0] for cue in cues}
    said = {first for first in firsts
            if any(_word_matches(first, token, tolerant, TOLERANT_IN_PHRASE) for token in set(tokens) if token)}
    return tuple(cue for cue in cues if cue.split()[0] in said)


def _cued(key: str, clean: list[Unit], units: list[Unit]) -> Moment | None:
    return _found(key, clean, cue.GOOD[key], tolerant=True)


def _made(key: str, clean: list[Unit], units: list[Unit]) -> Moment | None:
    """An offer, a compensation or a time, in a clause that does not refuse it («скидку дать не могу»)."""
    clauses = [clause for unit in clean for clause in split_clauses(unit)
               if not _says(clause.tokens, cue.NEGATED)]
    return _found(key, clauses, cue.GOOD[key], tolerant=True)


def _question(clean: list[Unit], agreement: Moment | None) -> Moment | None:
    """A clarifying question: its cue words, or a sentence ending in «?» that asks the client something — not the
    check of agreement («Как вам такое предложение?») nor one asked of oneself («Что я могу сделать?»)."""
    key = "question"
    cued = _cued(key, clean, clean)
    for unit in clean:
        if cued is not None and cued.start is not None and unit.end >= cued.start:
            break
        tokens = unit.tokens
        if not _asks(unit) or _says(tokens, cue.AGREEMENT, tolerant=True):
            continue
        if agreement is not None and agreement.start is not None and unit.start <= agreement.start <= unit.end:
            continue
        if "я" in tokens and not set(tokens) & {"вы", "вас", "вам", "ваш", "ваша", "ваше", "ваши", "вашего"}:
            continue
        return Moment(key, LABELS[key], unit.text.strip(), round(unit.start, 2))
    return cued


# a question the recogniser wrote with a full stop (it often drops «?»): a question word and the client addressed
# («Какой объём вы планируете заказывать.»)
_ASKING = frozenset("какой какая какое какие каким какого какую сколько откуда почему зачем".split())
_TO_CLIENT = frozenset("вы вас вам ваш ваша ваше ваши вашего вашей вашу".split())


def _asks(unit: Unit) -> bool:
    """Whether ``unit`` asks the client something: it ends in «?», or it holds a question word and «вы»."""
    tokens = set(unit.tokens)
    return unit.text.rstrip().endswith("?") or bool(tokens & _ASKING and tokens & _TO_CLIENT)


def _agreement(clean: list[Unit], units: list[Unit], offer: Moment | None) -> Moment | None:
    """A check of agreement: asked («Вас устроит?»), or the last words of a reply said without punctuation; not
    a clarifying question («В какое время вам удобно принять доставку?»). A short question right after an offer
    asks the same in any words («Идёт?», «По рукам?»): the guides' order, offer then «Как вам такое
    предложение?»."""
    key = "agreement"
    asked = [unit for unit in clean if unit.text.rstrip().endswith("?")
             and not _says(unit.tokens, cue.QUESTION, tolerant=True)]
    # the recogniser often ends «Как вам такое предложение?» with a full stop: the reply's last sentence, or the one
    # right after the offer, checks agreement in the words of one (the walkthrough: «…как вам такое предложение.»,
    # «Вас это устроит.», «Так подойдёт.» went unheard, and the review told the candidate to ask just that)
    offered_in = next((i for i, unit in enumerate(units) if offer is not None and offer.start is not None
                       and unit.start <= offer.start <= unit.end), None)
    placed = {id(units[-1])} | ({id(units[offered_in + 1])} if offered_in is not None
                                and offered_in + 1 < len(units) else set())
    stated = [unit for unit in clean if id(unit) in placed and unit not in asked
              and not _says(unit.tokens, cue.QUESTION, tolerant=True)]
    found = _found(key, asked, cue.AGREEMENT, tolerant=True) or _found(key, stated, cue.STATED_AGREEMENT)
    if found is None and units and units[-1] in clean and not _punctuated(units):
        found = _found(key, [_tail(units[-1])], cue.AGREEMENT, tolerant=True)
    if found is None and offer is not None and offer.start is not None:
        after = [unit for unit in asked if unit.start > offer.start and len(unit.words) <= SHORT_CHECK_WORDS]
        if after:
            found = Moment(key, LABELS[key], after[0].text.strip(), round(after[0].start, 2))
    return found


def _close(key: str, clean: list[Unit], units: list[Unit]) -> Moment | None:
    """Thanks or a good wish as the reply ends (in its last two sentences, not its first: «Спасибо, что
    позвонили» opens a reply)."""
    last = [unit for unit in units[-2:] if unit in clean and unit is not units[0]]
    if len(units) == 1 and units[0] in clean:
        last = [_tail(units[0])]
    return _found(key, last, cue.CLOSE, tolerant=True)


def _punctuated(units: list[Unit]) -> bool:
    """Whether the reply's sentences end in marks: then a check of agreement is asked with «?», and «новая
    программа подойдёт всем» at the end is no question."""
    return any(unit.text.rstrip().endswith((".", "?", "!", "…")) for unit in units)


def _tail(unit: Unit) -> Unit:
    words = unit.words[-TAIL_WORDS:]
    return Unit(" ".join(w.word for w in words), words[0].start, words[-1].end, list(words))


_GOOD_FINDERS = {"close": _close, "offer": _made, "compensation": _made, "deadline": _made}
