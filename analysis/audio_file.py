"""Decode any audio file to the 16 kHz mono float32 signal the engine works on.

PyAV (FFmpeg) is used because it reads every container a candidate may bring
(wav, flac, mp3, ogg, m4a, webm) at any sample rate and channel count, and it
is already a dependency of faster-whisper.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from analysis.errors import AudioLoadError

logger = logging.getLogger(__name__)

ANALYSIS_SAMPLE_RATE = 16_000
# Longest recording analysed: an answer is minutes long; an hour of audio already takes ~5 min to transcribe
# here and 230 MB of memory, and a forgotten recorder's 3 hours would take a quarter of an hour.
MAX_DURATION_S = 3600.0


@dataclass(frozen=True)
class LoadedAudio:
    """A decoded file.

    Attributes
    ----------
    samples : np.ndarray, shape (n,), float32 in [-1, 1]
        Mono signal at ``sample_rate``.
    sample_rate : int
        Rate of ``samples`` (16 kHz unless asked otherwise).
    source_sample_rate, source_channels, source_format
        What the file itself contained, for the report.
    """

    samples: np.ndarray
    sample_rate: int
    source_sample_rate: int
    source_channels: int
    source_format: str

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


def load_audio(path: str | os.PathLike, *, sample_rate: int = ANALYSIS_SAMPLE_RATE,
               max_duration_s: float = MAX_DURATION_S) -> LoadedAudio:
    """Decode ``path`` to mono float32 at ``sample_rate``.

    Raises
    ------
    AudioLoadError
        With a one-line message for a missing file, a directory, a file that
        is not audio, a file without an audio track, a file with no samples,
        and one longer than ``max_duration_s`` (checked from the header when
        it says, and while decoding when it lies).
    """
    path = Path(path)
    if not path.exists():
        raise AudioLoadError(f"file not found: {path}")
    if path.is_dir():
        raise AudioLoadError(f"{path} is a folder, not an audio file")
    try:
        return _decode(path, sample_rate, max_duration_s)
    except AudioLoadError:
        raise
    except PermissionError:
        raise AudioLoadError(f"cannot read {path}: permission denied") from None
    except (av.FFmpegError, ValueError, OSError) as exc:
        logger.debug("decoding %s failed: %r", path, exc)
        raise AudioLoadError(
            f"cannot read audio from {path}: not an audio file or a damaged one "
            "(supported: wav, flac, mp3, ogg, m4a, webm)"
        ) from None


def _too_long(path: Path, seconds: float, limit: float) -> AudioLoadError:
    return AudioLoadError(f"{path} is {seconds / 60:.0f} min long; Sobes analyses recordings of up to "
                          f"{limit / 60:.0f} min: cut out the answer (e.g. sox in.wav out.wav trim START LENGTH)")


def _decode(path: Path, sample_rate: int, max_duration_s: float) -> LoadedAudio:
    with av.open(str(path), mode="r", metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise AudioLoadError(f"{path} has no audio track")
        if container.duration and container.duration / av.time_base > max_duration_s:
            raise _too_long(path, container.duration / av.time_base, max_duration_s)
        limit = int(max_duration_s * sample_rate)
        decoded = 0
        stream = container.streams.audio[0]
        codec = stream.codec_context  # None when the header names no codec FFmpeg knows
        source_rate = int(codec.sample_rate or 0) if codec is not None else 0
        source_channels = int(codec.channels or 0) if codec is not None else 0
        if source_rate <= 0 or source_channels <= 0:
            raise AudioLoadError(f"cannot read audio from {path}: its header is damaged (sample rate "
                                 f"{source_rate}, {source_channels} channels); export the recording again")
        resampler = av.AudioResampler(format="flt", layout="mono", rate=sample_rate)
        chunks: list[np.ndarray] = []
        for frame in container.decode(stream):
            frame.pts = None  # let the resampler restamp: broken pts must not drop audio
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
                decoded += len(chunks[-1])
            if decoded > limit:
                raise _too_long(path, decoded / sample_rate, max_duration_s)
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
        format_name = container.format.name

    samples = np.concatenate(chunks).astype(np.float32, copy=False) if chunks else np.zeros(0, np.float32)
    if samples.size == 0:
        raise AudioLoadError(f"{path} contains no audio (zero length): record the answer again")
    samples = _sanitize(samples, path)
    return LoadedAudio(samples, sample_rate, source_rate, source_channels, format_name)


def _sanitize(samples: np.ndarray, path: Path) -> np.ndarray:
    """Replace NaN/inf (possible in float WAVs) and clamp to [-1, 1]."""
    finite = np.isfinite(samples)
    if not finite.all():
        logger.warning("%s: %d non-finite samples replaced by silence", path, int((~finite).sum()))
        samples = np.where(finite, samples, 0.0).astype(np.float32)
    return np.clip(samples, -1.0, 1.0, out=samples if samples.flags.writeable else None)
