"""Decodings that give way to speed read a window's audio, not 30 s of padding; the others read it as trained."""

from __future__ import annotations

import threading

import numpy as np

from sobes.analysis.short_windows import encoder_margin, short_window_model, trimmed
from sobes.analysis.transcribe import TranscribeOptions, transcribe
from sobes.analysis.wer import word_error_rate, words_of
from sobes.core.audio_file import load_audio


def test_only_the_padding_beyond_the_margin_is_dropped():
    features = np.zeros((1, 80, 3000), np.float32)
    features[..., :412] = -1.5  # 4.12 s of silence as Whisper's features read it: not padding
    features[0, 3, 200] = 0.0  # a zero inside the audio is kept
    kept = trimmed(features, margin_frames=100)
    assert kept.shape == (1, 80, 512)
    np.testing.assert_array_equal(kept, features[..., :512])
    assert trimmed(features[0], margin_frames=101).shape == (80, 514)  # even: the encoder halves the frames
    full = np.full((80, 3000), -1.5, np.float32)
    assert trimmed(full, margin_frames=100) is full  # a full window is left as it is


class _Encoder:
    def __init__(self) -> None:
        self.frames: list[int] = []

    def encode(self, features: np.ndarray) -> None:
        self.frames.append(features.shape[-1])


def test_the_margin_holds_for_the_thread_that_asked_for_it_only():
    model = short_window_model(_Encoder)()
    window = np.zeros((80, 3000), np.float32)
    window[:, :400] = -1.5
    seen_elsewhere: list[int] = []
    with encoder_margin(model, 1.0):
        model.encode(window)
        other = threading.Thread(target=lambda: (model.encode(window), seen_elsewhere.append(model.frames[-1])))
        other.start()
        other.join()
    model.encode(window)
    with encoder_margin(model, None):
        model.encode(window)
    assert model.frames == [500, 3000, 3000, 3000]
    assert seen_elsewhere == [3000]


def test_only_glimpses_and_waited_for_tails_ask_for_a_short_encoder_input():
    assert TranscribeOptions().encoder_margin_s is None
    assert TranscribeOptions().fast().encoder_margin_s is None  # a piece a busy machine is behind on
    assert TranscribeOptions().fast(short_window=True).encoder_margin_s == 1.0
    assert TranscribeOptions(short_window_margin_s=2.0).fast(short_window=True).encoder_margin_s == 2.0


def test_a_glimpse_hears_the_words_with_a_short_encoder_input(analyzer, fixtures_dir):
    """8 s of speech cut in a pause, as streaming cuts pieces, decoded greedily with the short encoder input and
    padded to 30 s as trained."""
    samples = load_audio(fixtures_dir / "intro.wav").samples[:int(8.1 * 16_000)]
    short = transcribe(analyzer._whisper, samples, TranscribeOptions().fast(short_window=True))
    padded = transcribe(analyzer._whisper, samples, TranscribeOptions().fast())
    assert word_error_rate(words_of(padded.text), words_of(short.text)) <= 0.25, (padded.text, short.text)
    assert short.words[-1].word.lower().startswith("клиент") and short.words[-1].end <= 8.1


def test_a_recording_analysed_after_the_fact_reads_each_chunk_once(analyzer, fixtures_dir, monkeypatch):
    """The demo answer (39 s) decoded one window after another needed three encoder passes: the second window's
    text ended at 35 s and a third read the last 4 s. The batched pipeline reads Silero's chunks of up to 30 s
    once each: two chunks."""
    samples = load_audio(fixtures_dir.parents[1] / "assets" / "demo" / "answer.wav").samples
    model_class = type(analyzer._whisper)
    batches: list[int] = []
    original = model_class.encode

    def counted(self, features):
        batches.append(features.shape[0] if features.ndim == 3 else 1)
        return original(self, features)

    monkeypatch.setattr(model_class, "encode", counted)
    sequential = transcribe(analyzer._whisper, samples, TranscribeOptions())
    passes = len(batches)
    batches.clear()
    whole = transcribe(analyzer._whisper, samples, TranscribeOptions().whole())
    assert passes == 3 and sum(batches) == 2
    assert word_error_rate(words_of(sequential.text), words_of(whole.text)) <= 0.2, (sequential.text, whole.text)
    assert 0.0 <= whole.words[0].start < 1.0 and 37.0 < whole.words[-1].end <= len(samples) / 16_000
    assert TranscribeOptions(vad_filter=False).whole().batch_size == 0  # the pipeline needs Silero's chunks
