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
