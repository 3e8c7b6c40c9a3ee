"""Russian names of the report's metrics and STAR parts, and Russian number formatting.

One place for the words the CLI summary, the desktop app and exports show,
so a metric is called the same everywhere.
"""

from __future__ import annotations

METRIC_NAMES = {
    "tempo": "Темп", "pauses": "Паузы", "latency": "Начало ответа", "fillers": "Слова-паразиты",
    "hesitations": "Заминки", "hedges": "Неуверенность", "pitch": "Интонация", "loudness": "Громкость",
    "noise": "Фон", "star": "Структура STAR", "numbers": "Объяснение цифр", "role": "Ваша роль («я»)",
}
STAR_NAMES = {"situation": "ситуация", "task": "задача", "action": "действия", "result": "результат"}


def ru_number(value: float | None, digits: int = 1) -> str:
    """``3.25`` -> ``"3,3"``; ``None`` -> ``"—"``."""
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")
