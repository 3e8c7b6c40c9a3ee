"""A role play judged as a whole, once it has ended (each reply read by ``conversation.reply_behaviours``).

``review_conversation`` gives the outcome, each reply's behaviours and mistakes, the candidate's share of the talk,
pace and fillers over all replies, and calm under pressure (pace and loudness in the replies to a client who
pressed harder, against the candidate's own other replies). It leads with a headline and up to three fixes, each
pointing to the reply and the moment: a mistake said aloud first (blame, an argument), then what was missing
across the whole conversation (an apology made in the first reply need not be made again in the third). Where it
cannot tell, it says less.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sobes.analysis.content import conversation_cues as cue
from sobes.analysis.content.conversation import Moment, ReplyBehaviours, reply_behaviours
from sobes.analysis.content.sentences import Unit, split_units
from sobes.analysis.judge import Judge
from sobes.analysis.report import Report
from sobes.core.numbers import ru_number

SCHEMA_VERSION = 1


# --- the conversation as a whole ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConversationTurn:
    """One reply: the client's line it answers (and how long the client spoke), whether the client had just
    pressed harder, and the reply's analysis."""

    client: str
    client_s: float
    escalated: bool
    report: Report


@dataclass
class Fix:
    text: str  # Russian: what to do
    turn: int  # the reply it concerns, from 1
    start: float | None  # seconds into that reply (for ▶)
    quote: str  # the words said there
    key: str = ""  # what it is about: a mistake's key, "missing:<behaviour>" or "calm" (not shown)


@dataclass
class TurnReview:
    turn: int
    client: str
    escalated: bool
    transcript: str
    good: list[Moment] = field(default_factory=list)
    mistakes: list[Moment] = field(default_factory=list)
    seconds: float = 0.0
    words_per_min: float | None = None
    loudness_dbfs: float | None = None


@dataclass
class Calm:
    """Pace and loudness in the replies to a client who pressed harder, against the candidate's other replies."""

    pace_change_pct: float | None = None
    loudness_change_db: float | None = None
    verdict: str | None = None  # calm | faster | louder; None when there is nothing to compare
    text: str | None = None


@dataclass
class ConversationReview:
    outcome: str  # agreement | callback | leaves | unfinished
    outcome_text: str
    headline: str
    fixes: list[Fix] = field(default_factory=list)
    turns: list[TurnReview] = field(default_factory=list)
    talk_share: float | None = None  # the candidate's share of the talk, 0..1
    words_per_min: float | None = None
    fillers_per_100_words: float | None = None
    calm: Calm = field(default_factory=Calm)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {"schema_version": data.pop("schema_version"), **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversationReview:
        """A review read back from the history; keys it does not know (a turn's ``take_id``) are left out."""
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"conversation review schema {data.get('schema_version')} is not {SCHEMA_VERSION}")
        turns = [TurnReview(**{**_known(TurnReview, turn),
                               "good": [Moment(**_known(Moment, m)) for m in turn.get("good", [])],
                               "mistakes": [Moment(**_known(Moment, m)) for m in turn.get("mistakes", [])]})
                 for turn in data.get("turns", [])]
        return cls(**{**_known(cls, data), "fixes": [Fix(**_known(Fix, f)) for f in data.get("fixes", [])],
                      "turns": turns, "calm": Calm(**_known(Calm, data.get("calm") or {}))})


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {name: value for name, value in data.items() if name in names}


