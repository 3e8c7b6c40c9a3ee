"""One value a user gave for one norm (typed in the settings, passed to ``--set``, read from settings.json): taken
as a number in the norm's range, or refused with one Russian line that says what would do."""

from __future__ import annotations

import math

from sobes.analysis.norm_declaration import Norm


def check_value(norm: Norm, raw: object) -> tuple[float | None, str | None]:
    """``raw`` as ``norm``'s value, or None and one Russian line that says what is wrong and what would do."""
    try:
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise TypeError(raw)
        value = float(raw.replace(",", ".") if isinstance(raw, str) else raw)  # "1,5" as a Russian writes it
    except (TypeError, ValueError, OverflowError):
        value = math.nan
    if math.isfinite(value) and norm.low <= value <= norm.high and (not norm.whole or value == int(value)):
        return (int(value) if norm.whole else value), None
    kind = "целое число" if norm.whole else "число"
    span = f"от {ru_number(norm.low)} до {ru_number(norm.high)}" + (f" {norm.unit}" if norm.unit else "")
    return None, f"{norm.name}: «{short(raw)}» не подходит — нужно {kind} {span}"


def with_unit(norm: Norm, value: float) -> str:
    """``value`` as a message shows it: a Russian number and the norm's unit, if it has one."""
    return ru_number(value) + (f" {norm.unit}" if norm.unit else "")


def short(value: object, limit: int = 30) -> str:
    """A user's value quoted in a message: one line, cut short."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def ru_number(value: float) -> str:
    """A number as a Russian reader writes it: a decimal comma and a true minus."""
    return f"{value:g}".replace(".", ",").replace("-", "−")
