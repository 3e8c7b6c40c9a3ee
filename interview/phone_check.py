"""How a candidate comes across on the phone: their answer as the interviewer hears it.

The recording is passed through the telephone channel and analysed again;
the two transcripts are compared (words the line lost) and so are the levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.engine import Analyzer
from sobes.analysis.wer import word_error_rate, words_of
from sobes.audio.telephone import telephone_channel
from sobes.core.audio_file import LoadedAudio


@dataclass
class PhoneCheck:
    agreement: float  # 1 - word error rate of the phone transcript against the direct one
    direct_text: str
    phone_text: str
    direct_rms_dbfs: float | None
    phone_rms_dbfs: float | None
    phone_snr_db: float | None
    quieter_db: float | None  # how much quieter the line makes the answer, when the ear notices (Judge)


def check_through_phone(analyzer: Analyzer, audio: LoadedAudio, *, law: str = "alaw", direct=None) -> PhoneCheck:
    """``direct`` is the answer's own report when it exists already (the review has it)."""
    direct = direct or analyzer.analyze_audio(audio, "direct")
    line = telephone_channel(audio.samples, audio.sample_rate, law=law)
    phone = analyzer.analyze_audio(LoadedAudio(line, audio.sample_rate, 8_000, 1, "telephone"), "phone")
    error = word_error_rate(words_of(direct.transcript.text), words_of(phone.transcript.text))
    return PhoneCheck(
        agreement=round(max(0.0, 1.0 - error), 3),
        direct_text=direct.transcript.text,
        phone_text=phone.transcript.text,
        direct_rms_dbfs=direct.loudness.rms_dbfs if direct.loudness else None,
        phone_rms_dbfs=phone.loudness.rms_dbfs if phone.loudness else None,
        phone_snr_db=phone.loudness.snr_db if phone.loudness else None,
        quieter_db=analyzer.judge.quieter_on_phone(direct.loudness.rms_dbfs if direct.loudness else None,
                                                   phone.loudness.rms_dbfs if phone.loudness else None),
    )
