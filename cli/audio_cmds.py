"""`sobes devices` and `sobes record`: the audio layer without a window."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from audio.devices import list_devices
from audio.recorder import Recorder

LEVEL_EVERY_S = 0.5


def register(commands: argparse._SubParsersAction) -> None:
    devices = commands.add_parser("devices", help="list audio input and output devices")
    devices.set_defaults(run=run_devices)
    record = commands.add_parser("record", help="record from a microphone into a WAV file")
    record.add_argument("out", type=Path, metavar="OUT.wav")
    record.add_argument("--seconds", type=float, default=None, help="stop after N seconds (default: Ctrl+C)")
    record.add_argument("--device", default=None, help="input device index or name (see `sobes devices`)")
    record.set_defaults(run=run_record)


def run_devices(args: argparse.Namespace) -> int:
    for d in list_devices():
        marks = ("вход по умолчанию " if d.is_default_input else "") + ("выход по умолчанию" if d.is_default_output else "")
        print(f"{d.index:3}  {d.name:40}  входов {d.inputs:2}  выходов {d.outputs:2}  {d.default_rate} Гц  {marks}".rstrip())
    return 0


def run_record(args: argparse.Namespace) -> int:
    recorder = Recorder(args.out, device=args.device)
    recorder.start()
    print(f"Запись с «{recorder.device.name}» ({recorder.rate} Гц) в {args.out}. Ctrl+C — стоп.", file=sys.stderr)
    started = time.monotonic()
    try:
        while not recorder.failed and (args.seconds is None or time.monotonic() - started < args.seconds):
            time.sleep(min(LEVEL_EVERY_S, max(0.01, (args.seconds or 1e9) - (time.monotonic() - started))))
            level = recorder.level()
            notes = (" ПЕРЕГРУЗ" if level.clipping else "") + (" СЛИШКОМ ТИХО" if level.too_quiet else "")
            print(f"\r{level.seconds:6.1f} с  уровень {level.rms_dbfs:6.1f} дБFS  пик {level.peak_dbfs:6.1f}{notes}   ",
                  end="", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    result = recorder.stop()
    print(file=sys.stderr)
    print(f"Сохранено: {result.path} — {result.seconds:.1f} с, {result.sample_rate} Гц, пик {result.peak_dbfs} дБFS, "
          f"перегруз {result.clipped_ratio:.2%}, потерь буфера {result.overflows}")
    if result.error:
        print(f"sobes: error: {result.error}", file=sys.stderr)
        return 2
    return 0
