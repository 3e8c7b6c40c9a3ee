"""`sobes devices` and `sobes record`: the audio layer without a window."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sobes.audio.devices import list_devices
from sobes.audio.recorder import Recorder
from sobes.cli.arguments import number
from sobes.cli.saved import saved_settings
from sobes.core.errors import OutputError
from sobes.core.files import check_output_path, write_atomically
from sobes.core.numbers import ru_number
from sobes.interview.disk_faults import is_nearly_full

LEVEL_EVERY_S = 0.5
LAWS = {"alaw": "A-закон", "ulaw": "μ-закон"}  # the names telephony uses in Russian


def register(commands: argparse._SubParsersAction) -> None:
    devices = commands.add_parser("devices", help="звуковые устройства: микрофоны и динамики")
    devices.set_defaults(run=run_devices)
    record = commands.add_parser("record", help="записать звук с микрофона в файл WAV")
    record.add_argument("out", type=Path, metavar="ФАЙЛ.wav", help="куда записать")
    record.add_argument("--seconds", type=number(0.1, 3600, " с"), default=None, metavar="СЕКУНДЫ",
                        help="остановить запись через столько секунд (по умолчанию — по Ctrl+C)")
    record.add_argument("--device", default=None, metavar="МИКРОФОН",
                        help="номер или название микрофона (список — в sobes devices)")
    record.set_defaults(run=run_record)


def run_devices(args: argparse.Namespace) -> int:
    for d in list_devices():
        marks = (("вход по умолчанию " if d.is_default_input else "")
                 + ("выход по умолчанию" if d.is_default_output else ""))
        print(f"{d.index:3}  {d.name:40}  входов {d.inputs:2}  выходов {d.outputs:2}  {d.default_rate} Гц  "
              f"{marks}".rstrip())
    return 0


def run_record(args: argparse.Namespace) -> int:
    judge = saved_settings().judge()
    check_output_path(args.out)
    if args.out.exists() or args.out.is_symlink():  # a recording is never written over another file
        raise OutputError(f"файл {args.out} уже есть: укажите другое имя (этот файл не тронут)")
    recorder = Recorder(args.out, device=args.device)
    recorder.start()
    device = recorder.device.name if recorder.device else "микрофона по умолчанию"
    print(f"Запись с «{device}» ({recorder.rate} Гц) в {args.out}. Ctrl+C — стоп.", file=sys.stderr)
    started = time.monotonic()
    try:
        while not recorder.failed and (args.seconds is None or time.monotonic() - started < args.seconds):
            time.sleep(min(LEVEL_EVERY_S, max(0.01, (args.seconds or 1e9) - (time.monotonic() - started))))
            level = recorder.level()
            judged = judge.level(level.speech_dbfs, level.clipped_ratio)
            notes = {"loud": " ПЕРЕГРУЗ", "quiet": " СЛИШКОМ ТИХО"}.get(judged, "")
            print(f"\r{ru_number(level.seconds):>6} с  уровень {ru_number(level.rms_dbfs):>6} дБ  "
                  f"пик {ru_number(level.peak_dbfs):>6} дБ{notes}   ",
                  end="", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    result = recorder.stop()
    print(file=sys.stderr)
    if result.error and not result.seconds:
        return _nothing_recorded(args.out, result.error)
    print(f"Сохранено: {result.path} — {ru_number(result.seconds)} с, {result.sample_rate} Гц, "
          f"пик {ru_number(result.peak_dbfs)} дБ, перегруз {ru_number(result.clipped_ratio * 100, 2)} %, "
          f"пропущено блоков звука: {result.overflows}")
    if result.error:
        print(f"sobes: ошибка: {result.error}", file=sys.stderr)
        return 2
    return 0


def _nothing_recorded(out: Path, error: str) -> int:
    """A take that failed before any sound was written: its empty file goes, the line says why."""
    out.unlink(missing_ok=True)  # ours: the recorder made it (it never opens an existing file)
    if is_nearly_full(out.parent):
        error = f"на диске нет места для {out}: запись не сохранена. Освободите место и повторите"
    print(f"sobes: ошибка: {error}", file=sys.stderr)
    return 2


def register_voice(commands: argparse._SubParsersAction) -> None:
    say = commands.add_parser("say", help="произнести фразу голосом интервьюера и сохранить в WAV")
    say.add_argument("text", metavar="ТЕКСТ", help="что сказать")
    say.add_argument("out", type=Path, metavar="ФАЙЛ.wav", help="куда сохранить")
    say.add_argument("--play", action="store_true", help="ещё и проиграть через динамики по умолчанию")
    say.set_defaults(run=run_say)
    phone = commands.add_parser("phone", help="как запись звучит через телефонную линию (8 кГц, G.711)")
    phone.add_argument("inp", type=Path, metavar="ЗАПИСЬ", help="исходная запись")
    phone.add_argument("out", type=Path, metavar="ФАЙЛ.wav", help="куда сохранить звук после линии")
    phone.add_argument("--law", choices=["alaw", "ulaw"], default="alaw",
                       help="кодирование G.711: alaw (по умолчанию, как в Европе) или ulaw")
    phone.add_argument("--noise-db", type=number(-120, -10, " дБ"), default=-55.0,
                       metavar="ДБ",
                       help="шум линии в дБ от полной шкалы (по умолчанию −55)")
    phone.add_argument("--compare", action="store_true",
                       help="ещё и распознать обе записи и сказать, сколько ответа доходит через линию")
    phone.set_defaults(run=run_phone)


def run_say(args: argparse.Namespace) -> int:
    from sobes.audio.voice import render_prompt

    check_output_path(args.out)
    rendered = render_prompt(args.text)
    write_atomically(args.out, rendered.read_bytes())
    print(f"Сохранено: {args.out}")
    if args.play:
        from sobes.audio.playback import play
        from sobes.core.audio_file import load_audio

        audio = load_audio(args.out)
        playback = play(audio.samples, audio.sample_rate)
        playback.wait()
        if playback.error:
            raise playback.error
    return 0


def run_phone(args: argparse.Namespace) -> int:
    from sobes.audio.telephone import telephone_channel
    from sobes.audio.wav_file import write_wav
    from sobes.core.audio_file import load_audio

    check_output_path(args.out)
    audio = load_audio(args.inp)
    line = telephone_channel(audio.samples, audio.sample_rate, law=args.law, noise_dbfs=args.noise_db)
    write_wav(args.out, line, audio.sample_rate)
    print(f"Сохранено: {args.out} (телефонная линия: 8 кГц, 300–3400 Гц, кодирование G.711 {LAWS[args.law]})")
    if args.compare:
        from sobes.analysis.engine import Analyzer
        from sobes.interview.phone_check import check_through_phone

        settings = saved_settings()
        check = check_through_phone(Analyzer(settings.model or None, settings.judge()), audio, law=args.law)
        print(f"Совпадение расшифровки через телефон: {round(check.agreement * 100)} %")
        print(f"Напрямую: {check.direct_text}")
        print(f"По телефону: {check.phone_text}")
        print(f"Громкость: {ru_number(check.direct_rms_dbfs)} → {ru_number(check.phone_rms_dbfs)} дБ; "
              f"сигнал/шум на линии {ru_number(check.phone_snr_db)} дБ")
    return 0
