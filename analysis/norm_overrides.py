"""A user's values over the norms' defaults (the settings, ``sobes analyze --set``, a hand-edited settings.json):
each checked against its norm's range, the ``ORDERED`` pairs against each other, and the usable ones applied."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sobes.analysis.norm_value import check_value, short, with_unit
from sobes.analysis.norms import NORMS, ORDERED, Norms
from sobes.core.errors import InputError


def with_overrides(norms: Norms, overrides: dict[str, Any]) -> Norms:
    """A copy of ``norms`` with the user's values; an unknown name or a value out of range is an error, not ignored."""
    values, problems = check_overrides(overrides)
    if problems:
        raise InputError(next(iter(problems.values())))
    return replace(norms, **values)


def check_overrides(overrides: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The usable values among ``overrides``, and one Russian line for each name whose value is not.

    For settings saved by another version: the good values are kept, the others reported.
    """
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, raw in overrides.items():
        if name not in NORMS:
            problems[name] = f"нормы «{short(name)}» нет (список норм: sobes thresholds)"
            continue
        value, problem = check_value(NORMS[name], raw)
        if problem is not None:
            problems[name] = problem
        else:
            values[name] = value
    for name, problem in _out_of_order(values).items():
        problems[name] = problem
        values.pop(name)
    return values, problems


def _out_of_order(values: dict[str, Any]) -> dict[str, str]:
    """The norms among ``values`` (a user's, over the defaults) that break an ``ORDERED`` pair, each with what to do."""
    problems: dict[str, str] = {}
    for low, high in ORDERED:
        if low not in values and high not in values:
            continue
        low_value, high_value = values.get(low, NORMS[low].default), values.get(high, NORMS[high].default)
        if low_value <= high_value:
            continue
        if high in values:
            problems[high] = (f"{NORMS[high].name}: {with_unit(NORMS[high], high_value)} не подходит — нужно не "
                              f"меньше, чем «{NORMS[low].name}» ({with_unit(NORMS[low], low_value)})")
        else:
            problems[low] = (f"{NORMS[low].name}: {with_unit(NORMS[low], low_value)} не подходит — нужно не "
                             f"больше, чем «{NORMS[high].name}» ({with_unit(NORMS[high], high_value)})")
    return problems
