"""`sobes-desktop` / `sobes desktop`: open the window at once, load the model in the background."""

from __future__ import annotations

import logging
import os
import sys

logger = logging.getLogger(__name__)


def build_window(*, backend=None, speak=True, history=None):
    """The main window with its services; the model starts loading in a worker thread."""
    from PySide6.QtWidgets import QApplication

    from sobes.analysis.engine import Analyzer
    from sobes.audio.devices import list_devices
    from sobes.desktop import worker
    from sobes.desktop.focus_style import install_focus_style
    from sobes.desktop.main_window import MainWindow
    from sobes.desktop.translations import install_russian
    from sobes.interview.history import History
    from sobes.interview.question_bank import load_bank_or_bundled
    from sobes.interview.settings import Settings

    app = QApplication.instance()
    assert isinstance(app, QApplication), "a QApplication comes first"
    if not getattr(app, "sobes_translators", None):
        install_russian(app)  # Qt's own dialogs in Russian, in every window this app opens
    install_focus_style(app)
    settings, notices = Settings.load()
    bank, bank_problem = load_bank_or_bundled()
    notices += [bank_problem] if bank_problem else []
    history = history or History()
    history.recover_after_crash()
    analyzer = Analyzer(settings.model or None, settings.judge())
    try:
        devices = list_devices(backend)
    except Exception as exc:  # no audio system: the window still opens and says so
        logger.warning("no audio devices: %s", exc)
        devices = []
    window = MainWindow(settings=settings, history=history, bank=bank, analyzer=analyzer,
                        devices=devices, backend=backend, speak=speak)
    for notice in notices:
        window.show_notice(notice)

    def model_failed(exc):
        from sobes.core.errors import user_message

        window.start.model_failed(user_message(exc, "переустановите Собес или выберите другую модель в настройках"))

    worker.run(analyzer.prepare, on_result=lambda _: window.start.model_ready(),
               on_error=model_failed)
    return window


def main(argv: list[str] | None = None, *, self_test: bool = False) -> int:
    """Open the window and run until it is closed.

    ``self_test`` (for packaged builds): open the window, wait for the model, print what was checked and
    leave with 0, or 1 if anything failed — a missing Qt plugin or module shows up here.
    """
    from sobes.core.offline import disable_telemetry

    disable_telemetry()  # first: before anything can load ONNX Runtime
    from PySide6.QtWidgets import QApplication

    from sobes.desktop.startup_checks import open_history, take_instance_lock

    logging.basicConfig(level=logging.WARNING)
    os.umask(0o077)  # everything the app creates (recordings, exports, logs) is the user's alone
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    from sobes.desktop.translations import install_russian

    install_russian(app)  # before the first question the app may ask (another copy running, a damaged history)
    lock = take_instance_lock(ask=not self_test)
    history = open_history(ask=not self_test) if lock else None
    if history is None:
        logging.shutdown()
        os._exit(1)
    window = build_window(history=history)
    window.show()
    if self_test:
        _run_self_test(app, window)
    code = app.exec()
    window.history.close()
    logging.shutdown()
    # PySide6 6.12 with NumPy 2 can crash in the interpreter's final garbage collection; everything is
    # saved and closed by now, so leave without it.
    os._exit(code)


def _run_self_test(app, window, timeout_ms: int = 120_000) -> None:
    from PySide6.QtCore import QTimer

    def check():
        if window.analyzer.model_label is None:
            return
        timer.stop()
        painted = not window.grab().isNull()
        russian = len(getattr(app, "sobes_translators", ())) > 1  # Qt's catalogue found, beside our own few texts
        print(f"self-test: window shown on '{app.platformName()}', painted: {painted}, "
              f"model: {window.analyzer.model_label}, Qt in Russian: {russian}", flush=True)
        app.exit(0 if painted and window.isVisible() else 1)

    def give_up():
        print("self-test: the model did not load in time", flush=True)
        app.exit(1)

    timer = QTimer(window)
    timer.timeout.connect(check)
    timer.start(100)
    QTimer.singleShot(timeout_ms, give_up)


if __name__ == "__main__":
    sys.exit(main())
