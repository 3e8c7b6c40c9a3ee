"""Decode any audio file to the 16 kHz mono float32 signal the engine works on.

PyAV (FFmpeg) is used because it reads every container a candidate may bring
(wav, flac, mp3, ogg, m4a, webm) at any sample rate and channel count, and it
is already a dependency of faster-whisper. The file is opened by Python and
handed to FFmpeg as a stream of bytes, so a name like ``tcp:…`` or
``http:…`` is a local file, never an address.

A damaged recording is used as far as it decodes: packets that fail are
skipped, FFmpeg's own error reports are counted, and the result carries a
warning that says how much could be read.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sobes.core.buffer import SampleBuffer
from sobes.core.errors import AudioLoadError, InputError
from sobes.core.files import open_regular_file
from sobes.core.numbers import ru_number
from sobes.core.resample import Resampler

logger = logging.getLogger(__name__)

ANALYSIS_SAMPLE_RATE = 16_000
# Longest recording analysed: an answer is minutes long; an hour already takes ~5 min to transcribe here,
# and a forgotten recorder's 3 hours would take a quarter of an hour. An hour at 16 kHz is 230 MB of samples
# (the analysis of it peaks higher: docs/performance.md).
MAX_DURATION_S = 3600.0
_MAX_DAMAGED_PACKETS = 1000  # past this the file is noise, not a damaged recording
_CUT_TOLERANCE_S = 0.5  # decoders' padding and a header's rounding stay well within this
_PROBE_BYTES = 65_536  # a WAV's chunks before its data, an Ogg stream's last page (at most 65 307 bytes)


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
    warnings : tuple of str
        What the candidate should know about the input (a damaged part skipped), in Russian.
    """

    samples: np.ndarray
    sample_rate: int
    source_sample_rate: int
    source_channels: int
    source_format: str
    warnings: tuple[str, ...] = ()

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


def load_audio(path: str | os.PathLike, *, sample_rate: int = ANALYSIS_SAMPLE_RATE,
               max_duration_s: float = MAX_DURATION_S) -> LoadedAudio:
    """Decode ``path`` to mono float32 at ``sample_rate``.

    Raises
    ------
    AudioLoadError
        With a one-line message for a missing file, a folder, a FIFO or device, a file that
        is not audio, a file without an audio track, a file with no samples,
        and one longer than ``max_duration_s`` (checked from the header when
        it says, and while decoding when it lies).
    """
    import av  # FFmpeg: loaded on the first file decoded, not by every command that imports the core

    name = os.fspath(path)
    try:
        source = open_regular_file(path, what="аудиофайл")
    except InputError as exc:
        raise AudioLoadError(str(exc)) from None
    try:
        with source:
            return _decode(source, Path(name), sample_rate, max_duration_s)
    except AudioLoadError:
        raise
    except (av.FFmpegError, ValueError, OSError) as exc:
        logger.debug("decoding %s failed: %r", name, exc)
        raise AudioLoadError(
            f"не удалось прочитать звук из {name}: это не аудиофайл или он повреждён "
            "(подходят wav, flac, mp3, ogg, m4a, webm)"
        ) from None


def _too_long(path: Path, seconds: float | None, limit: float) -> AudioLoadError:
    """``seconds``: the length the file's header gives; None when it gives none and decoding stopped at the limit
    (a 3-hour file was said to last "60 мин")."""
    length = f"длится {seconds / 60:.0f} мин" if seconds is not None else f"длится дольше {limit / 60:.0f} мин"
    return AudioLoadError(f"{path} {length}; Собес анализирует записи до {limit / 60:.0f} мин: "
                          "вырежьте сам ответ (например, sox in.wav out.wav trim НАЧАЛО ДЛИНА)")


def _decode(source, path: Path, sample_rate: int, max_duration_s: float) -> LoadedAudio:
    import av
    import av.logging

    cut_short = _ends_early(source)
    previous_level = av.logging.get_level()
    av.logging.set_level(av.logging.ERROR)  # FFmpeg's own reports of damage, captured below
    try:
        with (av.logging.Capture(True) as ffmpeg_errors,
              av.open(source, mode="r", metadata_errors="ignore") as container):
            if not container.streams.audio:
                raise AudioLoadError(f"в {path} нет звуковой дорожки")
            header_s = container.duration / av.time_base if container.duration else None
            if header_s and header_s > max_duration_s:
                raise _too_long(path, header_s, max_duration_s)
            stream = container.streams.audio[0]
            codec = stream.codec_context  # None when the header names no codec FFmpeg knows
            source_rate = int(codec.sample_rate or 0) if codec is not None else 0
            source_channels = int(codec.channels or 0) if codec is not None else 0
            if source_rate <= 0 or source_channels <= 0:
                raise AudioLoadError(f"не удалось прочитать звук из {path}: заголовок файла повреждён (частота "
                                     f"{source_rate} Гц, каналов {source_channels}); сохраните запись заново")
            samples, failed = _decode_stream(container, stream, path, source_rate, sample_rate, max_duration_s,
                                             expected_s=header_s)
            format_name = container.format.name
    finally:
        av.logging.set_level(previous_level)
    if samples.size == 0:
        raise AudioLoadError(f"в {path} нет звука (нулевая длина): запишите ответ ещё раз")
    damaged = failed + sum(1 for level, _, _ in ffmpeg_errors if level <= av.logging.ERROR)
    decoded_s = samples.size / sample_rate
    warnings: tuple[str, ...] = ()
    if damaged:
        warnings = (_damage_warning(decoded_s, header_s),)
        logger.warning("%s: %d damaged places skipped", path.name, damaged)
    elif cut_short or (header_s and header_s > decoded_s + _CUT_TOLERANCE_S):
        longer = header_s if header_s and header_s > decoded_s + _CUT_TOLERANCE_S else None
        warnings = (_cut_warning(decoded_s, longer),)
        logger.warning("%s: the file ends before its header says (%.1f s decoded)", path.name, decoded_s)
    return LoadedAudio(_sanitize(samples, path), sample_rate, source_rate, source_channels, format_name, warnings)


