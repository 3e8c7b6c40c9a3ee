"""Bad input, fuzzed: `sobes analyze` never shows a traceback.

For every generated file the command either gives a valid report (exit 0,
one JSON document) or exit 2 with one line that says what to do. Hypothesis
runs with a fixed seed (``derandomize``) and a bounded number of examples, so
the default run is repeatable and takes about a minute; raise
``SOBES_FUZZ_EXAMPLES`` for a longer hunt.
"""

from __future__ import annotations

import json
import os
import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sobes.cli.main import main
from tests.banks import ONE_QUESTION as BANK

EXAMPLES = int(os.environ.get("SOBES_FUZZ_EXAMPLES", "20"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
tested = {"inputs": 0}


@pytest.fixture
def analyze(analyzer, capsys, tmp_path):
    """Write bytes to a file, run `sobes analyze FILE --json` in this process, check the contract."""

    def run(data: bytes, suffix: str) -> int:
        path = tmp_path / f"input{suffix}"
        path.write_bytes(data)
        code = main(["analyze", str(path), "--json"])
        out, err = capsys.readouterr()
        tested["inputs"] += 1
        assert code in (0, 2), err
        assert "Traceback" not in err
        if code == 0:
            report = json.loads(out)
            assert report["schema_version"] == 5 and report["duration_s"] > 0
            assert isinstance(report["speech_detected"], bool)
        else:
            assert out == "" and err.startswith("sobes: ошибка:") and err.count("\n") == 1
        return code

    return run


def wav_header(*, rate: int, channels: int, bits: int, data_bytes: int, fmt: int = 1) -> bytes:
    block = max(1, channels * bits // 8) & 0xFFFF
    return (b"RIFF" + struct.pack("<I", (36 + data_bytes) & 0xFFFFFFFF) + b"WAVEfmt "
            + struct.pack("<IHHIIHH", 16, fmt, channels, rate, (rate * block) & 0xFFFFFFFF, block, bits)
            + b"data" + struct.pack("<I", data_bytes & 0xFFFFFFFF))


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".wav", ".mp3", ".ogg", ".m4a", ".bin"]))
def test_random_bytes(analyze, data, suffix):
    analyze(data, suffix)


@FUZZ
@given(name=st.sampled_from(["intro.wav", "intro_44k_stereo.mp3", "intro_44k_stereo.ogg"]),
       fraction=st.floats(0, 1))
def test_truncated_files(analyze, fixtures_dir, name, fraction):
    whole = (fixtures_dir / name).read_bytes()
    analyze(whole[: int(len(whole) * fraction)], os.path.splitext(name)[1])


@FUZZ
@given(rate=st.one_of(st.sampled_from([0, 1, 7, 8_000, 44_100, 384_000, 10**7]), st.integers(0, 2**32 - 1)),
       channels=st.integers(0, 12), bits=st.sampled_from([0, 8, 16, 24, 32, 13]))
def test_absurd_wav_headers(analyze, rate, channels, bits):
    body = np.random.default_rng(rate % 1000).integers(-3000, 3000, 16_000, dtype=np.int16).tobytes()
    analyze(wav_header(rate=rate, channels=channels, bits=bits, data_bytes=len(body)) + body, ".wav")


@FUZZ
@given(specials=st.lists(st.sampled_from([np.nan, np.inf, -np.inf, 1e30, -1e30]), min_size=1, max_size=50),
       positions=st.lists(st.integers(0, 15_999), min_size=1, max_size=50))
def test_non_finite_float_samples(analyze, specials, positions):
    samples = (0.1 * np.sin(np.arange(16_000) / 10)).astype(np.float32)
    for value, position in zip(specials, positions):
        samples[position] = value
    body = samples.tobytes()
    assert analyze(wav_header(rate=16_000, channels=1, bits=32, data_bytes=len(body), fmt=3) + body, ".wav") == 0


def test_a_tenth_of_a_second_gives_a_report(analyze):
    body = (np.random.default_rng(0).normal(0, 0.05, 1_600) * 32767).astype(np.int16).tobytes()
    assert analyze(wav_header(rate=16_000, channels=1, bits=16, data_bytes=len(body)) + body, ".wav") == 0


def test_three_hours_is_refused_in_one_line_without_decoding(tmp_path, capsys, analyzer):
    path = tmp_path / "forgotten.wav"
    samples = 3 * 3600 * 8_000
    with open(path, "wb") as out:
        out.write(wav_header(rate=8_000, channels=1, bits=16, data_bytes=2 * samples))
        out.truncate(44 + 2 * samples)  # sparse: 170 MB that take no disk
    assert main(["analyze", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert "180 мин" in err and "до 60 мин" in err and err.count("\n") == 1


def test_fuzzing_really_ran():
    """Guard against a silently skipped fuzz run (e.g. a fixture error swallowed): count the inputs."""
    assert tested["inputs"] >= 4 * EXAMPLES or tested["inputs"] == 0  # 0 when run alone with -k


# --- question banks --------------------------------------------------------------------------------
@FUZZ
@given(cut=st.integers(0, len(BANK)), insert=st.text(max_size=40), at=st.integers(0, len(BANK)))
def test_mangled_question_banks_say_file_and_line(tmp_path, cut, insert, at):
    from sobes.interview.question_bank import BankError, load_bank

    mangled = (BANK[:at] + insert + BANK[at:])[: max(cut, 1)]
    path = tmp_path / "bank.yaml"
    path.write_text(mangled, encoding="utf-8")
    tested["inputs"] += 1
    try:
        bank = load_bank([path])
    except BankError as exc:
        assert str(exc).startswith(f"{path}:") and "Traceback" not in str(exc)
    else:
        assert all(question.id and question.text for question in bank.questions)


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    from sobes.interview.question_bank import BankError, load_bank

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nquestions: *a11\n", encoding="utf-8")
    with pytest.raises(BankError):
        load_bank([path])
