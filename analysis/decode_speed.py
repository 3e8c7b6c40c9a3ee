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

# Seconds to decode on a quiet machine (2 cores, base int8, the demo answer cut at 2–28 s), as (fixed, per audio
# second) for each beam size: calibrated here (docs/performance.md).
QUIET_COST = {5: (0.6, 0.13), 1: (0.55, 0.07)}


@dataclass
class DecodeSpeed:
    """A moving estimate of how much slower than on a quiet machine decoding runs now.

    ``weight``: the share of the newest decoding in the estimate (calibrated here: 0.5 follows a load that
    starts or ends within two pieces).
    """

    weight: float = 0.5
    slowdown: float = 1.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, beam_size: int, audio_s: float, decode_s: float) -> None:
        """One decoding of ``audio_s`` seconds that took ``decode_s`` seconds."""
        measured = decode_s / _quiet_seconds(beam_size, audio_s)
        with self._lock:
            self.slowdown = (1 - self.weight) * self.slowdown + self.weight * measured

    def seconds(self, beam_size: int, audio_s: float) -> float:
        """Expected seconds to decode ``audio_s`` seconds of audio with ``beam_size`` now."""
        return _quiet_seconds(beam_size, audio_s) * self.slowdown


def _quiet_seconds(beam_size: int, audio_s: float) -> float:
    fixed, per_second = QUIET_COST.get(beam_size, QUIET_COST[5])
    return fixed + per_second * audio_s
