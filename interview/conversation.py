"""The client's side of a role play: what the client says next, from what the candidate's last reply held.

The guides judge a role play by what the candidate does with an upset
client: acknowledging the emotion calms, a clarifying question gets the
detail, a concrete offer with a deadline is tested and then accepted, blame
or an argument escalates, and a client who is ignored or blamed twice leaves.
The lines are the scenario's (``interview.scenarios``); which one comes is
decided here, from the reply's behaviours (``analysis.content.conversation``)
and from what was said earlier in the conversation (an apology made in the
first reply need not be repeated in the third).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.content.conversation import ReplyBehaviours
from sobes.interview.scenarios import Scenario

CALM, UPSET, LEAVING = 0, 1, 3  # the client's mood: upset at the start, leaves at LEAVING
MAX_REPLIES = 5  # the guides' role play is 15-20 minutes with briefing and debrief: five replies end it anyway
ESCALATING = ("blame", "argue", "passive", "dismissive")  # mistakes the client hears as a brush-off


@dataclass(frozen=True)
class ClientLine:
    kind: str  # opening | detail | one of scenarios.LINES | one of scenarios.ENDINGS
    text: str
    mood: int
    ending: str | None = None  # agreement | callback | leaves: the conversation ends with this line
    escalated: bool = False  # the client is angrier than before


@dataclass
class Conversation:
    scenario: Scenario
    mood: int = UPSET
    replies: int = 0
    outcome: str | None = None  # agreement | callback | leaves once ended
    said: list[str] = field(default_factory=list)  # the kinds of line said so far
    _heard: set[str] = field(default_factory=set)  # behaviours said in any reply so far

    @property
    def ending_line(self) -> str | None:
        """What the client said last, once the conversation has ended."""
        return self.scenario.endings[self.outcome] if self.outcome is not None else None

    def opening(self) -> ClientLine:
        return self._say("opening")

    def answer(self, reply: ReplyBehaviours, *, heard: bool = True) -> ClientLine:
        """The client's next line after ``reply``; one with ``ending`` set ends the conversation. ``heard``: the
        reply had words (silence, or speech nobody could make out, is never agreed to or waited for)."""
        if self.outcome is not None:
            raise RuntimeError("the conversation has ended")
        self.replies += 1
        said_now = {key for key in ("empathy", "question", "offer", "deadline", "agreement") if reply.has(key)}
        self._heard |= said_now
        line = self._react(reply, said_now) if heard else self._silence()
        if line.ending is None and self.replies >= MAX_REPLIES:
            return self._end(self._outcome_so_far())
        return line

    # --- the client's reaction -----------------------------------------------------------------
    def _react(self, reply: ReplyBehaviours, said_now: set[str]) -> ClientLine:
        if any(reply.has(mistake) for mistake in ESCALATING):
            return self._angrier("escalate")
        concrete = "offer" in self._heard and "deadline" in self._heard and bool(said_now & {"offer", "deadline"})
        if "test" in self.said:  # the offer was tested: the answer to the test decides
            return self._end("agreement" if said_now else "callback")
        if concrete:
            return self._say("test")
        if "offer" in said_now and "vague" not in self.said:
            return self._say("vague")
        if "deadline" in said_now and "detail" in self.said:  # «я всё проверю и перезвоню в течение часа»
            return self._end("callback")
        if "question" in said_now and "detail" not in self.said:
            if "empathy" in said_now:
                self.mood = max(CALM, self.mood - 1)
            return self._say("detail")
        # nothing that moves the talk on: the client asks for a solution first, and gets angrier the second time.
        # Not angrier at once: an acknowledgement said in words the cue lists do not know is missed (a reply is
        # read from cues, analysis.content.conversation), and a client who snaps at a kind reply is worse than
        # one who waits a turn
        return self._silence()

    def _silence(self) -> ClientLine:
        """Nothing the client can use came back, or no words at all: «Так что вы предлагаете?» once, then an angrier
        client (after a tested offer, too: the walkthrough's unheard reply was answered «Хорошо, жду вашего
        звонка»)."""
        return self._say("push") if "push" not in self.said else self._angrier("angrier")

    def _outcome_so_far(self) -> str:
        """How a conversation cut off by its length ends: an offer with a deadline holds, a promised call is
        waited for, a client who heard neither leaves."""
        if {"offer", "deadline"} <= self._heard:
            return "agreement"
        return "callback" if self._heard & {"deadline", "offer"} and self.mood < LEAVING else "leaves"

    def _angrier(self, kind: str) -> ClientLine:
        self.mood += 1
        if self.mood >= LEAVING or kind in self.said:  # the same brush-off twice: the client has heard enough
            return self._end("leaves")
        return self._say(kind, escalated=True)

    def _say(self, kind: str, *, escalated: bool = False) -> ClientLine:
        self.said.append(kind)
        texts = {"opening": self.scenario.opening, "detail": self.scenario.detail, **self.scenario.lines}
        return ClientLine(kind, texts[kind], self.mood, escalated=escalated)

    def _end(self, outcome: str) -> ClientLine:
        self.outcome = outcome
        self.said.append(outcome)
        if outcome == "leaves":
            self.mood = LEAVING
        return ClientLine(outcome, self.scenario.endings[outcome], self.mood, ending=outcome,
                          escalated=outcome == "leaves")
