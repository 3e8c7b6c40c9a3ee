"""Qt's own Russian: the texts of its standard dialogs and buttons ("Да", "Отмена", "Открыть файл")."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)


def install_russian(app) -> list[QTranslator]:
    """Load Qt's Russian translations into ``app``; the translators must live as long as it does."""
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in ("qtbase_ru", "qt_ru"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            logger.warning("Qt's Russian translation %s not found in %s", name, folder)
    return installed
