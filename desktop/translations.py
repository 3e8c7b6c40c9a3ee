"""Qt's own Russian: the texts of its standard dialogs and buttons ("Да", "Отмена", "Сохранить как").

Qt's catalogue travels with the PySide6 wheel (``PySide6/Qt/translations/qtbase_ru.qm``) and, in the packaged
app, inside the bundle (packaging/sobes.spec puts it where the wheel has it). Qt 6's Russian catalogue lags behind
its dialogs: the file dialog's «Look in:» and «Files of type:» gained a shortcut letter and lost their
translation, so the few texts a candidate meets untranslated are given here (``GAPS``).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)
CATALOGUE = "qtbase_ru"
# (context, Qt's English) -> Russian: what Qt 6's qtbase_ru.qm leaves in English in the dialogs this app opens
GAPS = {
    ("QFileDialog", "&Look in:"): "&Папка:",
    ("QFileDialog", "Files of &type:"): "&Тип файла:",
}


class _Gaps(QTranslator):
    """The texts missing from Qt's catalogue (``GAPS``); everything else is left to it."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002 (Qt's signature)
        return GAPS.get((context, source_text))  # None: not ours, Qt's catalogue or the English stands

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def catalogue_folders() -> list[Path]:
    """Where Qt's Russian catalogue may be, most likely first: Qt's own idea of its translations folder, the
    PySide6 package's, and the packaged app's copy of it."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "PySide6" / "Qt" / "translations")
    return list(dict.fromkeys(folders))


def install_russian(app) -> list[QTranslator]:
    """Load Qt's Russian translations into ``app``; the translators must live as long as it does (they are its
    children, and ``app.sobes_translators`` keeps the Python side alive)."""
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    installed: list[QTranslator] = [_Gaps(app)]  # asked last: Qt asks the translator installed last first
    qt_own = QTranslator(app)
    folders = catalogue_folders()
    if any(qt_own.load(CATALOGUE, str(folder)) for folder in folders):
        installed.append(qt_own)
    else:
        logger.warning("Qt's Russian translation %s not found in %s", CATALOGUE, ", ".join(map(str, folders)))
    for translator in installed:
        app.installTranslator(translator)
    app.sobes_translators = installed
    return installed
