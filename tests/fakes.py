"""Stand-ins for the slow parts, for tests of what is built on them (never instead of testing the real part)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

VOCABULARY = ("я", "работал", "с", "клиентами", "и", "увеличил", "продажи", "на", "20%", "за", "год.")


@dataclass
class FakeWord:
    word: str
    start: float
    end: float
    probability: float = 0.9


@dataclass
class FakeSegment:
    start: float
    end: float
    text: str
    words: list[FakeWord] = field(default_factory=list)


class FakeWhisper:
    """Anything with faster-whisper's ``transcribe``: a word every 0.4 s where the audio is loud, from a fixed
    vocabulary. Deterministic and instant, so a session's logic is tested without the model."""

    def __init__(self):
        self.calls = 0

    def transcribe(self, samples, **_):
        self.calls += 1
        rate = 16_000
        frame = rate * 2 // 5
        words = []
        for i in range(len(samples) // frame):
            chunk = samples[i * frame:(i + 1) * frame]
            if chunk.size and float(np.sqrt(np.mean(np.square(chunk)))) > 0.01:
                start = i * frame / rate
                words.append(FakeWord(VOCABULARY[len(words) % len(VOCABULARY)], start + 0.05, start + 0.35))
        if not words:
            return iter(()), None
        segment = FakeSegment(words[0].start, words[-1].end, " ".join(w.word for w in words), words)
        return iter([segment]), None
