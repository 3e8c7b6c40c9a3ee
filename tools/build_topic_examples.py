"""Make assets/coaching/topic_examples.yaml from the train split of the labelled set (tests/fixtures/coaching):
each answer under the topic it is about, and each bank question under the topic of the answers that answer it.

Only the train split: the held-out split must stay unseen by the model its figures are reported for.

    python tools/build_topic_examples.py
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "fixtures" / "coaching" / "pairs.yaml"
OUT = ROOT / "assets" / "coaching" / "topic_examples.yaml"


def main() -> None:
    pairs = [p for p in yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"] if p["split"] == "train"]
    answers = sorted((p["answer_topic"], p["answer"]) for p in pairs if p["answer_topic"] != "none")
    asked: dict[str, Counter] = defaultdict(Counter)
    for pair in pairs:
        if pair["on_topic"] is True and "question" in pair:
            asked[pair["question"]][pair["answer_topic"]] += 1
    document = {
        "answers": [{"topic": topic, "text": text} for topic, text in answers],
        "questions": {qid: counts.most_common(1)[0][0] for qid, counts in sorted(asked.items())},
    }
    header = ("# Made by tools/build_topic_examples.py from the train split of tests/fixtures/coaching/pairs.yaml;"
              " do not edit by hand.\n")
    OUT.write_text(header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120),
                   encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(answers)} answers, {len(document['questions'])} questions")


if __name__ == "__main__":
    main()
