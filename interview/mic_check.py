"""The microphone check: a few seconds recorded, the voice's level judged as the answers are judged (the same
judge, the same norms), and the recording heard back from memory; nothing is kept."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sobes.analysis.judge import Judge
from sobes.audio.recorder import Level
from sobes.audio.telephone import telephone_channel
from sobes.core.audio_file import LoadedAudio
from sobes.interview.scratch import ScratchRecording

CHECK_S = 3.0  # long enough for a phrase, short enough not to bore
ADVICE = {"quiet": "Слишком тихо: придвиньтесь к микрофону или поднимите его уровень в настройках звука.",
          "loud": "Слишком громко, звук искажается: отодвиньтесь или уменьшите уровень микрофона.",
          "ok": "Микрофон в порядке: вас хорошо слышно.",
          "silent": "Голоса не слышно: проверьте, что выбран нужный микрофон (Настройки) и он включён."}


@dataclass(frozen=True)
class MicResult:
    judged: str  # silent | quiet | ok | loud
    advice: str  # what to do, in Russian
    audio: LoadedAudio | None  # the check itself, to hear oneself (in memory only)


def as_heard(audio: LoadedAudio, *, phone: bool) -> LoadedAudio:
    """The check as the interviewer will hear it: as recorded, or through a telephone line (narrow band, line
    noise, the codec) for a phone session, so the candidate hears what the recruiter on the line will."""
    if not phone:
        return audio
    return replace(audio, samples=telephone_channel(audio.samples, audio.sample_rate))


class MicrophoneCheck:
    """``start`` and ``finish`` block (run them on a worker); ``level`` is for a meter, from any thread."""

    def __init__(self, judge: Judge, *, device: str | None = None, backend=None, seconds: float = CHECK_S):
        self.judge, self.seconds = judge, seconds
        self._recording = ScratchRecording("mic-check", device=device, backend=backend)

    def start(self) -> None:
        self._recording.start()

    def level(self) -> tuple[Level, str]:
        """The live level and what it means, by the judge's norms."""
        level = self._recording.level()
        return level, self.judge.level(level.speech_dbfs, level.clipped_ratio)

    def left_s(self) -> float:
        return max(0.0, self.seconds - self._recording.level().seconds)

    def finish(self) -> MicResult:
        result, audio = self._recording.stop()
        level = self._recording.level()
        judged = self.judge.level(level.speech_dbfs, result.clipped_ratio)
        return MicResult(judged, ADVICE[judged], audio)
