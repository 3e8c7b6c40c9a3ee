"""The user's settings, typed, stored with QSettings (one place for all of them).

Tests point QSettings at a temporary folder (``use_folder``), never at the
user's real settings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from PySide6.QtCore import QSettings

ORGANIZATION, APPLICATION = "Sobes", "sobes"


@dataclass
class Settings:
    role: str = "client_manager"
    input_device: str = ""  # empty: the system default
    output_device: str = ""
    model: str = ""  # empty: the bundled model; else a folder or a hub name
    voice: str = "festival"  # festival: questions are spoken; text: shown only
    follow_ups: bool = True
    thresholds: dict = field(default_factory=dict)  # overrides of analysis.config.Thresholds

    @classmethod
    def load(cls) -> "Settings":
        store = QSettings(ORGANIZATION, APPLICATION)
        values = {}
        for f in fields(cls):
            raw = store.value(f.name)
            if raw is None:
                continue
            if f.name == "thresholds":
                values[f.name] = json.loads(raw)
            elif f.name == "follow_ups":
                values[f.name] = raw in (True, "true", "1", 1)
            else:
                values[f.name] = str(raw)
        return cls(**values)

    def save(self) -> None:
        store = QSettings(ORGANIZATION, APPLICATION)
        for name, value in asdict(self).items():
            store.setValue(name, json.dumps(value) if name == "thresholds" else value)
        store.sync()


def use_folder(path) -> None:
    """Keep QSettings in ``path`` (tests, portable installs)."""
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(path))
