"""The real bundled model on real (Festival-synthesized) Russian speech."""

from __future__ import annotations

import json
import socket

import pytest

from sobes.analysis.report import Report, Word
from sobes.analysis.transcribe import _add_word, _looped, _monotonic, transcribe
from sobes.core.audio_file import load_audio
from sobes.core.errors import Cancelled
from tests.judges import DEFAULT


@pytest.mark.parametrize("filename", [
    "intro.wav", "star.wav", "pauses.wav", "fillers.wav",
    "intro_44k_stereo.mp3", "intro_44k_stereo.ogg", "intro_8k.wav",
])
def test_transcript_has_the_key_words(report_for, manifest, filename):
    report = report_for(filename)
    fixture = filename.split(".")[0].removesuffix("_44k_stereo").removesuffix("_8k")
    text = report.transcript.text.lower()
    missing = [w for w in manifest[fixture]["key_words"] if w not in text]
    assert not missing, f"{missing} not in {report.transcript.text!r}"
    assert report.speech_detected and report.language == "ru"


@pytest.mark.parametrize("filename", ["intro.wav", "star.wav", "pauses.wav", "intro_8k.wav"])
def test_word_times_are_ordered_and_inside_the_audio(report_for, filename):
    report = report_for(filename)
    words = report.transcript.words
    assert len(words) >= 10
    for previous, word in zip(words, words[1:]):
        assert previous.start <= word.start and previous.end <= word.end
    assert all(0 <= w.start <= w.end <= report.duration_s for w in words)
    assert all(0 <= w.probability <= 1 for w in words)


def test_words_land_in_the_right_sentences(report_for, manifest):
    """Word times follow the audio: words after the 2.5 s pause start after it."""
    report = report_for("pauses.wav")
    long_pause = max((e for e in manifest["pauses"]["events"]), key=lambda e: e["end"] - e["start"])
    later = [w for w in report.transcript.words if w.start >= long_pause["end"] - 0.3]
    assert later and "потом" in later[0].word.lower()


def test_silence_is_not_an_error(report_for):
    report = report_for("silence.wav")
    assert report.speech_detected is False
    assert report.transcript.words == [] and report.transcript.text == ""


def test_progress_reaches_one(analyzer, fixtures_dir):
    seen: list[float] = []
    analyzer.analyze_file(fixtures_dir / "pauses.wav", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) >= 3


def test_cancel_stops_early(analyzer, fixtures_dir):
    audio = load_audio(fixtures_dir / "star.wav")
    polls: list[float] = []
    progress: list[float] = []

    def cancel_after_first_segment() -> bool:
        polls.append(1)
        return len(polls) > 1

    with pytest.raises(Cancelled):
        transcribe(analyzer._whisper, audio.samples, analyzer.options,
                   progress=progress.append, should_cancel=cancel_after_first_segment)
    assert len(polls) == 2 and progress[-1] < 1.0


def test_report_round_trips_through_json(report_for):
    report = report_for("intro.wav")
    data = json.loads(report.to_json())
    assert list(data)[0] == "schema_version"
    assert Report.from_dict(data) == report
    for key in ("file", "duration_s", "speech_detected", "language", "model", "transcript", "timing"):
        assert key in data
    assert data["timing"]["transcribe_s"] > 0


@pytest.mark.model  # a fresh Analyzer of its own
def test_whole_pipeline_opens_no_network_connection(monkeypatch, tmp_path, fixtures_dir):
    """Bundled model: assembled, loaded and run with every socket refused."""
    from sobes.analysis import transcribe as transcribe_module
    from sobes.analysis.engine import Analyzer

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("SOBES_CACHE_DIR", str(tmp_path))  # force a fresh assembly
    monkeypatch.setattr(transcribe_module, "_models", {})  # and a fresh load
    report = Analyzer(None, DEFAULT).analyze_file(fixtures_dir / "intro.wav")
    assert report.speech_detected and report.timing.load_s > 0


def test_monotonic_clamps_overlaps_and_range():
    words = [Word("а", 0.5, 1.0, 1), Word("б", 0.9, 1.2, 1), Word("в", 1.1, 9.0, 1)]
    fixed = _monotonic(words, duration=2.0)
    assert [(w.start, w.end) for w in fixed] == [(0.5, 1.0), (1.0, 1.2), (1.2, 2.0)]


def test_a_piece_cut_inside_a_word_does_not_loop(analyzer, fixtures_dir):
    """The demo answer's first 4 s end inside a word: decoded plainly it came out as "и" 175 times."""
    samples = load_audio(fixtures_dir.parents[1] / "assets" / "demo" / "answer.wav").samples[:4 * 16_000]
    words = [w.word.lower() for w in transcribe(analyzer._whisper, samples).words]
    assert 3 <= len(words) <= 10, words
    assert not _looped(words, 4)


def test_loops_of_one_to_three_words_are_told_from_speech():
    assert _looped("и и и и".split(), 4)
    assert _looped("я думаю я думаю я думаю я думаю".split(), 4)
    assert _looped("и я не и я не и я не и я не".split(), 4)
    assert not _looped("нет нет нет да".split(), 4)
    assert not _looped("мы выросли в два раза и ещё в два раза".split(), 4)



def test_a_hyphenated_word_given_in_two_is_one_word_again():
    """The model gives «из-за» as «из» «-за»: «из-за начальника» then named no cause (and no blame)."""
    words: list[Word] = []
    for word in (Word("ушёл", 0.0, 0.4, 0.9), Word("из", 0.5, 0.6, 0.8), Word("-за", 0.6, 0.8, 0.7),
                 Word("начальника,", 0.8, 1.4, 0.9), Word("80", 1.5, 1.8, 0.9), Word("-55", 1.9, 2.2, 0.9)):
        _add_word(words, word)
    assert [w.word for w in words] == ["ушёл", "из-за", "начальника,", "80", "-55"]  # a minus sign stays apart
    assert (words[1].start, words[1].end, words[1].probability) == (0.5, 0.8, 0.7)
