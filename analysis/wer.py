"""Word error rate between two transcripts, on normalised words."""

from __future__ import annotations

import re


def words_of(text: str) -> list[str]:
    """Lower-case Russian/Latin words and numbers; ``ё`` as ``е``; punctuation dropped."""
    return re.findall(r"[а-яёa-z]+(?:-[а-яёa-z]+)*|\d+", text.lower().replace("ё", "е"))


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    """(substitutions + deletions + insertions) / len(reference), by Levenshtein over words."""
    row = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        diagonal, row[0] = row[0], i
        for j, hyp in enumerate(hypothesis, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (ref != hyp))
    return row[-1] / max(len(reference), 1)
