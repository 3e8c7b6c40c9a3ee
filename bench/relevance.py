"""Relevance judged on labelled question–answer pairs: how often an off-topic answer is told so (recall), how
often what is told is right (precision), and how many on-topic answers were wrongly told they are off topic.

The pairs are tests/fixtures/relevance/pairs.yaml (written answers, most in other words than the question's)
and the guides' own good and bad answers from the question bank; off-topic pairs give each answer to a
question of an unrelated group. "held out" are answers written after the rules were settled.

    .venv/bin/python bench/relevance.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sobes.interview.question_bank import load_bank  # noqa: E402
from tests.relevance_cases import labelled_pairs, scores, verdict  # noqa: E402


def main() -> None:
    bank = load_bank()
    print("| set | pairs | off-topic pairs | precision | recall | on-topic told off | unclear |")
    print("|---|---|---|---|---|---|---|")
    for name, held_out in (("development", False), ("held out", True)):
        pairs = labelled_pairs(bank, held_out=held_out)
        s = scores(pairs)
        print(f"| {name} | {s['pairs']} | {s['off_topic_pairs']} | {s['precision']:.3f} | {s['recall']:.3f} | "
              f"{s['on_topic_told_off']} | {s['unclear']} |")
        for pair in pairs:
            if pair.on_topic and verdict(pair) == "off_topic":
                print(f"  told off topic: {pair.question.text} ← {pair.answer}")


if __name__ == "__main__":
    main()
