"""A recording made for a moment — the microphone check, the tempo calibration — never an answer.

It goes to a private scratch file while recording (the recorder writes as it
goes, so nothing half-recorded sits in memory), is read back into memory when
it stops, and the file is deleted at once: nothing a check recorded stays on
disk.
"""

from __future__ import annotations

from sobes.audio.recorder import Level, Recorder, RecordingResult
from sobes.core.audio_file import LoadedAudio, load_audio
from sobes.interview.paths import scratch_wav


class ScratchRecording:
    def __init__(self, kind: str, *, device: str | None = None, backend=None):
        self.path = scratch_wav(kind)
        self.recorder = Recorder(self.path, device=device or None, backend=backend)

    def start(self) -> None:
        """Open the microphone; returns once audio flows (``AudioDeviceError`` if it does not). On a worker."""
        try:
            self.recorder.start()
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise

    def level(self) -> Level:
        return self.recorder.level()

    def stop(self) -> tuple[RecordingResult, LoadedAudio | None]:
        """Stop, read what was recorded into memory (None when nothing was) and delete the file. On a worker."""
        try:
            result = self.recorder.stop()
            return result, (load_audio(self.path) if result.seconds > 0 else None)
        finally:
            self.path.unlink(missing_ok=True)