def _decode_stream(container, stream, path: Path, source_rate: int, sample_rate: int, max_duration_s: float, *,
                   expected_s: float | None) -> tuple[np.ndarray, int]:
    """The stream as mono float32 at ``sample_rate``, and how many packets failed to decode."""
    import av

    resampler = Resampler(source_rate, sample_rate)
    out = SampleBuffer(int(min(expected_s or 60.0, max_duration_s) * sample_rate) + sample_rate)
    limit = int(max_duration_s * sample_rate)
    failed = 0
    packets = container.demux(stream)
    while failed <= _MAX_DAMAGED_PACKETS:
        try:
            packet = next(packets)
        except StopIteration:
            break
        except av.FFmpegError as exc:  # the container itself breaks off here: keep what came before
            logger.debug("demuxing %s stopped: %r", path.name, exc)
            failed += 1
            break
        try:
            frames = packet.decode()
        except av.FFmpegError as exc:
            logger.debug("a damaged packet in %s skipped: %r", path.name, exc)
            failed += 1
            continue
        for frame in frames:
            out.append(resampler.push(_mono(frame)))
        if len(out) > limit:
            raise _too_long(path, None, max_duration_s)
    out.append(resampler.flush())
    return out.samples(), failed


def _mono(frame) -> np.ndarray:
    """One audio frame of any sample format and channel count, averaged to mono float32 in [-1, 1]."""
    data = frame.to_ndarray()
    channels = len(frame.layout.channels)
    if not frame.format.is_planar:
        data = data.reshape(-1, channels).T
    if data.dtype == np.uint8:
        data = (data.astype(np.float32) - 128.0) / 128.0
    elif np.issubdtype(data.dtype, np.integer):
        data = data.astype(np.float32) / float(np.iinfo(data.dtype).max + 1)
    return data.mean(axis=0, dtype=np.float32) if channels > 1 else data.reshape(-1).astype(np.float32, copy=False)


def _damage_warning(decoded_s: float, header_s: float | None) -> str:
    got = ru_number(decoded_s)
    if header_s and header_s > decoded_s + 0.5:
        whole = ru_number(header_s)
        return f"Запись повреждена: разобрано {got} с из {whole} с, остальное пропущено. Отчёт — по этой части."
    return f"Запись повреждена: испорченные места пропущены, разобрано {got} с. Отчёт — по этой части."


def _cut_warning(decoded_s: float, header_s: float | None) -> str:
    whole = f" из {ru_number(header_s)} с" if header_s else ""
    return (f"Запись обрывается: файл сохранён не до конца, разобрано {ru_number(decoded_s)} с{whole}. "
            "Отчёт — по этой части.")


def _ends_early(source) -> bool:
    """Whether the file stops before its own structure says it ends (a copy or a save cut short).

    FFmpeg decodes such a file without a word: a WAV's length comes from the bytes present, an Ogg file
    has no length in its header at all. So the bytes are asked: a WAV's data chunk declares its size, an
    Ogg stream's last page carries the end-of-stream mark and its own length. The position is restored.
    """
    try:
        size = source.seek(0, os.SEEK_END)
        source.seek(0)
        head = source.read(_PROBE_BYTES)
        source.seek(max(0, size - _PROBE_BYTES))
        tail = source.read(_PROBE_BYTES)
        source.seek(0)
    except (OSError, ValueError):
        return False
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return _wav_ends_early(head, size)
    if head[:4] == b"OggS":
        return _ogg_ends_early(tail)
    return False


def _wav_ends_early(head: bytes, size: int) -> bool:
    offset = 12
    while offset + 8 <= len(head):
        chunk, length = head[offset:offset + 4], int.from_bytes(head[offset + 4:offset + 8], "little")
        if chunk == b"data":  # 0 and 0xFFFFFFFF: written while recording, size unknown (not a cut)
            return length not in (0, 0xFFFFFFFF) and offset + 8 + length > size
        offset += 8 + length + (length & 1)
    return False


def _ogg_ends_early(tail: bytes) -> bool:
    last = tail.rfind(b"OggS")
    if last < 0 or len(tail) - last < 27:
        return True  # the last page's header itself is cut
    segments = tail[last + 26]
    table = tail[last + 27:last + 27 + segments]
    complete = len(table) == segments and last + 27 + segments + sum(table) <= len(tail)
    return not complete or not tail[last + 5] & 0x04  # 0x04: end of stream


def _sanitize(samples: np.ndarray, path: Path) -> np.ndarray:
    """Replace NaN/inf (possible in float WAVs) and clamp to [-1, 1]."""
    finite = np.isfinite(samples)
    if not finite.all():
        logger.warning("%s: %d non-finite samples replaced by silence", path.name, int((~finite).sum()))
        samples = np.where(finite, samples, 0.0).astype(np.float32)
    return np.clip(samples, -1.0, 1.0, out=samples if samples.flags.writeable else None)
