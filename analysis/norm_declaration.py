"""What one norm's declaration holds, and how it becomes a field of ``analysis.norms.Norms``.

Kept apart from the declarations themselves (``analysis.norms``) and from checking a user's values against them
(``analysis.norm_value``, ``analysis.norm_overrides``), so the long list of norms reads as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Norm:
    """One norm's declaration: everything about it but the value a user chose."""

    default: float
    low: float  # the range a user may set it to: outside it the analysis means nothing
    high: float
    unit: str  # "с", "слов в минуту", "дБ", "%", "доли" (a share of 1), "усл. ед." (a measure of its own)…
    name: str  # Russian, as in the settings
    group: str  # the settings group
    why: str  # "Почему такая норма?", the source named as people cite it
    source: str  # the developers' record (docs/metrics.md), never shown
    whole: bool = False  # a count: an integer


def norm_field(default: float, low: float, high: float, unit: str, name: str, group: str, why: str, source: str, *,
               whole: bool = False) -> Any:
    """A field of ``Norms`` whose default is ``default`` and whose metadata carries the whole declaration."""
    return field(default=default, metadata={"norm": Norm(default, low, high, unit, name, group, why, source, whole)})
