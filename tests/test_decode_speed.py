"""The machine's decoding speed as measured, and what a waiting candidate gets from it."""

from __future__ import annotations

import pytest

from sobes.analysis.decode_speed import DecodeSpeed
from sobes.analysis.streaming import RATE, StreamingTranscriber
from sobes.analysis.transcribe import TranscribeOptions
from tests.judges import VOICING

BEAM = TranscribeOptions()


def test_the_estimate_follows_a_machine_that_became_busy_and_quiet_again():
    speed, beam, greedy, glimpse = DecodeSpeed(), BEAM, BEAM.fast(), BEAM.fast(short_window=True)
    quiet = speed.seconds(beam, 10.0)
    for _ in range(4):  # two other programs started: every decoding takes three times as long
        speed.record(beam, 10.0, 3 * quiet)
    assert speed.seconds(beam, 10.0) == pytest.approx(3 * quiet, rel=0.1)
    assert speed.seconds(glimpse, 4.0) < speed.seconds(greedy, 4.0) < speed.seconds(beam, 4.0)  # cheaper choices
    for _ in range(6):  # a glimpse's time goes with its speech, not the machine: not taken
        speed.record(glimpse, 4.0, 0.1)
    assert speed.seconds(beam, 10.0) == pytest.approx(3 * quiet, rel=0.1)
    for _ in range(6):  # and stopped
        speed.record(greedy, 10.0, DecodeSpeed().seconds(greedy, 10.0))
    assert speed.seconds(beam, 10.0) == pytest.approx(quiet, rel=0.1)


def test_a_tail_is_decoded_with_beam_search_only_when_the_machine_can_afford_it():
    streamer = StreamingTranscriber(model=None, voicing_threshold=VOICING)
    six_seconds = 6 * RATE
    assert streamer._tail_options(six_seconds, streamer.wait_budget_s).beam_size == 5
    streamer.speed.slowdown = 2.5  # as with two CPU-bound programs beside it on two cores
    waited_for = streamer._tail_options(six_seconds, streamer.wait_budget_s)
    assert waited_for.beam_size == 1 and waited_for.encoder_margin_s is not None  # greedy, and a short window
    assert streamer._tail_options(RATE, streamer.speculate_budget_s).beam_size == 5
    streamer.speed.slowdown = 1.0  # quiet: a 10 s tail before the stop with beam search, 13 s in a short window
    assert streamer._tail_options(10 * RATE, streamer.speculate_budget_s).beam_size == 5
    assert streamer._tail_options(13 * RATE, streamer.speculate_budget_s).encoder_margin_s is not None
