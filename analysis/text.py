"""Russian word normalisation and syllable counting for transcripts.

In Russian one vowel letter is one syllable. Digits are spelled out first
("85%" is "восемьдесят пять процентов"), and Latin acronyms are read letter
by letter ("CRM" is three syllables), as a speaker says them.
"""

from __future__ import annotations

import re

_VOWELS_RU = set("аеёиоуыэюя")
_VOWELS_LAT = set("aeiouy")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_PUNCT = "\"'«»“”„()[]{}.,!?…:;—–-"


def normalize(word: str) -> str:
    """Lower-case, ``ё`` as ``е``, surrounding punctuation removed."""
    return word.strip().strip(_PUNCT).lower().replace("ё", "е")


def ends_clause(word: str) -> bool:
    """True when the written word is followed by punctuation (a comma or a sentence end)."""
    return word.rstrip("\"'»)”").endswith((",", ".", "!", "?", "…", ":", ";", "—"))


def count_syllables(word: str) -> int:
    """Syllables in one transcript word."""
    text = word.lower()
    count = 0
    for number in _NUMBER.findall(text):
        count += _number_syllables(number)
    if "%" in text:
        count += 3  # "процентов"
    letters = _NUMBER.sub(" ", text)
    count += sum(ch in _VOWELS_RU for ch in letters)
    latin = re.findall(r"[a-z]+", letters)
    for token in latin:
        upper = word[word.lower().find(token):][: len(token)]
        count += len(token) if upper.isupper() and len(token) <= 5 else max(
            1, sum(ch in _VOWELS_LAT for ch in token))
    return count  # "в", "к", "с" have no vowel: they join the next word's syllable


def _number_syllables(number: str) -> int:
    from num2words import num2words

    try:
        value = float(number.replace(",", ".")) if re.search(r"[.,]", number) else int(number)
        spoken = num2words(value, lang="ru")
    except (OverflowError, ValueError, NotImplementedError):
        spoken = " ".join(["один"] * len(number))
    return sum(ch in _VOWELS_RU for ch in spoken)
