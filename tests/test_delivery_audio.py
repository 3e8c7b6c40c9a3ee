"""Delivery metrics on real (Festival) speech through the whole engine with the real model.

Ground truth comes from tests/fixtures/manifest.json: every pause and
hesitation there was inserted by make_fixtures.py at a known time.
"""

from __future__ import annotations

import pytest

from tests.judges import DEFAULT

SPEECH_FIXTURES = ["intro", "star", "pauses", "fillers", "hesitant", "hesitations", "tempo_slow", "tempo_fast"]
TOLERANCE_S = 0.15


def _events(manifest, name, kind):
    return [e for e in manifest[name]["events"] if e["kind"] == kind]


def _silent_pauses(manifest, name):
    """Inserted silences of at least 0.25 s that have speech, not a hesitation, on both sides."""
    events = manifest[name]["events"]
    hesitations = _events(manifest, name, "hesitation")
    def touching(e):
        return any(abs(h["start"] - e["end"]) < 0.01 or abs(h["end"] - e["start"]) < 0.01
                                 for h in hesitations)
    return [e for e in events if e["kind"] == "pause" and e["end"] - e["start"] >= 0.25 and not touching(e)]


@pytest.mark.parametrize("name", [n for n in SPEECH_FIXTURES if not n.startswith("tempo")])
def test_inserted_pauses_are_measured_within_tolerance(report_for, manifest, name):
    found = report_for(f"{name}.wav").pauses.items
    for truth in _silent_pauses(manifest, name):
        match = min(found, key=lambda p: abs(p.start - truth["start"]) + abs(p.end - truth["end"]))
        assert abs(match.start - truth["start"]) <= TOLERANCE_S, (truth, match)
        assert abs(match.end - truth["end"]) <= TOLERANCE_S, (truth, match)


def test_pause_summary_fields(report_for, manifest):
    pauses = report_for("pauses.wav").pauses
    assert pauses.count >= 3 and pauses.long_count == 1  # the 2.5 s pause
    assert pauses.max_s == pytest.approx(2.5, abs=TOLERANCE_S)
    assert 0 < pauses.pause_ratio < 0.5 and pauses.mean_length_of_run_s > 0.5
    assert pauses.response_latency_s < 0.2  # fixtures start speaking at once
    long_pause = next(p for p in pauses.items if p.duration > 2)
    assert long_pause.within_sentence is False  # it follows "потребности."


def test_hesitations_recall_precision_and_timing(report_for, manifest):
    """Hesitations synthesized two ways (formant source-filter, held Festival vowels)."""
    tp = fp = fn = 0
    errors = []
    for name in SPEECH_FIXTURES:
        truth = _events(manifest, name, "hesitation")
        found = [f for f in report_for(f"{name}.wav").fillers.items if f.kind == "hesitation"]
        unmatched = list(found)
        for event in truth:
            match = next((f for f in unmatched if f.start < event["end"] and event["start"] < f.end), None)
            if match is None:
                fn += 1
                continue
            unmatched.remove(match)
            tp += 1
            errors += [abs(match.start - event["start"]), abs(match.end - event["end"])]
        fp += len(unmatched)
    recall, precision = tp / (tp + fn), tp / max(tp + fp, 1)
    print(f"\nhesitations: recall {recall:.3f} precision {precision:.3f} ({tp} found, {fp} false, {fn} missed); "
          f"edge error mean {sum(errors) / len(errors):.3f} s, max {max(errors):.3f} s")
    assert tp + fn >= 8
    assert recall >= 0.85 and precision >= 0.85
    assert max(errors) <= TOLERANCE_S


def test_no_hesitations_in_fluent_speech(report_for):
    for name in ("intro", "star", "pauses", "tempo_slow", "tempo_fast"):
        assert report_for(f"{name}.wav").fillers.hesitation_count == 0, name


def test_a_hesitation_is_never_also_a_silent_pause(report_for):
    report = report_for("hesitations.wav")
    hesitations = [f for f in report.fillers.items if f.kind == "hesitation"]
    for pause in report.pauses.items:
        for h in hesitations:
            overlap = min(pause.end, h.end) - max(pause.start, h.start)
            assert overlap <= 0.02, (pause, h)


def test_lexical_fillers_from_the_real_transcript(report_for):
    fillers = report_for("fillers.wav").fillers
    lexical = {f.text for f in fillers.items if f.kind == "lexical"}
    assert {"ну", "как бы", "вот", "в общем", "короче"} <= lexical
    assert fillers.per_100_words > 20 and fillers.per_min > 10
    assert report_for("star.wav").fillers.lexical_count == 0


def test_speech_rate_follows_tempo(report_for, manifest):
    slow, fast = report_for("tempo_slow.wav").tempo, report_for("tempo_fast.wav").tempo
    expected = manifest["tempo_fast"]["tempo_factor"] / manifest["tempo_slow"]["tempo_factor"]
    for measure in ("syllables_per_sec", "articulation_rate_sps", "words_per_min"):
        ratio = getattr(fast, measure) / getattr(slow, measure)
        assert ratio == pytest.approx(expected, rel=0.10), (measure, ratio, expected)
    assert DEFAULT.tempo(slow.words_per_min) in ("ok", "slow") and fast.syllables_per_sec > slow.syllables_per_sec


def test_tempo_curve_covers_the_answer(report_for):
    tempo = report_for("star.wav").tempo
    assert len(tempo.curve) >= 2
    assert tempo.curve[0].start == pytest.approx(report_for("star.wav").transcript.words[0].start, abs=0.01)
    assert all(p.syllables_per_sec > 0 for p in tempo.curve)


def test_pitch_and_loudness_of_real_speech(report_for):
    report = report_for("star.wav")
    assert 70 < report.pitch.median_hz < 250  # a male synthetic voice
    assert report.pitch.sd_semitones > 1.0 and "pitch" not in report.delivery.to_work_on
    assert len(report.pitch.track) == pytest.approx(report.duration_s * 10, abs=2)
    loud = report.loudness
    assert -30 < loud.rms_dbfs < -5 and loud.lufs is not None and loud.clipping_ratio == 0
    assert DEFAULT.level(loud.rms_dbfs, loud.clipping_ratio) == "ok"


def test_delivery_verdicts_point_at_the_problems(report_for):
    bad = report_for("fillers.wav").delivery
    assert {"fillers", "hesitations"} <= set(bad.to_work_on)
    good = report_for("star.wav").delivery
    judged = {v.metric: v.verdict for v in good.verdicts}
    assert judged["fillers"] == "good" and judged["hesitations"] == "good"
    assert all(v.tip and v.norm and v.why for v in good.verdicts)


def test_silence_gives_nulls_with_reasons(report_for):
    report = report_for("silence.wav")
    assert report.tempo.syllables_per_sec is None and report.tempo.reason
    assert report.pauses.response_latency_s is None and report.pauses.reason
    assert report.pitch.median_hz is None and report.pitch.reason
    assert report.loudness.rms_dbfs is None and report.loudness.reason
    assert report.delivery.verdicts == []


def test_tempo_is_judged_as_it_is_shown():
    """89.6 words a minute reads "90", inside the norm 90–170: it must not be flagged as slow."""
    assert DEFAULT.tempo(89.6) == "ok" and DEFAULT.tempo(89.4) == "slow" and DEFAULT.tempo(170.4) == "ok"
