"""Numeric claims and whether they are explained (000 L281: any number must be explainable).

Finds numbers written in digits or in words ("восемьдесят пять процентов"),
their kind (percent, money, time, count), and whether the answer says how they
were measured (a formula, a data source, a before/after comparison, a period).
Where a change is claimed together with its before and after values, the
arithmetic is checked: the guide's own example says "на 12 %" for 75 % → 87 %,
which is 12 percentage points but a 16 % rise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sobes.analysis.content.sentences import Unit
from sobes.analysis.labels import plural
from sobes.analysis.morph import lemma

_NUMBER_WORDS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "полтора": 1.5,
}
_MULTIPLIERS = {"тысяча": 1_000, "тыс": 1_000, "миллион": 1_000_000, "млн": 1_000_000}
_METHOD = ("рассчит", "расчет", "расчёт", "формул", "сравнен", "сравнив", "замер", "измер", "по данным", "crm",
           "csat", "nps", "опрос", "посчитал", "считали", "зафиксировал", "до внедрения", "после внедрения",
           "за месяц до", "за год до", "по сравнению")
_CHANGE = re.compile(r"^(вырос|выросл|увелич|сократ|сниз|повыс|возрос|уменьш|подня|упал|перевыполн|улучш|плюс$|минус$)")
_BEFORE = {"с", "изначально", "было", "был", "была", "составлял", "составляло", "составляла", "уровне"}
_AFTER = {"до", "достиг", "достигла", "достигло", "стало", "стал", "стала", "после"}


@dataclass
class NumberClaim:
    text: str  # the number as said
    display: str  # "85 %", "500000 руб."
    value: float
    kind: str  # percent | money | time | count
    start: float
    end: float
    context: str  # the sentence it is in
    is_change: bool  # "на 15 %", "вырос …": a result that must be explained
    explained: bool


@dataclass
class PercentCheck:
    claimed: float
    before: float
    after: float
    relative_change: float
    point_change: float
    verdict: str  # consistent | points_not_percent | mismatch
    message: str


@dataclass
class NumbersSection:
    claims: list[NumberClaim] = field(default_factory=list)
    unexplained: list[NumberClaim] = field(default_factory=list)
    percent_checks: list[PercentCheck] = field(default_factory=list)
    measurable_result: bool = False


@dataclass
class _Number:
    value: float
    first: int  # word indexes in the unit
    last: int


def find_numbers(units: list[Unit], results: list[Unit]) -> NumbersSection:
    """Claims in all units; ``results`` are the parts of the answer labelled result, whose figures are the ones to
    explain first (the setting's "упала на 15 %" is asked about after the outcome's "выросла на 22 %")."""
    section = NumbersSection()
    for index, unit in enumerate(units):
        tokens = unit.tokens
        numbers = _numbers_in(unit)
        for k, number in enumerate(numbers):
            kind = _kind(unit, number)
            if kind == "count" and k + 1 < len(numbers) and "до" in tokens[number.last + 1:numbers[k + 1].first]:
                kind = _kind(unit, numbers[k + 1])  # "с 20 до 85 %": both are percent
            nearby = tokens[max(0, number.first - 4): number.last + 4]
            # "на 15 %", "на 2 миллиона" claim a change; "сеть на тридцать точек", "на два платежа" do not
            is_change = (number.first > 0 and tokens[number.first - 1] == "на" and kind in ("percent", "money")) \
                or any(_CHANGE.match(t) for t in nearby)
            # the method may follow in the next sentences: «Расчет проводился путем…»
            following = " ".join(" ".join(u.tokens) for u in units[index:index + 3])
            explained = any(m in following for m in _METHOD)
            claim = NumberClaim(
                text=_said(unit, number),
                display=_display(number.value, kind),
                value=number.value, kind=kind, start=unit.words[number.first].start,
                end=unit.words[number.last].end, context=unit.text, is_change=is_change and kind != "time",
                explained=explained)
            section.claims.append(claim)
            if claim.is_change and not claim.explained:
                section.unexplained.append(claim)
    def in_result(claim: NumberClaim) -> bool:
        return any(r.start <= claim.start <= r.end for r in results)

    section.unexplained.sort(key=lambda claim: not in_result(claim))
    section.measurable_result = any(in_result(c) for c in section.claims) or any(
        _CHANGE.match(t) for r in results for t in r.tokens)
    section.percent_checks = _check_percentages(units)
    return section


def _numbers_in(unit: Unit) -> list[_Number]:
    """Digits ("85%", "20-ми", "500 000") and number words ("двадцати пяти"), merged into values."""
    out: list[_Number] = []
    tokens = unit.tokens
    i = 0
    while i < len(tokens):
        digits = re.match(r"^(\d+(?:[.,]\d+)?)", tokens[i])
        if digits:
            value, j = float(digits.group(1).replace(",", ".")), i
            while j + 1 < len(tokens) and re.fullmatch(r"\d{3}", tokens[j + 1]):  # "500 000"
                value, j = value * 1000 + float(tokens[j + 1]), j + 1
            if j + 1 < len(tokens) and re.fullmatch(r"-[а-я]{1,3}", unit.words[j + 1].word.strip(",.")):
                j += 1  # "80" "-ти": Whisper splits the case ending off
            if j + 1 < len(tokens) and lemma(tokens[j + 1]) in _MULTIPLIERS:
                value, j = value * _MULTIPLIERS[lemma(tokens[j + 1])], j + 1
            units_word = _NUMBER_WORDS.get(lemma(tokens[j + 1]), 10) if j + 1 < len(tokens) else 10
            if value % 10 == 0 and units_word < 10:  # "80-ти пяти" = 85
                value, j = value + units_word, j + 1
            out.append(_Number(value, i, j))
            i = j + 1
            continue
        if lemma(tokens[i]) in _NUMBER_WORDS and not _is_pronoun_one(tokens, i):
            total, j = 0.0, i
            while j < len(tokens) and (lemma(tokens[j]) in _NUMBER_WORDS or lemma(tokens[j]) in _MULTIPLIERS):
                word = lemma(tokens[j])
                total = max(total, 1) * _MULTIPLIERS[word] if word in _MULTIPLIERS else total + _NUMBER_WORDS[word]
                j += 1
            out.append(_Number(total, i, j - 1))
            i = j
            continue
        i += 1
    return out


def _said(unit: Unit, number: _Number) -> str:
    """The figure as the transcript wrote it, with its "%" or "процентов" ("22 %", "восемнадцать процентов")."""
    after = unit.words[number.last + 1].word.strip(" ,.").lower() if number.last + 1 < len(unit.words) else ""
    last = number.last + 1 if after == "%" or after.startswith("процент") else number.last
    return " ".join(w.word.strip() for w in unit.words[number.first:last + 1]).strip(",.")


def _display(value: float, kind: str) -> str:
    figure = _figure(value)
    return f"{figure} %" if kind == "percent" else f"{figure} руб." if kind == "money" else figure


def _is_pronoun_one(tokens: list[str], i: int) -> bool:
    """"один из клиентов", "одна компания": "one" as an article, not a figure."""
    return lemma(tokens[i]) == "один"


def _kind(unit: Unit, number: _Number) -> str:
    raw = unit.words[number.last].word
    after = " ".join(unit.tokens[number.last + 1: number.last + 3])
    if "%" in raw or after.startswith(("процент", "п.п", "пункт")):
        return "percent"
    if re.match(r"^(руб|рубл|тыс|млн|₽|\$|долл|евро)", after) or "₽" in raw or "$" in raw:
        return "money"
    if re.match(r"^(минут|мин|час|секунд|сек|дн|день|дня|недел|месяц|квартал|год|лет)", after):
        return "time"
    return "count"


def _check_percentages(units: list[Unit]) -> list[PercentCheck]:
    """Compare a claimed "на Z %" with before/after values said in the same answer."""
    claimed, befores, afters = [], [], []
    for unit in units:
        tokens = unit.tokens
        for number in _numbers_in(unit):
            if _kind(unit, number) != "percent":
                continue
            previous = tokens[number.first - 1] if number.first > 0 else ""
            window = set(tokens[max(0, number.first - 4): number.first])
            if previous == "на":
                claimed.append(number.value)
            elif previous in _AFTER or window & {"достиг", "достигла", "стало", "после"}:
                afters.append(number.value)
            elif previous in _BEFORE or window & {"изначально", "было", "уровне"}:
                befores.append(number.value)
    checks = []
    for value in claimed:
        if not befores or not afters or befores[0] == 0:
            continue
        before, after = befores[0], afters[0]
        relative = (after - before) / before * 100
        points = after - before
        was, now, said, gap = _figure(before), _figure(after), _figure(value), _figure(abs(points))
        if abs(abs(relative) - value) <= 1.0:
            verdict, message = "consistent", f"С {was} % до {now} % — это {abs(relative):.0f} %: верно."
        elif abs(abs(points) - value) <= 0.5:
            verdict = "points_not_percent"
            message = (f"С {was} % до {now} % — это {_points(abs(points))}, "
                       f"а в процентах рост {abs(relative):.0f} %. Говорите «на {gap} п. п.» "
                       f"или «на {abs(relative):.0f} %».")
        else:
            verdict = "mismatch"
            message = (f"Вы сказали «на {said} %», но с {was} до {now} — это {abs(relative):.0f} % "
                       f"({gap} п. п.). Проверьте расчёт.")
        checks.append(PercentCheck(value, before, after, round(relative, 1), round(points, 1), verdict, message))
    return checks


def _figure(value: float) -> str:
    """``12.5`` -> ``"12,5"``, ``15.0`` -> ``"15"``: a figure as the candidate said it, with a decimal comma."""
    return f"{value:g}".replace(".", ",")


def _points(value: float) -> str:
    """``5`` -> ``"5 процентных пунктов"``, ``2.5`` -> ``"2,5 процентного пункта"``: agreed with its number."""
    if value != int(value):
        return f"{_figure(value)} процентного пункта"
    return plural(int(value), "процентный пункт", "процентных пункта", "процентных пунктов")
