"""One judge for every norm: a long pause is one long pause everywhere, and a norm the candidate changes changes
every judgement made after it (the review, the summary, the progress chart; the live meter in test_runner.py,
the window's settings in tests/desktop, `sobes analyze` in test_cli.py). No speech model: the transcript is
given, the audio is a committed recording with known pauses."""

from __future__ import annotations

import pytest

from sobes.analysis.coaching import delivery_moments
from sobes.analysis.engine import Analyzer
from sobes.analysis.norms import Norms
from sobes.analysis.transcript import Transcript, Word
from sobes.cli.summary import format_summary
from sobes.core.audio_file import load_audio
from sobes.interview import progress
from sobes.interview.history import History
from sobes.interview.session import Step
from sobes.interview.settings import Settings
from sobes.interview.summary import summarize
from tests.fakes import FakeWhisper
from tests.judges import DEFAULT, judge_with

SENTENCES = (["Я", "работал", "с", "ключевыми", "клиентами."],
             ["Сначала", "я", "выяснил", "их", "потребности"],  # no full stop: the 2.5 s pause is mid-sentence
             ["потом", "предложил", "решение."],
             ["Клиент", "подписал", "договор."])


def _transcript(manifest, duration_s: float) -> Transcript:
    """The words of pauses.wav spread over its speech, between the pauses make_fixtures.py inserted."""
    gaps = sorted((e["start"], e["end"]) for e in manifest["pauses"]["events"] if e["kind"] == "pause")
    edges = [0.3, *[t for gap in gaps for t in gap], duration_s - 0.3]
    words = []
    for sentence, (start, end) in zip(SENTENCES, zip(edges[::2], edges[1::2])):
        step = (end - start) / len(sentence)
        words += [Word(w, start + i * step + 0.02, start + (i + 1) * step - 0.02, 0.9) for i, w in enumerate(sentence)]
    return Transcript(" ".join(w.word for w in words), words)


@pytest.fixture
def answer(fixtures_dir, manifest):
    audio = load_audio(fixtures_dir / "pauses.wav")
    return audio, _transcript(manifest, audio.duration_s)


def _report(judge, answer):
    audio, transcript = answer
    return Analyzer.with_model(FakeWhisper(), "scripted", judge).analyze_audio(audio, "pauses.wav",
                                                                              transcript=transcript)


def test_a_long_pause_mid_sentence_is_one_long_pause_everywhere(answer, manifest, tmp_path):
    """The 2.5 s pause after "потребности" is over 2 s and mid-sentence: once, not twice («Длинных пауз: 2»)."""
    report = _report(DEFAULT, answer)
    long = [p for p in report.pauses.items if p.long]
    assert len(long) == 1 and long[0].within_sentence and long[0].duration > 2.0
    assert report.pauses.long_count == 1
    (verdict,) = [v for v in report.delivery.verdicts if v.metric == "pauses"]
    assert verdict.verdict == "attention" and verdict.tip.startswith("Длинных пауз: 1.")
    assert delivery_moments(report.fillers, report.pauses)["pauses"] == long[0].start  # the coaching's "▶"
    assert "длинных 1" in format_summary(report)  # the terminal
    history = History(tmp_path / "history.db")
    session = history.start_session("stage", "client_manager")
    take = history.start_take(session, Step("BEH-01", "Расскажите о клиенте.", "star", 10, 120), tmp_path)
    history.add_report(take, report)
    assert history.answers(session)[0]["long_pauses"] == 1  # the history, the summary's means
    assert [value for _, value in progress.series(history, "long_pauses", None, DEFAULT).points] == [1.0]
    history.close()


def test_a_norm_changed_in_settings_changes_the_review(answer):
    """The same answer, the analyzer's judge replaced as the window does when Settings are saved."""
    analyzer = Analyzer.with_model(FakeWhisper(), "scripted", DEFAULT)
    audio, transcript = answer
    before = analyzer.analyze_audio(audio, "pauses.wav", transcript=transcript)
    analyzer.judge = Settings(thresholds={"long_pause_s": 3, "mid_sentence_pause_s": 3,
                                          "slow_words_per_min": 60}).judge()
    after = analyzer.analyze_audio(audio, "pauses.wav", transcript=transcript)
    verdicts = {v.metric: v for v in after.delivery.verdicts}
    assert before.pauses.long_count == 1 and after.pauses.long_count == 0
    assert verdicts["pauses"].verdict == "good" and "до 3,0 с" in verdicts["pauses"].norm
    assert {v.metric: v.verdict for v in before.delivery.verdicts}["tempo"] == "attention"  # 85 words a minute
    assert verdicts["tempo"].verdict == "good" and verdicts["tempo"].norm == "60–170 слов в минуту"


def test_a_norm_changed_in_settings_changes_the_summary(tmp_path):
    """Fillers 8 → 4 per 100 words between sessions: better by the defaults, inside the norm when the candidate's
    norm is 9."""
    history = History(tmp_path / "history.db")
    for fillers in (8.0, 4.0):
        session = history.start_session("stage", "client_manager")
        take = history.start_take(session, Step("BEH-01", "Вопрос", "star", 10, 120), tmp_path)
        history.db["answers"].update(take.id, {"status": "analyzed", "fillers_per_100_words": fillers})
        history.end_session(session, "completed")

    def change(judge) -> str:
        return summarize(history, session, [], judge)["compared_to_previous"]["fillers_per_100_words"]["change"]

    assert change(DEFAULT) == "better"
    assert change(Settings(thresholds={"fillers_per_100_attention": 9}).judge()) == "in_norm"
    history.close()


def test_a_norm_changed_in_settings_changes_the_progress_chart(tmp_path):
    history = History(tmp_path / "history.db")
    assert progress.series(history, "words_per_min", None, DEFAULT).norm == (90.0, 170.0)
    personal = Settings(thresholds={"slow_words_per_min": 110, "fast_words_per_min": 190}).judge()
    assert progress.series(history, "words_per_min", None, personal).norm == (110.0, 190.0)
    assert progress.series(history, "fillers_per_100_words", None, judge_with(fillers_per_100_attention=5)).norm \
        == (0.0, 5.0)
    history.close()


def test_settings_refuse_a_value_out_of_range_with_its_name_range_and_unit():
    values, problems = Norms.check_overrides({"long_pause_s": 1000, "min_pause_s": "0,5"})
    assert values == {"min_pause_s": 0.5}  # a decimal comma as a Russian writes it
    assert problems == {"long_pause_s": "Длинная пауза: 1000 не подходит — нужно число от 0,3 до 30 с"}
