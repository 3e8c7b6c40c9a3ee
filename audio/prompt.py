"""What the interviewer says, as a signal ready to play: rendered, decoded, and through the phone line if asked."""

from __future__ import annotations

import numpy as np

from sobes.audio import cues
from sobes.audio.voice import render_prompt
from sobes.core.audio_file import load_audio

CUE_RATE = 16_000
CUES = {"start": cues.start_beep, "think_over": cues.think_over, "end_of_time": cues.end_of_time,
        "ring": lambda: cues.ringing_tone(rings=1)}


def prompt_signal(text: str, *, phone: bool = False) -> tuple[np.ndarray, int]:
    """The question spoken by the interviewer's voice; ``VoiceError`` when no voice can say it."""
    audio = load_audio(render_prompt(text))
    if not phone:
        return audio.samples, audio.sample_rate
    from sobes.audio.telephone import telephone_channel  # scipy.signal: deferred, 0.5 s to import

    return telephone_channel(audio.samples, audio.sample_rate), audio.sample_rate


def cue_signal(name: str) -> tuple[np.ndarray, int]:
    """A session's short sound: ``start`` (speak now), ``think_over`` (the recording started by itself),
    ``end_of_time``, ``ring`` (a phone call)."""
    return CUES[name](), CUE_RATE
