"""One recorded answer — a take — as one object, from the microphone to the review.

A take is stored the moment its recording starts (``History.start_take``):
its row and its file name exist before the first sample, so whatever
happens next (a stop, a crash, a closed window, a retry, a lost device, a
full disk) only changes its state. The same object then carries what
streaming made of it, its 16 kHz audio (decoded once, for analysis and
playback), its report and its error.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sobes.analysis.report import Report
from sobes.analysis.speech_activity import silero_probabilities
from sobes.analysis.streaming import Streamed
from sobes.core.audio_file import LoadedAudio, load_audio
from sobes.interview.session import Step

SPEECH_PROBABILITY = 0.5  # Silero's speech probability over which a 32 ms window holds a voice
SPOKEN_S = 0.3  # that much voice in a take is an answer begun (a cough or a click is shorter)
_SILERO_WINDOW_S = 512 / 16_000

# A take's states, as stored in the history (a discarded take has no row any more)
RECORDING, RECORDED, ANALYZED, FAILED, DISCARDED = "recording", "recorded", "analyzed", "failed", "discarded"


@dataclass(eq=False)
class Take:
    id: int  # the history row
    session_id: int
    step: Step  # the question it answers
    path: Path
    attempt: int = 1  # the how-many-th answer to this question in this session
    state: str = RECORDING
    seconds: float = 0.0
    rate: int = 0  # the device's sample rate
    streamed: Streamed | None = None  # what streaming made of it while it was recorded
    report: Report | None = None
    error: str | None = None  # why recording stopped early or analysis failed (Russian)
    recorded_at: str = ""  # when it was recorded (ISO, UTC), for a past answer reopened from the history
    started_by_itself: bool = False  # the think time ran out: the candidate may have missed the start
    _audio: LoadedAudio | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def audio(self) -> LoadedAudio:
        """The answer at 16 kHz: streamed while recorded, else decoded from the file once and kept."""
        with self._lock:
            if self._audio is None:
                self._audio = self.streamed.audio if self.streamed is not None else load_audio(self.path)
            audio: LoadedAudio = self._audio
            return audio

    def heard_speech(self) -> bool:
        """Whether the candidate said anything: ``SPOKEN_S`` of voice by Silero (streaming's own probabilities
        when the take was streamed; otherwise run here, on a background thread: a second per minute of audio).
        A take that decides nothing by it (the analysis judges every answer the candidate ended) never asks."""
        if self.seconds <= 0:
            return False
        if self.streamed is not None:
            probabilities = self.streamed.probabilities
        else:
            try:
                probabilities = silero_probabilities(self.audio().samples)
            except Exception:  # an unreadable file is the analysis' to report: kept, as if spoken
                return True
        voiced = int((probabilities > SPEECH_PROBABILITY).sum())
        return voiced * _SILERO_WINDOW_S >= SPOKEN_S


def new_recording_path(folder: Path, session_id: int, question_id: str) -> Path:
    """A file name no other take will ever have: a session number and a count can both start over
    (a history rebuilt after damage), a random part cannot."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"session{session_id}-{question_id}-{stamp}-{uuid.uuid4().hex[:8]}.wav"
