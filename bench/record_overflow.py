"""Record for N minutes while the other core transcribes; print overflows and lost audio.

    python bench/record_overflow.py [--minutes 10]

Uses the default input device; on a machine without a microphone it sets up a
PulseAudio null sink (as the tests do) and plays the demo answer into it in a
loop. A transcription thread (1 CTranslate2 thread, the bundled model) runs
the whole time, as it will when answers are transcribed while recording.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sobes.analysis.model_store import resolve_model  # noqa: E402
from sobes.analysis.transcribe import TranscribeOptions, load_model, transcribe  # noqa: E402
from sobes.audio.recorder import Recorder  # noqa: E402
from sobes.core.audio_file import load_audio  # noqa: E402
from tests.pulse import ensure_null_sink, play  # noqa: E402

DEMO = ROOT / "assets" / "demo" / "answer.wav"


def keep_transcribing(stop: threading.Event, counter: list[int]) -> None:
    options = TranscribeOptions(cpu_threads=1)
    model = load_model(resolve_model(None), options)
    samples = load_audio(DEMO).samples
    while not stop.is_set():
        try:
            transcribe(model, samples, options, should_cancel=stop.is_set)
            counter[0] += 1
        except Exception:  # Cancelled at the end
            break


def keep_playing(stop: threading.Event) -> None:
    while not stop.is_set():
        play(DEMO).wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    ensure_null_sink()
    stop = threading.Event()
    transcribed = [0]
    workers = [threading.Thread(target=keep_transcribing, args=(stop, transcribed), daemon=True),
               threading.Thread(target=keep_playing, args=(stop,), daemon=True)]
    for worker in workers:
        worker.start()
    with tempfile.TemporaryDirectory() as tmp:
        recorder = Recorder(Path(tmp) / "long.wav")
        recorder.start()
        started = time.monotonic()
        while time.monotonic() - started < args.minutes * 60 and not recorder.failed:
            time.sleep(1)
        wall = time.monotonic() - started
        result = recorder.stop()
        stop.set()
        recovered = load_audio(result.path).duration_s
    print(f"recorded {result.seconds:.1f} s in {wall:.1f} s of wall time at {result.sample_rate} Hz "
          f"from {result.device}; file holds {recovered:.1f} s")
    print(f"input overflows (PortAudio): {result.overflows}; samples dropped by the ring: {result.dropped_samples}")
    print(f"answers transcribed meanwhile on the other core: {transcribed[0]} x {load_audio(DEMO).duration_s:.0f} s")
    print(f"error: {result.error}")


if __name__ == "__main__":
    main()
