"""The content coaching on the labelled set: "off topic" recall and false alarms, each checklist item's precision and
recall, on the train split (tuned on) and the held-out split (reported).

    python bench/coaching_set.py [--mistakes]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import coaching_eval  # noqa: E402


def main() -> None:
    print(f"pairs: {len(coaching_eval.pairs())}")
    for split in ("train", "heldout", "unseen", "unseen2"):
        print(f"\n{split}: {_off_topic(coaching_eval.off_topic(split))}")
        if split == "train":
            left_out = coaching_eval.off_topic(split, leave_out=True)
            print(f"train, each answer left out of the examples: {_off_topic(left_out)}")
        for key, (precision, recall, n) in coaching_eval.items(split).items():
            print(f"  {key:14} precision {precision:.2f}  recall {recall:.2f}  (n={n})")
        if "--mistakes" in sys.argv:
            print("\n".join(f"  {line}" for line in coaching_eval.mistakes(split)))


def _off_topic(off: coaching_eval.OffTopic) -> str:
    return (f"off topic recall {off.recall:.2f} ({off.caught}/{off.off}), "
            f"false alarms {off.false_alarm_rate:.3f} ({off.false_alarms}/{off.on})")


if __name__ == "__main__":
    main()
