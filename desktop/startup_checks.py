"""What the window asks before it opens: is Sobes already running, and is the history readable.

Dialogs only; the lock and the recovery are ``interview.instance_lock`` and
``interview.recovery``.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from sobes.interview import recovery
from sobes.interview.history import History, HistoryError, default_path
from sobes.interview.instance_lock import AlreadyRunning, DataFolderUnusable, InstanceLock
from sobes.interview.paths import data_dir

logger = logging.getLogger(__name__)
TITLE = "Собес"


def take_instance_lock(*, ask: bool = True) -> InstanceLock | None:
    """The lock for this process, or ``None`` (after telling the user) when another window holds it.

    ``ask=False`` (the self-test) only logs: a dialog would wait for a click nobody gives.
    """
    try:
        return InstanceLock().acquire()
    except AlreadyRunning as exc:
        logger.warning("%s", exc)
        if ask:
            QMessageBox.information(None, TITLE, "Собес уже открыт в другом окне. Переключитесь на него: "
                                                 "два окна записывали бы одну и ту же историю.")
    except OSError as exc:
        logger.error("data folder %s unusable: %s", data_dir(), exc)
        if ask:
            QMessageBox.critical(None, TITLE, f"Папку данных Собеса нельзя использовать: {exc}.\n\n"
                                              "Исправьте это и запустите Собес снова."
                                              if isinstance(exc, DataFolderUnusable) else
                                              f"Папка данных Собеса недоступна для записи:\n{data_dir()}\n\n"
                                              "Проверьте права на неё или укажите другую папку в переменной "
                                              "SOBES_DATA_DIR и запустите Собес снова.")
    return None


def open_history(*, ask: bool = True) -> History | None:
    """The history, or a fresh one if the user agrees after a damaged file; ``None`` to quit."""
    try:
        return History()
    except HistoryError as exc:
        logger.error("%s", exc)
        if not ask:
            return None
        if not exc.damaged:
            QMessageBox.critical(None, TITLE, f"Не удалось открыть историю занятий: {exc}")
            return None
    path = default_path()
    answer = QMessageBox.question(
        None, TITLE,
        f"Файл истории занятий повреждён или создан более новой версией Собеса:\n{path}\n\n"
        "Сохранить его рядом (он не будет удалён) и начать новую историю? Ваши записи ответов "
        "останутся на диске и снова появятся в истории — их можно будет проанализировать.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    history, aside, relinked = recovery.start_fresh(path, data_dir() / "recordings")
    QMessageBox.information(None, TITLE, f"Повреждённый файл сохранён как {aside.name}.\n"
                                         f"Начата новая история; возвращено записей ответов: {relinked}.")
    return history
