"""A question as the Russian voice can read it: figures in words, no quotes or brackets.

festvox-ru's letter-to-sound rules know Russian letters only: a digit, «», "%" or a bracket stops the whole
prompt («Как вы рассчитали эти цифры («18»)?» was never spoken, and the answer's timer ran on in silence). The
text shown on screen is left as it is; only what Festival reads is rewritten.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|процент\w*)?")
_QUOTES = re.compile(r"[«»\"“”„'`]")
_BRACKETS = re.compile(r"\s*[(\[]\s*|\s*[)\]]\s*")
_SYMBOLS = re.compile(r"[^\w\s.,!?;:-]")
_DASH = re.compile(r"\s+[—–-]+\s+|\s*[—–]\s*")  # a dash between words is a pause: read as a comma
_ABBREVIATIONS = {"т.д.": "так далее", "т.п.": "тому подобное", "т.е.": "то есть", "руб.": "рублей"}


def speakable(text: str) -> str:
    """``text`` with its figures said in words («18 %» → «восемнадцать процентов»), brackets and dashes between
    words read as commas, and quotes, symbols and dotted abbreviations gone, for text2wave."""
    for short, full in _ABBREVIATIONS.items():
        text = text.replace(short, full)
    text = _NUMBER.sub(_said, text)
    text = _QUOTES.sub("", text)
    text = _BRACKETS.sub(", ", text)
    text = _DASH.sub(", ", text)
    text = _SYMBOLS.sub(" ", text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)  # "восемнадцать ?" → "восемнадцать?"
    text = re.sub(r",+([,.!?;:])", r"\1", text)  # "цифры, восемнадцать,?" → "цифры, восемнадцать?"
    return " ".join(text.split()).strip(" ,")


def _said(match: re.Match) -> str:
    from num2words import num2words  # imported on the first figure: most questions have none

    digits, percent = match.group(1), match.group(2)
    value: float | int = float(digits.replace(",", ".")) if re.search(r"[.,]", digits) else int(digits)
    try:
        words = num2words(value, lang="ru")
    except (OverflowError, ValueError, NotImplementedError):
        words = " ".join(num2words(int(d), lang="ru") for d in re.sub(r"\D", "", digits))
    return f" {words} {_percent(value)} " if percent else f" {words} "


def _percent(value: float) -> str:
    """The word "процент" agreeing with the number before it: 1 процент, 2 процента, 5 процентов, 1,5 процента."""
    if not float(value).is_integer():
        return "процента"
    n = int(value) % 100
    if 11 <= n <= 14:
        return "процентов"
    return {1: "процент", 2: "процента", 3: "процента", 4: "процента"}.get(n % 10, "процентов")
