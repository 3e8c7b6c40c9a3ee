"""What a reply in a role play contains: the guides' behaviours and mistakes, each with the words that show it.

A role play's client answers back (``interview.conversation``): what the
client says next depends on what the candidate's reply held or lacked — an
acknowledgement of the client's feelings, a clarifying question, a concrete
offer with a deadline, or blame and an argument. This module reads that from
the reply's analysis, reusing the role-play checklist (``kinds.KINDS["role_play"]``)
that judges any such reply, so the conversation and the coaching never
disagree about what was said.
"""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.report import Report

# the role-play checklist's items, as the behaviours a conversation reacts to
GOOD_ITEMS = {"empathy": "empathy", "question": "question", "proposal": "offer", "next_step": "deadline",
              "close": "agreement"}
# an ``absent`` item broken by what was said: a mistake
MISTAKE_ITEMS = {"tone": "blame"}
MISTAKES = frozenset({"blame", "argue", "passive", "promise", "jargon", "filler_phrase"})


@dataclass(frozen=True)
class Moment:
    """One behaviour or mistake found in a reply."""

    key: str  # empathy | question | offer | deadline | agreement | … ; blame | …
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

    @classmethod
    def of(cls, *keys: str) -> ReplyBehaviours:
        """A reply that showed ``keys`` (behaviours, or mistakes such as "blame"), with no words: for a client's
        reaction decided without a transcript, and for tests."""
        moments = [Moment(key, key, "") for key in keys]
        return cls(tuple(m for m in moments if m.key not in MISTAKES), tuple(m for m in moments if m.key in MISTAKES))


def reply_behaviours(report: Report) -> ReplyBehaviours:
    """The behaviours and mistakes of one reply, from its content analysis (none when nothing was said)."""
    content = report.content
    if content is None:
        return ReplyBehaviours()
    good, mistakes = [], []
    for item in content.items:
        if item.key in GOOD_ITEMS and item.covered and item.evidence:
            good.append(Moment(GOOD_ITEMS[item.key], item.label, item.evidence, item.start))
        elif item.key in MISTAKE_ITEMS and item.absent and not item.covered and item.evidence:
            mistakes.append(Moment(MISTAKE_ITEMS[item.key], item.label, item.evidence, item.start))
    return ReplyBehaviours(tuple(good), tuple(mistakes))
