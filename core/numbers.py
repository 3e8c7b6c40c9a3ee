"""Numbers as a Russian reader writes them: a decimal comma and a real minus sign. The one formatter for every
figure a candidate reads (the review, the history, the terminal, a damaged recording's warning)."""

from __future__ import annotations


def ru_number(value: float | None, digits: int = 1) -> str:
    """``3.25`` -> ``"3,3"``, ``-17.2`` -> ``"−17,2"`` (a minus sign, not a hyphen); ``None`` -> ``"—"``."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}".replace(".", ",")
    if text.startswith("-"):
        text = text[1:] if not text.strip("-0,") else "−" + text[1:]  # "-0,0" is plain 0
    return text