OUTCOME_TEXT = {
    "agreement": "Клиент согласился с вашим решением.",
    "callback": "Клиент ждёт вашего звонка: решение пока отложено.",
    "leaves": "Клиент ушёл недовольным.",
    "unfinished": "Разговор закончился раньше, чем клиент что-то решил.",
}
# what the headline says of a mistake: «в реплике 2 вы …» (a reply is a «реплика», as the screens call it)
MISTAKE_SAID = {
    "blame": "переложили вину на других", "argue": "спорили с клиентом",
    "passive": "сказали, что ничего не можете сделать", "dismissive": "отмахнулись от проблемы клиента",
    "promise": "пообещали то, за что не можете ручаться", "jargon": "говорили непонятными клиенту словами",
}
MISTAKE_FIX = {
    "blame": "Не перекладывайте вину на другой отдел или курьера: клиенту важно, кто решит его проблему. Скажите: "
             "«Я разберусь и сообщу вам результат сегодня до 18 часов».",
    "argue": "Не спорьте с клиентом и не ищите его ошибку: сначала признайте его недовольство, потом предложите "
             "решение.",
    "passive": "Вместо «ничего не могу сделать» скажите, что можете: «Этого я сделать не могу, но могу "
               "предложить…».",
    "dismissive": "Не отмахивайтесь от проблемы: для клиента она не «бывает», а случилась с ним. Признайте её и "
                  "предложите решение.",
    "promise": "Не обещайте того, за что не можете ручаться: пообещайте то, что сделаете сами, и назовите срок.",
    "jargon": "Говорите словами клиента: внутренние названия ему ничего не скажут. Объясните, что и когда "
              "произойдёт.",
}
MISSING_SAID = {
    "offer": "конкретного решения — что вы сделаете и когда", "empathy": "признания чувств клиента",
    "deadline": "срока — когда клиент получит решение", "agreement": "вопроса, устраивает ли клиента решение",
    "question": "уточняющего вопроса",
}
MISSING_FIX = {
    "offer": "Предложите конкретное решение: что вы сделаете и когда, например «Я оформлю доставку на завтра, "
             "до 12 часов».",
    "empathy": "Начните с признания чувств клиента: «Понимаю ваше недовольство, мне жаль, что так вышло».",
    "deadline": "Назовите срок к своему предложению: не «разберёмся», а «перезвоню сегодня до 18 часов».",
    "agreement": "Спросите, устраивает ли клиента решение: «Как вам такое предложение?».",
    "question": "Задайте уточняющий вопрос, прежде чем решать: «Подскажите, пожалуйста, номер заказа?».",
}
# what a review tells first: what turns a client against you, then the missing offer, then the rest
PRIORITY = ("blame", "argue", "passive", "dismissive", "missing:offer", "missing:empathy", "promise",
            "missing:deadline", "missing:agreement", "calm", "jargon", "missing:question")
MAX_FIXES = 3
QUOTE_WORDS = 14


@dataclass
class _Reply:
    """One reply as the review reads it."""

    number: int
    turn: ConversationTurn
    units: list[Unit]
    said: ReplyBehaviours
    seconds: float
    words: int
    words_per_min: float | None
    loudness_dbfs: float | None

    def quote_at(self, start: float | None) -> tuple[float | None, str]:
        """The sentence said at ``start`` (its start, and its words cut short for a quote)."""
        unit = next((u for u in self.units if start is not None and u.start <= start <= u.end), None)
        unit = unit or (self.units[0] if self.units else None)
        return (start if start is not None else (unit.start if unit else None)), _quote(unit)

    def last_sentence(self) -> tuple[float | None, str]:
        unit = self.units[-1] if self.units else None
        return (round(unit.start, 2) if unit else None), _quote(unit)

    def first_sentence(self) -> tuple[float | None, str]:
        unit = self.units[0] if self.units else None
        return (round(unit.start, 2) if unit else None), _quote(unit)


def review_conversation(turns: list[ConversationTurn], outcome: str | None, judge: Judge) -> ConversationReview:
    """The whole role play judged: ``turns`` are the candidate's replies in order, ``outcome`` the conversation's
    ending (None: it did not end)."""
    outcome = outcome if outcome in OUTCOME_TEXT else "unfinished"
    replies = [_reply(i, turn) for i, turn in enumerate(turns, 1)]
    calm = _calm(replies, judge)
    spoken = [reply for reply in replies if reply.words]
    fixes = _fixes(spoken, calm, outcome) if spoken else []
    return ConversationReview(
        outcome=outcome, outcome_text=OUTCOME_TEXT[outcome], headline=_headline(outcome, spoken, fixes),
        fixes=fixes,
        turns=[TurnReview(r.number, r.turn.client, r.turn.escalated, r.turn.report.transcript.text.strip(),
                          list(r.said.good), list(r.said.mistakes), round(r.seconds, 2), r.words_per_min,
                          r.loudness_dbfs) for r in replies],
        talk_share=_talk_share(replies), words_per_min=_pace(spoken), fillers_per_100_words=_fillers(spoken),
        calm=calm)


