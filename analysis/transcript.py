"""Recognised words with their times: what the transcriber gives every analysis."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Word:
    """A recognised word with its time span in seconds from the start of the file."""

    word: str
    start: float
    end: float
    probability: float


@dataclass
class Transcript:
    text: str
    words: list[Word] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, seconds: float) -> Transcript:
        """A written answer as if it had been said in ``seconds``, its words evenly spaced: what the content
        coaching reads when there is no audio (``sobes coach``)."""
        said = text.split()
        step = seconds / max(len(said), 1)
        return cls(" ".join(said), [Word(w, round(i * step, 3), round((i + 0.8) * step, 3), 1.0)
                                    for i, w in enumerate(said)])
