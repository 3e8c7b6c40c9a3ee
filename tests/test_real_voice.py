"""Decisions that a voice changes, held on a real one (tests/fixtures/real: read speech, telephone band).

Read speech has no fillers and no hesitations, so every one found here is a false alarm; its pitch is
compared with librosa's pYIN in bench/real_pitch.py, and its transcription with faster-whisper's defaults
in bench/real_speech.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sobes.analysis.delivery import analyze_delivery
from sobes.core.audio_file import load_audio
from tests.judges import DEFAULT

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
TRUTH = json.loads((REAL / "truth.json").read_text(encoding="utf-8"))
# a few of each kind: long instructions, short ones with digits, one that starts speaking at once
SAMPLE = ["demo-instruct.flac", "vm-msginstruct.flac", "vm-forward.flac", "vm-saveoper.flac", "dir-intro-fn.flac",
          "confbridge-begin-glorious-a.flac", "screen-callee-options.flac", "tt-allbusy.flac"]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_speech_is_found_and_measured_on_every_real_recording(name):
    """Speech activity must not take the voice for noise: a read prompt is speech from end to end.

    (With 0.3 s of "quiet" enough to estimate the noise floor, two prompts that start speaking at once had
    their floor taken from the edges of words, 8 dB under the voice, and lost 80 % of their speech.)"""
    audio = load_audio(REAL / name)
    metrics = analyze_delivery(audio.samples, 16_000, [], DEFAULT)
    assert metrics.pitch.median_hz is not None and 150 < metrics.pitch.median_hz < 300  # a female voice
    speech_s = (metrics.pauses.speech_end_s or 0) - (metrics.pauses.speech_start_s or 0) - metrics.pauses.total_s
    assert speech_s > 0.5 * audio.duration_s


def test_no_filler_or_hesitation_is_invented_on_read_speech(analyzer):
    invented = []
    for name in SAMPLE:
        report = analyzer.analyze_file(REAL / name)
        invented += [(name, item.text, item.start) for item in report.fillers.items]
    assert len(invented) <= 1, invented  # read prompts: any filler is a false alarm
