"""A transcript the candidate corrects: the words keep their moments, the content is judged again and kept, how the
answer sounded stays as it was measured."""

from __future__ import annotations

import shutil

import pytest

from sobes.analysis.content.section import QuestionContext
from sobes.analysis.correction import corrected_words
from sobes.analysis.transcript import Word
from sobes.core.errors import InputError
from sobes.interview.correction import correct_take
from sobes.interview.session import Step
from tests.judges import DEFAULT


def words(*spec: tuple[str, float, float]) -> list[Word]:
    return [Word(w, s, e, 0.9) for w, s, e in spec]


def test_kept_words_keep_their_moments_and_a_misheard_one_takes_its_place():
    heard = words(("выручка", 0.0, 0.5), ("выросла", 0.6, 1.0), ("на", 1.1, 1.2), ("сорок", 1.3, 1.7),
                  ("процентов", 1.8, 2.4))
    fixed = corrected_words(heard, "Выручка выросла на четырнадцать процентов")
    assert [w.word for w in fixed] == ["Выручка", "выросла", "на", "четырнадцать", "процентов"]
    assert [(w.start, w.end) for w in fixed] == [(0.0, 0.5), (0.6, 1.0), (1.1, 1.2), (1.3, 1.7), (1.8, 2.4)]


def test_a_word_split_in_two_shares_the_time_of_the_one_heard_and_a_dropped_word_goes():
    heard = words(("я", 0.0, 0.2), ("эээ", 0.3, 0.8), ("провёл", 0.9, 1.4), ("тренингидля", 1.5, 2.5))
    fixed = corrected_words(heard, "я провёл тренинги для")
    assert [w.word for w in fixed] == ["я", "провёл", "тренинги", "для"]
    assert (fixed[2].start, fixed[2].end, fixed[3].start, fixed[3].end) == (1.5, 2.0, 2.0, 2.5)


def test_a_word_added_at_the_end_sits_after_the_last_one_heard():
    fixed = corrected_words(words(("я", 0.0, 0.2), ("сделал", 0.3, 0.9)), "я сделал это")
    assert fixed[-1].word == "это" and fixed[-1].start == pytest.approx(0.9)


@pytest.fixture
def story_take(analyzer, fixtures_dir, history, tmp_path):
    """The STAR fixture answered and analysed, stored in a real history file."""
    audio = tmp_path / "recordings" / "star.wav"
    audio.parent.mkdir()
    shutil.copy(fixtures_dir / "star.wav", audio)
    question = QuestionContext("Расскажите о вашем достижении на прошлой работе.", "star", 120.0)
    session = history.start_session("retake", "client_manager")
    take = history.add_recorded(session, Step("BEH-03", question.text, "star", 0, 0), audio, 25.6)
    history.add_report(take, analyzer.analyze_file(audio, question=question))
    return take


def test_a_correction_is_judged_again_kept_and_leaves_the_delivery_alone(story_take, history):
    before = story_take.report
    assert before.content.star.present["result"] and not before.transcript_corrected
    sentences = before.transcript.text.split(". ")
    without_result = ". ".join(s for s in sentences if "результат" not in s.lower())
    correct_take(history, story_take, without_result, DEFAULT)

    stored = history.take(story_take.id).report  # read back from the file, as the history screen would
    assert stored.transcript_corrected and "результат" not in stored.transcript.text.lower()
    assert not stored.content.star.present["result"]  # what the answer now says is what is judged
    assert stored.delivery == before.delivery and stored.fillers == before.fillers  # measured on the recording
    assert stored.tempo == before.tempo and stored.pauses == before.pauses
    assert stored.transcript.words[0].start == before.transcript.words[0].start


def test_an_empty_correction_is_refused_and_the_answer_is_kept(story_take, history):
    with pytest.raises(InputError, match="пустой"):
        correct_take(history, story_take, "   ", DEFAULT)
    stored = history.take(story_take.id).report
    assert not stored.transcript_corrected and stored.transcript.text == story_take.report.transcript.text
