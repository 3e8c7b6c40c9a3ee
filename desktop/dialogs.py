"""Questions the window asks (before something that cannot be undone, for a corrected text) and the way back from
a side screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFileSystemModel,
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


def documents_folder() -> Path:
    """Where a candidate keeps what they save: their Documents folder, or home when there is none (a program's
    working folder, where the dialogs opened, is no place for a report)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class _RussianSizes(QIdentityProxyModel):
    """The file dialog's sizes as a Russian reader writes them («20 кБ»): Qt writes «20,00 KiB» whatever the
    language."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        files = self.sourceModel()
        if index.column() == 1 and role == Qt.ItemDataRole.DisplayRole and isinstance(files, QFileSystemModel):
            source = self.mapToSource(index)
            if not files.isDir(source):
                return QLocale().formattedDataSize(files.size(source), 1,
                                                   QLocale.DataSizeFormat.DataSizeTraditionalFormat)
        return super().data(index, role)


def save_file_dialog(parent: QWidget, title: str, folder: Path, name: str, kind: str) -> QFileDialog:
    """Qt's own "save as" dialog (never the desktop's: that one speaks the system's language, not Russian),
    opened in ``folder`` with ``name`` proposed; ``kind`` is the file type, e.g. «Отчёт (*.html)»."""
    dialog = QFileDialog(parent, title, str(folder / name), kind)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(Path(name).suffix.lstrip("."))
    dialog.setProxyModel(_RussianSizes(dialog))
    dialog.selectFile(name)
    return dialog


def ask_where_to_save(parent: QWidget, title: str, folder: Path, name: str, kind: str) -> Path | None:
    """The path the candidate chose, or None when they cancelled."""
    dialog = save_file_dialog(parent, title, folder, name, kind)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
