"""The window's menu bar with every shortcut, the help page (F1), and the keys that act on the screen shown:
Space and Enter on the session's screens, Esc to go back or end the session.

Only keys and menus: what they start is the window's navigation (``main_window.MainWindow``) and the session
screens' wiring (``session_screens.SessionScreens``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QPushButton, QWidget

if TYPE_CHECKING:
    from sobes.desktop.main_window import MainWindow
    from sobes.desktop.session_screens import SessionScreens

HELP = """<h3>Как проходит тренировка</h3>
<ol>
<li>На первом экране выберите роль и режим: полное собеседование, один этап, самопрезентацию, звонок рекрутера,
повтор одного вопроса или ролевую игру с клиентом. Под кнопкой «Начать» видно, сколько будет вопросов и сколько
примерно это займёт.</li>
<li>Проверьте микрофон: скажите пару фраз — программа скажет, хорошо ли вас слышно, и даст прослушать запись.</li>
<li>Интервьюер задаёт вопрос голосом. Есть время подумать; ответ можно начать раньше. Говорите, как на настоящем
собеседовании, и закончите ответ кнопкой или клавишей «Пробел».</li>
<li>После ответа — разбор: главное, что исправить, с кнопкой «▶» на нужном месте записи, текст ответа, темп, паузы,
слова-паразиты и структура рассказа. Ответ можно перезаписать или перейти к следующему вопросу.</li>
<li>Ролевая игра — разговор с недовольным клиентом: под ситуацией сказано, кто клиент и что ему нужно.
Отвечайте вслух — клиент ответит, смотря что вы сказали. В конце — разбор разговора; «▶» включает нужную реплику.</li>
<li>В конце — итоги тренировки. Все ответы остаются в «Истории»: их можно переслушать, сравнить попытки и
сохранить отчёт.</li>
</ol>
<p>Записи хранятся только на этом компьютере и никуда не отправляются.</p>
<h3>Клавиши</h3>
<table cellpadding="3">
<tr><td><b>Пробел</b></td><td>начать или закончить ответ; на разборе — следующий вопрос</td></tr>
<tr><td><b>Enter</b></td><td>на разборе — следующий вопрос</td></tr>
<tr><td><b>Esc</b></td><td>завершить тренировку (программа спросит); из «Истории» и «Настроек» — назад</td></tr>
<tr><td><b>Tab</b></td><td>перейти к следующей кнопке или полю (оно обведено синей рамкой)</td></tr>
<tr><td><b>Ctrl+N</b></td><td>новая тренировка</td></tr>
<tr><td><b>Ctrl+H</b></td><td>история и прогресс</td></tr>
<tr><td><b>Ctrl+,</b></td><td>настройки</td></tr>
<tr><td><b>F1</b></td><td>эта справка</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>выход</td></tr>
</table>"""


def show_help(parent: QWidget) -> None:
    """A short page on how a session goes and what the keys do (F1)."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, "Справка — Собес", HELP, parent=parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.addButton("Закрыть", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


class Menus:
    """The menu bar and the keys of ``window``; Space and Enter only where they mean something."""

    def __init__(self, window: MainWindow, session: SessionScreens) -> None:
        self.window, self.session = window, session
        bar = window.menuBar()
        interview, view, helping = bar.addMenu("Собеседование"), bar.addMenu("Вид"), bar.addMenu("Справка")
        for menu, text, keys, slot in (
            (interview, "Новая тренировка", "Ctrl+N", lambda: window.show_screen(window.start)),
            (interview, "Начать / закончить ответ; далее", "Space", self._space),
            (interview, "Завершить собеседование… / назад", "Esc", self._escape),
            (interview, "Выход", "Ctrl+Q", window.close),
            (view, "История и прогресс", "Ctrl+H", window.show_history),
            (view, "Настройки", "Ctrl+,", lambda: window.show_screen(window.settings_screen)),
            (helping, "Как проходит тренировка и клавиши", "F1", lambda: show_help(window)),
        ):
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            if keys == "Space":
                self.space_action = action
        self.enter_keys = [QShortcut(QKeySequence(key), window) for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)]
        for enter in self.enter_keys:  # the keypad's Enter too; wherever the focus is on the review
            enter.activated.connect(self._next_by_key)
        for button in window.review.findChildren(QPushButton):  # a click leaves the keys to «Далее →»
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        window.review.next_button.setToolTip("Следующий вопрос (Enter или Пробел)")
        window.stack.currentChanged.connect(self._screen_changed)
        self._screen_changed()

    def _screen_changed(self) -> None:
        """Space belongs to the session's screens (answer, next question); elsewhere it presses the button Tab
        has reached, as everywhere else."""
        window = self.window
        self.space_action.setEnabled(window.stack.currentWidget() in (window.interview, window.review))
        for enter in self.enter_keys:
            enter.setEnabled(window.stack.currentWidget() is window.review)

    def _next_by_key(self) -> None:
        """Enter or Space on the review: what «Далее →» does, when it is there (not under a past answer). A button
        Tab has reached (its ring shows it) takes the key itself, as everywhere."""
        review = self.window.review
        if self.window.stack.currentWidget() is not review:
            return
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and review.isAncestorOf(focused) and focused.isVisible():
            focused.click()
            return
        button = review.next_button
        if button.isVisible() and button.isEnabled():
            button.click()

    def _escape(self) -> None:
        """Esc: back from History and Settings; on a session's screens, end it (after asking)."""
        window = self.window
        if window.stack.currentWidget() in (window.history_screen, window.settings_screen):
            window.go_back()
        else:
            self.session.end_session()

    def _space(self) -> None:
        """Space acts on the interview screen, as the button it names, and on the review as «Далее →»."""
        if self.window.stack.currentWidget() is self.window.interview:
            self.window.interview.space()
        elif self.window.stack.currentWidget() is self.window.review:
            self._next_by_key()
