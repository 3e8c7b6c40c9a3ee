"""How fast this machine decodes just now, so that work a candidate may wait for is only as slow as it can afford.

On a quiet machine beam search decodes an answer at about a fifth of real time;
with two other busy programs on two cores it is two to three times slower, and
the same choice that costs a second quiet keeps the candidate waiting for
several. Every decoding is timed; the estimate is the time the decoding takes
on a quiet machine, scaled by how much slower than that the recent decodings
were. A decoding costs a fixed part (Whisper's encoder always reads a 30 s
window) and a part per second of audio.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sobes.analysis.transcribe import TranscribeOptions

# Seconds to decode on a quiet machine (2 cores, base int8, the demo answer cut at 2–28 s), as (fixed, per audio
# second) for each (beam size, short window): calibrated here (docs/performance.md). A short window has almost no
# fixed part: the encoder reads the audio, not 30 s (Festival and real pieces of 4–17 s, 2026-12-06).
QUIET_COST = {(5, False): (0.6, 0.13), (1, False): (0.55, 0.07), (1, True): (0.1, 0.09)}


@dataclass
class DecodeSpeed:
    """A moving estimate of how much slower than on a quiet machine decoding runs now.

    ``weight``: the share of the newest decoding in the estimate (calibrated here: 0.5 follows a load that
    starts or ends within two pieces).
    """

    weight: float = 0.5
    slowdown: float = 1.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, options: TranscribeOptions, audio_s: float, decode_s: float) -> None:
        """One decoding of ``audio_s`` seconds with ``options`` that took ``decode_s`` seconds.

        A short window's time is not taken: without the 30 s encoder pass it goes with how much of the audio is
        speech, not with its length (10.8 s of a Festival answer in 0.59 s with two busy programs beside it, 8 s
        of the real voice in 0.9 s quiet), and taken, it read a busy machine as quiet: beam search was chosen
        for a tail that the stop then waited 2.4 s for."""
        if options.encoder_margin_s is not None:
            return
        measured = decode_s / _quiet_seconds(options, audio_s)
        with self._lock:
            self.slowdown = (1 - self.weight) * self.slowdown + self.weight * measured

    def seconds(self, options: TranscribeOptions, audio_s: float) -> float:
        """Expected seconds to decode ``audio_s`` seconds of audio with ``options`` now."""
        return _quiet_seconds(options, audio_s) * self.slowdown


def _quiet_seconds(options: TranscribeOptions, audio_s: float) -> float:
    beam = 1 if options.beam_size == 1 else 5
    fixed, per_second = QUIET_COST.get((beam, options.encoder_margin_s is not None), QUIET_COST[beam, False])
    return fixed + per_second * audio_s
