"""Every `sobes … --help` and every mistake on the command line reads in Russian.

The help of the main parser and of each command is walked; a Latin word
fails the test unless it is something the user types (the program, a
command, an option, a choice) or a file format's name. Mistakes end in one
Russian line that says what to do, and exit code 2 — argparse's own English
("usage:", "invalid choice", "the following arguments are required") never
shows.
"""

from __future__ import annotations

import argparse
import re

import pytest

from sobes.cli.main import build_parser, main

FORMATS = {"WAV", "FLAC", "MP3", "OGG", "M4A", "WEBM", "HTML", "JSON", "CSV", "wav", "html", "json", "csv", "txt",
           "UTF-8", "G"}
# words a Russian candidate reads as they are: the STAR method, the HR interview, a key account manager (KAM),
# keys on the keyboard, the bundled model's name (what --model takes)
KNOWN = {"sobes", "STAR", "HR", "KAM", "Ctrl", "C", "Enter", "base"}
ENGLISH = ("usage", "options", "positional", "arguments", "argument", "required", "invalid", "choice", "error",
           "expected", "unrecognized", "show this help")
LATIN = re.compile(r"-{0,2}[A-Za-z][A-Za-z0-9_-]*")


def _parsers(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def _typed(parser: argparse.ArgumentParser) -> set[str]:
    """What the user types into this parser: option strings, choices and command names."""
    words = set()
    for action in parser._actions:
        words.update(action.option_strings)
        words.update(str(choice) for choice in action.choices or ())
    return words


PARSERS = list(_parsers(build_parser()))
# the help of one command names another, and its options
COMMANDS = {word for parser in PARSERS for word in parser.prog.split()} | set().union(*map(_typed, PARSERS))


def test_every_command_is_walked():
    names = {p.prog for p in PARSERS}
    assert {"sobes", "sobes analyze", "sobes interview", "sobes report", "sobes questions", "sobes phone"} <= names
    assert len(PARSERS) >= 14


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.prog)
def test_help_is_russian(parser):
    text = parser.format_help()
    allowed = FORMATS | KNOWN | COMMANDS | _typed(parser)
    latin = [w.rstrip("-") for w in LATIN.findall(text)]
    stray = sorted({w for w in latin if w not in allowed and w.lstrip("-") not in allowed})
    assert not stray, f"{parser.prog} --help has Latin words: {stray}\n{text}"
    assert text.startswith("использование: ") and "параметры:" in text
    assert re.search(r"[а-яА-Я]", text.split("\n", 1)[1])


def test_help_through_the_entry_point(capsys):
    with pytest.raises(SystemExit) as done:
        main(["interview", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "показать эту справку и выйти" in out and "usage" not in out


@pytest.mark.parametrize("argv, says", [
    (["interview", "--role", "boss"], "нет варианта «boss»; выберите один из"),
    (["analyze"], "не указано обязательное: ФАЙЛ"),
    (["bogus"], "нет варианта «bogus»"),
    ([], "не указано обязательное: КОМАНДА"),
    (["report", "1", "2"], "непонятные аргументы: 2"),
    (["interview", "--seconds", "abc"], "нужно число"),
    (["interview", "--seed", "abc"], "нужно число, а не «abc»"),
    (["record", "out.wav", "--seconds"], "после него нужно значение"),
    (["phone", "a.wav", "b.wav", "--noise-db", "1e308"], "не подходит"),
])
def test_a_mistake_is_one_russian_line_and_exit_2(argv, says, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = captured.err
    assert line.count("\n") == 1 and says in line, line
    assert "ошибка" in line and "--help" in line  # where to read more
    assert not any(word in line for word in ENGLISH), line


@pytest.mark.parametrize("argv, says", [
    (["interview", "--mode", "retake"], "не указан вопрос"),
    (["interview", "--mode", "retake", "--question", "9999"], "вопроса «9999» нет в банке"),
    (["interview", "--mode", "retake", "--question", "НЕТ-ТАКОГО"], "нет в банке"),
    (["interview", "--mode", "stage"], "укажите этап"),
])
def test_a_question_or_stage_not_given_is_one_russian_line(argv, says, capsys):
    assert main(argv) == 2  # before the model loads or a microphone opens
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and says in line, line
    assert "sobes questions" in line or "sobes interview --help" in line  # where to look it up
    assert "KeyError" not in line and "Traceback" not in line
