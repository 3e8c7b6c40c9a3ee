"""The user's settings, typed, in ``settings.json`` beside the history: each data folder has its own.

Plain JSON written whole or not at all. A file that cannot be read, or that
holds values this version does not know (an older Sobes, a hand edit), never
stops the app: the values that are good are kept, the rest fall back to the
defaults, and ``load`` says what was dropped so the window can tell the user.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from sobes.analysis.judge import Judge
from sobes.analysis.norm_overrides import check_overrides
from sobes.core.files import write_atomically
from sobes.interview.paths import data_dir, private_folder

logger = logging.getLogger(__name__)
FILE_NAME = "settings.json"
MAX_BYTES = 1_000_000  # the settings' file read at most (this program writes under 2 kB)
_NAMES = {"role": "роль", "mode": "режим", "scenario": "ролевая игра", "export_folder": "папка для отчётов",
          "input_device": "микрофон", "output_device": "устройство вывода звука",
          "model": "модель распознавания", "voice": "голос интервьюера", "follow_ups": "уточняющие вопросы",
          "thresholds": "нормы анализа"}


@dataclass
class Settings:
    role: str = "client_manager"  # the role and mode last started: the start screen offers them again
    mode: str = "full"
    scenario: str = ""  # the role play last started (its id in the bank): offered again
    input_device: str = ""  # empty: the system default
    output_device: str = ""
    model: str = ""  # empty: the bundled model; else a folder or a hub name
    voice: str = "festival"  # festival: questions are spoken; text: shown only
    follow_ups: bool = True
    thresholds: dict = field(default_factory=dict)  # the user's norms over the defaults (analysis.norms.Norms)
    export_folder: str = ""  # where the last report was saved (empty: the Documents folder)

    @classmethod
    def load(cls, folder: Path | None = None) -> tuple[Settings, list[str]]:
        """The settings of ``folder`` (the data folder by default), and one Russian line per value dropped."""
        path = (folder or data_dir()) / FILE_NAME
        try:
            raw = _read_small_file(path)
        except FileNotFoundError:
            return cls(), []
        except (OSError, UnicodeDecodeError) as exc:
            logger.warning("settings %s unreadable: %s", path, exc)
            return cls(), ["файл настроек не читается — используются стандартные настройки"]
        try:
            stored = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
            stored = None
        if not isinstance(stored, dict):
            return cls(), ["файл настроек повреждён — используются стандартные настройки"]
        return cls._from_stored(stored)

    @classmethod
    def _from_stored(cls, stored: dict) -> tuple[Settings, list[str]]:
        defaults = cls()
        values: dict[str, Any] = {}
        problems: list[str] = []
        for f in fields(cls):
            if f.name not in stored:
                continue
            value, wanted = stored[f.name], type(getattr(defaults, f.name))
            if type(value) is not wanted:
                problems.append(f"настройка «{_NAMES[f.name]}» не прочитана — взято стандартное значение")
            elif f.name == "thresholds":
                values[f.name], dropped = check_overrides(value)
                for problem in dropped.values():
                    logger.warning("stored threshold dropped: %s", problem)
                if dropped:
                    problems.append(f"некоторые нормы анализа из настроек ({len(dropped)}) не подходят этой версии "
                                    "Собеса — для них взяты стандартные значения")
            else:
                values[f.name] = value
        return cls(**values), problems

    def judge(self) -> Judge:
        """The judge of these settings' norms: the one every judgement of this user's answers is made by."""
        return Judge.of(self.thresholds)

    def save(self, folder: Path | None = None) -> None:
        target = private_folder(folder or data_dir()) / FILE_NAME
        write_atomically(target, json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n")


def _read_small_file(path: Path) -> str:
    """The text of ``path`` if it is a regular file of at most ``MAX_BYTES``; else OSError.

    Why: the settings are read before the window shows. A named pipe there blocked the start for ever, and a link
    to /dev/zero read 15 GB in 12 s; settings this program writes are under 2 kB.
    """
    if not path.is_file():  # follows links; a pipe, a device or a folder is not a file of settings
        if not path.exists():
            raise FileNotFoundError(path)
        raise OSError(f"not a regular file: {path}")
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(f"larger than {MAX_BYTES} bytes: {path}")
    return data.decode("utf-8")
