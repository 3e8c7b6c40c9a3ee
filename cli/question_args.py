"""The question an answer is judged against, from the command line: a bank id («HR-10») gives it exactly as the app
asks it (its kind, time budget and the guides' example), so `sobes analyze`, `sobes coach` and the window judge the
same answer the same way; any other text is the question itself, with --type and --budget."""

from __future__ import annotations

import argparse

from sobes.analysis.content.section import ANSWER_TYPES, QuestionContext
from sobes.analysis.judge import Judge
from sobes.cli.arguments import number
from sobes.interview.question_bank import load_bank_or_bundled
from sobes.interview.session import Step


def add_question_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--question", default=None,
                        help="the question that was answered: its id in the bank (e.g. HR-10) or its text")
    parser.add_argument("--type", dest="answer_type", choices=ANSWER_TYPES, default=None,
                        help="expected answer type (default: the bank question's, else star)")
    parser.add_argument("--budget", type=number(5, 3600, " с"), default=None, metavar="SECONDS",
                        help="the answer's time budget, to judge its length (default: the bank question's)")


def question_context(args: argparse.Namespace, judge: Judge) -> QuestionContext:
    asked = args.question.strip() if args.question else None
    bank, _ = load_bank_or_bundled() if asked else (None, None)
    question = next((q for q in bank.questions if q.id == asked), None) if bank else None
    context = Step.of(question, judge).context() if question else QuestionContext(asked)
    if args.answer_type:
        context.answer_type = args.answer_type
    if args.budget is not None:
        context.time_budget_s = args.budget
    return context
