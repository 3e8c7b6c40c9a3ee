"""ITU-R BS.1770's K-weighting of a mono signal: the two filters integrated loudness (LUFS) is measured through.

The standard defines a high shelf (+4 dB above ~1.5 kHz: the head's effect on
what reaches the ear) and a high-pass at ~38 Hz, as biquads at 48 kHz; at any
other rate they are designed again from the same shelf and corner (Audio EQ
Cookbook, R. Bristow-Johnson), as pyloudnorm does. They run in FFmpeg's
``biquad`` filter in double precision (through PyAV, already a dependency):
the same numbers as ``scipy.signal.lfilter`` to 1e-13, without importing
``scipy.signal`` (0.5 s and 65–89 MB of every `sobes analyze`). The filter
graph keeps its state from one block to the next, so a long recording is
filtered a minute at a time in bounded memory with the result of filtering it
whole.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

SHELF_GAIN_DB = 4.0  # BS.1770-4's pre-filter
SHELF_Q = 1 / math.sqrt(2)
SHELF_HZ = 1500.0
HIGH_PASS_Q = 0.5  # its RLB weighting curve
HIGH_PASS_HZ = 38.0

_COEFFICIENTS = ("b0", "b1", "b2", "a0", "a1", "a2")  # as FFmpeg's biquad filter names them
Biquad = tuple[tuple[float, float, float], tuple[float, float, float]]  # (b0, b1, b2), (a0, a1, a2)


def high_shelf(gain_db: float, q: float, corner_hz: float, sr: int) -> Biquad:
    a = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * corner_hz / sr
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    root = 2 * math.sqrt(a) * alpha
    return ((a * ((a + 1) + (a - 1) * cos + root), -2 * a * ((a - 1) + (a + 1) * cos),
             a * ((a + 1) + (a - 1) * cos - root)),
            ((a + 1) - (a - 1) * cos + root, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - root))


def high_pass(q: float, corner_hz: float, sr: int) -> Biquad:
    w0 = 2 * math.pi * corner_hz / sr
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    return ((1 + cos) / 2, -(1 + cos), (1 + cos) / 2), (1 + alpha, -2 * cos, 1 - alpha)


def k_weighting(sr: int) -> list[Biquad]:
    return [high_shelf(SHELF_GAIN_DB, SHELF_Q, SHELF_HZ, sr), high_pass(HIGH_PASS_Q, HIGH_PASS_HZ, sr)]


def k_weighted(y: np.ndarray, sr: int, *, chunk_s: float = 60.0) -> Iterator[np.ndarray]:
    """``y`` through the K-weighting filters, as float64 blocks of about ``chunk_s`` (their lengths may differ from
    the input's blocks: FFmpeg decides; joined, they are the whole signal filtered)."""
    import av

    graph = av.filter.Graph()
    node = graph.add_abuffer(format="dbl", sample_rate=sr, layout="mono")
    for b, a in k_weighting(sr):
        stage = graph.add("biquad", ":".join(f"{n}={v / a[0]!r}" for n, v in zip(_COEFFICIENTS, (*b, *a))))
        node.link_to(stage)
        node = stage
    sink = graph.add("abuffersink")
    node.link_to(sink)
    graph.configure()
    step = max(int(chunk_s * sr), 1)
    for start in range(0, len(y), step):
        block = np.ascontiguousarray(y[start:start + step], dtype=np.float64)
        frame = av.AudioFrame.from_ndarray(block[None, :], format="dbl", layout="mono")
        frame.sample_rate, frame.pts = sr, start
        graph.push(frame)
        yield from _pulled(graph)
    graph.push(None)
    yield from _pulled(graph)


def _pulled(graph) -> Iterator[np.ndarray]:
    import av

    while True:
        try:
            yield graph.pull().to_ndarray().reshape(-1)
        except (av.error.BlockingIOError, av.error.EOFError):
            return