def _reply(number: int, turn: ConversationTurn) -> _Reply:
    report = turn.report
    words = report.transcript.words if report.transcript is not None else []
    pauses, tempo, loudness = report.pauses, report.tempo, report.loudness
    if pauses is not None and pauses.speech_start_s is not None and pauses.speech_end_s is not None:
        seconds = max(pauses.speech_end_s - pauses.speech_start_s, 0.0)
    else:
        seconds = report.duration_s if words else 0.0
    count = tempo.words if tempo is not None and tempo.words else len(words)
    return _Reply(number, turn, split_units(words) if words else [], reply_behaviours(report), seconds,
                  count if words else 0, tempo.words_per_min if tempo is not None else None,
                  loudness.rms_dbfs if loudness is not None else None)


def _talk_share(replies: list[_Reply]) -> float | None:
    candidate = sum(reply.seconds for reply in replies)
    client = sum(max(reply.turn.client_s, 0.0) for reply in replies)
    return round(candidate / (candidate + client), 3) if candidate + client > 0 else None


def _pace(replies: list[_Reply]) -> float | None:
    """Words per minute over all replies: all their words over all their minutes (not a mean of the rates)."""
    timed = [r for r in replies if r.words_per_min]
    minutes = sum(r.words / r.words_per_min for r in timed if r.words_per_min)
    return round(sum(r.words for r in timed) / minutes, 1) if minutes > 0 else None


def _fillers(replies: list[_Reply]) -> float | None:
    """Fillers per 100 words over all replies: all fillers over all words."""
    counted = [r for r in replies if r.turn.report.fillers is not None]
    words = sum(r.words for r in counted)
    fillers = sum(r.turn.report.fillers.count for r in counted if r.turn.report.fillers is not None)
    return round(fillers / words * 100, 1) if words else None


def _calm(replies: list[_Reply], judge: Judge) -> Calm:
    """The replies to a client who had just pressed harder against the others: pooled pace (only replies long
    enough for a pace, ``tempo_min_words``) and mean loudness. Nothing to say without both kinds of reply."""
    timed = [r for r in replies if r.words_per_min and r.words >= judge.norms.tempo_min_words]
    pace_change = _change_pct(_pooled([r for r in timed if r.turn.escalated]),
                              _pooled([r for r in timed if not r.turn.escalated]))
    heard = [r for r in replies if r.loudness_dbfs is not None and r.words]
    pressed = [r.loudness_dbfs for r in heard if r.turn.escalated and r.loudness_dbfs is not None]
    usual = [r.loudness_dbfs for r in heard if not r.turn.escalated and r.loudness_dbfs is not None]
    loudness_change = round(sum(pressed) / len(pressed) - sum(usual) / len(usual), 1) if pressed and usual else None
    if pace_change is None and loudness_change is None:
        return Calm()
    verdict = judge.under_pressure(pace_change, loudness_change)
    return Calm(pace_change, loudness_change, verdict, _calm_text(verdict, pace_change, loudness_change))


def _pooled(replies: list[_Reply]) -> float | None:
    minutes = sum(r.words / r.words_per_min for r in replies if r.words_per_min)
    return sum(r.words for r in replies) / minutes if minutes > 0 else None


def _change_pct(now: float | None, usual: float | None) -> float | None:
    return round((now / usual - 1) * 100, 1) if now is not None and usual else None


def _calm_text(verdict: str, pace_change: float | None, loudness_change: float | None) -> str:
    if verdict == "faster" and pace_change is not None:
        return (f"Когда клиент наседал, вы заговорили быстрее обычного — на {ru_number(pace_change, 0)} %. "
                "Сделайте паузу и держите свой темп.")
    if verdict == "louder" and loudness_change is not None:
        return (f"Когда клиент наседал, вы заговорили громче обычного — на {ru_number(loudness_change, 0)} дБ. "
                "Отвечайте на резкость ровным голосом.")
    return "Когда клиент наседал, вы говорили так же спокойно, как в остальных ответах."


