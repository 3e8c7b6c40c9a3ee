"""What the interviewer says, as a signal ready to play: rendered, decoded, and through the phone line if asked."""

from __future__ import annotations

import numpy as np

from sobes.audio import cues
from sobes.audio.voice import render_prompt
from sobes.core.audio_file import load_audio

CUE_RATE = 16_000
# The client in a role play speaks with the same Festival voice (festvox-ru has one), raised by two semitones and
# a little quicker, so a candidate hears who is talking: an upset client, not the interviewer
CLIENT_SHIFT = 2 ** (2 / 12)
CUES = {"start": cues.start_beep, "think_over": cues.think_over, "end_of_time": cues.end_of_time,
        "ring": lambda: cues.ringing_tone(rings=1)}


def prompt_signal(text: str, *, phone: bool = False, voice: str = "interviewer") -> tuple[np.ndarray, int]:
    """The question spoken by the interviewer's voice, or a role play's line by the client's (``voice``);
    ``VoiceError`` when no voice can say it."""
    audio = load_audio(render_prompt(text))
    samples = audio.samples if voice == "interviewer" else shifted(audio.samples, CLIENT_SHIFT)
    if not phone:
        return samples, audio.sample_rate
    from sobes.audio.telephone import telephone_channel  # scipy.signal: deferred, 0.5 s to import

    return telephone_channel(samples, audio.sample_rate), audio.sample_rate


def shifted(samples: np.ndarray, factor: float) -> np.ndarray:
    """``samples`` played ``factor`` times faster at the same rate: pitch and pace both rise by ``factor``
    (a tape sped up; enough to tell two speakers apart, and it costs a millisecond)."""
    if len(samples) < 2:
        return samples
    positions = np.arange(0, len(samples) - 1, factor)
    return np.interp(positions, np.arange(len(samples)), samples).astype(samples.dtype)


def cue_signal(name: str) -> tuple[np.ndarray, int]:
    """A session's short sound: ``start`` (speak now), ``think_over`` (the recording started by itself),
    ``end_of_time``, ``ring`` (a phone call)."""
    return CUES[name](), CUE_RATE
