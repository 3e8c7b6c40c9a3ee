"""Recording with the injected fake backend: deterministic, no sleeps."""

from __future__ import annotations

import shutil
import wave

import numpy as np
import pytest

from sobes.audio import recorder as recorder_module
from sobes.audio.devices import choose_input_rate, find_device, list_devices
from sobes.audio.errors import AudioDeviceError, from_portaudio
from sobes.audio.fake_backend import FakeBackend, PortAudioError
from sobes.audio.recorder import Recorder
from sobes.audio.ring_buffer import RingBuffer
from sobes.audio.wav_file import StreamingWavWriter, recover_wav
from sobes.core.audio_file import load_audio
from tests.judges import DEFAULT


def read_wav(path):
    with wave.open(str(path)) as w:
        return w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), "<i2")


def record_all(backend, path, **kwargs):
    """Record the backend's whole source, then stop."""
    rec = Recorder(path, backend=backend, ring_seconds=60, **kwargs)
    rec.start()
    backend.streams[-1].fed.wait(30)
    return rec, rec.stop()


def test_records_the_source_exactly(tmp_path, fixtures_dir):
    backend = FakeBackend(fixtures_dir / "intro.wav")
    _, result = record_all(backend, tmp_path / "a.wav")
    rate, data = read_wav(result.path)
    expected = backend.samples_at(48_000)
    assert rate == 48_000 and result.sample_rate == 48_000
    assert np.array_equal(data[: len(expected)], expected)  # bit-exact, nothing lost or doubled
    assert result.error is None and result.overflows == 0 and result.dropped_samples == 0
    assert result.seconds == pytest.approx(len(expected) / 48_000, abs=0.02)


def test_device_default_rate_when_48_and_16_are_refused(tmp_path, fixtures_dir):
    backend = FakeBackend(fixtures_dir / "pauses.wav", rates=(22_050,))
    device = find_device(None, backend=backend)
    assert choose_input_rate(device, backend) == 22_050
    _, result = record_all(backend, tmp_path / "b.wav")
    assert result.sample_rate == 22_050
    assert load_audio(result.path).duration_s == pytest.approx(load_audio(fixtures_dir / "pauses.wav").duration_s,
                                                               abs=0.05)


def test_no_usable_rate_is_a_clear_error(fixtures_dir):
    backend = FakeBackend(fixtures_dir / "pauses.wav", rates=())
    with pytest.raises(AudioDeviceError, match="не поддерживает нужную частоту"):
        choose_input_rate(find_device(None, backend=backend), backend)


def test_overflows_are_counted(tmp_path, fixtures_dir):
    backend = FakeBackend(fixtures_dir / "intro.wav", overflow_every=10)
    _, result = record_all(backend, tmp_path / "c.wav")
    blocks = int(np.ceil(len(backend.samples_at(48_000)) / 480))
    assert result.overflows == blocks // 10


def test_level_meter_and_flags(tmp_path, fixtures_dir):
    loud = FakeBackend(np.clip(load_audio(fixtures_dir / "intro.wav").samples * 20, -1, 1))
    rec, result = record_all(loud, tmp_path / "loud.wav")
    assert result.clipped_ratio > 0.01 and result.peak_dbfs > -0.1
    assert DEFAULT.level(rec.level().speech_dbfs, rec.level().clipped_ratio) == "loud"  # the meter's clipping rule
    whisper = FakeBackend(load_audio(fixtures_dir / "intro.wav").samples * 10 ** (-55 / 20))
    rec, result = record_all(whisper, tmp_path / "whisper.wav")
    level = rec.level()
    assert DEFAULT.level(level.speech_dbfs, level.clipped_ratio) == "silent" and level.seconds > 10  # a room, no voice
    assert -110 < level.rms_dbfs < -50
    quiet = FakeBackend(load_audio(fixtures_dir / "intro.wav").samples * 10 ** (-25 / 20))
    rec, result = record_all(quiet, tmp_path / "quiet.wav")
    level = rec.level()
    assert DEFAULT.level(level.speech_dbfs, level.clipped_ratio) == "quiet"


def test_device_that_vanishes_keeps_the_take(tmp_path, fixtures_dir):
    backend = FakeBackend(fixtures_dir / "star.wav", fail_after_s=1.0)
    rec = Recorder(tmp_path / "d.wav", backend=backend)
    rec.start()
    assert rec.done.wait(10) and rec.failed
    result = rec.stop()
    assert "Микрофон перестал передавать звук" in result.error
    assert load_audio(result.path).duration_s == pytest.approx(1.0, abs=0.02)


def test_full_disk_stops_with_a_message_and_keeps_what_was_written(tmp_path, fixtures_dir, monkeypatch,
                                                                   disk_full_after):
    disk_full_after(3)
    monkeypatch.setattr(recorder_module, "DRAIN_INTERVAL_S", 0.001)
    backend = FakeBackend(fixtures_dir / "star.wav", realtime=True)
    rec = Recorder(tmp_path / "e.wav", backend=backend)
    rec.start()
    assert rec.done.wait(10) and rec.failed
    result = rec.stop()
    assert "На диске нет места" in result.error and "Освободите место" in result.error
    audio = load_audio(result.path)  # playable
    assert 0 < audio.duration_s == pytest.approx(result.seconds, abs=0.01)


def test_streaming_wav_is_valid_while_written_and_recovers_after_a_crash(tmp_path):
    path = tmp_path / "crash.wav"
    writer = StreamingWavWriter(path, 16_000)
    writer.append(np.full(16_000, 1000, np.int16))
    writer.flush()
    writer.append(np.full(8_000, 1000, np.int16))  # written, but the header not updated: then a crash
    snapshot = tmp_path / "snapshot.wav"
    shutil.copy(path, snapshot)
    assert load_audio(snapshot).duration_s == pytest.approx(1.0, abs=0.01)  # readable as is
    with open(snapshot, "ab") as fh:
        fh.write(b"\x01")  # half a sample from the moment of the kill
    assert recover_wav(snapshot) == pytest.approx(1.5)
    assert load_audio(snapshot).duration_s == pytest.approx(1.5, abs=0.01)
    writer.close()


def test_recover_refuses_foreign_files(tmp_path):
    other = tmp_path / "x.wav"
    other.write_bytes(b"not a wav at all" * 4)
    with pytest.raises(ValueError, match="not a recording"):
        recover_wav(other)


def test_ring_buffer_wraps_and_counts_drops():
    ring = RingBuffer(10)
    ring.write(np.arange(6, dtype=np.int16))
    assert list(ring.read()) == [0, 1, 2, 3, 4, 5]
    ring.write(np.arange(6, 14, dtype=np.int16))  # wraps around the end
    assert list(ring.read()) == list(range(6, 14))
    ring.write(np.arange(15, dtype=np.int16))  # more than fits
    assert ring.dropped == 5 and list(ring.read()) == list(range(10))


def test_devices_and_errors():
    backend = FakeBackend(np.zeros(16_000, np.float32))
    devices = list_devices(backend)
    assert [d.is_default_input for d in devices] == [True, False]
    assert find_device("speak", kind="output", backend=backend).name == "Fake speakers"
    with pytest.raises(AudioDeviceError, match="не найдено"):
        find_device("usb headset", backend=backend)
    error = from_portaudio(PortAudioError("Invalid device", -9996), context="opening X")
    assert str(error).startswith("Микрофон или динамик не найден") and "-9996" not in str(error)
    assert "занято другой программой" in str(from_portaudio(PortAudioError("Device unavailable", -9985)))