def _fixes(replies: list[_Reply], calm: Calm, outcome: str) -> list[Fix]:
    """Up to three fixes, the most important first, each at its reply and moment. Nothing said to be missing from a
    conversation that ended in agreement: what a reply said is read from cue lists that miss what is said in other
    words (held out: a quarter of the behaviours found), and a client who agreed heard what mattered — telling such
    a candidate they never acknowledged the client would be wrong more often than right."""
    found: dict[str, Fix] = {}
    for reply in replies:  # a mistake: where it was first said
        for moment in reply.said.mistakes:
            if moment.key not in found:
                start, quote = reply.quote_at(moment.start)
                found[moment.key] = Fix(MISTAKE_FIX[moment.key], reply.number, start, quote, moment.key)
    heard = {key: next(((r, m) for r in replies if (m := r.said.first(key)) is not None), None) for key in cue.GOOD}
    first, last = replies[0], replies[-1]
    if heard["offer"] is None:
        found["missing:offer"] = Fix(MISSING_FIX["offer"], last.number, *last.last_sentence(), "missing:offer")
    if heard["empathy"] is None:
        found["missing:empathy"] = Fix(MISSING_FIX["empathy"], first.number, *first.first_sentence(),
                                       "missing:empathy")
    offered = heard["offer"]
    if offered is not None:
        reply, moment = offered
        if heard["deadline"] is None:
            found["missing:deadline"] = Fix(MISSING_FIX["deadline"], reply.number, *reply.quote_at(moment.start),
                                            "missing:deadline")
        if heard["agreement"] is None:
            last_offer = [r for r in replies if r.said.has("offer")][-1]
            found["missing:agreement"] = Fix(MISSING_FIX["agreement"], last_offer.number,
                                             *last_offer.last_sentence(), "missing:agreement")
    if heard["question"] is None and not (offered and heard["deadline"]):  # a settled offer needs no more asking
        found["missing:question"] = Fix(MISSING_FIX["question"], first.number, *first.last_sentence(),
                                        "missing:question")
    if calm.verdict in ("faster", "louder") and calm.text:
        pressed = next((r for r in replies if r.turn.escalated), None)
        if pressed is not None:
            found["calm"] = Fix(calm.text, pressed.number, *pressed.first_sentence(), "calm")
    if outcome == "agreement":
        found = {key: fix for key, fix in found.items() if not key.startswith("missing:")}
    return [found[key] for key in PRIORITY if key in found][:MAX_FIXES]


def _headline(outcome: str, replies: list[_Reply], fixes: list[Fix]) -> str:
    said = OUTCOME_TEXT[outcome]
    if not replies:
        return "Ответов клиенту не слышно — разговора не получилось."
    top = fixes[0].key if fixes else ""
    if top in MISTAKE_SAID:  # the client agreed despite it: it is still the first thing to change
        lead = "Прежде всего исправьте вот что" if outcome == "agreement" else "Больше всего помешало"
        return f"{said} {lead}: в реплике {fixes[0].turn} вы {MISTAKE_SAID[top]}."
    if top.startswith("missing:"):
        return f"{said} Не хватило главного: {MISSING_SAID[top.split(':')[1]]}."
    praise = _praise({key for r in replies for key in cue.GOOD if r.said.has(key)})
    return f"{said} {praise}" if praise else said


def _praise(heard: set[str]) -> str:
    """What went right, as the guides would say it; empty when too little did."""
    parts = []
    if "empathy" in heard:
        parts.append("признали недовольство клиента")
    if "offer" in heard:
        parts.append("предложили решение" + (" со сроком" if "deadline" in heard else ""))
        if "agreement" in heard:
            parts.append("спросили, устраивает ли оно клиента")
    if len(parts) < 2:
        return ""
    text = "Вы " + (", ".join(parts[:-1]) + " и " + parts[-1])
    return text + (" — так и советуют гайды." if len(parts) == 3 and "deadline" in heard else ".")


def _quote(unit: Unit | None) -> str:
    if unit is None:
        return ""
    words = unit.text.split()
    return " ".join(words[:QUOTE_WORDS]) + ("…" if len(words) > QUOTE_WORDS else "")
