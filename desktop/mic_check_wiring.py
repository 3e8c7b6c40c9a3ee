"""The start screen's microphone check: a few seconds recorded on a worker with the level shown while they last,
the advice said in words, and the recording played back as the app heard it.

Only wiring: the check itself is ``interview.mic_check``'s, what is shown is the start screen's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from sobes.audio.playback import play
from sobes.core.errors import SobesError, user_message
from sobes.desktop import worker
from sobes.interview.mic_check import MicrophoneCheck, as_heard

if TYPE_CHECKING:
    from sobes.desktop.main_window import MainWindow


class MicCheckWiring:
    """The start screen's «Проверить микрофон» and «Прослушать» in ``window``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._audio = None  # the last microphone check, in memory only
        window.start.mic_check_requested.connect(self.check_microphone)
        window.start.mic_playback_requested.connect(self.play_microphone_check)

    def check_microphone(self) -> None:
        """A few seconds judged as the answers are (``interview.mic_check``); what to do, said in words."""
        w = self.window
        check = MicrophoneCheck(w.analyzer.judge, device=w.settings.input_device or None, backend=w.backend)
        w.start.mic_recording(check.seconds)
        w.start.meter.reset()

        def show_level() -> None:
            w.start.meter.show_level(*check.level())
            w.start.mic_recording(check.left_s())

        meter = QTimer(w)
        meter.setInterval(100)
        meter.timeout.connect(show_level)

        def done(result) -> None:
            meter.stop()
            self._audio = result.audio  # kept in memory only, to hear oneself
            w.start.mic_checked(result.advice, playable=result.audio is not None)

        def failed(exc) -> None:
            meter.stop()
            w.start.mic_checked(user_message(exc, "Микрофон недоступен."))

        def started(_) -> None:
            meter.start()
            QTimer.singleShot(int(check.seconds * 1000), lambda: worker.run(check.finish, on_result=done,
                                                                           on_error=failed))

        worker.run(check.start, on_result=started, on_error=failed)

    def play_microphone_check(self) -> None:
        """Hear the last microphone check as the app heard it, or as a phone line carries it when the phone mode
        is chosen (the line's filter runs on a worker: it takes a moment the first time)."""
        audio = self._audio
        if audio is None:
            return
        start = self.window.start

        def heard(sound) -> None:
            try:
                play(sound.samples, sound.sample_rate, backend=self.window.backend)
            except SobesError as exc:
                start.mic_checked(str(exc), playable=False)

        phone = start.phone_chosen()
        worker.run(lambda: as_heard(audio, phone=phone), on_result=heard,
                   on_error=lambda exc: start.mic_checked(user_message(exc, "Не удалось воспроизвести."),
                                                          playable=False))
