"""The meaning reading of a role-play reply's behaviours (analysis/content/conversation_meaning.py) calibrated by
leaving one scenario out: the examples of one scenario (assets/coaching/role_play_examples.yaml) are set aside and
that scenario's tuning replies (tests/fixtures/role_play/replies.yaml) are read by meaning alone — no cues — with
the other scenarios' examples. Per behaviour, the thresholds that find most with a cross-validated precision of at
least ``LEAST_PRECISION`` (the highest such thresholds among equals); then that choice itself cross-validated (each
scenario read with the thresholds the other scenarios' replies chose): a behaviour whose precision there falls
below ``LEAST_PRECISION`` is left to its cues. The held-out replies are never read here.

    python bench/role_play_meaning.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sobes.analysis.content import conversation_cues as cue  # noqa: E402
from sobes.analysis.content import conversation_meaning as meaning  # noqa: E402
from sobes.analysis.content.cues import find_span  # noqa: E402
from sobes.analysis.content.sentences import split_units  # noqa: E402
from tests import role_play_eval  # noqa: E402

KEYS = tuple(cue.GOOD)
SIMILARITIES = tuple(round(x, 3) for x in np.arange(0.40, 0.901, 0.025))
# never below zero: a sentence nearer to an example that does not show the behaviour than to one that does is not
# read as it (the nearest example decides; below zero, «диван на складе, его не поставили в рейс» read as an offer)
MARGINS = tuple(round(x, 3) for x in np.arange(0.0, 0.201, 0.025))
LEAST_FOUND = 3  # a reading that finds fewer replies than this says nothing of its precision


@dataclass(frozen=True)
class Read:
    """One tuning reply read with the examples of the other scenarios: per sentence, per behaviour, the best
    similarity to an example showing it and to one that does not."""

    reply: str  # its id
    scenario: str
    labels: frozenset[str]
    sentences: tuple[dict[str, tuple[float, float]], ...]


def cross_read() -> list[Read]:
    examples = meaning.load_examples()
    tuning = [reply for reply in role_play_eval.replies() if not reply.held_out]
    out = []
    for scenario in sorted({reply.scenario for reply in tuning}):
        others = meaning.examples_of(e for e in examples if e.scenario != scenario)
        for reply in (r for r in tuning if r.scenario == scenario):
            units = [u for u in split_units(role_play_eval.words_of(reply.reply))
                     if find_span(u.tokens, cue.TONE) is None]  # as behaviours_of reads them
            out.append(Read(reply.id, scenario, reply.good, tuple(meaning.scores(u, others, KEYS) for u in units)))
    return out


def counts(reads: list[Read], key: str, similarity: float, margin: float) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for read in reads:
        said = any(key in s and s[key][0] > similarity and s[key][0] - s[key][1] > margin for s in read.sentences)
        there = key in read.labels
        tp, fp, fn = tp + (said and there), fp + (said and not there), fn + (there and not said)
    return tp, fp, fn


def calibrate(reads: list[Read], key: str) -> tuple[float, float, tuple[int, int, int]] | None:
    """The thresholds finding most at the least precision (the highest among equals), or None."""
    best: tuple[tuple[int, float, float], float, float, tuple[int, int, int]] | None = None
    for similarity in SIMILARITIES:
        for margin in MARGINS:
            tp, fp, fn = counts(reads, key, similarity, margin)
            if tp + fp < LEAST_FOUND or tp / (tp + fp) < meaning.LEAST_PRECISION:
                continue
            rank = (tp, similarity, margin)
            if best is None or rank > best[0]:
                best = (rank, similarity, margin, (tp, fp, fn))
    return None if best is None else (best[1], best[2], best[3])


def nested(reads: list[Read], key: str) -> tuple[int, int, int]:
    """The calibration itself cross-validated: each scenario's replies read with the thresholds calibrated on the
    other scenarios' replies — what the chosen thresholds can be expected to do on replies not tuned on."""
    tp = fp = fn = 0
    for scenario in sorted({read.scenario for read in reads}):
        chosen = calibrate([r for r in reads if r.scenario != scenario], key)
        left_out = [r for r in reads if r.scenario == scenario]
        if chosen is None:
            fn += sum(key in r.labels for r in left_out)
            continue
        found = counts(left_out, key, chosen[0], chosen[1])
        tp, fp, fn = tp + found[0], fp + found[1], fn + found[2]
    return tp, fp, fn


def main() -> None:
    reads = cross_read()
    print(f"leave one scenario out, {len(reads)} tuning replies, meaning alone (no cues)")
    for key in KEYS:
        chosen = calibrate(reads, key)
        honest = nested(reads, key)
        keep = honest[0] + honest[1] > 0 and honest[0] / (honest[0] + honest[1]) >= meaning.LEAST_PRECISION
        print(f"  {key:13} " + (f"similarity > {chosen[0]}, margin > {chosen[1]}: {_figures(chosen[2])}" if chosen
                                else f"precision {meaning.LEAST_PRECISION} reached nowhere"))
        print(f"  {'':13} calibrated on the other scenarios: {_figures(honest)} — "
              + ("keep" if keep else "leave to the cues"))
        if key in meaning.KEYS:
            shipped = counts(reads, key, meaning.LEAST_SIMILARITY[key], meaning.LEAST_MARGIN[key])
            print(f"  {'':13} shipped {meaning.LEAST_SIMILARITY[key]}/{meaning.LEAST_MARGIN[key]}: {_figures(shipped)}")


def _figures(found: tuple[int, int, int]) -> str:
    tp, fp, fn = found
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "—"
    return f"precision {precision} recall {tp / (tp + fn):.2f} ({tp} right, {fp} wrong, {fn} missed)"


if __name__ == "__main__":
    main()
