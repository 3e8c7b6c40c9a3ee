"""Command-line parsing in Russian: help, usage and mistakes (one line, exit 2), and number arguments with ranges.

argparse writes its own words ("usage:", "options", "show this help message
and exit", "the following arguments are required") through
``gettext``; a candidate reads Russian instead. The parser swaps argparse's
``_``/``ngettext`` for a Russian table only while it builds, formats or
parses, so no other argparse user in the process is touched. Numbers are
refused when they are not finite or out of a sensible range (``--seconds
nan``, ``--budget -5``, ``--noise-db 1e308``), before any work starts.
"""

from __future__ import annotations

import argparse
import contextlib
import math
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

EXIT_USAGE = 2

# argparse's own words (Python 3.11–3.13) in Russian; a sentence not listed stays as argparse wrote it
RUSSIAN = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "subcommands": "команды",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "не указано обязательное: %s",
    "unrecognized arguments: %s": "непонятные аргументы: %s",
    "one of the arguments %s is required": "нужен один из параметров: %s",
    "not allowed with argument %s": "нельзя вместе с %s",
    "ignored explicit argument %r": "этому параметру значение не нужно: «%s»",
    "expected one argument": "после него нужно значение",
    "expected at most one argument": "после него можно не больше одного значения",
    "expected at least one argument": "после него нужно хотя бы одно значение",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначно: %(option)s — это может быть %(matches)s",
    "unexpected option string: %s": "неожиданный параметр: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "нет варианта «%(value)s»; выберите один из: %(choices)s",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "нет варианта «%(value)s»; выберите один из: %(choices)s",
    "invalid %(type)s value: %(value)r": "нужно число, а не «%(value)s»",
    "can't open '%(filename)s': %(error)s": "не удалось открыть «%(filename)s»: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "нет команды «%(parser_name)s»; есть: %(choices)s",
}
RUSSIAN_PLURAL = {"expected %s argument": "после него нужно значений: %s"}


def _russian_gettext(message: str) -> str:
    return RUSSIAN.get(message, message)


def _russian_ngettext(singular: str, plural: str, count: int) -> str:
    return RUSSIAN_PLURAL.get(singular, singular if count == 1 else plural)


@contextlib.contextmanager
def _in_russian() -> Iterator[None]:
    """argparse looks ``_`` and ``ngettext`` up in its module at each call: swapped for the call's duration."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _russian_gettext, _russian_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that speaks Russian: its help and usage, and mistakes as one line with exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _in_russian():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _in_russian():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _in_russian():
            return super().parse_known_args(*args, **kwargs)

    def format_help(self) -> str:
        with _in_russian():
            return super().format_help()

    def format_usage(self) -> str:
        with _in_russian():
            return super().format_usage()

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: ошибка: {message}. Справка: {self.prog} --help\n")


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

