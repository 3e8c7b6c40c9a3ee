"""Questions the window asks (before something that cannot be undone, for a corrected text) and the way back from
a side screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def confirm(parent: QWidget, title: str, text: str, *, do: str, keep: str = "Отмена") -> bool:
    """Ask; True only when ``do`` was clicked. The safe answer is the default: Enter or Esc never deletes or ends
    anything by accident (the walkthrough found "Да" focused in "Удалить этот ответ…?")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    act = box.addButton(do, QMessageBox.ButtonRole.AcceptRole)
    safe = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    box.exec()
    return box.clickedButton() is act


def title_with_back(title: str, back: Callable[[], None]) -> QHBoxLayout:
    """A screen's title with "← Назад" before it (Esc does the same): History and Settings had no way out but a
    menu."""
    row = QHBoxLayout()
    button = QPushButton("← Назад")
    button.setToolTip("Вернуться (Esc)")
    button.clicked.connect(lambda: back())
    row.addWidget(button)
    row.addWidget(QLabel(f"<h2>{title}</h2>"), 1)
    return row


def edit_text(parent: QWidget, title: str, explain: str, text: str, *, do: str) -> str | None:
    """``text`` in an editor under ``explain``; the edited text when ``do`` was clicked, else None."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    note = QLabel(explain)
    note.setWordWrap(True)
    editor = QPlainTextEdit(text)
    buttons = QDialogButtonBox()
    buttons.addButton(do, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for widget in (note, editor, buttons):
        layout.addWidget(widget)
    dialog.resize(640, 360)
    editor.setFocus()
    return editor.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None
