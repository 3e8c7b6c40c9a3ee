"""Frame-level acoustic features on one 10 ms grid, computed once per answer.

Plain NumPy rather than librosa: librosa's first call in a process loads numba
(1–2 s, and ~20 s of JIT compilation on a fresh install), which would blow the
0.5 s-per-minute budget of the delivery metrics; these few transforms are short.
NumPy's own FFT rather than SciPy's: importing ``scipy.signal`` and
``scipy.fft`` cost 0.6 s and 65–89 MB of every `sobes analyze` (the same
pocketfft underneath; docs/performance.md).
Long inputs are processed in blocks so memory stays flat for a 10-minute answer.

All functions take keyword-only parameters after the signal, and frame ``i``
is centred at ``i * hop / sr`` seconds (the signal is padded by half a frame).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, fields

import numpy as np

HOP_S = 0.010
_BLOCK = 2048  # frames per block


@dataclass(frozen=True)
class Features:
    """Per-frame features, all of shape (n_frames,) unless noted.

    Attributes
    ----------
    times : frame centres in seconds
    rms_db : RMS level in dBFS (25 ms window)
    f0_hz : fundamental frequency, NaN where the frame is not periodic
    aperiodicity : YIN's cumulative-mean-normalised difference at the chosen lag (0 = periodic)
    cepstra : shape (n_frames, 12), mel-cepstral coefficients 1..12 (spectral envelope)
    """

    times: np.ndarray
    rms_db: np.ndarray
    f0_hz: np.ndarray
    aperiodicity: np.ndarray
    cepstra: np.ndarray

    @property
    def hop_s(self) -> float:
        return HOP_S


def compute_features(y: np.ndarray, sr: int, *, fmin: float = 60.0, fmax: float = 400.0,
                     voicing_threshold: float) -> Features:
    """Compute all frame features of a mono signal ``y`` (float32, shape (n,))."""
    hop = int(round(HOP_S * sr))
    rms_db = frame_rms_db(y, sr=sr, hop=hop)
    # Pitch at 8 kHz (the analysis's 16 kHz halved): enough for voices up to fmax, and 2.5x faster than at 16 kHz.
    y_pitch, pitch_sr = (halve_rate(y), 8_000) if sr == 16_000 else (y, sr)
    f0, aperiodicity = yin(y_pitch, sr=pitch_sr, hop=int(round(HOP_S * pitch_sr)), fmin=fmin, fmax=fmax)
    f0 = np.where(aperiodicity < voicing_threshold, f0, np.nan)
    cepstra = mel_cepstra(y, sr=sr, hop=hop)
    n = min(len(rms_db), len(f0), len(cepstra))
    times = np.arange(n) * hop / sr
    return Features(times, rms_db[:n], f0[:n], aperiodicity[:n], cepstra[:n])


def fold_octave_errors(f0: np.ndarray, *, half_window: int = 25, tolerance_st: float = 2.0) -> np.ndarray:
    """Move frames that YIN put an octave (or an octave and a fifth) off their neighbours back.

    Why: on creaky or jittery voices, and on higher voices, YIN sometimes
    takes two or three periods for one (78 Hz inside a 156 Hz vowel, 82 Hz
    inside a 248 Hz one); a few such
    frames make a held "эээ" look like a pitch jump and inflate the pitch
    spread of a whole answer. A frame within ``tolerance_st`` of an octave
    (or of three times, 19 semitones) above or below the median of the voiced frames within ``half_window``
    frames (±0.25 s) is folded; a real octave leap inside a quarter of a
    second does not happen in speech. NaN (unvoiced) stays NaN.
    """
    voiced = ~np.isnan(f0)
    if voiced.sum() < 3:
        return f0
    padded = np.pad(np.where(voiced, f0, np.nan), half_window, constant_values=np.nan)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half_window + 1)
    local = np.empty(len(f0))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows (long unvoiced stretches)
        for start in range(0, len(f0), _BLOCK * 8):  # nanmedian copies its windows: a block at a time
            local[start:start + _BLOCK * 8] = np.nanmedian(windows[start:start + _BLOCK * 8], axis=1)
        offset = 12 * np.log2(f0 / local)
    fixed = f0.copy()
    for periods in (2, 3):  # two or three periods taken for one, or a harmonic for the fundamental
        jump = 12 * np.log2(periods)
        fixed[np.abs(offset + jump) < tolerance_st] *= periods
        fixed[np.abs(offset - jump) < tolerance_st] /= periods
    return fixed


def frames(y: np.ndarray, *, frame_length: int, hop: int) -> np.ndarray:
    """Centred frames as a read-only strided view, shape (1 + len(y) // hop, frame_length)."""
    padded = np.pad(y.astype(np.float32, copy=False), (frame_length // 2, frame_length // 2 + hop))
    n = 1 + len(y) // hop
    return np.lib.stride_tricks.sliding_window_view(padded, frame_length)[::hop][:n]


def frame_rms_db(y: np.ndarray, *, sr: int, hop: int, window_s: float = 0.025) -> np.ndarray:
    """RMS level per frame in dBFS (a full-scale sine is -3 dBFS); silence is -120."""
    framed = frames(y, frame_length=int(window_s * sr), hop=hop)
    power = np.empty(len(framed), np.float64)
    for start in range(0, len(framed), _BLOCK):
        block = framed[start:start + _BLOCK].astype(np.float64)
        power[start:start + _BLOCK] = np.mean(block * block, axis=1)
    return 10 * np.log10(np.maximum(power, 1e-12))


def yin(y: np.ndarray, *, sr: int, hop: int, fmin: float, fmax: float,
        window_s: float = 0.05, threshold: float = 0.15) -> tuple[np.ndarray, np.ndarray]:
    """Fundamental frequency by YIN (de Cheveigné & Kawahara 2002), vectorised.

    Returns ``(f0_hz, aperiodicity)``, each of shape (n_frames,). The lag is the
    first local minimum of the cumulative-mean-normalised difference under
    ``threshold``, else the global minimum, refined by parabolic interpolation.
    """
    frame_length = int(window_s * sr)
    tau_min, tau_max = int(sr / fmax), min(int(sr / fmin), frame_length // 2)
    width = frame_length - tau_max
    framed = frames(y, frame_length=frame_length, hop=hop)
    f0 = np.empty(len(framed))
    aperiodicity = np.empty(len(framed))
    n_fft = 1 << (2 * frame_length - 1).bit_length()
    lags = np.arange(1, tau_max + 1)
    for start in range(0, len(framed), _BLOCK):
        x = framed[start:start + _BLOCK].astype(np.float64)
        spectrum = np.fft.rfft(x, n=n_fft, axis=1)
        head = np.fft.rfft(x[:, :width], n=n_fft, axis=1)
        acf = np.fft.irfft(np.conj(head) * spectrum, n=n_fft, axis=1)[:, :tau_max + 1]
        energy = np.concatenate([np.zeros((len(x), 1)), np.cumsum(x * x, axis=1)], axis=1)
        e0 = energy[:, width]
        e_tau = energy[:, lags + width] - energy[:, lags]
        diff = np.maximum(e0[:, None] + e_tau - 2 * acf[:, 1:], 0.0)
        cmnd = diff * lags / np.maximum(np.cumsum(diff, axis=1), 1e-12)
        cmnd[:, : tau_min - 1] = np.inf
        inner = cmnd[:, 1:-1]
        is_min = (inner <= cmnd[:, :-2]) & (inner <= cmnd[:, 2:]) & (inner < threshold)
        has = is_min.any(axis=1)
        first = np.argmax(is_min, axis=1) + 1
        best = np.where(has, first, np.argmin(cmnd, axis=1))
        best = np.clip(best, 1, tau_max - 2)
        rows = np.arange(len(x))
        left, mid, right = cmnd[rows, best - 1], cmnd[rows, best], cmnd[rows, best + 1]
        denom = left - 2 * mid + right
        with np.errstate(invalid="ignore", divide="ignore"):
            shift = np.where(np.isfinite(denom) & (np.abs(denom) > 1e-12), 0.5 * (left - right) / denom, 0.0)
        tau = lags[best] + np.clip(shift, -1, 1)
        f0[start:start + len(x)] = sr / tau
        aperiodicity[start:start + len(x)] = np.where(np.isfinite(mid), mid, 1.0)
    silent = frame_rms_db(y, sr=sr, hop=hop)[: len(f0)] < -70
    aperiodicity[silent] = 1.0
    return f0, np.clip(aperiodicity, 0.0, 1.0)


def mel_cepstra(y: np.ndarray, *, sr: int, hop: int, n_mels: int = 26, n_ceps: int = 12,
                window_s: float = 0.025) -> np.ndarray:
    """Mel-frequency cepstral coefficients 1..n_ceps per frame: the spectral envelope.

    Stable cepstra mean stable formants, which is what a filled pause ("эээ") is.
    """
    frame_length = int(window_s * sr)
    n_fft = 1 << (frame_length - 1).bit_length()
    window = np.hanning(frame_length)
    bank = mel_filterbank(sr=sr, n_fft=n_fft, n_mels=n_mels)
    to_cepstra = dct_matrix(n_mels)[1:n_ceps + 1].T
    framed = frames(y, frame_length=frame_length, hop=hop)
    out = np.empty((len(framed), n_ceps))
    for start in range(0, len(framed), _BLOCK):
        x = framed[start:start + _BLOCK] * window
        power = np.abs(np.fft.rfft(x, n=n_fft, axis=1)) ** 2
        log_mel = np.log(np.maximum(power @ bank.T, 1e-10))
        out[start:start + len(x)] = log_mel @ to_cepstra
    return out


def dct_matrix(n: int) -> np.ndarray:
    """The orthonormal DCT-II as an (n, n) matrix: row k applied to a vector is its k-th coefficient."""
    k, i = np.arange(n)[:, None], np.arange(n)[None, :]
    matrix = np.sqrt(2 / n) * np.cos(np.pi * k * (2 * i + 1) / (2 * n))
    matrix[0] /= np.sqrt(2)
    return matrix


def halve_rate(y: np.ndarray, *, half_taps: int = 20, beta: float = 5.0) -> np.ndarray:
    """``y`` at half its sample rate: a linear-phase low-pass at the new Nyquist frequency, then every other sample.

    The filter is the one polyphase resampling uses by default (41 taps, Kaiser window β = 5, unity gain at 0 Hz),
    and the output is aligned the same way, so sample ``i`` is centred on input sample ``2 i``; it needs only
    ``half_taps`` input samples on either side, which keeps ``FeatureStream``'s pieces equal to the whole.
    """
    if not len(y):  # np.convolve refuses an empty signal (a take the disk had no room for)
        return np.zeros(0, np.float32)
    taps = np.arange(-half_taps, half_taps + 1)
    kernel = np.sinc(taps / 2) * np.kaiser(len(taps), beta)
    kernel /= kernel.sum()
    return np.convolve(y, kernel)[half_taps::2][:(len(y) + 1) // 2].astype(np.float32)


def mel_filterbank(*, sr: int, n_fft: int, n_mels: int, fmin: float = 80.0,
                   fmax: float | None = None) -> np.ndarray:
    """Triangular filters evenly spaced on the mel scale, shape (n_mels, n_fft // 2 + 1)."""
    fmax = fmax or sr / 2

    def mel(f):
        return 2595 * np.log10(1 + np.asarray(f) / 700)

    def hz(m):
        return 700 * (10 ** (np.asarray(m) / 2595) - 1)

    edges = hz(np.linspace(mel(fmin), mel(fmax), n_mels + 2))
    bins = np.fft.rfftfreq(n_fft, 1 / sr)
    lower, centre, upper = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    rising = (bins - lower) / (centre - lower)
    falling = (upper - bins) / (upper - centre)
    return np.maximum(0, np.minimum(rising, falling))


class FeatureStream:
    """Features of a growing signal, computed a piece at a time while it is still being recorded.

    Why: the features of a 2-minute answer take ~0.4 s, which would count
    against the feedback latency if computed when the answer ends. A frame
    depends only on samples within half a window of its centre (and a few
    resampler taps), so each piece is computed with ``margin_s`` of audio on
    both sides and only its inner frames are kept; they equal what
    ``compute_features`` gives for the whole signal (up to float rounding).
    """

    def __init__(self, sr: int = 16_000, *, margin_s: float = 0.1, min_piece_s: float = 2.0, **options):
        self.sr, self.options = sr, options
        self.hop = int(round(HOP_S * sr))
        self.margin = int(round(margin_s / HOP_S)) * self.hop  # a whole number of hops keeps the frame grid
        self.min_piece = int(round(min_piece_s / HOP_S))
        self._parts: list[Features] = []
        self._frames = 0  # frames computed so far

    def update(self, y: np.ndarray, *, final: bool = False) -> None:
        """Compute the frames of ``y`` (the whole signal so far) that its future samples cannot change."""
        target = 1 + len(y) // self.hop if final else (len(y) - self.margin) // self.hop
        if target - self._frames < (1 if final else self.min_piece):
            return
        first = self._frames * self.hop
        start = max(0, first - self.margin)
        end = len(y) if final else target * self.hop + self.margin
        piece = compute_features(y[start:end], self.sr, **self.options)
        skip = (first - start) // self.hop
        inner = slice(skip, skip + target - self._frames)
        kept = {f.name: getattr(piece, f.name)[inner] for f in fields(Features)}
        kept["times"] = kept["times"] + start / self.sr  # the piece's clock started at ``start``
        self._parts.append(Features(**kept))
        self._frames += len(kept["times"])

    def features(self, y: np.ndarray) -> Features:
        """All frames of the finished signal ``y``: only what was not computed yet is computed now."""
        self.update(y, final=True)
        return Features(*(np.concatenate([getattr(part, f.name) for part in self._parts]) for f in fields(Features)))


def features_of(y: np.ndarray, sr: int, *, piece_s: float = 30.0, **options) -> Features:
    """``compute_features`` of a signal of any length, 30 s at a time (the same frames, in bounded memory).

    Whole, the features of 20 minutes take ~270 MB of intermediate arrays; in pieces, a few MB.
    """
    step = int(piece_s * sr)
    if len(y) <= 2 * step:
        return compute_features(y, sr, **options)
    stream = FeatureStream(sr, **options)
    for end in range(step, len(y), step):
        stream.update(y[:end])
    return stream.features(y)
