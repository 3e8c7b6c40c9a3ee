"""The question an answer is judged against, from the command line: a bank id («HR-10») gives it exactly as the app
asks it (its kind, time budget and the guides' example), so `sobes analyze`, `sobes coach` and the window judge the
same answer the same way; any other text is the question itself, with --type and --budget."""

from __future__ import annotations

import argparse

from sobes.analysis.content.kinds import KINDS
from sobes.analysis.content.section import ANSWER_TYPES, QuestionContext
from sobes.analysis.judge import Judge
from sobes.cli.arguments import number
from sobes.cli.questions_cmd import find_question
from sobes.interview.question_bank import load_bank_or_bundled
from sobes.interview.session import Step


def add_question_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--question", default=None, metavar="ВОПРОС",
                        help="на какой вопрос отвечали: его номер из sobes questions или сам текст вопроса")
    parser.add_argument("--type", dest="answer_type", choices=ANSWER_TYPES, default=None, metavar="ВИД",
                        help="какой ответ ждут: " + ", ".join(f"{key} — {KINDS[key].name.lower()}" for key in
                                                           ANSWER_TYPES)
                        + " (по умолчанию — как у вопроса из банка, иначе star)")
    parser.add_argument("--budget", type=number(5, 3600, " с"), default=None, metavar="СЕКУНДЫ",
                        help="сколько времени на ответ, чтобы оценить его длину (по умолчанию — как у вопроса)")


def question_context(args: argparse.Namespace, judge: Judge) -> QuestionContext:
    asked = args.question.strip() if args.question else None
    bank, _ = load_bank_or_bundled() if asked else (None, None)
    question = find_question(bank, asked) if bank and asked else None
    context = Step.of(question, judge).context() if question else QuestionContext(asked)
    if args.answer_type:
        context.answer_type = args.answer_type
    if args.budget is not None:
        context.time_budget_s = args.budget
    return context
