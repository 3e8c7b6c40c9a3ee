"""A role play's replies judged against their labels: per behaviour and mistake, precision and recall, on the
tuning part of tests/fixtures/role_play/replies.yaml and on its held-out part (written before the cues were tuned,
never tuned on). A reply is read as the app reads it: cues, then meaning for a good behaviour they miss
(the meaning's thresholds: bench/role_play_meaning.py, tuning replies only). No speech model.

    python bench/role_play_judging.py [--mistakes]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import role_play_eval  # noqa: E402


def main() -> None:
    for held_out in (False, True):
        part = "held out" if held_out else "tuning"
        count = sum(reply.held_out == held_out for reply in role_play_eval.replies())
        print(f"\n{part} ({count} replies)")
        for key, figure in role_play_eval.figures(held_out).items():
            print(f"  {key:13} precision {_share(figure.precision)}  recall {_share(figure.recall)}  "
                  f"(labelled {figure.true_positives + figure.false_negatives}, "
                  f"found {figure.true_positives + figure.false_positives})")
        for name, keys in (("behaviours", role_play_eval.GOOD), ("mistakes", role_play_eval.MISTAKES)):
            figure = role_play_eval.pooled(held_out, keys)
            print(f"  all {name:9} precision {_share(figure.precision)}  recall {_share(figure.recall)}")
        if "--mistakes" in sys.argv:
            print("\n".join(f"  {line}" for line in role_play_eval.disagreements(held_out)))


def _share(value: float | None) -> str:
    return "  —  " if value is None else f"{value:.2f}"


if __name__ == "__main__":
    main()
