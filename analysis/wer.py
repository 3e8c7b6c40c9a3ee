"""Word error rate between two transcripts, on normalised words."""

from __future__ import annotations

import re


def words_of(text: str) -> list[str]:
    """Lower-case Russian/Latin words and numbers; ``ё`` as ``е``; punctuation dropped."""
    return re.findall(r"[а-яёa-z]+(?:-[а-яёa-z]+)*|\d+", text.lower().replace("ё", "е"))


def spoken_words(text: str) -> list[str]:
    """Words as they are said, for a fair error rate between a written text and a transcript: numbers
    spelled out ("нажмите 1" is "нажмите один"), hyphenated words split, ``ё`` as ``е``, punctuation dropped."""
    from num2words import num2words

    def spell(match: re.Match) -> str:
        number = match.group(0)
        try:
            value = float(number.replace(",", ".")) if re.search(r"[.,]", number) else int(number)
            return f" {num2words(value, lang='ru')} "
        except (OverflowError, ValueError, NotImplementedError):
            return f" {number} "

    spelled = re.sub(r"\d+(?:[.,]\d+)?", spell, text.replace("%", " процентов "))
    return [w for word in words_of(spelled) for w in word.split("-") if w]


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    """(substitutions + deletions + insertions) / len(reference), by Levenshtein over words."""
    row = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        diagonal, row[0] = row[0], i
        for j, hyp in enumerate(hypothesis, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (ref != hyp))
    return row[-1] / max(len(reference), 1)
