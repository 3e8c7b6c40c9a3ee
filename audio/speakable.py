"""A question as the Russian voice can read it: figures in words, Latin in Russian letters, no quotes or brackets.

festvox-ru's letter-to-sound rules know Russian letters only: a digit, «», "%" or a bracket stops the whole
prompt («Как вы рассчитали эти цифры («18»)?» was never spoken, and the answer's timer ran on in silence). The
text shown on screen is left as it is; only what Festival reads is rewritten. Latin letters are read by Festival
as nothing at all («Как вы работали с CRM-системой?» came out as «Как вы работали с системой?»): an abbreviation
is spelt as a Russian speaker says it («си-ар-эм», «кей-пи-ай»), a word is read by a small dictionary of the
bank's English words or, failing that, letter by letter as it is written.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|процент\w*)?")
_QUOTES = re.compile(r"[«»\"“”„'`]")
_BRACKETS = re.compile(r"\s*[(\[]\s*|\s*[)\]]\s*")
_SYMBOLS = re.compile(r"[^\w\s.,!?;:-]")
_DASH = re.compile(r"\s+[—–-]+\s+|\s*[—–]\s*")  # a dash between words is a pause: read as a comma
_LATIN_WORD = re.compile(r"\b(?:[A-Za-z][24][A-Za-z]\b|[A-Za-z]+)(?:-(?=\w))?")  # B2B; CRM-системой
_LETTER_NAMES = {
    "a": "эй", "b": "би", "c": "си", "d": "ди", "e": "и", "f": "эф", "g": "джи", "h": "эйч", "i": "ай", "j": "джей",
    "k": "кей", "l": "эл", "m": "эм", "n": "эн", "o": "оу", "p": "пи", "q": "кью", "r": "ар", "s": "эс", "t": "ти",
    "u": "ю", "v": "ви", "w": "дабл ю", "x": "икс", "y": "уай", "z": "зед",
}
_ENGLISH_WORDS = {  # the English words of the bank and of the coaching's follow-ups, as a Russian manager says them
    "roadmap": "роудмэп", "value": "вэлью", "efforts": "эфортс", "effort": "эфорт", "email": "имейл",
    "online": "онлайн", "offline": "офлайн", "zoom": "зум", "excel": "эксель", "ok": "окей", "okay": "окей",
    "feedback": "фидбэк", "deadline": "дедлайн", "startup": "стартап", "product": "продакт", "manager": "менеджер",
    "sales": "сейлз", "account": "аккаунт", "key": "ки", "team": "тим", "lead": "лид", "churn": "чёрн",
}
_DIGRAPHS = (("sh", "ш"), ("ch", "ч"), ("th", "т"), ("ph", "ф"), ("oo", "у"), ("ee", "и"), ("ck", "к"),
             ("qu", "кв"), ("ce", "се"), ("ci", "си"), ("x", "кс"), ("j", "дж"))
_LETTERS = dict(zip("abcdefghiklmnopqrstuvwyz", "абкдефгхиклмнопкрстувуйз"))
_NUMBERS_SAID_IN_ENGLISH = {"2": "ту", "4": "фо"}  # B2B, B2C, P2P
_ABBREVIATIONS = {"т.д.": "так далее", "т.п.": "тому подобное", "т.е.": "то есть", "руб.": "рублей"}


def speakable(text: str) -> str:
    """``text`` with its figures said in words («18 %» → «восемнадцать процентов»), brackets and dashes between
    words read as commas, and quotes, symbols and dotted abbreviations gone, for text2wave."""
    for short, full in _ABBREVIATIONS.items():
        text = text.replace(short, full)
    text = _LATIN_WORD.sub(_russian_letters, text)
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


def _russian_letters(match: re.Match) -> str:
    """A Latin word (with the hyphen that joins it to a Russian one, «CRM-системой») as Russian letters."""
    word = match.group(0).rstrip("-")
    known = _ENGLISH_WORDS.get(word.lower())
    if known is not None:
        return f" {known} "
    if word.isupper() or len(word) <= 2 or any(ch.isdigit() for ch in word):  # an abbreviation, B2B: spelt
        return " " + " ".join(_LETTER_NAMES.get(ch.lower()) or _NUMBERS_SAID_IN_ENGLISH.get(ch, ch)
                              for ch in word) + " "
    spelt = word.lower()
    for latin, russian in _DIGRAPHS:
        spelt = spelt.replace(latin, russian)
    return " " + "".join(_LETTERS.get(ch, ch) for ch in spelt) + " "
