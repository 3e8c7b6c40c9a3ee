"""Command-line parsing that answers a mistake in one Russian line (exit 2), and number arguments with ranges.

argparse prints its usage and an English sentence on a mistake; a candidate
reads one line that says what is wrong instead. Numbers are refused when
they are not finite or out of a sensible range (``--seconds nan``,
``--budget -5``, ``--noise-db 1e308``), before any work starts.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable
from typing import NoReturn

EXIT_USAGE = 2

# argparse's own sentences (Python 3.11–3.13) in Russian; anything else is shown as it is
_TRANSLATIONS = [
    (r"^the following arguments are required: (.*)$", r"не хватает: \1"),
    (r"^unrecognized arguments: (.*)$", r"неизвестные параметры: \1"),
    (r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$", r"\1: нет варианта \2 (есть: \3)"),
    (r"^argument (\S+): expected one argument$", r"\1: нужно значение"),
    (r"^argument (\S+): invalid (\w+) value: (.*)$", r"\1: неверное значение \3"),
    (r"^argument (\S+): (.*)$", r"\1: \2"),
]


def russian(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose mistakes end in one Russian line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.replace("sobes", "").strip()
        where = f"sobes {command}: " if command else "sobes: "
        self.exit(EXIT_USAGE, f"{where}ошибка: {russian(message)}; подсказка: {self.prog} --help\n")


def number(lo: float, hi: float, unit: str = "") -> Callable[[str], float]:
    """An argparse type: a finite number within ``[lo, hi]``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"нужно число, а не «{text[:30]}»") from None
        if not math.isfinite(value) or not lo <= value <= hi:
            span = f"от {lo:g} до {hi:g}".replace(".", ",")
            raise argparse.ArgumentTypeError(f"{text[:30]} не подходит: нужно число {span}{unit}")
        return value

    return parse

