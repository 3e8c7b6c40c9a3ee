"""`sobes coach`: the coaching of a written answer — what the review would lead with, without a recording.

For checking an answer after correcting what the recogniser misheard, and for testing the judgement itself.
The text is taken as said at an ordinary pace (``--seconds`` says how long it really took): only its length
depends on that; delivery (pace, pauses, fillers as heard) needs a recording (`sobes analyze`).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from sobes.analysis.coaching import coach_words, written_delivery
from sobes.analysis.transcript import Transcript
from sobes.cli.analyze_cmd import judge_of
from sobes.cli.arguments import number
from sobes.cli.question_args import add_question_arguments, question_context
from sobes.cli.summary import format_coaching
from sobes.core.errors import InputError
from sobes.core.files import open_regular_file
from sobes.interview.bank_yaml import without_control_characters as printable

WORDS_PER_MIN = 120  # an ordinary interview pace, inside the norm (docs/metrics.md): a text's spoken length


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("coach", help="разобрать письменный ответ (без записи): главное, что исправить, "
                                                "вопросы вдогонку")
    parser.add_argument("file", nargs="?", type=Path, metavar="ФАЙЛ.txt", help="ответ текстом (в кодировке UTF-8)")
    parser.add_argument("--text", default=None, metavar="ТЕКСТ", help="сам ответ вместо файла")
    add_question_arguments(parser)
    parser.add_argument("--seconds", type=number(1, 3600, " с"), default=None,
                        metavar="СЕКУНДЫ",
                        help=f"сколько длился ответ (по умолчанию — как если бы его сказали со скоростью "
                             f"{WORDS_PER_MIN} слов в минуту)")
    parser.add_argument("--set", metavar="НОРМА=ЧИСЛО", action="append", default=[], dest="overrides",
                        help="заменить сохранённую норму (имена норм — в sobes thresholds)")
    parser.add_argument("--json", action="store_true", help="вывести разбор содержания и советы в JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = _answer_text(args)
    judge = judge_of(args.overrides)
    question = question_context(args, judge)
    seconds = args.seconds if args.seconds is not None else len(text.split()) / WORDS_PER_MIN * 60
    words = Transcript.from_text(text, seconds).words
    content, coaching = coach_words(words, question, judge, written_delivery(words, seconds, judge))
    if args.json:
        json.dump({"question": asdict(question), "seconds": round(seconds, 1), "content": asdict(content),
                   "coaching": asdict(coaching)}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if question.text:
        print(f"Вопрос: {printable(question.text)}")
    print("\n".join(format_coaching(coaching, moments=False)))  # a text has no moments to play
    if content.follow_ups:
        print("Интервьюер спросит дальше:")
        print("\n".join(f"  — {item.question}" for item in content.follow_ups))
    return 0


def _answer_text(args: argparse.Namespace) -> str:
    if (args.text is None) == (args.file is None):
        raise InputError("нужен ответ: текст в --text \"…\" или файл с текстом (одно из двух)")
    if args.text is not None:
        text = args.text
    else:
        with open_regular_file(args.file, what="файл с ответом") as source:
            try:
                text = source.read(1 << 20).decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{args.file}: это не текст в UTF-8; сохраните ответ как обычный текст") from None
    if not text.split():
        raise InputError("ответ пустой: напишите, что вы сказали")
    return text
