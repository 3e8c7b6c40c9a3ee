"""Screenshots of a role play in a real window under Xvfb: docs/screenshots/12-role-play-*.png (the interview
screen while the candidate answers the client, the conversation so far above the client's line) and
13-role-play-review-*.png, 14-role-play-turns-*.png (the summary: the review of the conversation, its top and its
turns).

    python tools/screenshots_role_play.py [--out docs/screenshots] [--size 1920x1080]

The candidate's replies are spoken by Festival (a blame first, then an acknowledgement with a question, an offer
with a deadline and a check of agreement, as the guides teach), played by the fake microphone, and transcribed and
judged by the real model: the review shows what Sobes really says about them. Like tools/screenshots.py, data and
HOME are scratch folders.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.make_fixtures import synthesize  # noqa: E402
from tools.screenshots import run_in_scratch, save_window, wait_for  # noqa: E402

SCENARIO = "RPL-DELAY"
REPLIES = (
    "Ну, это не моя вина, у нас проблемы с логистикой. Склад не успевает.",
    "Ирина, я понимаю, как это неприятно: вы отпросились с работы и прождали весь день. Подскажите, пожалуйста, "
    "номер заказа?",
    "Спасибо. Я проверил заказ. Мы привезём диван в эту субботу до двенадцати часов, и я верну вам стоимость "
    "доставки. Как вам такое предложение?",
    "Я лично прослежу за доставкой и позвоню вам в пятницу вечером, чтобы подтвердить время. Если не привезём, "
    "вернём деньги в тот же день. Вас это устроит?",
    "Хорошо, тогда договорились. Спасибо за терпение, Ирина.",
)
DEBRIEF = (
    "Сначала я растерялся и начал оправдываться, потом собрался и думал о том, как помочь клиентке.",
    "Можно было предложить скидку на следующий заказ или бесплатную сборку мебели.",
    "Хорошо получилось предложить решение со сроком и проверить согласие. Иначе я бы сразу извинился, а не "
    "оправдывался.",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1024x768", help="window size, e.g. 1920x1080")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    run_in_scratch(lambda: shoot(args.out, width, height))


def shoot(out: Path, width: int, height: int) -> None:
    from PySide6.QtWidgets import QApplication

    from sobes.audio.fake_backend import FakeBackend
    from sobes.desktop.app import build_window
    from sobes.interview.settings import Settings

    app = QApplication([])
    Settings(follow_ups=False, role="client_manager", mode="role_play", scenario=SCENARIO).save()
    replies = [synthesize(text) for text in REPLIES]
    debrief = [synthesize(text) for text in DEBRIEF]
    window = None

    def said_now():
        """The candidate's words for the step being answered: a reply by its turn, else a debrief answer."""
        step = window.host.runner.session.step
        return replies[min(step.turn, len(replies)) - 1] if step.turn else debrief[max(step.debrief, 1) - 1]

    class Candidate(FakeBackend):
        def InputStream(self, **kwargs):  # noqa: N802 (mirrors sounddevice)
            self.source = said_now()
            return super().InputStream(**kwargs)

    backend = Candidate(replies[0], realtime=True, speed=2)
    window = build_window(backend=backend, speak=True)  # the client's lines said: their time is the client's talk
    title_bar = 32
    window.resize(width, height - title_bar)
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    suffix = f"-{width}x{height}"

    def wait(condition, timeout=120.0):
        wait_for(app, condition, timeout)

    def save(name):
        save_window(app, window, out / f"{name}{suffix}.png")

    wait(lambda: window.analyzer.model_label is not None)
    start = window.start
    assert start.mode.currentData() == "role_play" and start.scenario.currentData() == SCENARIO
    start.start_button.click()
    runner, shot = window.host.runner, False
    while True:
        wait(lambda: runner.state in ("think", "answer", "summary", "aborted")
             or window.stack.currentWidget() is window.review)
        if window.stack.currentWidget() is window.review:
            window.review.next_button.click()
            continue
        if runner.state in ("summary", "aborted"):
            break
        if runner.state == "think":
            window.interview.buttons["start_answer_now"].click()
            continue
        step = runner.session.step
        seconds = len(said_now()) / 16_000
        wait(lambda s=min(3.0, seconds): runner.recording is not None and runner.recording.level().seconds > s)
        if step.turn >= 3 and not shot:
            wait(lambda: window.interview.live.text() != "")
            save("12-role-play")
            shot = True
        wait(lambda s=seconds + 0.5: runner.recording is not None and runner.recording.level().seconds > s)
        window.interview.buttons["stop_answer"].click()
        wait(lambda: runner.state != "answer")
    wait(lambda: window.stack.currentWidget() is window.summary)
    print("outcome:", window.summary.conversation.outcome.text(), flush=True)
    save("13-role-play-review")
    view = window.summary.conversation
    bar = window.summary.scroll_area.verticalScrollBar()
    bar.setValue(min(bar.maximum(), view.turns_title.y()))
    save("14-role-play-turns")
    window.history.close()


if __name__ == "__main__":
    main()
