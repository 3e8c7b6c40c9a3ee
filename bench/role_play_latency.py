"""A role play's turn-taking: seconds from the candidate's stop to the client's next line chosen, and to it said.

The runner plays the scenario «Доставка задерживается на неделю» with the
real model; the candidate's replies (the guides' good ones, spoken by
Festival) come from the fake microphone in real time, each stopped 1 s
after its last word. "Chosen" is the stop → the client's next line decided
(its ``QuestionAsked``); "said" is the stop → that line starts to play (the
fake output opens its stream), which the candidate waits for too. The voice's
cache starts empty (the model's is shared): the runner renders every line the
client may say while the candidate answers. Target (issue 31): chosen within
2 s.

    .venv/bin/python bench/role_play_latency.py [--load 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from cpu_load import cpu_load  # noqa: E402

REPLIES = ("Мне очень жаль, я понимаю ваше недовольство. Позвольте мне разобраться. Подскажите, пожалуйста, номер "
           "вашего заказа?",
           "Спасибо. Я проверил: диван на складе. Предлагаю бесплатную доставку курьером завтра до двенадцати часов, "
           "я лично проконтролирую.",
           "Если завтра не привезём, я верну вам стоимость доставки и дам скидку десять процентов на следующий заказ. "
           "Как вам такое предложение?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", type=int, default=0, help="CPU-bound processes running beside it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        os.environ["SOBES_DATA_DIR"] = data
        from sobes.core.cache import CACHE_ENV, cache_dir

        models = cache_dir() / "models"
        os.environ[CACHE_ENV] = str(Path(data) / "cache")  # no line rendered before: the first role play's figures
        (Path(data) / "cache").mkdir()
        (Path(data) / "cache" / "models").symlink_to(models)
        from sobes.analysis.engine import Analyzer
        from sobes.audio.fake_backend import FakeBackend, _FakeOutputStream
        from sobes.audio.voice import render_prompt
        from sobes.core.audio_file import load_audio
        from sobes.interview import events
        from sobes.interview.history import History
        from sobes.interview.question_bank import load_bank
        from sobes.interview.runner import SessionRunner
        from sobes.interview.settings import Settings

        voices = Path(data) / "replies"
        replies = [np.concatenate([load_audio(render_prompt(text, cache=voices)).samples, np.zeros(16_000, np.float32)])
                   for text in REPLIES]
        analyzer = Analyzer(None, Settings().judge())
        analyzer.prepare()
        history = History(Path(data) / "history.db")
        seen: list = []
        backend = FakeBackend(replies, realtime=True)
        runner = SessionRunner(analyzer=analyzer, history=history, recordings=Path(data) / "recordings",
                               on_event=seen.append, backend=backend, speak=True, hold_for_review=False)

        def outputs() -> int:
            return sum(isinstance(stream, _FakeOutputStream) for stream in backend.streams)

        bank = load_bank()
        chosen, said = [], []
        with cpu_load(args.load):
            runner.begin([], mode="role_play", role="client_manager", follow_ups=False, phone=False,
                         scenario=bank.scenario("RPL-DELAY"))
            for reply in replies:
                while runner.recording is None or runner.recording.level().seconds < len(reply) / 16_000:
                    runner.tick()
                    time.sleep(0.01)
                asked, played = sum(isinstance(e, events.QuestionAsked) for e in seen), outputs()
                stopped = time.perf_counter()
                runner.stop_answer()
                while sum(isinstance(e, events.QuestionAsked) for e in seen) == asked:
                    runner.tick()
                    time.sleep(0.005)
                chosen.append(time.perf_counter() - stopped)
                while outputs() == played:
                    runner.tick()
                    time.sleep(0.005)
                said.append(time.perf_counter() - stopped)
                line = [e for e in seen if isinstance(e, events.QuestionAsked)][asked].step  # the first after the stop
                print(f"reply {len(chosen)}: chosen {chosen[-1]:.2f} s, said from {said[-1]:.2f} s "
                      f"— «{line.text[:50]}…»", flush=True)
                if line.listen_only:
                    break
        runner.close()
        print(f"load {args.load}: stop → the client's line chosen, median {statistics.median(chosen):.2f} s "
              f"(most {max(chosen):.2f} s; target 2 s); said from {statistics.median(said):.2f} s")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
